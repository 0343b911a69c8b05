import { describe, expect, it } from 'vitest';
import { dec, formatDecimal, fromMinorUnits, parseDecimal, toMinorUnits } from '../money/decimal.js';
import { AppError } from '../contract/errors.js';
import {
  computeInvoiceTotals,
  type DocumentAllowanceCharge,
  type InvoiceTotals,
  type TotalsInput,
  type TotalsLine,
  type VatCategoryCode,
} from './totals.js';

function line(id: string, quantity: string, netUnitPrice: string, vatRate = '19', extra: Partial<TotalsLine> = {}): TotalsLine {
  return { id, quantity, netUnitPrice, vatCategory: 'S', vatRate, ...extra };
}

function totals(lines: TotalsLine[], extra: Partial<TotalsInput> = {}): InvoiceTotals {
  return computeInvoiceTotals({ currency: 'EUR', lines, ...extra });
}

describe('money helpers', () => {
  it('rounds half away from zero', () => {
    expect(formatDecimal(dec('0.005'), 2)).toBe('0.01');
    expect(formatDecimal(dec('-0.005'), 2)).toBe('-0.01');
    expect(formatDecimal(dec('-0.0049'), 2)).toBe('0.00');
    expect(formatDecimal(dec('2.5'), 0)).toBe('3');
  });
  it('parses only plain decimal strings', () => {
    expect(parseDecimal('-12.50').toFixed()).toBe('-12.5');
    for (const bad of ['1,5', '1e3', '.5', '1.', '+1', ' 1', '', 'NaN', 'Infinity', '0x10']) {
      expect(() => parseDecimal(bad), bad).toThrow(/Not a decimal number/);
    }
  });
  it('converts to and from minor units without rounding silently', () => {
    expect(toMinorUnits(dec('12.34'))).toBe(1234);
    expect(toMinorUnits(dec('-0.00'))).toBe(0);
    expect(Object.is(toMinorUnits(dec('-0')), 0)).toBe(true);
    expect(toMinorUnits(dec('1234'), 0)).toBe(1234);
    expect(() => toMinorUnits(dec('1.005'))).toThrow(/more than 2 decimal places/);
    expect(() => toMinorUnits(dec('90071992547409.92'))).toThrow(/safe integer/);
    expect(fromMinorUnits(-1).toFixed()).toBe('-0.01');
    expect(fromMinorUnits(1234, 3).toFixed()).toBe('1.234');
    expect(() => fromMinorUnits(0.5)).toThrow(/safe integer/);
  });
  it('writes very small and very large decimals as plain decimal text', () => {
    expect(dec('0.0000001').toString()).toBe('0.0000001');
    expect(dec('123456789012345678901234').toString()).toBe('123456789012345678901234');
    expect(dec('0.0000001').times(3).toString()).toBe('0.0000003');
  });
});

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.toValue() : { thrown: String(error) };
  }
  return { thrown: 'nothing' };
}

describe('input the totals cannot take', () => {
  it('refuses an amount larger than the books keep, naming the line or the allowance', () => {
    expect(refusal(() => totals([line('L1', '999999999999', '999999999999')]))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'lines.0', problem: 'validation.outOfRange' }] },
    });
    expect(refusal(() => totals([line('L1', '1', '1'), line('L2', '1', '1')], { allowancesCharges: [{ isCharge: true, amount: '99999999999999', vatCategory: 'S', vatRate: '19' }] }))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'allowancesCharges.0', problem: 'validation.outOfRange' }] },
    });
  });
  it('names the field of a line its VAT rules refuse', () => {
    expect(refusal(() => totals([line('L1', '1', '1'), line('L2', '1', '1', '0')]))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'lines.1.vatRate', problem: 'validation.standardRate' }] },
    });
  });
});

describe('computeInvoiceTotals', () => {
  it('rounds the line gross once: 3 x 0.333 at 19%', () => {
    // gross 3 x 0.333 = 0.999 -> 1.00 = BT-131; tax 1.00 x 19% = 0.19; total 1.19
    const result = totals([line('L1', '3', '0.333')]);
    expect(result.lines).toEqual([{ id: 'L1', grossAmount: 100, allowanceAmount: 0, chargeAmount: 0, netAmount: 100 }]);
    expect(result.vatBreakdown).toEqual([{ category: 'S', rate: '19', taxableAmount: 100, taxAmount: 19 }]);
    expect(result).toMatchObject({ lineTotal: 100, taxExclusive: 100, vatTotal: 19, taxInclusive: 119, amountDue: 119 });
  });

  it('rounds VAT once per rate on the sum, not per line', () => {
    // 7%:  3 x (1 x 0.10). Per line 0.007 -> 0.01, x3 = 0.03. On the sum: 0.30 x 7% = 0.021 -> 0.02.
    // 19%: 5 x (1 x 0.03). Per line 0.0057 -> 0.01, x5 = 0.05. On the sum: 0.15 x 19% = 0.0285 -> 0.03.
    // Totals: 0.45 net + 0.05 VAT = 0.50.
    const lines = [
      ...['a', 'b', 'c'].map((id) => line(id, '1', '0.10', '7')),
      ...['d', 'e', 'f', 'g', 'h'].map((id) => line(id, '1', '0.03', '19')),
    ];
    const result = totals(lines);
    expect(result.vatBreakdown).toEqual([
      { category: 'S', rate: '19', taxableAmount: 15, taxAmount: 3 },
      { category: 'S', rate: '7', taxableAmount: 30, taxAmount: 2 },
    ]);
    expect(result).toMatchObject({ lineTotal: 45, vatTotal: 5, taxInclusive: 50 });
  });

  it('applies document allowances per rate and a freight charge at 19%', () => {
    // L1 10 x 25.00 = 250.00 at 19%, L2 4 x 12.50 = 50.00 at 7% -> BT-106 300.00
    // allowances 10.00 (19%) + 5.00 (7%) = BT-107 15.00; freight BT-108 9.90 (19%)
    // BT-109 = 300.00 - 15.00 + 9.90 = 294.90
    // 19%: 250.00 - 10.00 + 9.90 = 249.90 -> x 19% = 47.481 -> 47.48
    //  7%:  50.00 -  5.00        =  45.00 -> x  7% =  3.15
    // BT-110 50.63, BT-112 345.53
    const allowancesCharges: DocumentAllowanceCharge[] = [
      { isCharge: false, amount: '10.00', reason: 'Discount', vatCategory: 'S', vatRate: '19' },
      { isCharge: false, amount: '5', vatCategory: 'S', vatRate: '7' },
      { isCharge: true, amount: '9.90', reason: 'Freight', vatCategory: 'S', vatRate: '19' },
    ];
    const result = totals([line('L1', '10', '25.00'), line('L2', '4', '12.50', '7')], { allowancesCharges });
    expect(result.allowancesCharges).toEqual([
      { isCharge: false, amount: 1000, reason: 'Discount', vatCategory: 'S', vatRate: '19' },
      { isCharge: false, amount: 500, vatCategory: 'S', vatRate: '7' },
      { isCharge: true, amount: 990, reason: 'Freight', vatCategory: 'S', vatRate: '19' },
    ]);
    expect(result.vatBreakdown).toEqual([
      { category: 'S', rate: '19', taxableAmount: 24990, taxAmount: 4748 },
      { category: 'S', rate: '7', taxableAmount: 4500, taxAmount: 315 },
    ]);
    expect(result).toMatchObject({
      lineTotal: 30000,
      allowanceTotal: 1500,
      chargeTotal: 990,
      taxExclusive: 29490,
      vatTotal: 5063,
      taxInclusive: 34553,
      amountDue: 34553,
    });
  });

  it('applies percent allowances to the line gross and to BT-106', () => {
    // L1 3 x 19.99 = 59.97, 10% allowance = 5.997 -> 6.00, BT-131 53.97
    // L2 1 x 40.00, packaging charge 2.50, BT-131 42.50
    // BT-106 96.47; document allowance 3% of 96.47 = 2.8941 -> 2.89
    // BT-109 93.58; VAT 93.58 x 19% = 17.7802 -> 17.78; BT-112 111.36
    const result = totals(
      [
        line('L1', '3', '19.99', '19', { allowances: [{ percent: '10', reason: 'Volume' }] }),
        line('L2', '1', '40.00', '19', { charges: [{ amount: '2.50', reason: 'Packaging' }] }),
      ],
      { allowancesCharges: [{ isCharge: false, percent: '3', vatCategory: 'S', vatRate: '19' }] },
    );
    expect(result.lines).toEqual([
      { id: 'L1', grossAmount: 5997, allowanceAmount: 600, chargeAmount: 0, netAmount: 5397 },
      { id: 'L2', grossAmount: 4000, allowanceAmount: 0, chargeAmount: 250, netAmount: 4250 },
    ]);
    expect(result.allowancesCharges[0]?.amount).toBe(289);
    expect(result).toMatchObject({ lineTotal: 9647, allowanceTotal: 289, taxExclusive: 9358, vatTotal: 1778, taxInclusive: 11136 });
  });

  it('divides by the price base quantity', () => {
    // 12.50 per 100 pieces, 250 pieces: 250 x 12.50 / 100 = 31.25
    // 10.00 per 3 kg, 1 kg: 10 / 3 = 3.333... -> 3.33
    // BT-109 34.58; VAT 34.58 x 19% = 6.5702 -> 6.57
    const result = totals([
      line('L1', '250', '12.50', '19', { priceBaseQuantity: '100' }),
      line('L2', '1', '10.00', '19', { priceBaseQuantity: '3' }),
    ]);
    expect(result.lines.map((l) => l.netAmount)).toEqual([3125, 333]);
    expect(result).toMatchObject({ taxExclusive: 3458, vatTotal: 657, taxInclusive: 4115 });
  });

  it('gives negative amounts for credit-note lines, rounding half away from zero', () => {
    // L1 -2 x 0.75 = -1.50 at 19%: -1.50 x 19% = -0.285 -> -0.29 (half-even or round-half-toward-+inf would give -0.28)
    // L2 -2 x 1.0625 = -2.125 -> -2.13 at 7%: -2.13 x 7% = -0.1491 -> -0.15
    // BT-106 -3.63, BT-110 -0.44, BT-112 -4.07
    const result = totals([line('L1', '-2', '0.75'), line('L2', '-2', '1.0625', '7')]);
    expect(result.lines.map((l) => l.netAmount)).toEqual([-150, -213]);
    expect(result.vatBreakdown).toEqual([
      { category: 'S', rate: '19', taxableAmount: -150, taxAmount: -29 },
      { category: 'S', rate: '7', taxableAmount: -213, taxAmount: -15 },
    ]);
    expect(result).toMatchObject({ lineTotal: -363, vatTotal: -44, taxInclusive: -407, amountDue: -407 });
  });

  it('rounds a percent allowance on a return line half away from zero', () => {
    // -1 x 0.25 = -0.25; 10% allowance = -0.025 -> -0.03; BT-131 = -0.25 - (-0.03) = -0.22
    const result = totals([line('L1', '-1', '0.25', '19', { allowances: [{ percent: '10' }] })]);
    expect(result.lines[0]).toEqual({ id: 'L1', grossAmount: -25, allowanceAmount: -3, chargeAmount: 0, netAmount: -22 });
  });

  it('subtracts the prepaid amount from the amount due', () => {
    // 1 x 100.00 at 19% = 119.00 gross; 50.00 paid in advance -> 69.00 due
    const result = totals([line('L1', '1', '100.00')], { prepaid: 5000 });
    expect(result).toMatchObject({ taxInclusive: 11900, prepaid: 5000, rounding: 0, amountDue: 6900 });
  });

  it('keeps reverse charge and exempt groups at rate 0 with their reason', () => {
    // S 19%: 10.00 -> tax 1.90; E: 2 x 50.00 + 1 x 20.00 = 120.00, tax 0; AE: 1000.00, tax 0
    // Order S, E, AE. The E group takes the first non-empty reason (L3 has none).
    const result = totals([
      line('L1', '1', '1000.00', '0', { vatCategory: 'AE', exemptionReason: 'Reverse charge' }),
      line('L2', '1', '10.00'),
      line('L3', '2', '50.00', '0', { vatCategory: 'E', exemptionReason: '' }),
      line('L4', '1', '20.00', '0.00', { vatCategory: 'E', exemptionReason: 'Exempt under §4 Nr. 21 UStG' }),
    ]);
    expect(result.vatBreakdown).toEqual([
      { category: 'S', rate: '19', taxableAmount: 1000, taxAmount: 190 },
      { category: 'E', rate: '0', taxableAmount: 12000, taxAmount: 0, exemptionReason: 'Exempt under §4 Nr. 21 UStG' },
      { category: 'AE', rate: '0', taxableAmount: 100000, taxAmount: 0, exemptionReason: 'Reverse charge' },
    ]);
    expect(result).toMatchObject({ taxExclusive: 113000, vatTotal: 190, taxInclusive: 113190 });
  });

  it('honours fractionDigits 0 (JPY)', () => {
    // 3 x 333 = 999 at 10%: 99.9 -> 100; total 1099
    const result = computeInvoiceTotals({ currency: 'JPY', fractionDigits: 0, lines: [line('L1', '3', '333', '10')] });
    expect(result).toMatchObject({ lineTotal: 999, vatTotal: 100, taxInclusive: 1099 });
  });

  describe('rejects bad input with a message naming the line and field', () => {
    const cases: [string, () => unknown, RegExp][] = [
      ['S with rate 0', () => totals([line('L1', '1', '1', '0')]), /Line "L1": vatRate must be greater than 0 for category S/],
      ['S with a negative rate', () => totals([line('L1', '1', '1', '-19')]), /Line "L1": vatRate/],
      ['AE with 19', () => totals([line('L2', '1', '1', '19', { vatCategory: 'AE' })]), /Line "L2": vatRate must be 0 for category AE/],
      ['quantity "1,5"', () => totals([line('L1', '1,5', '1')]), /Line "L1": quantity is not a decimal number.*"1,5"/],
      ['vatRate "19%"', () => totals([line('L1', '1', '1', '19%')]), /Line "L1": vatRate is not a decimal number/],
      ['priceBaseQuantity 0', () => totals([line('L1', '1', '1', '19', { priceBaseQuantity: '0' })]), /Line "L1": priceBaseQuantity must be greater than 0/],
      ['negative unit price', () => totals([line('L1', '1', '-1')]), /Line "L1": netUnitPrice must not be negative/],
      [
        'allowance with amount and percent',
        () => totals([line('L1', '1', '1', '19', { allowances: [{ amount: '1', percent: '5' }] })]),
        /Line "L1" allowances\[0\]: give exactly one of amount or percent/,
      ],
      ['charge with neither', () => totals([line('L1', '1', '1', '19', { charges: [{}] })]), /Line "L1" charges\[0\]: give exactly one/],
      [
        'bad allowance percent',
        () => totals([line('L1', '1', '1', '19', { allowances: [{ percent: '10 %' }] })]),
        /Line "L1" allowances\[0\]: percent is not a decimal number/,
      ],
      [
        'document charge at Z with 7',
        () => totals([line('L1', '1', '1')], { allowancesCharges: [{ isCharge: true, amount: '1', vatCategory: 'Z', vatRate: '7' }] }),
        /allowancesCharges\[0\]\): vatRate must be 0 for category Z/,
      ],
      ['unknown category', () => totals([line('L1', '1', '1', '0', { vatCategory: 'X' as VatCategoryCode })]), /Line "L1": vatCategory/],
      ['prepaid not an integer', () => totals([line('L1', '1', '1')], { prepaid: 1.5 }), /prepaid/],
    ];
    it.each(cases)('%s', (_name, run, message) => {
      expect(run).toThrow(message);
    });
  });
});

describe('computeInvoiceTotals identities over 200 pseudo-random invoices', () => {
  // Numerical Recipes LCG, fixed seed: the same 200 invoices on every run.
  let state = 20240601;
  const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
  const int = (min: number, max: number): number => min + (next() % (max - min + 1));
  const pick = <T,>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  /** Decimal string of `units / 10^places` built from integers, no floats involved. */
  const decimal = (units: number, places: number): string => {
    const digits = String(Math.abs(units)).padStart(places + 1, '0');
    const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
    return units < 0 ? `-${text}` : text;
  };
  const vatChoices: readonly [VatCategoryCode, string][] = [['S', '19'], ['S', '7'], ['S', '19.00'], ['Z', '0'], ['E', '0'], ['AE', '0']];

  const randomAdjustment = (maxAmountCents: number) =>
    next() % 2 === 0 ? { amount: decimal(int(0, maxAmountCents), 2) } : { percent: decimal(int(0, 2500), 2) };

  const randomLine = (index: number): TotalsLine => {
    const [vatCategory, vatRate] = pick(vatChoices);
    return {
      id: `L${index}`,
      quantity: decimal(int(-50, 500), int(0, 3)),
      netUnitPrice: decimal(int(0, 10_000_000), int(0, 4)),
      ...(next() % 3 === 0 ? { priceBaseQuantity: pick(['1', '3', '12', '100', '0.5']) } : {}),
      ...(next() % 3 === 0 ? { allowances: [randomAdjustment(5000)] } : {}),
      ...(next() % 4 === 0 ? { charges: [randomAdjustment(2000)] } : {}),
      vatCategory,
      vatRate,
      ...(vatCategory === 'S' ? {} : { exemptionReason: `Reason ${vatCategory}` }),
    };
  };

  const randomDocumentAdjustment = (): DocumentAllowanceCharge => {
    const [vatCategory, vatRate] = pick(vatChoices);
    return { isCharge: next() % 2 === 0, ...randomAdjustment(100_000), vatCategory, vatRate };
  };

  const randomInput = (): TotalsInput => ({
    currency: 'EUR',
    lines: Array.from({ length: int(1, 12) }, (_, i) => randomLine(i + 1)),
    allowancesCharges: Array.from({ length: int(0, 3) }, randomDocumentAdjustment),
    prepaid: int(0, 100_000),
  });

  const total = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  /** Independent oracle in BigInt: round(taxable x rate / 100) half away from zero, for integer rates. */
  const expectedTax = (taxableCents: number, rate: string): number => {
    const product = BigInt(taxableCents) * BigInt(Number.parseInt(rate, 10));
    const sign = product < 0n ? -1n : 1n;
    const magnitude = product * sign;
    return Number(sign * ((magnitude + 50n) / 100n));
  };

  const inputs = Array.from({ length: 200 }, randomInput);

  it('holds the EN 16931 sum identities with safe integers everywhere', () => {
    for (const [index, input] of inputs.entries()) {
      const r = computeInvoiceTotals(input);
      const context = `invoice ${index}`;
      for (const l of r.lines) expect(l.netAmount, context).toBe(l.grossAmount - l.allowanceAmount + l.chargeAmount);
      expect(r.lineTotal, context).toBe(total(r.lines.map((l) => l.netAmount)));
      expect(r.allowanceTotal, context).toBe(total(r.allowancesCharges.filter((a) => !a.isCharge).map((a) => a.amount)));
      expect(r.chargeTotal, context).toBe(total(r.allowancesCharges.filter((a) => a.isCharge).map((a) => a.amount)));
      expect(r.taxExclusive, context).toBe(r.lineTotal - r.allowanceTotal + r.chargeTotal);
      expect(r.vatTotal, context).toBe(total(r.vatBreakdown.map((v) => v.taxAmount)));
      expect(r.taxInclusive, context).toBe(r.taxExclusive + r.vatTotal);
      expect(r.amountDue, context).toBe(r.taxInclusive - r.prepaid + r.rounding);
      expect(total(r.vatBreakdown.map((v) => v.taxableAmount)), context).toBe(r.taxExclusive);
      for (const v of r.vatBreakdown) expect(v.taxAmount, context).toBe(expectedTax(v.taxableAmount, v.rate));
      const amounts = [
        ...r.lines.flatMap((l) => [l.grossAmount, l.allowanceAmount, l.chargeAmount, l.netAmount]),
        ...r.allowancesCharges.map((a) => a.amount),
        ...r.vatBreakdown.flatMap((v) => [v.taxableAmount, v.taxAmount]),
        r.lineTotal, r.allowanceTotal, r.chargeTotal, r.taxExclusive, r.vatTotal, r.taxInclusive, r.prepaid, r.rounding, r.amountDue,
      ];
      for (const amount of amounts) expect(Number.isSafeInteger(amount), context).toBe(true);
    }
  });

  it('lists one breakdown per (category, rate) in S, Z, E, AE order, rates descending', () => {
    const order = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'];
    for (const input of inputs) {
      const keys = computeInvoiceTotals(input).vatBreakdown.map((v) => `${v.category} ${v.rate}`);
      expect(new Set(keys).size).toBe(keys.length);
      const sorted = [...keys].sort((a, b) => {
        const [ca = '', ra = ''] = a.split(' ');
        const [cb = '', rb = ''] = b.split(' ');
        return order.indexOf(ca) - order.indexOf(cb) || Number.parseInt(rb, 10) - Number.parseInt(ra, 10);
      });
      expect(keys).toEqual(sorted);
    }
  });
});
