/**
 * Exports through the contract on books built by the real handlers: the open items as CSV, XLSX
 * and PDF read back, a report's bad filter refused at its field, the account statement printed
 * and mailed through the outbox with the letter attached.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { DocumentFile, InvoiceView } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { issued, linesOf, pdfPages } from '../../../tests/support/pdf.js';
import { csvCell } from './csv.js';

let app: TestApp;
let t: Team;
let customerId: string;
let silentId: string;
let invoice: InvoiceView;
let paidOne: InvoiceView;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  customerId = (await customer(t.bookkeeper, { name: 'Bäckerei Schmidt GmbH', invoiceEmails: ['buchhaltung@schmidt.example'] })).id;
  silentId = (await customer(t.bookkeeper, { name: 'Café ohne Mail', invoiceEmails: [] })).id;
  const p = await product(t.bookkeeper, { sku: 'EXP-1', netPrice: '100', vatRate: '19' });
  invoice = await issued(t, { customerId, issueDate: '2026-11-02', lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] }); // 119.00 €
  paidOne = await issued(t, { customerId, issueDate: '2026-11-03', lines: [{ productId: p.id, quantity: '2', unit: 'HUR' }] }); // 238.00 €
  await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-20', amount: '38.00', customerId, allocations: [{ invoiceId: paidOne.id, amount: '38.00' }] }));
}, 60_000);
afterAll(async () => app.stop());

const bytesOf = (file: DocumentFile) => Buffer.from(file.dataBase64, 'base64');

describe('report exports', () => {
  it('writes the open items as CSV with the figures of the report, cell by cell', async () => {
    const report = await unwrap(t.bookkeeper.invoke('reports.openItems', { asOf: '2026-11-27' }));
    const file = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'openItems', params: { asOf: '2026-11-27' }, format: 'csv' }));
    expect(file).toMatchObject({ fileName: 'Offene-Posten_2026-11-27.csv', mimeType: 'text/csv;charset=utf-8' });
    const rows = parse(bytesOf(file), { delimiter: ';', bom: true }) as string[][];
    expect(rows).toHaveLength(1 + report.table.rows.length + (report.table.totals ? 1 : 0));
    report.table.rows.forEach((row, i) => {
      const expected = report.table.columns.map((column) => (parse(csvCell(row[column.key] ?? null, column) || '""', { delimiter: ';' }) as string[][])[0]![0]);
      expect(rows[i + 1]).toEqual(expected);
    });
    // Hand-worked: 119.00 open on the first invoice, 238.00 − 38.00 = 200.00 on the second.
    expect(rows.find((r) => r.includes(invoice.number))).toContain('119,00');
    expect(rows.find((r) => r.includes(paidOne.number))).toContain('200,00');
    expect(rows.at(-1)).toContain('319,00');
  });

  it('writes the open items as an Excel workbook with numbers and text cells', async () => {
    const file = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'openItems', params: { asOf: '2026-11-27' }, format: 'xlsx' }));
    expect(file.fileName).toBe('Offene-Posten_2026-11-27.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytesOf(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1));
    const row = values.find((cells) => cells.includes(invoice.number))!;
    expect(row).toContain(119);
    expect(values.find((cells) => cells.includes(paidOne.number))).toContain(200);
    expect(values.at(-1)).toContain(319);
    // The totals row carries one label: the report's own.
    expect((values.at(-1) as unknown[]).filter((cell) => typeof cell === 'string')).toEqual(['Gesamtsumme']);
  });

  it('prints the open items in the letterhead with the filter line and page numbers', async () => {
    const file = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'openItems', params: { asOf: '2026-11-27', customerId }, format: 'pdf' }));
    expect(file.fileName).toBe('Offene-Posten_2026-11-27.pdf');
    const lines = pdfPages(bytesOf(file)).flatMap(linesOf);
    expect(lines).toContain('Offene Posten');
    expect(lines).toContain('Stichtag: 27.11.2026 · Kunde: Bäckerei Schmidt GmbH');
    expect(lines.some((l) => l.includes(invoice.number) && l.includes('119,00'))).toBe(true);
    // The check lines (items, credit, receivables, balance per statement, verdict) take the table onto a second page.
    expect(lines.filter((l) => l.startsWith('Seite'))).toEqual(['Seite 1 von 2', 'Seite 2 von 2']);
    expect(lines.join(' ')).toContain('Muster & Söhne GmbH');
  });

  it('exports a month of the cash book: a formula-like text neutralised, an outgoing amount a plain negative number', async () => {
    const book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Ladenkasse', location: 'Laden', openingDate: '2026-11-01', openingBalance: '100.00' }));
    await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-26', time: '16:45', type: 'expense', amount: '5.35', vatRate: 7, category: '0049', text: '=SUMME(A1:A9)', invoiceId: '' }));
    const file = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'cashbookMonth', params: { cashBookId: book.id, month: '2026-11' }, format: 'csv' }));
    expect(file.fileName).toBe('Kassenbuch_2026-11.csv');
    const rows = parse(bytesOf(file), { delimiter: ';', bom: true }) as string[][];
    const entry = rows.find((r) => r.includes('26.11.2026'))!;
    expect(entry).toContain("'=SUMME(A1:A9)");
    expect(entry).toContain("'0049");
    expect(entry).toContain('-5,35');
    expect(entry).toContain('-0,35');
    expect(entry.at(-1)).toBe('94,65');
  });

  it("refuses a report's bad filter at its field, under params", async () => {
    const r = await t.bookkeeper.invoke('reports.export', { report: 'statement', params: { from: '2026-11-01', to: '2026-11-30' }, format: 'csv' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'params.customerId', problem: 'validation.required' }] } } });
  });

  it('names a bad date once, however many of its checks it fails', async () => {
    const r = await t.bookkeeper.invoke('reports.export', { report: 'openItems', params: { asOf: 'x' }, format: 'csv' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(r.ok ? [] : (r.error.details as { fields: unknown[] }).fields).toEqual([{ field: 'params.asOf', problem: 'validation.date' }]);
  });
});

describe('account statement', () => {
  it('prints the statement as a letter to the customer with the closing balance', async () => {
    const file = await unwrap(t.bookkeeper.invoke('reports.statementPdf', { customerId, from: '2026-11-01', to: '2026-11-30' }));
    expect(file.mimeType).toBe('application/pdf');
    const text = pdfPages(bytesOf(file)).flatMap(linesOf);
    expect(text).toContain('Bäckerei Schmidt GmbH');
    expect(text).toContain('Kontoauszug');
    expect(text.some((l) => l.includes(invoice.number) && l.includes('119,00'))).toBe(true);
    expect(text.some((l) => l.includes('Zahlung') && l.includes('38,00'))).toBe(true);
    // 119.00 + 238.00 − 38.00
    expect(text).toContain('Schlusssaldo am 30.11.2026 319,00 €');
  });

  it('queues the statement mail to the invoice address with the letter attached', async () => {
    const item = await unwrap(t.bookkeeper.invoke('reports.mailStatement', { customerId, from: '2026-11-01', to: '2026-11-30' }));
    expect(item).toMatchObject({ status: 'queued', event: 'statement', to: ['buchhaltung@schmidt.example'], customerId });
    expect(item.subject).toBe('Ihr Kontoauszug vom 01.11.2026 bis 30.11.2026');
    expect(item.attachments).toEqual([{ filename: expect.stringMatching(/^Kontoauszug-.*\.pdf$/), contentType: 'application/pdf' }]);
    const message = await unwrap(t.bookkeeper.invoke('mail.message', { id: item.id }));
    expect(message.text).toContain('Der Saldo zum 30.11.2026 beträgt 319,00 €');
    const outbox = (await app.services.books.db.outbox.findOne(item.id).exec())!;
    const attached = fs.readFileSync(path.join(app.dataDir, outbox.attachments![0]!.file));
    expect(pdfPages(attached).flatMap(linesOf)).toContain('Schlusssaldo am 30.11.2026 319,00 €');
  });

  it('refuses to mail a customer without an e-mail address, naming the field', async () => {
    const r = await t.bookkeeper.invoke('reports.mailStatement', { customerId: silentId, from: '2026-11-01', to: '2026-11-30' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'customerId', problem: 'reportExport.noEmail' }] } } });
    const waiting = await unwrap(t.bookkeeper.invoke('mail.outbox', {}));
    expect(waiting.items.filter((i) => i.customerId === silentId)).toEqual([]);
  });
});
