/**
 * The cash book through the contract: opening a book, VAT split, the balance that never goes
 * negative (back-dated entries included), dates that are refused, gap-free vouchers, the
 * daily closing with its difference entry, reversals, and a book kept on another device.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, CashBookView } from '../../src-shared/contract/index.js';
import { team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { newFact } from '../store/facts.js';

let app: TestApp;
let t: Team;
let book: CashBookView;

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-11-27T09:00:00.000Z'));
  t = await team(app);
  book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Ladenkasse', location: 'Köln', openingDate: '2026-11-01', openingBalance: '100.00' }));
});
afterEach(async () => app.stop());

type Entry = { date: string; time?: string; type?: string; amount: string; vatRate?: number; category?: string; text?: string; invoiceId?: string };
const record = (e: Entry, client: ApiClient = t.bookkeeper) =>
  client.invoke('cashbook.record', { cashBookId: book.id, time: '10:00', type: 'income', category: 'Warenverkauf', text: 'Barverkauf', vatRate: 0, ...e } as never);
const day = (date: string) => unwrap(t.bookkeeper.invoke('cashbook.day', { cashBookId: book.id, date }));
const current = async () => (await unwrap(t.bookkeeper.invoke('cashbook.list', {}))).find((b) => b.id === book.id)!;

/** The result is a VALIDATION_FAILED naming `field` with `problem`. */
function refused(result: { ok: boolean; error?: unknown }, field: string, problem: string) {
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field, problem })] } } });
}

describe('opening and recording', () => {
  it('a new cash book starts with its opening balance as voucher 1', async () => {
    expect(book).toMatchObject({ name: 'Ladenkasse', location: 'Köln', openingBalance: 10000, balance: 10000, nextVoucher: 2, ownDevice: true, closedUntil: '' });
    const opening = await day('2026-11-01');
    expect(opening).toMatchObject({ opening: 0, closing: 10000, closed: null });
    expect(opening.entries).toMatchObject([{ voucher: 1, type: 'opening', amount: 10000, balance: 10000 }]);
  });

  it('splits the VAT of income and expense at 19, 7 and 0 percent; private and transit entries carry none', async () => {
    await unwrap(record({ date: '2026-11-10', amount: '119.00', vatRate: 19 }));
    await unwrap(record({ date: '2026-11-10', time: '11:00', amount: '10.70', vatRate: 7, type: 'expense', category: 'Bewirtung', text: 'Kaffee' }));
    await unwrap(record({ date: '2026-11-10', time: '12:00', amount: '0.99', vatRate: 19, type: 'expense', category: 'Büromaterial', text: 'Stift' }));
    await unwrap(record({ date: '2026-11-10', time: '13:00', amount: '20.00', vatRate: 0, type: 'expense', category: 'Porto', text: 'Briefmarken' }));
    const entries = (await day('2026-11-10')).entries;
    expect(entries.map((e) => [e.voucher, e.amount, e.vatRate, e.net, e.vat])).toEqual([
      [2, 11900, 19, 10000, 1900],
      [3, -1070, 7, -1000, -70],
      [4, -99, 19, -83, -16], // 0.99 × 19 / 119 = 0.158 → 0.16
      [5, -2000, 0, -2000, 0],
    ]);
    refused(await record({ date: '2026-11-10', amount: '10.00', vatRate: 19, type: 'privateWithdrawal', category: 'Privat', text: 'Entnahme' }), 'vatRate', 'validation.cashNoVat');
    const month = await unwrap(t.bookkeeper.invoke('cashbook.month', { cashBookId: book.id, month: '2026-11' }));
    expect(month.totals).toMatchObject({ income: 11900, expense: 3169 });
    expect(month.totals.vat).toEqual([
      { rate: 19, direction: 'income', gross: 11900, net: 10000, vat: 1900 },
      { rate: 19, direction: 'expense', gross: 99, net: 83, vat: 16 },
      { rate: 7, direction: 'expense', gross: 1070, net: 1000, vat: 70 },
      { rate: 0, direction: 'expense', gross: 2000, net: 2000, vat: 0 },
    ]);
    // The month of the opening starts with the opening balance: opening + movements = closing.
    expect(month).toMatchObject({ opening: 10000, closing: 10000 + 11900 - 3169 });
    expect(month.days.map((d) => d.date)).toEqual(['2026-11-01', '2026-11-10']);
  });

  it('refuses a future date, a date before the opening, no text or category, and amounts out of bounds; nothing is written', async () => {
    refused(await record({ date: '2026-11-28', amount: '1.00' }), 'date', 'validation.futureDate');
    refused(await record({ date: '2026-10-31', amount: '1.00' }), 'date', 'validation.cashBeforeOpening');
    refused(await record({ date: '2026-11-10', amount: '1.00', text: '  ' }), 'text', 'validation.required');
    refused(await record({ date: '2026-11-10', amount: '1.00', category: '' }), 'category', 'validation.required');
    refused(await record({ date: '2026-11-10', amount: '0' }), 'amount', 'validation.positive');
    refused(await record({ date: '2026-11-10', amount: '100000000.00' }), 'amount', 'validation.tooLarge');
    refused(await record({ date: '2026-11-10', time: '25:00', amount: '1.00' }), 'time', 'validation.cashTime');
    expect(await current()).toMatchObject({ balance: 10000, nextVoucher: 2 });
  });

  it('refuses an expense that makes the balance negative, also when back-dated before a later expense', async () => {
    refused(await record({ date: '2026-11-10', amount: '100.01', type: 'expense' }), 'amount', 'validation.cashNegativeBalance');
    await unwrap(record({ date: '2026-11-20', amount: '80.00', type: 'expense' })); // 20.00 left from the 20th
    // On the 10th there would be 70.00, but the 20th would end at -10.00.
    const backDated = await record({ date: '2026-11-10', amount: '30.00', type: 'expense' });
    refused(backDated, 'amount', 'validation.cashNegativeBalance');
    expect(backDated).toMatchObject({ error: { details: { fields: [{ params: { date: '2026-11-20', time: '10:00' } }] } } });
    await unwrap(record({ date: '2026-11-10', amount: '20.00', type: 'expense' })); // down to exactly 0.00 on the 20th
    expect(await current()).toMatchObject({ balance: 0, nextVoucher: 4 });
    // A deposit before the expense makes room again.
    await unwrap(record({ date: '2026-11-05', amount: '50.00', type: 'transitIn', category: 'Geldtransit', text: 'Von der Bank' }));
    await unwrap(record({ date: '2026-11-21', amount: '50.00', type: 'privateWithdrawal', category: 'Privat', text: 'Entnahme' }));
    expect(await current()).toMatchObject({ balance: 0 });
  });

  it('numbers vouchers without gaps, also for 50 records sent at once', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => unwrap(record({ date: '2026-11-26', time: `${String(8 + (i % 10)).padStart(2, '0')}:00`, amount: `${i + 1}.00`, text: `Beleg ${i}` }))));
    expect(results.map((e) => e.voucher).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    const entries = (await day('2026-11-26')).entries;
    expect(entries).toHaveLength(50);
    expect(new Set(entries.map((e) => e.voucher)).size).toBe(50);
    // The running balance follows the time of day, not the voucher.
    expect(entries.at(-1)!.balance).toBe(10000 + 127500);
    expect(await current()).toMatchObject({ nextVoucher: 52 });
  });
});

describe('daily closing', () => {
  it('documents a shortfall as a difference entry and closes the day and every earlier one', async () => {
    await unwrap(record({ date: '2026-11-20', amount: '50.00' }));
    const closed = await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-20', counted: '148.50' }));
    expect(closed.closed).toMatchObject({ date: '2026-11-20', expected: 15000, counted: 14850, difference: -150 });
    expect(closed.entries.at(-1)).toMatchObject({ type: 'difference', amount: -150, time: '23:59', voucher: 3, balance: 14850 });
    expect(closed.entries.at(-1)!.id).toBe(closed.closed!.differenceEntryId);
    expect(closed.closing).toBe(14850);
    refused(await record({ date: '2026-11-20', amount: '1.00' }), 'date', 'validation.cashDayClosed');
    refused(await record({ date: '2026-11-12', amount: '1.00' }), 'date', 'validation.cashDayClosed');
    refused(await t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-20', counted: '148.50' }), 'date', 'validation.cashClosedAlready');
    await unwrap(record({ date: '2026-11-21', amount: '1.00' }));
    expect(await current()).toMatchObject({ closedUntil: '2026-11-20', balance: 14950 });
  });

  it('a surplus becomes an incoming difference; a counted amount equal to the balance writes no entry', async () => {
    const surplus = await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-02', counted: '100.20' }));
    expect(surplus.entries).toMatchObject([{ type: 'difference', amount: 20 }]);
    const even = await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-03', counted: '100.20' }));
    expect(even.entries).toEqual([]);
    expect(even.closed).toMatchObject({ expected: 10020, counted: 10020, difference: 0, differenceEntryId: '' });
  });
});

describe('reversal', () => {
  it('reverses an entry once with an entry of the other direction that names its voucher', async () => {
    const income = await unwrap(record({ date: '2026-11-20', amount: '119.00', vatRate: 19 }));
    const reversal = await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: income.id, reason: 'Falscher Betrag' }));
    expect(reversal).toMatchObject({ voucher: 3, date: '2026-11-27', type: 'income', amount: -11900, vat: -1900, net: -10000, reversesId: income.id, reversesVoucher: 2, balance: 10000 });
    expect(reversal.text).toContain('Beleg 2');
    expect(reversal.text).toContain('Falscher Betrag');
    expect((await day('2026-11-20')).entries.at(-1)).toMatchObject({ id: income.id, reversedById: reversal.id, reversedByVoucher: 3 });
    refused(await t.bookkeeper.invoke('cashbook.reverse', { entryId: income.id, reason: 'Nochmal' }), 'entryId', 'validation.cashReversedAlready');
    refused(await t.bookkeeper.invoke('cashbook.reverse', { entryId: reversal.id, reason: 'Zurück' }), 'entryId', 'validation.cashReversalOfReversal');
    const month = await unwrap(t.bookkeeper.invoke('cashbook.month', { cashBookId: book.id, month: '2026-11' }));
    expect(month.totals.income).toBe(0);
    expect(month.totals.vat).toEqual([{ rate: 19, direction: 'income', gross: 0, net: 0, vat: 0 }]);
  });

  it('refuses a reversal that would make the balance negative, and one of the opening balance', async () => {
    const income = await unwrap(record({ date: '2026-11-10', amount: '50.00' }));
    await unwrap(record({ date: '2026-11-11', amount: '140.00', type: 'expense' }));
    refused(await t.bookkeeper.invoke('cashbook.reverse', { entryId: income.id, reason: 'Irrtum' }), 'entryId', 'validation.cashNegativeBalance');
    const opening = (await day('2026-11-01')).entries[0]!;
    refused(await t.bookkeeper.invoke('cashbook.reverse', { entryId: opening.id, reason: 'Irrtum' }), 'entryId', 'validation.cashNotReversible');
    expect(await current()).toMatchObject({ nextVoucher: 4, balance: 1000 });
  });

  it('refuses a reversal on a closed day', async () => {
    const income = await unwrap(record({ date: '2026-11-10', amount: '50.00' }));
    await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-27', counted: '150.00' }));
    refused(await t.bookkeeper.invoke('cashbook.reverse', { entryId: income.id, reason: 'Irrtum' }), 'entryId', 'validation.cashDayClosed');
  });
});

describe('several cash books, each on its device', () => {
  it('reads a cash book of another device but writes nothing to it', async () => {
    const other = newFact('other-device', {
      kind: 'cashBook',
      subjectId: 'other-book',
      id: 'other-book',
      occurredAt: '2026-11-01T08:00:00.000Z',
      cashBook: { name: 'Filialkasse', location: 'Bonn', openingDate: '2026-11-01', openingBalance: 0, currency: 'EUR' },
    });
    await app.services.books.db.facts.insert(other);
    const books = await unwrap(t.bookkeeper.invoke('cashbook.list', {}));
    expect(books.map((b) => [b.name, b.ownDevice])).toEqual([
      ['Filialkasse', false],
      ['Ladenkasse', true],
    ]);
    expect(await unwrap(t.bookkeeper.invoke('cashbook.day', { cashBookId: 'other-book', date: '2026-11-27' }))).toMatchObject({ opening: 0, entries: [] });
    const result = await t.bookkeeper.invoke('cashbook.record', { cashBookId: 'other-book', date: '2026-11-27', time: '10:00', type: 'income', amount: '1.00', category: 'Erlöse', text: 'Verkauf' });
    refused(result, 'cashBookId', 'validation.cashOtherDevice');
    refused(await t.bookkeeper.invoke('cashbook.close', { cashBookId: 'other-book', date: '2026-11-27', counted: '0' }), 'cashBookId', 'validation.cashOtherDevice');
    refused(await t.bookkeeper.invoke('cashbook.day', { cashBookId: 'nowhere', date: '2026-11-27' }), 'cashBookId', 'validation.cashUnknownBook');
  });
});
