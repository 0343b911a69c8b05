/**
 * Lookups over the books' lists for the DATEV bookings: payments by id and date, each payment's
 * allocations, invoices by id. Made once per list and kept while the list is the same object.
 */
import type { ReportAllocation, ReportInvoice, ReportPayment } from '../../reports/index.js';

/**
 * Indexes of a list, made once per list: the report data hands out the same frozen list until the
 * books change, so that an export of a month does not walk every payment and allocation again.
 */
const indexes = new WeakMap<object, unknown>();
function indexOf<L extends object, T>(list: L, make: (list: L) => T): T {
  if (indexes.has(list)) return indexes.get(list) as T;
  const made = make(list);
  indexes.set(list, made);
  return made;
}

export type PaymentIndex = { byId: Map<string, ReportPayment>; byDate: { payment: ReportPayment; at: number }[] };
export const paymentIndex = (payments: readonly ReportPayment[]): PaymentIndex =>
  indexOf(payments, (list) => ({
    byId: new Map(list.map((p) => [p.id, p])),
    byDate: list.map((payment, at) => ({ payment, at })).sort((a, b) => (a.payment.date < b.payment.date ? -1 : a.payment.date > b.payment.date ? 1 : a.at - b.at)),
  }));

/** The payments dated from..to, in the order of the list. */
export function paymentsBetween(payments: readonly ReportPayment[], from: string, to: string): ReportPayment[] {
  const { byDate } = paymentIndex(payments);
  let lo = 0;
  let hi = byDate.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byDate[mid]!.payment.date < from) lo = mid + 1;
    else hi = mid;
  }
  const found: { payment: ReportPayment; at: number }[] = [];
  for (let i = lo; i < byDate.length && byDate[i]!.payment.date <= to; i++) found.push(byDate[i]!);
  return found.sort((a, b) => a.at - b.at).map((f) => f.payment);
}

/** Each payment's allocations that are no reversal (in the order of the list), and the ids reversed. */
export const allocationIndex = (allocations: readonly ReportAllocation[]) =>
  indexOf(allocations, (list) => {
    const byPayment = new Map<string, ReportAllocation[]>();
    const reversed = new Set<string>();
    for (const a of list) {
      if (a.reversesId) {
        reversed.add(a.reversesId);
        continue;
      }
      const own = byPayment.get(a.paymentId);
      if (own) own.push(a);
      else byPayment.set(a.paymentId, [a]);
    }
    return { byPayment, reversed };
  });

export const invoiceIndex = (invoices: readonly ReportInvoice[]) => indexOf(invoices, (list) => new Map(list.map((d) => [d.id, d])));
