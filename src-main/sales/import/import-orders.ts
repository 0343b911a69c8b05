import { newId } from '../../ids.js';
import { AppError } from '../../../src-shared/contract/index.js';
import { dec } from '../../../src-shared/money/decimal.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { CustomerDoc, OrderDoc } from '../../store/schemas/books.js';
import { loadSeller } from '../company.js';
import type { In, Out, SalesContext } from '../context.js';
import { buildLines, priceLists, storedLines } from '../lines.js';
import { COUNTED_UNITS, documentNumber, seriesPrefix, vatCaseOf } from '../rules.js';
import { parseOrdersCsv } from './orders-csv.js';

/**
 * Imports the orders of a CSV file as drafts, priced like orders typed in; every problem of the
 * file is named with its line and column, and then nothing is imported.
 */
export async function importOrders({ core: { books, writes, clock }, orderNumbers }: SalesContext, input: In<'orders.importCsv'>, { session }: HandlerContext): Out<'orders.importCsv'> {
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
    const existing = await books.db.orders.findOne({ selector: { customerReference: order.number } }).exec();
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
    const counter = last?.prefix === prefix ? last.counter + 1 : await orderNumbers.next(prefix);
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
    const result = await books.db.orders.bulkInsert(docs);
    if (result.error.length) throw new AppError('IMPORT_FAILED', 'Writing the imported orders failed; nothing was imported', { errors: result.error.length });
  });
  if (last) orderNumbers.confirm(last.prefix, last.counter);
  return { imported: docs.length, orderIds: docs.map((d) => d.id) };
}
