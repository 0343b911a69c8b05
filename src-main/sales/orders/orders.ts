import { newId } from '../../ids.js';
import { AppError, type OrderSummary } from '../../../src-shared/contract/index.js';
import { participantsOf, withParticipant } from '../../../src-shared/approval/four-eyes.js';
import { allowancesPerRate } from '../../../src-shared/invoice/document.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { OrderDoc } from '../../store/schemas/books.js';
import { loadSeller } from '../company.js';
import type { In, Out, SalesContext } from '../context.js';
import { customerOf } from '../customers/customers.js';
import { orderMayMove } from '../lifecycle.js';
import { assertNotNegative, buildLines, priceLists, storedLines } from '../lines.js';
import { pageOf, searchRegex } from '../paging.js';
import { documentNumber, seriesPrefix, vatCaseOf } from '../rules.js';
import { customerNames, loadOrder, orderView, toOrderView } from './views.js';

/** Order numbers `AB-2026-A-000001`, per device like invoice numbers. */
export async function nextOrderNumber({ core: { books }, orderNumbers }: SalesContext, date: string) {
  const seller = await loadSeller(books);
  const prefix = seriesPrefix('AB', Number(date.slice(0, 4)), seller.seriesLetter);
  const counter = await orderNumbers.next(prefix);
  return { number: documentNumber('AB', Number(date.slice(0, 4)), seller.seriesLetter, counter), prefix, counter };
}

export async function listOrders({ core: { books } }: SalesContext, input: In<'orders.list'>): Out<'orders.list'> {
  const selector: Record<string, unknown> = {};
  if (input.status) selector.status = input.status;
  if (input.customerId) selector.customerId = input.customerId;
  if (input.search) selector.number = { $regex: searchRegex(input.search), $options: 'i' };
  const page = await pageOf(books.db.orders, selector, [{ orderDate: 'desc' }, { id: 'desc' }], input, (d) => d.toMutableJSON());
  const nameOf = await customerNames(books, page.items.map((o) => o.customerId));
  return {
    ...page,
    items: page.items.map((o): OrderSummary => {
      const v = toOrderView(o, nameOf(o.customerId));
      return { id: v.id, number: v.number, customerId: v.customerId, customerName: v.customerName, status: v.status, orderDate: v.orderDate, currency: v.currency, netAmount: v.totals.taxExclusive, grossAmount: v.totals.taxInclusive, ...(v.problems ? { problems: v.problems } : {}) };
    }),
  };
}

export async function getOrder({ core: { books } }: SalesContext, { id }: In<'orders.get'>): Out<'orders.get'> {
  return orderView(books, (await loadOrder(books, id)).toMutableJSON());
}

/** Saves a draft order (a new one is refused for a customer whose deliveries are blocked). */
export async function saveOrder(sales: SalesContext, input: In<'orders.save'>, { session }: HandlerContext): Out<'orders.save'> {
  const { core: { books, writes, clock }, ports, orderNumbers } = sales;
  const userId = session.user!.id;
  const existing = input.id ? await loadOrder(books, input.id) : null;
  if (existing && !orderMayMove(existing.status, 'edit')) throw new AppError('ORDER_NOT_EDITABLE', `Order ${existing.number} is ${existing.status}`);
  const customer = await customerOf(books, input.customerId);
  if (!existing) await ports.risk.assertNotBlocked(customer.id);
  const seller = await loadSeller(books);
  const vatCase = vatCaseOf(customer, seller.smallBusiness);
  const lines = await buildLines(books, input.lines, { customer, vatCase, date: input.orderDate, lists: await priceLists(books) });
  const now = clock().toISOString();
  const numbering = existing ? null : await nextOrderNumber(sales, input.orderDate);
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
    books.db.orders.upsert(doc),
  );
  if (numbering) orderNumbers.confirm(numbering.prefix, numbering.counter);
  return result;
}
