/** Orders as the screens see them, and the look-ups they need. */
import { AppError, type FieldError, type LineView, type OrderView } from '../../../src-shared/contract/index.js';
import { computeInvoiceTotals } from '../../../src-shared/invoice/totals.js';
import type { OpenBooks } from '../../store/database.js';
import type { OrderDoc } from '../../store/schemas/books.js';
import { totalsInputOf } from '../rules.js';

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

/** The names of the customers with these ids, looked up at once. */
export async function customerNames(books: OpenBooks, ids: string[]): Promise<(id: string) => string> {
  const map = await books.db.customers.findByIds([...new Set(ids)]).exec();
  return (id: string) => map.get(id)?.name ?? '';
}

export async function loadOrder(books: OpenBooks, id: string) {
  const doc = await books.db.orders.findOne(id).exec();
  if (!doc) throw new AppError('NOT_FOUND', `Order ${id} not found`);
  return doc;
}

export async function orderView(books: OpenBooks, doc: OrderDoc): Promise<OrderView> {
  return toOrderView(doc, (await customerNames(books, [doc.customerId]))(doc.customerId));
}
