/**
 * What a credit note credits: exactly what the invoice charged for the credited lines. The
 * invoice's document-level allowances and charges are shared out pro rata over the credited
 * line net amounts (per VAT group), and the VAT continues the invoice's rounding, both from the
 * running total of all credit notes on the invoice: share(after) - share(before), in integer
 * minor units. So the credit notes of an invoice add up to the invoice to the cent, whichever
 * lines they credit in which order, and the last one takes exactly what is left.
 */
import type { LineView } from '../contract/views.js';
import { dec, Decimal, formatDecimal, fromMinorUnits } from '../money/decimal.js';
import { totalsInputOf } from './document.js';
import { computeInvoiceTotals, type InvoiceTotals, type VatCategoryCode } from './totals.js';

type AllowanceCharge = { isCharge: boolean; amount?: string; percent?: string; reason?: string; vatCategory: string; vatRate: string };

export type CreditedDocument = { lines: readonly LineView[]; totals: InvoiceTotals };
export type CreditSource = CreditedDocument & { currency: string; allowancesCharges: readonly AllowanceCharge[] };

export type CreditNoteContent = {
  lines: LineView[];
  allowancesCharges: AllowanceCharge[];
  vatAmounts: { category: VatCategoryCode; rate: string; taxAmount: number }[];
  totals: InvoiceTotals;
};

const groupKey = (category: string, rate: string) => `${category}|${dec(rate).toString()}`;

/** `total * part / whole`, rounded half up to an integer (exact, no floating point). */
function proRata(total: number, part: number, whole: number): number {
  if (whole === 0) return 0;
  return new Decimal(total).times(part).div(whole).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

function addTo(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** Quantity and net amount already credited per invoice line, and taxable amount and VAT per group. */
function creditedSoFar(previous: readonly CreditedDocument[]) {
  const quantity = new Map<string, Decimal>();
  const net = new Map<string, number>();
  const taxable = new Map<string, number>();
  const vat = new Map<string, number>();
  for (const note of previous) {
    note.lines.forEach((line, i) => {
      if (!line.orderLineId) return;
      quantity.set(line.orderLineId, (quantity.get(line.orderLineId) ?? dec(0)).plus(line.quantity));
      addTo(net, line.orderLineId, note.totals.lines[i]?.netAmount ?? 0);
    });
    for (const b of note.totals.vatBreakdown) {
      addTo(taxable, groupKey(b.category, b.rate), b.taxableAmount);
      addTo(vat, groupKey(b.category, b.rate), b.taxAmount);
    }
  }
  return { quantity, net, taxable, vat };
}

/** The part of a line's net amount (minor units) charged for its first `credited` of `quantity`, rounded half up. */
function netShare(net: number, credited: Decimal, quantity: string): number {
  if (credited.gte(quantity)) return net;
  return new Decimal(net).times(credited).div(quantity).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** A line's net amount in minor units as the totals compute it. */
function lineNet(currency: string, line: Omit<LineView, 'id'>): number {
  return computeInvoiceTotals(totalsInputOf({ currency, lines: [{ ...line, id: 'L' }] })).lines[0]!.netAmount;
}

/**
 * The credit note line of `quantity` whose net amount is `target` (minor units): the invoice
 * line's price and percent discount, and a discount amount for the rest. When rounding leaves
 * less than the target, without the percent; when even the plain amount is less (by a rounding
 * cent), at the unit price that gives the target.
 */
function creditLine(currency: string, line: Omit<LineView, 'discountAmount' | 'id'>, quantity: string, target: number): Omit<LineView, 'id'> {
  const withQuantity = { ...line, quantity };
  const amount = (cents: number) => (cents > 0 ? { discountAmount: formatDecimal(fromMinorUnits(cents), 2) } : {});
  const rest = lineNet(currency, withQuantity) - target;
  if (rest >= 0) return { ...withQuantity, ...amount(rest) };
  const { discountPercent: _p, ...plain } = withQuantity;
  const plainRest = lineNet(currency, plain) - target;
  if (plainRest >= 0) return { ...plain, ...amount(plainRest) };
  const price = fromMinorUnits(target).times(line.priceBaseQuantity ?? '1').div(quantity);
  return { ...plain, netUnitPrice: formatDecimal(price, 10).replace(/\.?0+$/, '') };
}

/**
 * The lines, document allowances/charges and VAT of a credit note of `wanted` (quantities of
 * invoice lines; the caller has checked they are not more than is left), given the credit notes
 * written on the invoice before. `newLineId` gives each credit note line its id.
 */
export function creditNoteContent(invoice: CreditSource, previous: readonly CreditedDocument[], wanted: readonly { lineId: string; quantity: string }[], newLineId: () => string): CreditNoteContent {
  const before = creditedSoFar(previous);
  const creditedAfter = new Map(before.quantity);
  // Each line's net follows the running total too: what the invoice charged for all of it
  // credited so far, less what earlier credit notes carried.
  const lines: LineView[] = wanted.map((w) => {
    const index = invoice.lines.findIndex((l) => l.id === w.lineId);
    const line = invoice.lines[index]!;
    const was = before.quantity.get(line.id) ?? dec(0);
    const now = was.plus(w.quantity);
    creditedAfter.set(line.id, now);
    const charged = invoice.totals.lines[index]?.netAmount ?? lineNet(invoice.currency, line);
    const target = Math.max(0, netShare(charged, now, line.quantity) - (before.net.get(line.id) ?? 0));
    const { orderId: _o, orderLineId: _l, discountAmount: _d, id: _id, ...rest } = line;
    return { ...creditLine(invoice.currency, rest, dec(w.quantity).toString(), target), id: newLineId(), orderLineId: line.id };
  });
  const complete = invoice.lines.every((l) => (creditedAfter.get(l.id) ?? dec(0)).gte(l.quantity));

  // Line net amounts per VAT group: of the invoice, credited before, credited with this note.
  const own = computeInvoiceTotals(totalsInputOf({ currency: invoice.currency, lines }));
  const invoiceNet = new Map<string, number>();
  const netBefore = new Map<string, number>();
  const netNow = new Map<string, number>();
  invoice.lines.forEach((l, i) => {
    const key = groupKey(l.vatCategory, l.vatRate);
    addTo(invoiceNet, key, invoice.totals.lines[i]?.netAmount ?? 0);
    addTo(netBefore, key, before.net.get(l.id) ?? 0);
  });
  lines.forEach((l, i) => addTo(netNow, groupKey(l.vatCategory, l.vatRate), own.lines[i]!.netAmount));
  const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);

  // The whole invoice in one credit note: its allowances and charges as they were written.
  const whole = complete && previous.length === 0;
  const allowancesCharges: AllowanceCharge[] = whole ? invoice.allowancesCharges.map((ac) => ({ ...ac })) : [];
  if (!whole) invoice.allowancesCharges.forEach((ac, i) => {
    const charged = invoice.totals.allowancesCharges[i]?.amount ?? 0;
    const key = groupKey(ac.vatCategory, ac.vatRate);
    // Shared over the lines of its own VAT group; over all lines when that group has none.
    const ownGroup = (invoiceNet.get(key) ?? 0) > 0;
    const whole = ownGroup ? invoiceNet.get(key)! : sum(invoiceNet);
    const was = ownGroup ? (netBefore.get(key) ?? 0) : sum(netBefore);
    const now = was + (ownGroup ? (netNow.get(key) ?? 0) : sum(netNow));
    const share = (credited: number) => Math.min(charged, Math.max(0, proRata(charged, credited, whole)));
    const amount = (complete ? charged : share(now)) - share(was);
    if (amount <= 0) return;
    allowancesCharges.push({
      isCharge: ac.isCharge,
      amount: formatDecimal(fromMinorUnits(amount), 2),
      ...(ac.reason ? { reason: ac.reason } : {}),
      vatCategory: ac.vatCategory,
      vatRate: ac.vatRate,
    });
  });

  // VAT per group: what the running total of credit notes owes, less what earlier ones carried.
  const input = totalsInputOf({ currency: invoice.currency, lines, allowancesCharges });
  const plain = computeInvoiceTotals(input);
  const invoiceVat = new Map(invoice.totals.vatBreakdown.map((b) => [groupKey(b.category, b.rate), b.taxAmount]));
  const vatAmounts: CreditNoteContent['vatAmounts'] = [];
  for (const b of plain.vatBreakdown) {
    const key = groupKey(b.category, b.rate);
    const taxableAfter = (before.taxable.get(key) ?? 0) + b.taxableAmount;
    const owedAfter = complete && invoiceVat.has(key) ? invoiceVat.get(key)! : new Decimal(taxableAfter).times(b.rate).div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
    const taxAmount = owedAfter - (before.vat.get(key) ?? 0);
    // Earlier credit notes that did not follow this rule keep this one at its own rounding.
    if (taxAmount !== b.taxAmount && Math.abs(taxAmount - b.taxAmount) <= 1) vatAmounts.push({ category: b.category, rate: b.rate, taxAmount });
  }
  const totals = vatAmounts.length ? computeInvoiceTotals({ ...input, vatAmounts }) : plain;
  return { lines, allowancesCharges, vatAmounts, totals };
}
