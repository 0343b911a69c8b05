/** The cash book of a month printed in the letterhead (read back with pdftotext), and what the reports read of it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { team, type Team } from '../../tests/support/books.js';
import { linesOf, pdfPages } from '../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { createCashbook } from './index.js';

let app: TestApp;
let t: Team;

beforeAll(async () => {
  app = await startTestApp(() => new Date('2026-11-27T09:00:00.000Z'));
  t = await team(app);
});
afterAll(async () => app.stop());

describe('the cash book of a month as a PDF', () => {
  it('prints every entry with its balance, the day closing and the month totals with VAT by rate', async () => {
    const book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Ladenkasse', location: 'Köln', openingDate: '2026-11-02', openingBalance: '100.00' }));
    const entry = { cashBookId: book.id, time: '10:15', vatRate: 0 as const, invoiceId: '' };
    await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-20', type: 'income', amount: '119.00', vatRate: 19, category: 'Warenverkauf', text: 'Barverkauf' }));
    await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-20', time: '11:30', type: 'expense', amount: '10.70', vatRate: 7, category: 'Bewirtung', text: 'Kaffee' }));
    await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-20', counted: '208.00' }));

    const file = await unwrap(t.bookkeeper.invoke('cashbook.pdf', { cashBookId: book.id, month: '2026-11' }));
    expect(file).toMatchObject({ format: 'pdf', fileName: 'Kassenbuch-Ladenkasse-2026-11.pdf', mimeType: 'application/pdf' });
    const lines = pdfPages(Buffer.from(file.dataBase64, 'base64')).flatMap(linesOf);
    expect(lines).toContain('Kassenbuch Ladenkasse');
    expect(lines).toContain('1 02.11. 00:00 Anfangsbestand Anfangsbestand 100,00 100,00');
    expect(lines).toContain('2 20.11. 10:15 Einnahme Barverkauf · 19 % 19,00 119,00 219,00');
    expect(lines).toContain('3 20.11. 11:30 Ausgabe Kaffee · Bewirtung 7 % 0,70 10,70 208,30');
    expect(lines).toContain('4 20.11. 23:59 Kassendifferenz Kassendifferenz 0,30 208,00');
    expect(lines).toContain('20.11. Kassensturz 208,00');
    expect(lines).toContain('Differenz -0,30');
    expect(lines).toContain('Einnahmen 119,00 €');
    expect(lines).toContain('Ausgaben 11,00 €');
    expect(lines.some((l) => l.endsWith('Endbestand des Monats 208,00 €'))).toBe(true);
    expect(lines.some((l) => l.includes('Einnahmen 19 %: brutto 119,00, netto 100,00, USt 19,00'))).toBe(true);
    expect(lines.some((l) => l.includes('Ausgaben 7 %: brutto 10,70, netto 10,00, USt 0,70'))).toBe(true);
  });

  it('gives the reports the entries of a period and their VAT by rate, reversals netted', async () => {
    const book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Filialkasse', openingDate: '2026-11-01', openingBalance: '0' }));
    const entry = { cashBookId: book.id, time: '09:00', category: 'Erlöse', text: 'Verkauf', invoiceId: '' };
    await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-25', type: 'income', amount: '107.00', vatRate: 7 }));
    const wrong = await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-26', type: 'income', amount: '238.00', vatRate: 19 }));
    await unwrap(t.bookkeeper.invoke('cashbook.record', { ...entry, date: '2026-11-26', time: '10:00', type: 'expense', amount: '11.90', vatRate: 19, category: 'Büromaterial' }));
    await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: wrong.id, reason: 'Doppelt erfasst' }));
    const reports = createCashbook(app.services, { settleInvoice: async () => undefined, takeBackSettlement: async () => undefined, seller: async () => { throw new Error('not printed'); }, renderTable: async () => Buffer.alloc(0) });
    expect(await reports.cashVat('2026-11-21', '2026-11-27')).toEqual([
      { rate: 19, direction: 'income', gross: 0, net: 0, vat: 0 },
      { rate: 7, direction: 'income', gross: 10700, net: 10000, vat: 700 },
      { rate: 19, direction: 'expense', gross: 1190, net: 1000, vat: 190 },
    ]);
    const entries = await reports.entries('2026-11-26', '2026-11-26');
    expect(entries.map((e) => [e.cashBookId, e.voucher, e.type, e.direction, e.amount, e.vat])).toEqual([
      [book.id, 3, 'income', 'in', 23800, 3800],
      [book.id, 4, 'expense', 'out', 1190, 190],
    ]);
  });
});
