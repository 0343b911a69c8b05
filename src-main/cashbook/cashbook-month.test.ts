/**
 * The month of a cash book adds up: it opens with the balance before its first movement (in the
 * month of the opening, the opening balance), and opening + movements = closing on the screen's
 * figures and in the printed month. Texts the app wrote are printed in the reader's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CashMonthView, PartySnapshot } from '../../src-shared/contract/index.js';
import { formatMoney } from '../../src-shared/format/document.js';
import { team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { cashMonthLetter } from './printable.js';

let app: TestApp;
let t: Team;
let month: CashMonthView;
let december: CashMonthView;

const seller = { name: 'Muster GmbH' } as PartySnapshot;
const cell = (rows: Record<string, string>[], voucher: number) => rows.find((r) => r.voucher === String(voucher))!;

beforeAll(async () => {
  app = await startTestApp(() => new Date('2026-11-27T09:00:00.000Z'));
  t = await team(app);
  const book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-02', openingBalance: '100.00' }));
  const entry = { cashBookId: book.id, time: '10:15', vatRate: 0 as const, invoiceId: '', category: 'Erlöse' };
  await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-20', type: 'income', amount: '119.00', vatRate: 19, text: 'Barverkauf' }));
  await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-20', time: '11:30', type: 'expense', amount: '10.70', vatRate: 7, category: 'Bewirtung', text: 'Kaffee' }));
  await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-20', counted: '208.00' }));
  const wrong = await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-26', type: 'income', amount: '23.80', vatRate: 19, text: 'Verkauf' }));
  await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: wrong.id, reason: 'Falsch getippt' }));
  month = await unwrap(t.bookkeeper.invoke('cashbook.month', { cashBookId: book.id, month: '2026-11' }));
  december = await unwrap(t.bookkeeper.invoke('cashbook.month', { cashBookId: book.id, month: '2026-12' }));
});
afterAll(async () => app.stop());

describe('the month of a cash book', () => {
  it('opens with the opening balance in the month of the opening, and its totals reconcile with the closing', () => {
    expect(month.opening).toBe(10000);
    expect(month.closing).toBe(20800);
    const { income, expense, privateDeposits, privateWithdrawals, transitIn, transitOut, differences } = month.totals;
    expect({ income, expense, differences }).toEqual({ income: 11900, expense: 1070, differences: -30 });
    expect(month.opening + income - expense + privateDeposits - privateWithdrawals + transitIn - transitOut + differences).toBe(month.closing);
    // Each day starts where the one before ended.
    expect(month.days.map((d) => [d.date, d.opening, d.closing])).toEqual([
      ['2026-11-02', 0, 10000],
      ['2026-11-20', 10000, 20800],
      ['2026-11-26', 20800, 23180],
      ['2026-11-27', 23180, 20800],
    ]);
    expect([december.opening, december.closing]).toEqual([20800, 20800]);
  });

  it('prints opening + income − expenses = closing', () => {
    const totals = Object.fromEntries(cashMonthLetter(month, { language: 'de', seller, date: '2026-11-27' }).totals.map((r) => [r.label, r.value]));
    expect(totals).toEqual({
      'Anfangsbestand des Monats': '100,00 €',
      Einnahmen: '142,80 €',
      Ausgaben: '34,80 €',
      'Endbestand des Monats': '208,00 €',
    });
  });

  it('prints the month by name, each written text once and a reversal’s VAT negative', () => {
    const letter = cashMonthLetter(month, { language: 'de', seller, date: '2026-11-27' });
    expect(letter.intro).toEqual(['Buchungen im November\u00a02026']);
    const rows = letter.rows as Record<string, string>[];
    expect(cell(rows, 4).text).toBe(`Kassendifferenz laut Kassensturz: gezählt ${formatMoney(20800, 'EUR', 'de')}, erwartet ${formatMoney(20830, 'EUR', 'de')}`);
    expect(cell(rows, 5).vat).toBe('19 % 3,80');
    expect(cell(rows, 6).vat).toBe('19 % -3,80');
    expect(cell(rows, 3).vat).toBe('7 % 0,70');
  });

  it('prints the texts the app wrote in the reader’s language, from the facts it wrote them from', () => {
    const letter = cashMonthLetter(month, { language: 'en', seller, date: '2026-11-27' });
    const rows = letter.rows as Record<string, string>[];
    expect(letter.intro).toEqual(['Entries in November\u00a02026']);
    expect(cell(rows, 1).text).toBe('Opening balance');
    expect(cell(rows, 4).text).toBe(`Cash difference from the cash count: counted ${formatMoney(20800, 'EUR', 'en')}, expected ${formatMoney(20830, 'EUR', 'en')}`);
    expect(cell(rows, 6).text).toBe('Reversal of voucher 5: Falsch getippt · Erlöse');
    // The stored text stays as it was recorded.
    const stored = month.days.flatMap((d) => d.entries).find((e) => e.voucher === 6)!;
    expect(stored.text).toBe('Storno Beleg 5: Falsch getippt');
    expect(stored.written).toEqual({ kind: 'reversal', voucher: 5, reason: 'Falsch getippt' });
  });
});
