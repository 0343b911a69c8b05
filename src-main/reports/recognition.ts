/**
 * When a sale counts, Soll or Ist, as dated shares of documents. The revenue report and the VAT
 * summary both read these, so the two never disagree on a date or an amount.
 *
 * Soll (vereinbarte Entgelte, § 16 UStG): an invoice counts whole on its issue date, a credit
 * note against it on its own issue date. Skonto and write-offs lower what was agreed
 * (Erlösschmälerung, § 17 UStG) on the date of the payment that took them, in proportion to the
 * invoice's figures after its credit notes.
 * Ist (vereinnahmte Entgelte, § 20 UStG): an invoice counts on the date of each payment allocated
 * to it, in the proportion that payment bears to what the invoice asks for after its credit notes
 * (gross); a refund of an overpayment (a negative allocation) takes its part back. Skonto and
 * write-offs were never received, so they never count; credit notes count through what they take
 * off the invoice. Once an invoice is settled, Soll and Ist have counted the same in total.
 *
 * The parts of one document are rounded cumulatively, so that they add up to its figures exactly.
 */
import { standing } from '../payments/ledger/open-items.js';
import type { Taxation } from '../../src-shared/contract/index.js';
import type { ReportAllocation, ReportInvoice } from './data.js';

export type ShareKind = 'invoice' | 'creditNote' | 'payment' | 'skonto' | 'writeOff';

/** A part of a document's figures counted on a date: sign × (after − before) / whole of them. */
export type Share = {
  date: string;
  kind: ShareKind;
  doc: ReportInvoice;
  paymentId: string;
  /** `own`: the document's own figures; `net`: the invoice's figures less its credit notes'. */
  figures: 'own' | 'net';
  sign: 1 | -1;
  before: number;
  after: number;
  whole: number;
};

/** x × num / den rounded half away from zero, exact for any cents. */
export function scaled(x: number, num: number, den: number): number {
  if (x === 0 || num === 0) return 0;
  if (num === den) return x;
  const n = x * num;
  const sign = n < 0 !== den < 0 ? -1 : 1;
  if (Number.isSafeInteger(n) && Number.isSafeInteger(den)) {
    const a = Math.abs(n);
    const d = Math.abs(den);
    let q = Math.floor(a / d);
    let r = a - q * d;
    if (r < 0) (q -= 1), (r += d);
    else if (r >= d) (q += 1), (r -= d);
    return sign * (2 * r >= d ? q + 1 : q);
  }
  const a = BigInt(Math.abs(x)) * BigInt(Math.abs(num));
  const d = BigInt(Math.abs(den));
  const q = a / d;
  return sign * Number(2n * (a - q * d) >= d ? q + 1n : q);
}

/** The part of one figure (a taxable amount, a tax, a line's net) that a share counts. */
export function partOf(x: number, s: Share): number {
  return s.sign * (scaled(x, s.after, s.whole) - scaled(x, s.before, s.whole));
}

export const grossOf = (doc: Pick<ReportInvoice, 'taxExclusive' | 'vatTotal'>) => doc.taxExclusive + doc.vatTotal;

/** The issued credit notes of each invoice. */
export function creditNotesByInvoice(docs: readonly ReportInvoice[]): Map<string, ReportInvoice[]> {
  const map = new Map<string, ReportInvoice[]>();
  for (const d of docs) {
    if (d.documentType !== 'creditNote' || !d.correctsInvoiceId) continue;
    const list = map.get(d.correctsInvoiceId);
    if (list) list.push(d);
    else map.set(d.correctsInvoiceId, [d]);
  }
  return map;
}

/** Payments in the order they were made (then booked), so that cumulative rounding is the same on every run. */
const byPaymentMoment = (a: ReportAllocation, b: ReportAllocation) =>
  a.paymentDate < b.paymentDate ? -1 : a.paymentDate > b.paymentDate ? 1 : a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1;

/**
 * Every share of the documents (invoices and credit notes in `currency`) under Soll or Ist,
 * undated by range: the caller keeps the ones of its period.
 */
export function sharesOf(docs: readonly ReportInvoice[], allocations: readonly ReportAllocation[], basis: Taxation): Share[] {
  const shares: Share[] = [];
  const notes = creditNotesByInvoice(docs);
  const invoices = new Map<string, { doc: ReportInvoice; figures: 'own' | 'net'; whole: number; paid: number; reduced: number }>();
  for (const doc of docs) {
    if (doc.documentType === 'creditNote') {
      if (basis === 'soll') shares.push({ date: doc.issueDate, kind: 'creditNote', doc, paymentId: '', figures: 'own', sign: -1, before: 0, after: 1, whole: 1 });
      continue;
    }
    if (basis === 'soll') shares.push({ date: doc.issueDate, kind: 'invoice', doc, paymentId: '', figures: 'own', sign: 1, before: 0, after: 1, whole: 1 });
    let credited = 0;
    for (const n of notes.get(doc.id) ?? []) credited += grossOf(n);
    const left = grossOf(doc) - credited;
    // Wholly credited: what was paid and refunded is shared against the invoice's own figures.
    invoices.set(doc.id, left > 0 ? { doc, figures: 'net', whole: left, paid: 0, reduced: 0 } : { doc, figures: 'own', whole: grossOf(doc), paid: 0, reduced: 0 });
  }
  for (const a of [...standing(allocations)].sort(byPaymentMoment)) {
    const inv = invoices.get(a.invoiceId);
    if (!inv || inv.whole <= 0) continue;
    const base = { date: a.paymentDate, doc: inv.doc, paymentId: a.paymentId, figures: inv.figures, whole: inv.whole };
    if (basis === 'ist') {
      if (a.amount !== 0) shares.push({ ...base, kind: 'payment', sign: 1, before: inv.paid, after: (inv.paid += a.amount) });
      continue;
    }
    if (a.skonto !== 0) shares.push({ ...base, kind: 'skonto', sign: -1, before: inv.reduced, after: (inv.reduced += a.skonto) });
    if (a.writeOff !== 0) shares.push({ ...base, kind: 'writeOff', sign: -1, before: inv.reduced, after: (inv.reduced += a.writeOff) });
  }
  return shares;
}

/**
 * The figures a share applies to, keyed (a VAT group, a product), for `own` and `net`: the
 * invoice's less its credit notes'. `figuresOf` gives a document's own figures.
 */
export function figuresFor<K>(
  figuresOf: (doc: ReportInvoice) => Map<K, number>,
  notes: ReadonlyMap<string, readonly ReportInvoice[]>,
): (s: Share) => Map<K, number> {
  const own = new Map<string, Map<K, number>>();
  const net = new Map<string, Map<K, number>>();
  const ownOf = (doc: ReportInvoice) => {
    let f = own.get(doc.id);
    if (!f) own.set(doc.id, (f = figuresOf(doc)));
    return f;
  };
  return (s) => {
    if (s.figures === 'own') return ownOf(s.doc);
    let f = net.get(s.doc.id);
    if (!f) {
      f = new Map(ownOf(s.doc));
      for (const n of notes.get(s.doc.id) ?? []) for (const [k, v] of ownOf(n)) f.set(k, (f.get(k) ?? 0) - v);
      net.set(s.doc.id, f);
    }
    return f;
  };
}
