/**
 * A small business (§ 19 UStG) files no UStVA for its sales: the VAT summary shows them apart,
 * with no output tax, and drills down to the invoices; revenue counts them as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, team, type Team } from '../../tests/support/books.js';
import { issued } from '../../tests/support/pdf.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let invoiceId = '';
const Q4 = { from: '2026-10-01', to: '2026-12-31' };

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, smallBusiness: true }));
  const c = await customer(t.bookkeeper);
  invoiceId = (await issued(t, { customerId: c.id, issueDate: '2026-11-02', lines: [{ description: 'Gartenpflege', quantity: '3', netUnitPrice: '45.00' }] })).id;
}, 60_000);
afterAll(async () => app.stop());

describe('§ 19 UStG small business', () => {
  it('shows its sales apart from the UStVA, with no tax to pay', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.vat', Q4));
    expect(r.kennzahlen.map((k) => [k.key, k.base, k.tax])).toEqual([['smallBusiness', 13500, 0]]);
    expect([r.outputTax, r.inputTax, r.payable]).toEqual([0, 0, 0]);
    const d = await unwrap(t.bookkeeper.invoke('reports.vatDocuments', { ...Q4, key: 'smallBusiness' }));
    expect(d.documents.map((x) => [x.documentId, x.kind, x.base])).toEqual([[invoiceId, 'invoice', 13500]]);
  });

  it('counts the sale as revenue without VAT', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.revenue', { ...Q4, period: 'quarter', by: 'none', basis: 'soll' }));
    expect(r.rows.map((x) => [x.bucket, x.net, x.vat, x.gross])).toEqual([['2026-Q4', 13500, 0, 13500]]);
  });
});
