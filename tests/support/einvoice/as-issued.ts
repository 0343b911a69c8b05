/** Test support: what an e-invoice says against what the issued document says, in cents. */
import { expect } from 'vitest';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { Decimal } from '../../../src-shared/money/decimal.js';
import type { Readback } from './readback.js';

export const rate = (r: string | undefined) => new Decimal(r ?? 'NaN').toFixed();
export const date = (d: string | undefined, syntax: Readback['syntax']) => (syntax === 'CII' ? d?.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3') : d);

/** What the XML says against what the issued document says: every amount in cents, nothing recomputed. */
export function expectAsIssued(r: Readback, view: InvoiceView): void {
  const t = view.totals;
  expect(r.typeCode).toBe(view.documentType === 'creditNote' ? '381' : '380');
  expect(r.number).toBe(view.number);
  expect(date(r.issueDate, r.syntax)).toBe(view.issueDate);
  if (r.dueDate !== undefined) expect(date(r.dueDate, r.syntax)).toBe(view.dueDate);
  expect(r.currency).toBe(view.currency);
  expect(r.buyerReference).toBe(view.buyer?.buyerReference || view.buyer?.customerNumber);
  expect(r.totals).toEqual({
    lineTotal: t.lineTotal,
    allowanceTotal: t.allowanceTotal,
    chargeTotal: t.chargeTotal,
    taxExclusive: t.taxExclusive,
    vatTotal: t.vatTotal,
    taxInclusive: t.taxInclusive,
    prepaid: t.prepaid,
    rounding: t.rounding,
    amountDue: t.amountDue,
  });
  expect(r.breakdown.map((b) => ({ category: b.category, rate: rate(b.rate), taxable: b.taxable, tax: b.tax }))).toEqual(
    t.vatBreakdown.map((b) => ({ category: b.category, rate: rate(b.rate), taxable: b.taxableAmount, tax: b.taxAmount })),
  );
  expect(r.lines.map((l) => l.net)).toEqual(t.lines.map((l) => l.netAmount));
  expect(r.allowancesCharges.map((a) => [a.isCharge, a.amount, a.category, rate(a.rate)])).toEqual(t.allowancesCharges.map((a) => [a.isCharge, a.amount, a.vatCategory, rate(a.vatRate)]));
  r.lines.forEach((line, i) => {
    // BT-131 = BT-129 x BT-146 / BT-149 - line allowances + line charges, to the cent.
    const gross = new Decimal(line.quantity!).times(line.price!).div(line.baseQuantity ?? '1').times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
    const adjusted = line.allowancesCharges.reduce((sum, a) => sum + (a.isCharge ? a.amount : -a.amount), gross);
    expect(adjusted, `line ${i + 1}`).toBe(line.net);
    expect([line.category, rate(line.rate)]).toEqual([view.lines[i]!.vatCategory, rate(view.lines[i]!.vatRate)]);
    expect([line.id, line.name, line.quantity, line.unit]).toEqual([String(i + 1), view.lines[i]!.description, view.lines[i]!.quantity, view.lines[i]!.unit]);
  });
}

