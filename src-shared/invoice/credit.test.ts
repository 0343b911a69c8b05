import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineView } from '../contract/views.js';
import { creditNoteContent, type CreditedDocument, type CreditSource } from './credit.js';
import { totalsInputOf } from './document.js';
import { computeInvoiceTotals } from './totals.js';

const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));
const rate = fc.constantFrom(['S', '19'], ['S', '7'], ['Z', '0']) as fc.Arbitrary<[string, string]>;

/** A line with a random price, VAT rate and discount; `wholeQuantities` keeps quantity x price exact to the cent. */
const line = (wholeQuantities: boolean) =>
  fc
    .record({
      quantity: wholeQuantities ? fc.integer({ min: 1, max: 12 }).map(String) : fc.constantFrom('1', '2', '3', '0.5', '1.25', '2.333', '7'),
      netUnitPrice: cents(1, 250_000),
      vat: rate,
      discountPercent: wholeQuantities ? fc.constant(undefined) : fc.option(fc.constantFrom('3', '5', '12.5'), { nil: undefined }),
      discountAmount: fc.option(cents(1, 500), { nil: undefined }),
    })
    .map((l): Omit<LineView, 'id'> => ({
      productId: '',
      description: 'Artikel',
      quantity: l.quantity,
      unit: 'C62',
      netUnitPrice: l.netUnitPrice,
      ...(l.discountPercent ? { discountPercent: l.discountPercent } : {}),
      ...(l.discountAmount ? { discountAmount: l.discountAmount } : {}),
      vatCategory: l.vat[0] as LineView['vatCategory'],
      vatRate: l.vat[1],
    }));

const allowanceCharge = fc
  .record({ isCharge: fc.boolean(), percent: fc.option(fc.constantFrom('2', '3', '10', '12.5'), { nil: undefined }), amount: cents(1, 2_000), vat: rate })
  .map((a) => ({ isCharge: a.isCharge, ...(a.percent ? { percent: a.percent } : { amount: a.amount }), reason: a.isCharge ? 'Fracht' : 'Rabatt', vatCategory: a.vat[0], vatRate: a.vat[1] }));

function invoiceOf(lines: Omit<LineView, 'id'>[], allowancesCharges: CreditSource['allowancesCharges']): CreditSource | null {
  const withIds = lines.map((l, i) => ({ ...l, id: `L${i}` }) as LineView);
  const totals = computeInvoiceTotals(totalsInputOf({ currency: 'EUR', lines: withIds, allowancesCharges }));
  // Allowances larger than what they reduce make no invoice anybody writes.
  if (totals.vatBreakdown.some((b) => b.taxableAmount < 0) || totals.lines.some((l) => l.netAmount < 0)) return null;
  return { currency: 'EUR', lines: withIds, allowancesCharges, totals };
}

let ids = 0;
const newLineId = () => `C${++ids}`;

/** Writes the credit notes one after the other, each seeing the ones before, and checks each against what is left. */
function creditAll(invoice: CreditSource, notes: { lineId: string; quantity: string }[][]): CreditedDocument[] {
  const written: CreditedDocument[] = [];
  let left = invoice.totals.taxInclusive;
  for (const wanted of notes) {
    const note = creditNoteContent(invoice, written, wanted, newLineId);
    expect(note.totals.taxInclusive).toBeGreaterThanOrEqual(0);
    expect(note.totals.taxInclusive).toBeLessThanOrEqual(left);
    left -= note.totals.taxInclusive;
    written.push({ lines: note.lines, totals: note.totals });
  }
  return written;
}

function expectSumsToInvoice(invoice: CreditSource, written: readonly CreditedDocument[]) {
  const sum = (key: 'taxInclusive' | 'vatTotal' | 'taxExclusive' | 'allowanceTotal' | 'chargeTotal') => written.reduce((s, n) => s + n.totals[key], 0);
  expect({ gross: sum('taxInclusive'), vat: sum('vatTotal'), net: sum('taxExclusive'), allowances: sum('allowanceTotal'), charges: sum('chargeTotal') }).toEqual({
    gross: invoice.totals.taxInclusive,
    vat: invoice.totals.vatTotal,
    net: invoice.totals.taxExclusive,
    allowances: invoice.totals.allowanceTotal,
    charges: invoice.totals.chargeTotal,
  });
  // Per VAT rate too, as the VAT return sees it.
  for (const b of invoice.totals.vatBreakdown) {
    const of = (n: CreditedDocument) => n.totals.vatBreakdown.find((x) => x.category === b.category && x.rate === b.rate);
    expect([written.reduce((s, n) => s + (of(n)?.taxableAmount ?? 0), 0), written.reduce((s, n) => s + (of(n)?.taxAmount ?? 0), 0)]).toEqual([b.taxableAmount, b.taxAmount]);
  }
}

describe('credit notes of an invoice with document allowances and charges', () => {
  it('crediting the lines in any partition and order sums to the invoice to the cent, VAT included; none exceeds what is left', () => {
    fc.assert(
      fc.property(
        fc.array(line(false), { minLength: 1, maxLength: 8 }),
        fc.array(allowanceCharge, { maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        fc.nat(),
        (lines, acs, groups, seed) => {
          const invoice = invoiceOf(lines, acs);
          fc.pre(invoice !== null);
          // Lines in a random order, cut into random groups: one credit note per group.
          const order = invoice!.lines.map((l, i) => ({ l, key: (groups[i]! * 7919 + seed) % 1009 })).sort((a, b) => a.key - b.key);
          const notes = new Map<number, { lineId: string; quantity: string }[]>();
          order.forEach(({ l }, i) => {
            const group = groups[i]! % 4;
            notes.set(group, [...(notes.get(group) ?? []), { lineId: l.id, quantity: l.quantity }]);
          });
          expectSumsToInvoice(invoice!, creditAll(invoice!, [...notes.values()]));
        },
      ),
      { numRuns: 400, seed: 20261206 },
    );
  });

  it('partial quantities of the same lines also add up to the invoice once everything is credited', () => {
    fc.assert(
      fc.property(fc.array(line(true), { minLength: 1, maxLength: 5 }), fc.array(allowanceCharge, { maxLength: 3 }), fc.array(fc.nat({ max: 11 }), { minLength: 5, maxLength: 5 }), (lines, acs, firstParts) => {
        const invoice = invoiceOf(lines, acs);
        fc.pre(invoice !== null);
        // First note: part of each line (possibly none); second note: the rest.
        const first = invoice!.lines.map((l, i) => ({ lineId: l.id, quantity: String(Math.min(firstParts[i]!, Number(l.quantity))) })).filter((w) => w.quantity !== '0');
        const rest = invoice!.lines.map((l, i) => ({ lineId: l.id, quantity: String(Number(l.quantity) - Math.min(firstParts[i]!, Number(l.quantity))) })).filter((w) => w.quantity !== '0');
        expectSumsToInvoice(invoice!, creditAll(invoice!, [first, rest].filter((n) => n.length)));
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  it('one credit note of the whole invoice is the invoice', () => {
    const invoice = invoiceOf(
      [
        { productId: '', description: 'A', quantity: '3', unit: 'C62', netUnitPrice: '3.35', vatCategory: 'S', vatRate: '7' },
        { productId: '', description: 'B', quantity: '1', unit: 'C62', netUnitPrice: '10.05', vatCategory: 'S', vatRate: '19' },
      ],
      [{ isCharge: false, percent: '3', reason: 'Rabatt', vatCategory: 'S', vatRate: '19' }],
    )!;
    const [note] = creditAll(invoice, [invoice.lines.map((l) => ({ lineId: l.id, quantity: l.quantity }))]);
    expect(note!.totals).toMatchObject({ taxExclusive: invoice.totals.taxExclusive, vatTotal: invoice.totals.vatTotal, taxInclusive: invoice.totals.taxInclusive });
  });
});

describe('credit notes of parts of lines', () => {
  /** Prices with up to four decimals and fractional quantities: quantity x price is rarely exact to the cent. */
  const preciseLine = fc
    .record({
      quantity: fc.constantFrom('3', '1', '0.5', '1.25', '2.333', '7', '0.01', '12.5'),
      netUnitPrice: fc.integer({ min: 1, max: 2_500_000 }).map((c) => (c / 10_000).toFixed(4)),
      vat: rate,
      discountPercent: fc.option(fc.constantFrom('3', '5', '12.5'), { nil: undefined }),
      discountAmount: fc.option(cents(1, 50), { nil: undefined }),
    })
    .map((l): Omit<LineView, 'id'> => ({
      productId: '',
      description: 'Artikel',
      quantity: l.quantity,
      unit: 'C62',
      netUnitPrice: l.netUnitPrice,
      ...(l.discountPercent ? { discountPercent: l.discountPercent } : {}),
      ...(l.discountAmount ? { discountAmount: l.discountAmount } : {}),
      vatCategory: l.vat[0] as LineView['vatCategory'],
      vatRate: l.vat[1],
    }));

  /** `quantity` cut into `parts` pieces at random places (three decimals), as a bookkeeper credits returns one by one. */
  function split(quantity: string, cuts: readonly number[]): string[] {
    const total = Math.round(Number(quantity) * 1000);
    const points = [...new Set(cuts.map((c) => Math.floor((c % 1000) * total / 1000)).filter((p) => p > 0 && p < total))].sort((a, b) => a - b);
    const edges = [0, ...points, total];
    return edges.slice(1).map((e, i) => String((e - edges[i]!) / 1000));
  }

  it('add up to the invoice to the cent with prices of four decimals and quantities split into fractional parts', () => {
    fc.assert(
      fc.property(fc.array(preciseLine, { minLength: 1, maxLength: 4 }), fc.array(allowanceCharge, { maxLength: 3 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), (lines, acs, cuts) => {
        const invoice = invoiceOf(lines, acs);
        fc.pre(invoice !== null);
        // Note k credits the k-th part of every line that has one.
        const parts = invoice!.lines.map((l) => split(l.quantity, cuts));
        const notes = [0, 1, 2, 3].map((k) => invoice!.lines.flatMap((l, i) => (parts[i]![k] ? [{ lineId: l.id, quantity: parts[i]![k]! }] : []))).filter((n) => n.length);
        expectSumsToInvoice(invoice!, creditAll(invoice!, notes));
      }),
      { numRuns: 400, seed: 20261208 },
    );
  });

  it('three credit notes of one piece each of 3 x 0.335 credit the 1.01 net charged, not 1.02', () => {
    const invoice = invoiceOf([{ productId: '', description: 'A', quantity: '3', unit: 'C62', netUnitPrice: '0.335', vatCategory: 'S', vatRate: '19' }], [])!;
    const written = creditAll(invoice, [1, 2, 3].map(() => [{ lineId: 'L0', quantity: '1' }]));
    expect(written.map((n) => n.totals.taxExclusive)).toEqual([34, 33, 34]);
    expectSumsToInvoice(invoice, written);
  });
});
