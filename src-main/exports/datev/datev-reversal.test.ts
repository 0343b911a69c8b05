/**
 * A bank's reversal (Storno) in the DATEV export: the payment a CAMT statement booked and the
 * bank took back are two lines on the customer's Debitor, both naming the invoice, which the
 * customer owes again, as the open items say.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { issued } from '../../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
let number = '';
const PERIOD = { from: '2026-11-01', to: '2026-12-31' };

beforeAll(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  const customerId = (await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] })).id;
  const item = await product(t.bookkeeper, { sku: 'S-100', netPrice: '100', vatRate: '19' });
  number = (await issued(t, { customerId, lines: [{ productId: item.id, quantity: '1' }] })).number;
  const file = { fileName: 'camt053-reversal.xml', dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements/camt053-reversal.xml')).toString('base64') };
  await unwrap(t.bookkeeper.invoke('payments.importStatement', file));
  await unwrap(t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '1' }));
}, 120_000);
afterAll(async () => app.stop());

describe('a bank reversal in the DATEV export', () => {
  it('books the payment H and its reversal S on the Debitor, against the bank, both naming the invoice', async () => {
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', PERIOD));
    expect(preview.errors).toEqual([]);
    expect(preview.lines.map((l) => [l.amount, l.side, l.account, l.contraAccount, l.date, l.document])).toEqual([
      [11900, 'H', '10001', '1200', '2026-11-28', number],
      [11900, 'S', '10001', '1200', '2026-12-01', number],
      [11900, 'S', '10001', '8400', '2026-12-02', number],
    ]);
    expect(preview.lines[1]!.text).toBe(`Storno Bäckerei Größe KG ${number}`);
    // The reversal naming no booked payment belongs to no customer: named, left out.
    expect(preview.warnings.map((w) => w.code)).toEqual(['noCustomer']);
    const open = await unwrap(t.bookkeeper.invoke('reports.openItems', { asOf: PERIOD.to }));
    const debitor = preview.accounts.find((a) => a.account === '10001')!;
    expect(debitor.debit - debitor.credit).toBe(open.check.receivables);
  });
});
