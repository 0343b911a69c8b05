import { AppError, type FieldError, type LineView } from '../../../src-shared/contract/index.js';
import { dec } from '../../../src-shared/money/decimal.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { OpenBooks } from '../../store/database.js';
import type { OrderDoc } from '../../store/schemas/books.js';
import type { FactDoc } from '../../store/schemas/facts.js';
import { movement, stockOf } from '../catalogue/stock.js';
import type { In, Out, SalesContext } from '../context.js';
import { orderMayMove } from '../lifecycle.js';
import { assertNotNegative } from '../lines.js';
import { quantityProblems } from '../rules.js';
import { loadOrder, orderView, toOrderView } from './views.js';

/** Confirms a draft order: stock of tracked products is reserved, or the shortage is named. */
export async function confirmOrder(sales: SalesContext, { id }: In<'orders.confirm'>, { session }: HandlerContext): Out<'orders.confirm'> {
  const { core: { books, writes, clock, bus }, ports } = sales;
  const userId = session.user!.id;
  const order = await loadOrder(books, id);
  if (!orderMayMove(order.status, 'confirm')) throw new AppError('INVALID_STATE', `Order ${order.number} is ${order.status}`, { status: order.status });
  await ports.risk.assertNotBlocked(order.customerId);
  const data = order.toMutableJSON();
  // A draft saved before quantities had to be positive is not confirmed: it would reserve a negative amount.
  const badQuantities = quantityProblems((data.lines ?? []) as LineView[]);
  if (badQuantities.length) throw new AppError('VALIDATION_FAILED', `Order ${order.number}: ${badQuantities.map((p) => p.field).join(', ')} must be greater than 0`, { fields: badQuantities });
  // Nor one saved before its amounts were bounded, or that comes to less than zero.
  const current = toOrderView(data, '');
  if (current.problems) throw new AppError('VALIDATION_FAILED', `Order ${order.number}: ${current.problems.map((p) => p.field).join(', ')}`, { fields: current.problems });
  assertNotNegative(data, current.totals, `Order ${order.number}`);
  const tracked = await trackedProducts(books, data);
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
  const facts = reservationsFor(sales, data, 'reservation', userId, new Set(tracked.map((p) => p.id)));
  const updated = await writes.write(userId, { collection: 'orders', action: 'order.confirmed', entity: 'order', entityId: id, before: { status: 'draft' }, after: { status: 'confirmed', reserved: facts.length } }, async () => {
    if (facts.length) await books.db.facts.bulkInsert(facts);
    return order.incrementalPatch({ status: 'confirmed', updatedAt: clock().toISOString(), updatedBy: userId });
  });
  bus.publish('order.confirmed', { orderId: id, userId });
  return orderView(books, updated.toMutableJSON());
}

/** Cancels a draft or confirmed order with a reason: reserved stock is released, a waiting confirmation cancelled. */
export async function cancelOrder(sales: SalesContext, { id, reason }: In<'orders.cancel'>, { session }: HandlerContext): Out<'orders.cancel'> {
  const { core: { books, writes, clock }, ports } = sales;
  const userId = session.user!.id;
  const order = await loadOrder(books, id);
  if (!orderMayMove(order.status, 'cancel')) throw new AppError('INVALID_STATE', `Order ${order.number} is ${order.status}`, { status: order.status });
  const data = order.toMutableJSON();
  const facts = order.status === 'confirmed' ? reservationsFor(sales, data, 'reservationRelease', userId, new Set((await trackedProducts(books, data)).map((p) => p.id))) : [];
  // The order's confirmation, if it still waits in the outbox, is cancelled in the same write.
  const updated = await ports.orderMail.holdingOutbox(async () => {
    const mails = await ports.orderMail.cancellation(id, userId);
    const change = { collection: 'orders', action: 'order.cancelled', entity: 'order', entityId: id, before: { status: order.status }, after: { status: 'cancelled', reason } };
    return writes.write(userId, [change, ...mails.changes], async () => {
      if (facts.length) await books.db.facts.bulkInsert(facts);
      await mails.apply();
      return order.incrementalPatch({ status: 'cancelled', cancelReason: reason, updatedAt: clock().toISOString(), updatedBy: userId });
    });
  });
  return orderView(books, updated.toMutableJSON());
}

/** The stock facts that reserve (or release) an order's tracked products. */
function reservationsFor({ core: { books, clock } }: SalesContext, order: OrderDoc, reason: 'reservation' | 'reservationRelease', userId: string, tracked: Set<string>): FactDoc[] {
  return ((order.lines ?? []) as LineView[])
    .filter((l) => l.productId && tracked.has(l.productId))
    .map((l) =>
      movement(books, clock(), userId, {
        productId: l.productId,
        quantity: reason === 'reservation' ? l.quantity : dec(l.quantity).negated().toString(),
        reason,
        orderId: order.id,
      }),
    );
}

async function trackedProducts(books: OpenBooks, order: OrderDoc) {
  const ids = [...new Set(((order.lines ?? []) as LineView[]).map((l) => l.productId).filter(Boolean))];
  const docs = await books.db.products.findByIds(ids).exec();
  return [...docs.values()].filter((p) => p.stockTracked).map((p) => p.toMutableJSON());
}
