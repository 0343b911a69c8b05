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
 * An allocation taken back later (`payments.reverseAllocation`) still counts on its own date, and
 * its reversal counts as the opposite share on the day it was booked (as the open items date it,
 * `bookedOn`): a period already reported never changes, the correction counts when it happens
 * (§ 17 UStG). This holds for Skonto and write-offs (Soll) and for payments (Ist) alike.
 *
 * The parts of one document are rounded cumulatively, so that they add up to its figures exactly.
 */
import type { Taxation } from '../../src-shared/contract/index.js';
import type { ReportAllocation, ReportInvoice } from './data.js';
import { bookedOn } from './receivables.js';

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

/**
 * An allocation counting on a date: `a` is the allocation whose figures count; `undo` marks the
 * reversal of it, dated the day the reversal was booked; `fact` is the fact behind the date.
 */
type Counted = { a: ReportAllocation; date: string; undo: boolean; fact: ReportAllocation };

/** Payments (and reversals) in the order they were made (then booked), so that cumulative rounding is the same on every run. */
const byPaymentMoment = (x: Counted, y: Counted) =>
  x.date < y.date ? -1 : x.date > y.date ? 1 : x.fact.occurredAt < y.fact.occurredAt ? -1 : x.fact.occurredAt > y.fact.occurredAt ? 1 : x.fact.id < y.fact.id ? -1 : 1;

type Sharing = { doc: ReportInvoice; figures: 'own' | 'net'; whole: number };
const FORWARD = ['skonto', 'writeOff'] as const;
const BACKWARD = ['writeOff', 'skonto'] as const;


const issueShare = (doc: ReportInvoice, kind: ShareKind, sign: 1 | -1): Share => ({ date: doc.issueDate, kind, doc, paymentId: '', figures: 'own', sign, before: 0, after: 1, whole: 1 });

const paymentShare = (inv: Sharing, c: Counted, kind: ShareKind, sign: 1 | -1, before: number, after: number): Share => ({
  date: c.date,
  kind,
  doc: inv.doc,
  paymentId: c.a.paymentId,
  figures: inv.figures,
  sign,
  before,
  after,
  whole: inv.whole,
});

/**
 * The shares of the documents (invoices and credit notes of one currency) under Soll or Ist whose
 * dates `keep` accepts (all without it). The parts before are still counted for the rounding.
 */
export function sharesOf(docs: readonly ReportInvoice[], allocations: readonly ReportAllocation[], basis: Taxation, keep: (date: string) => boolean = () => true): Share[] {
  const shares: Share[] = [];
  // Only the allocations that count under this basis: payments (Ist), Skonto and write-offs (Soll);
  // a reversed one on its own date, its reversal (with the figures it takes back) on the day booked.
  const reversedIds = new Set<string>();
  for (const a of allocations) if (a.reversesId) reversedIds.add(a.reversesId);
  const reversedById = new Map<string, ReportAllocation>();
  if (reversedIds.size > 0) for (const a of allocations) if (reversedIds.has(a.id)) reversedById.set(a.id, a);
  const byInvoice = new Map<string, Counted[]>();
  for (const fact of allocations) {
    const a = fact.reversesId ? reversedById.get(fact.reversesId) : fact;
    if (!a || (basis === 'ist' ? a.amount === 0 : a.skonto === 0 && a.writeOff === 0)) continue;
    const c: Counted = fact.reversesId ? { a, date: bookedOn(fact), undo: true, fact } : { a, date: a.paymentDate, undo: false, fact };
    const list = byInvoice.get(a.invoiceId);
    if (list) list.push(c);
    else byInvoice.set(a.invoiceId, [c]);
  }
  const notes = creditNotesByInvoice(docs);
  for (const doc of docs) {
    if (basis === 'soll' && keep(doc.issueDate)) shares.push(issueShare(doc, doc.documentType === 'creditNote' ? 'creditNote' : 'invoice', doc.documentType === 'creditNote' ? -1 : 1));
    const paid = doc.documentType === 'invoice' ? byInvoice.get(doc.id) : undefined;
    if (!paid) continue;
    let credited = 0;
    for (const n of notes.get(doc.id) ?? []) credited += grossOf(n);
    const left = grossOf(doc) - credited;
    // Wholly credited: what was paid and refunded is shared against the invoice's own figures.
    const inv: Sharing = left > 0 ? { doc, figures: 'net', whole: left } : { doc, figures: 'own', whole: grossOf(doc) };
    if (inv.whole <= 0) continue;
    if (paid.length > 1) paid.sort(byPaymentMoment);
    let received = 0;
    let reduced = 0;
    for (const c of paid) {
      const { a } = c;
      const counts = keep(c.date);
      // A reversal moves the tally back by what its allocation moved it forward: the opposite share.
      const by = c.undo ? -1 : 1;
      if (basis === 'ist') {
        if (counts) shares.push(paymentShare(inv, c, 'payment', 1, received, received + by * a.amount));
        received += by * a.amount;
        continue;
      }
      // Taken back in the opposite order (write-off, then Skonto), so that each mirrors its part exactly.
      for (const kind of c.undo ? BACKWARD : FORWARD) {
        const amount = kind === 'skonto' ? a.skonto : a.writeOff;
        if (amount !== 0 && counts) shares.push(paymentShare(inv, c, kind, -1, reduced, reduced + by * amount));
        reduced += by * amount;
      }
    }
  }
  return shares;
}

/** A figure of a document: a VAT group (category/rate) or a product, with its amounts (base and tax, or net). */
export type Figure = { key: string; category: string; rate: string; amounts: number[] };

/**
 * The figures a share applies to, for `own` and `net` (the invoice's less its credit notes'):
 * `figuresOf` gives a document's own; the net ones are worked out once per invoice.
 */
export function figuresFor(figuresOf: (doc: ReportInvoice) => readonly Figure[], notes: ReadonlyMap<string, readonly ReportInvoice[]>): (s: Share) => readonly Figure[] {
  const net = new Map<string, Figure[]>();
  return (s) => {
    if (s.figures === 'own') return figuresOf(s.doc);
    let f = net.get(s.doc.id);
    if (!f) {
      const byKey = new Map<string, Figure>();
      const add = (doc: ReportInvoice, sign: number) => {
        for (const x of figuresOf(doc)) {
          const y = byKey.get(x.key) ?? { ...x, amounts: x.amounts.map(() => 0) };
          x.amounts.forEach((v, i) => (y.amounts[i]! += sign * v));
          byKey.set(x.key, y);
        }
      };
      add(s.doc, 1);
      for (const n of notes.get(s.doc.id) ?? []) add(n, -1);
      net.set(s.doc.id, (f = [...byKey.values()]));
    }
    return f;
  };
}

/** A document's VAT groups (BG-23) as figures: base and tax. */
export function vatFiguresOf(doc: ReportInvoice): Figure[] {
  return doc.vatBreakdown.map((b) => ({ key: `${b.category}/${b.rate}`, category: b.category, rate: b.rate, amounts: [b.taxableAmount, b.taxAmount] }));
}
