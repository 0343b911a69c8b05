/** The cash book's pure rules: moment order, balances, vouchers, the negative moment and VAT by rate. */
import { describe, expect, it } from 'vitest';
import { balanceAt, dateProblems, negativeMoment, nextVoucher, vatLines, withBalances, type CashEntryFact } from './rules.js';

let n = 0;
const entry = (e: Partial<CashEntryFact> & Pick<CashEntryFact, 'date' | 'amount'>): CashEntryFact => ({
  id: `e${++n}`,
  voucher: n,
  time: '10:00',
  type: 'income',
  direction: 'in',
  vatRate: 0,
  vat: 0,
  ...e,
});

describe('cash book rules', () => {
  it('orders by date, time and voucher, and keeps the running balance', () => {
    const a = entry({ date: '2026-11-02', amount: 500, voucher: 9 });
    const b = entry({ date: '2026-11-01', time: '12:00', amount: 1000, voucher: 2 });
    const c = entry({ date: '2026-11-01', time: '09:00', amount: 300, direction: 'out', type: 'expense', voucher: 5 });
    expect(withBalances([a, b, c]).map(({ entry: e, balance }) => [e.voucher, balance])).toEqual([
      [5, -300],
      [2, 700],
      [9, 1200],
    ]);
    expect(balanceAt([a, b, c], '2026-11-01')).toBe(700);
    expect(balanceAt([a, b, c], '2026-11-02', true)).toBe(700);
    expect(nextVoucher([a, b, c])).toBe(10);
    expect(nextVoucher([])).toBe(1);
  });

  it('finds the first negative moment at or after the added entry only', () => {
    const opening = entry({ date: '2026-11-01', amount: 1000, type: 'opening' });
    const later = entry({ date: '2026-11-20', amount: 900, direction: 'out', type: 'expense' });
    const backDated = entry({ date: '2026-11-10', amount: 200, direction: 'out', type: 'expense' });
    expect(negativeMoment([opening, later], [backDated])).toEqual({ date: '2026-11-20', time: '10:00', balance: -100 });
    const small = entry({ date: '2026-11-10', amount: 100, direction: 'out', type: 'expense' });
    expect(negativeMoment([opening, later], [small])).toBeUndefined();
  });

  it('sums VAT by direction and rate, reversals netted, private and transit entries left out', () => {
    const lines = vatLines([
      entry({ date: '2026-11-01', amount: 11900, vatRate: 19, vat: 1900 }),
      entry({ date: '2026-11-01', amount: 5950, vatRate: 19, vat: 950, direction: 'out', reversesId: 'x' }), // a reversal of an income
      entry({ date: '2026-11-01', amount: 1070, vatRate: 7, vat: 70, type: 'expense', direction: 'out' }),
      entry({ date: '2026-11-01', amount: 5000, type: 'privateDeposit' }),
    ]);
    expect(lines).toEqual([
      { rate: 19, direction: 'income', gross: 5950, net: 5000, vat: 950 },
      { rate: 7, direction: 'expense', gross: 1070, net: 1000, vat: 70 },
    ]);
  });

  it('leaves out an income that settles an invoice and its reversal: the invoice carries that VAT', () => {
    const lines = vatLines([
      entry({ date: '2026-11-01', amount: 11900, vatRate: 19, vat: 1900, invoiceId: 'inv' }),
      entry({ date: '2026-11-02', amount: 11900, direction: 'out', reversesId: 'x', invoiceId: 'inv' }),
      entry({ date: '2026-11-01', amount: 1070, vatRate: 7, vat: 70 }),
    ]);
    expect(lines).toEqual([{ rate: 7, direction: 'income', gross: 1070, net: 1000, vat: 70 }]);
  });

  it('refuses a moment later than now on today, takes one up to now', () => {
    const dates = { openingDate: '2026-11-01', closedUntil: '', today: '2026-11-27', now: '09:00' };
    expect(dateProblems('2026-11-27', dates, 'date', '23:59')).toEqual([{ field: 'time', problem: 'validation.cashFutureTime' }]);
    expect(dateProblems('2026-11-27', dates, 'date', '09:00')).toEqual([]);
    expect(dateProblems('2026-11-26', dates, 'date', '23:59')).toEqual([]);
  });
});
