import { newId } from '../ids.js';
import { AppError, type FieldError, type LineView, type OrderSummary, type OrderView } from '../../src-shared/contract/index.js';
import { participantsOf, withParticipant } from '../../src-shared/approval/four-eyes.js';
import { computeInvoiceTotals } from '../../src-shared/invoice/totals.js';
import { allowancesPerRate } from '../../src-shared/invoice/document.js';
import { dec } from '../../src-shared/money/decimal.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';
import type { CustomerDoc, OrderDoc } from '../store/schemas/books.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { loadSeller } from './company.js';
import { parseOrdersCsv } from './import/orders-csv.js';
import { assertNotNegative, buildLines, priceLists, storedLines } from './lines.js';
import type { DocumentNumbers } from './numbering.js';
import { pageOf, searchRegex } from './paging.js';
import { COUNTED_UNITS, quantityProblems, seriesPrefix, totalsInputOf, vatCaseOf, documentNumber } from './rules.js';
import { movement, stockOf } from './stock.js';

/**
 * An order's totals; an order stored before today's bounds (or written by hand) whose amounts the
 * books cannot total is shown with zero totals and its problems, so it never hides the others.
 */
function orderTotals(doc: OrderDoc, lines: LineView[], allowancesCharges: OrderView['allowancesCharges']): { totals: OrderView['totals']; problems?: FieldError[] } {
  try {
    return { totals: computeInvoiceTotals(totalsInputOf({ currency: doc.currency, lines, allowancesCharges })) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    const problems = (error.details?.fields as FieldError[] | undefined) ?? [{ field: 'lines', problem: 'validation.outOfRange' }];
    return { totals: computeInvoiceTotals({ currency: doc.currency, lines: [] }), problems };
  }
}

export function toOrderView(doc: OrderDoc, customerName: string): OrderView {
  const lines = (doc.lines ?? []) as LineView[];
  const allowancesCharges = (doc.allowancesCharges ?? []) as OrderView['allowancesCharges'];
  const { totals, problems } = orderTotals(doc, lines, allowancesCharges);
  return {
    id: doc.id,
    number: doc.number,
    customerId: doc.customerId,
    customerName,
    status: doc.status,
    orderDate: doc.orderDate,
    currency: doc.currency,
    customerReference: doc.customerReference ?? '',
    note: doc.note ?? '',
    lines,
    allowancesCharges,
    totals,
    updatedAt: doc.updatedAt,
    cancelReason: doc.cancelReason ?? '',
    ...(problems ? { problems } : {}),
  };
}

type OrderHandlers = Pick<HandlerImpls, 'orders.list' | 'orders.get' | 'orders.save' | 'orders.confirm' | 'orders.cancel' | 'orders.importCsv'>;

export function orderHandlers(services: Services, numbers: DocumentNumbers): OrderHandlers {
  const { books, writes, clock } = services;
  const orders = books.db.orders;

  const customerOf = async (id: string, field = 'customerId'): Promise<CustomerDoc> => {
    const doc = await books.db.customers.findOne(id).exec();
    if (!doc) throw new AppError('VALIDATION_FAILED', 'Unknown customer', { fields: [{ field, problem: 'validation.unknownCustomer' }] });
    return doc.toMutableJSON();
  };
  const names = async (ids: string[]) => {
    const map = await books.db.customers.findByIds([...new Set(ids)]).exec();
    return (id: string) => map.get(id)?.name ?? '';
  };
  const load = async (id: string) => {
    const doc = await orders.findOne(id).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Order ${id} not found`);
    return doc;
  };
  const view = async (doc: OrderDoc) => toOrderView(doc, (await names([doc.customerId]))(doc.customerId));

  /** Order numbers `AB-2026-A-000001`, per device like invoice numbers. */
  const nextOrderNumber = async (date: string) => {
    const seller = await loadSeller(books);
    const prefix = seriesPrefix('AB', Number(date.slice(0, 4)), seller.seriesLetter);
    const counter = await numbers.next(prefix);
    return { number: documentNumber('AB', Number(date.slice(0, 4)), seller.seriesLetter, counter), prefix, counter };
  };

  const reservationsFor = (order: OrderDoc, reason: 'reservation' | 'reservationRelease', userId: string, tracked: Set<string>): FactDoc[] =>
    ((order.lines ?? []) as LineView[])
      .filter((l) => l.productId && tracked.has(l.productId))
      .map((l) =>
        movement(books, clock(), userId, {
          productId: l.productId,
          quantity: reason === 'reservation' ? l.quantity : dec(l.quantity).negated().toString(),
          reason,
          orderId: order.id,
        }),
      );

  const trackedProducts = async (order: OrderDoc) => {
    const ids = [...new Set(((order.lines ?? []) as LineView[]).map((l) => l.productId).filter(Boolean))];
    const docs = await books.db.products.findByIds(ids).exec();
    return [...docs.values()].filter((p) => p.stockTracked).map((p) => p.toMutableJSON());
  };

  return {
    'orders.list': async (input) => {
      const selector: Record<string, unknown> = {};
      if (input.status) selector.status = input.status;
      if (input.customerId) selector.customerId = input.customerId;
      if (input.search) selector.number = { $regex: searchRegex(input.search), $options: 'i' };
      const page = await pageOf(orders, selector, [{ orderDate: 'desc' }, { id: 'desc' }], input, (d) => d.toMutableJSON());
      const nameOf = await names(page.items.map((o) => o.customerId));
      return {
        ...page,
        items: page.items.map((o): OrderSummary => {
          const v = toOrderView(o, nameOf(o.customerId));
          return { id: v.id, number: v.number, customerId: v.customerId, customerName: v.customerName, status: v.status, orderDate: v.orderDate, currency: v.currency, netAmount: v.totals.taxExclusive, grossAmount: v.totals.taxInclusive, ...(v.problems ? { problems: v.problems } : {}) };
        }),
      };
    },

    'orders.get': async ({ id }) => view((await load(id)).toMutableJSON()),

    'orders.save': async (input, { session }) => {
      const userId = session.user!.id;
      const existing = input.id ? await load(input.id) : null;
      if (existing && existing.status !== 'draft') throw new AppError('ORDER_NOT_EDITABLE', `Order ${existing.number} is ${existing.status}`);
      const customer = await customerOf(input.customerId);
      if (!existing) await services.reminders.assertNotBlocked(customer.id);
      const seller = await loadSeller(books);
      const vatCase = vatCaseOf(customer, seller.smallBusiness);
      const lines = await buildLines(books, input.lines, { customer, vatCase, date: input.orderDate, lists: await priceLists(books) });
      const now = clock().toISOString();
      const numbering = existing ? null : await nextOrderNumber(input.orderDate);
      const doc: OrderDoc = {
        id: existing?.id ?? newId(),
        number: existing?.number ?? numbering!.number,
        customerId: customer.id,
        status: 'draft',
        orderDate: input.orderDate,
        currency: seller.currency,
        lines: storedLines(lines),
        allowancesCharges: allowancesPerRate(lines, input.allowancesCharges).map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== '' && v !== undefined))) as never[],
        ...(input.customerReference ? { customerReference: input.customerReference } : {}),
        ...(input.note ? { note: input.note } : {}),
        editedBy: withParticipant(existing ? [...participantsOf(existing.toMutableJSON())] : [], userId),
        createdAt: existing?.createdAt ?? now,
        createdBy: existing?.createdBy ?? userId,
        updatedAt: now,
        updatedBy: userId,
      };
      const result = toOrderView(doc, customer.name);
      if (result.problems) throw new AppError('VALIDATION_FAILED', `Order ${doc.number}: ${result.problems.map((p) => p.field).join(', ')}`, { fields: result.problems });
      assertNotNegative(doc, result.totals, `Order ${doc.number}`);
      await writes.write(userId, { collection: 'orders', action: existing ? 'order.updated' : 'order.created', entity: 'order', entityId: doc.id, before: existing?.toMutableJSON(), after: { number: doc.number, lines: lines.length, net: result.totals.taxExclusive } }, () =>
        orders.upsert(doc),
      );
      if (numbering) numbers.confirm(numbering.prefix, numbering.counter);
      return result;
    },

    'orders.confirm': async ({ id }, { session }) => {
      const userId = session.user!.id;
      const order = await load(id);
      if (order.status !== 'draft') throw new AppError('INVALID_STATE', `Order ${order.number} is ${order.status}`, { status: order.status });
      await services.reminders.assertNotBlocked(order.customerId);
      const data = order.toMutableJSON();
      // A draft saved before quantities had to be positive is not confirmed: it would reserve a negative amount.
      const badQuantities = quantityProblems((data.lines ?? []) as LineView[]);
      if (badQuantities.length) throw new AppError('VALIDATION_FAILED', `Order ${order.number}: ${badQuantities.map((p) => p.field).join(', ')} must be greater than 0`, { fields: badQuantities });
      // Nor one saved before its amounts were bounded, or that comes to less than zero.
      const current = toOrderView(data, '');
      if (current.problems) throw new AppError('VALIDATION_FAILED', `Order ${order.number}: ${current.problems.map((p) => p.field).join(', ')}`, { fields: current.problems });
      assertNotNegative(data, current.totals, `Order ${order.number}`);
      const tracked = await trackedProducts(data);
      const shortages: FieldError[] = [];
      const details: Record<string, unknown>[] = [];
      for (const product of tracked) {
        const wanted = ((data.lines ?? []) as LineView[]).filter((l) => l.productId === product.id).reduce((s, l) => s.plus(l.quantity), dec(0));
        const stock = await stockOf(books, product.id);
        if (!product.allowBackorder && dec(stock.available).lessThan(wanted)) {
          shortages.push({ field: `product.${product.sku}`, problem: 'validation.insufficientStock' });
          details.push({ productId: product.id, sku: product.sku, available: stock.available, requested: wanted.toString() });
        }
      }
      if (shortages.length) {
        throw new AppError('INSUFFICIENT_STOCK', details.map((d) => `${String(d.sku)}: ${String(d.available)} available, ${String(d.requested)} ordered`).join('; '), { fields: shortages, products: details });
      }
      const facts = reservationsFor(data, 'reservation', userId, new Set(tracked.map((p) => p.id)));
      const updated = await writes.write(userId, { collection: 'orders', action: 'order.confirmed', entity: 'order', entityId: id, before: { status: 'draft' }, after: { status: 'confirmed', reserved: facts.length } }, async () => {
        if (facts.length) await books.db.facts.bulkInsert(facts);
        return order.incrementalPatch({ status: 'confirmed', updatedAt: clock().toISOString(), updatedBy: userId });
      });
      for (const listener of services.hooks.orderConfirmed) listener(id, userId);
      return view(updated.toMutableJSON());
    },

    'orders.cancel': async ({ id, reason }, { session }) => {
      const userId = session.user!.id;
      const order = await load(id);
      if (order.status !== 'draft' && order.status !== 'confirmed') throw new AppError('INVALID_STATE', `Order ${order.number} is ${order.status}`, { status: order.status });
      const data = order.toMutableJSON();
      const facts = order.status === 'confirmed' ? reservationsFor(data, 'reservationRelease', userId, new Set((await trackedProducts(data)).map((p) => p.id))) : [];
      // The order's confirmation, if it still waits in the outbox, is cancelled in the same write.
      const updated = await services.mail.holdingOutbox(async () => {
        const mails = await services.mail.orderMailsCancellation(id, userId);
        const change = { collection: 'orders', action: 'order.cancelled', entity: 'order', entityId: id, before: { status: order.status }, after: { status: 'cancelled', reason } };
        return writes.write(userId, [change, ...mails.changes], async () => {
          if (facts.length) await books.db.facts.bulkInsert(facts);
          await mails.apply();
          return order.incrementalPatch({ status: 'cancelled', cancelReason: reason, updatedAt: clock().toISOString(), updatedBy: userId });
        });
      });
      return view(updated.toMutableJSON());
    },

    'orders.importCsv': async (input, { session }) => {
      const userId = session.user!.id;
      const parsed = parseOrdersCsv(Buffer.from(input.dataBase64, 'base64'));
      if (!parsed.ok) {
        throw new AppError('IMPORT_FAILED', `${input.fileName}: ${parsed.problems.length} problem(s); nothing was imported`, { fileName: input.fileName, problems: parsed.problems });
      }
      const problems: { line: number; field: string; problem: string; value?: string }[] = [];
      const customerByNumber = new Map<string, CustomerDoc>();
      for (const number of new Set(parsed.orders.map((o) => o.customerNumber))) {
        const doc = await books.db.customers.findOne({ selector: { number } }).exec();
        if (doc) customerByNumber.set(number, doc.toMutableJSON());
      }
      const skus = new Set(parsed.orders.flatMap((o) => o.lines.map((l) => l.sku)));
      const productBySku = new Map<string, string>();
      const unitBySku = new Map<string, string>();
      for (const sku of skus) {
        const doc = await books.db.products.findOne({ selector: { sku } }).exec();
        if (doc) productBySku.set(sku, doc.id);
        if (doc) unitBySku.set(sku, doc.unit);
      }
      for (const order of parsed.orders) {
        if (!customerByNumber.has(order.customerNumber)) problems.push({ line: order.firstLine, field: 'customer_number', problem: 'import.unknownCustomer', value: order.customerNumber });
        for (const line of order.lines) if (!productBySku.has(line.sku)) problems.push({ line: line.line, field: 'sku', problem: 'import.unknownProduct', value: line.sku });
        // Counted items (pieces, packages, sets) are sold whole.
        for (const line of order.lines) if (COUNTED_UNITS.has(unitBySku.get(line.sku) ?? '') && !dec(line.quantity).isInteger()) problems.push({ line: line.line, field: 'quantity', problem: 'import.wholeQuantity', value: line.quantity });
        const existing = await orders.findOne({ selector: { customerReference: order.number } }).exec();
        if (existing) problems.push({ line: order.firstLine, field: 'order_number', problem: 'import.alreadyImported', value: order.number });
      }
      if (problems.length) {
        throw new AppError('IMPORT_FAILED', `${input.fileName}: ${problems.length} problem(s); nothing was imported`, { fileName: input.fileName, problems });
      }
      const seller = await loadSeller(books);
      const lists = await priceLists(books);
      const docs: OrderDoc[] = [];
      const now = clock().toISOString();
      let last: { prefix: string; counter: number } | undefined;
      for (const order of parsed.orders) {
        const customer = customerByNumber.get(order.customerNumber)!;
        const lines = await buildLines(
          books,
          order.lines.map((l) => ({ productId: productBySku.get(l.sku)!, description: '', quantity: l.quantity, exemptionReason: '', ...(l.netUnitPrice ? { netUnitPrice: l.netUnitPrice } : {}), ...(l.discountPercent ? { discountPercent: l.discountPercent } : {}) })),
          { customer, vatCase: vatCaseOf(customer, seller.smallBusiness), date: order.orderDate, lists },
        );
        const year = Number(order.orderDate.slice(0, 4));
        const prefix = seriesPrefix('AB', year, seller.seriesLetter);
        const counter = last?.prefix === prefix ? last.counter + 1 : await numbers.next(prefix);
        last = { prefix, counter };
        docs.push({
          id: newId(),
          number: documentNumber('AB', year, seller.seriesLetter, counter),
          customerId: customer.id,
          status: 'draft',
          orderDate: order.orderDate,
          currency: seller.currency,
          lines: storedLines(lines),
          allowancesCharges: [],
          // The file's own order number stays as the customer's reference (and guards against importing twice).
          customerReference: order.number,
          ...(order.note ? { note: order.note } : {}),
          createdAt: now,
          createdBy: userId,
          updatedAt: now,
          updatedBy: userId,
        });
      }
      await writes.write(userId, { collection: 'orders', action: 'orders.imported', entity: 'import', entityId: input.fileName.slice(0, 40), after: { file: input.fileName, orders: docs.length } }, async () => {
        const result = await orders.bulkInsert(docs);
        if (result.error.length) throw new AppError('IMPORT_FAILED', 'Writing the imported orders failed; nothing was imported', { errors: result.error.length });
      });
      if (last) numbers.confirm(last.prefix, last.counter);
      return { imported: docs.length, orderIds: docs.map((d) => d.id) };
    },
  };
}
