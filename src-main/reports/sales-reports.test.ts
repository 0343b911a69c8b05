/**
 * Revenue and the VAT summary on books built through the real handlers: every VAT case the app
 * sells under, a mixed-rate invoice, a credit note, a payment with Skonto and the cash book,
 * compared with figures worked out by hand. Soll first; then the company turns to Ist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VatReport } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team, vatCaseBooks } from '../../tests/support/books.js';
import { approveAndIssue, issued } from '../../tests/support/pdf.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
const Q4 = { from: '2026-10-01', to: '2026-12-31' };
const ids: Record<string, string> = {};

const pay = (date: string, invoiceId: string, amount: string, skonto = '0') =>
  unwrap(t.bookkeeper.invoke('payments.record', { date, amount, allocations: [{ invoiceId, amount, skonto }] }));
const figures = (r: VatReport) => Object.fromEntries(r.kennzahlen.map((k) => [k.key, [k.base, k.tax]]));

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const b = t.bookkeeper;
  const { service, tea, machine, dom, rc, eu, ex, exm } = await vatCaseBooks(b);
  Object.assign(ids, { dom: dom.id, rc: rc.id, service: service.id, tea: tea.id, machine: machine.id });
  const line = (productId: string, quantity = '1') => ({ productId, quantity });

  // A year earlier, for the comparison (paid, so that the customer is no risk).
  const i0 = await issued(t, { customerId: dom.id, issueDate: '2025-10-15', lines: [line(service.id, '2')] });
  await pay('2025-11-01', i0.id, '238.00');
  // Q3: paid in Q4.
  const i1 = await issued(t, { customerId: dom.id, issueDate: '2026-09-20', lines: [line(service.id)] });
  await pay('2026-10-02', i1.id, '119.00');
  // Q4: mixed rates, paid with 2 % Skonto within the term.
  const i2 = await issued(t, { customerId: dom.id, issueDate: '2026-10-05', lines: [line(service.id), line(tea.id)] });
  // 4 × 250.00 at 19 %: half paid, one of four credited.
  const i3 = await issued(t, { customerId: dom.id, issueDate: '2026-10-20', lines: [{ description: 'Wartungspaket', quantity: '4', netUnitPrice: '250.00' }] });
  const i4 = await issued(t, { customerId: rc.id, issueDate: '2026-10-25', lines: [line(service.id, '5')] });
  await issued(t, { customerId: eu.id, issueDate: '2026-11-02', lines: [line(machine.id), line(service.id, '2')] });
  await issued(t, { customerId: ex.id, issueDate: '2026-11-05', lines: [line(machine.id)], allowancesCharges: [{ isCharge: false, amount: '40.00', vatCategory: 'G', vatRate: '0', reason: 'Rabatt' }] });
  await issued(t, { customerId: exm.id, issueDate: '2026-11-10', lines: [{ description: 'Behandlungsraum', quantity: '1', netUnitPrice: '80.00' }] });
  await issued(t, { customerId: dom.id, issueDate: '2026-11-12', lines: [{ description: 'Sondersatz', quantity: '1', netUnitPrice: '100.00', vatCategory: 'S', vatRate: '10' }] });

  await pay('2026-10-10', i2.id, '169.05', '3.45');
  await pay('2026-11-20', i3.id, '595.00');
  await pay('2026-11-03', i4.id, '500.00');
  const note = await unwrap(b.invoke('invoices.createCreditNote', { invoiceId: i3.id, reason: 'Ein Paket nicht geliefert', lines: [{ lineId: i3.lines[0]!.id, quantity: '1' }] }));
  ids.creditNote = (await approveAndIssue(t, note.id)).id;
  Object.assign(ids, { i1: i1.id, i2: i2.id, i3: i3.id, i4: i4.id });

  const book = await unwrap(b.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '100.00' }));
  await unwrap(b.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-20', time: '10:00', type: 'income', amount: '119.00', vatRate: 19, category: 'Erlöse', text: 'Barverkauf' }));
  await unwrap(b.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-20', time: '11:00', type: 'expense', amount: '10.70', vatRate: 7, category: 'Büromaterial', text: 'Papier' }));
}, 120_000);
afterAll(async () => app.stop());

describe('VAT summary of a quarter, Sollversteuerung', () => {
  it('fills every Kennzahl the sales produce with the figures worked out by hand', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.vat', Q4));
    expect(r.taxation).toBe('soll');
    expect(figures(r)).toEqual({
      // 100 − 2 (Skonto 2 %) + 1000 − 250 (credit note) + 100 (cash); 19 − 0.38 + 190 − 47.50 + 19.
      '81': [94800, 18012],
      // 50 − 1 (Skonto); 3.50 − 0.07.
      '86': [4900, 343],
      '35': [10000, 1000],
      '41': [30000, 0],
      '21': [20000, 0],
      '60': [50000, 0],
      '43': [26000, 0],
      '48': [8000, 0],
      '66': [1000, 70],
    });
    const kz35 = r.kennzahlen.find((k) => k.key === '35')!;
    expect(kz35.taxKennzahl).toBe('36');
    // Output tax as the form works it out (948 € × 19 %, 49 € × 7 %, Kz 36), less input tax.
    expect([r.outputTax, r.inputTax, r.payable]).toEqual([18012 + 343 + 1000, 70, 18012 + 343 + 1000 - 70]);
    expect(r.lines.map((l) => [l.key, l.kennzahl, l.base, l.tax])).toEqual([
      // Reverse charge in Germany and services to an EU business share the category AE.
      ['AE/0', '60, 21', 70000, 0],
      ['E/0', '48', 8000, 0],
      ['G/0', '43', 26000, 0],
      ['K/0', '41', 30000, 0],
      ['S/19', '81', 94800, 18012],
      ['S/10', '35', 10000, 1000],
      ['S/7', '86', 4900, 343],
    ]);
    expect(r.table.rows.length).toBeGreaterThanOrEqual(r.kennzahlen.length);
    expect(r.table.totals).toMatchObject({ key: '83', formTax: r.payable });
  });

  it('drills each Kennzahl down to documents that add up to it', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.vat', Q4));
    for (const k of r.kennzahlen) {
      const d = await unwrap(t.bookkeeper.invoke('reports.vatDocuments', { ...Q4, key: k.key }));
      expect([d.base, d.tax], k.key).toEqual([k.base, k.tax]);
      expect(d.documents.reduce((s, x) => s + x.base, 0)).toBe(k.base);
    }
    const kz81 = await unwrap(t.bookkeeper.invoke('reports.vatDocuments', { ...Q4, key: '81' }));
    expect(kz81.documents.map((d) => [d.date, d.kind, d.base, d.tax])).toEqual([
      ['2026-10-05', 'invoice', 10000, 1900],
      ['2026-10-10', 'skonto', -200, -38],
      ['2026-10-20', 'invoice', 100000, 19000],
      ['2026-11-20', 'cashIncome', 10000, 1900],
      ['2026-11-27', 'creditNote', -25000, -4750],
    ]);
    const byGroup = await unwrap(t.bookkeeper.invoke('reports.vatDocuments', { ...Q4, key: 'S/7' }));
    expect([byGroup.base, byGroup.tax]).toEqual([4900, 343]);
  });

  it('leaves a Q3 invoice in Q3 and narrows to one customer without the cash book', async () => {
    const q3 = await unwrap(t.bookkeeper.invoke('reports.vat', { from: '2026-07-01', to: '2026-09-30' }));
    expect(figures(q3)).toEqual({ '81': [10000, 1900] });
    const rc = await unwrap(t.bookkeeper.invoke('reports.vat', { ...Q4, customerId: ids.rc }));
    expect(figures(rc)).toEqual({ '60': [50000, 0] });
  });
});

describe('revenue', () => {
  it('by month, Soll: credit notes and Skonto netted, beside the same month a year earlier', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.revenue', { from: '2026-10-01', to: '2026-11-30', period: 'month', by: 'none', basis: 'soll' }));
    expect(r.rows.map((x) => [x.bucket, x.net, x.vat, x.previousNet, x.changePercent])).toEqual([
      // 150 + 1000 + 500 − 3 (Skonto); a year earlier 200.
      ['2026-10', 164700, 2250 + 19000 - 45, 20000, 723.5],
      // 500 + 260 + 80 + 100 − 250 (credit note).
      ['2026-11', 69000, 1000 - 4750, 0, null],
    ]);
    expect(r.total).toMatchObject({ net: 233700, previousNet: 20000 });
    expect(r.table.columns.map((c) => c.key)).toEqual(['bucket', 'net', 'vat', 'gross', 'previousNet', 'changePercent']);
  });

  it('by customer, Ist: by payment date, in proportion to what was paid', async () => {
    const r = await unwrap(t.bookkeeper.invoke('reports.revenue', { from: '2026-10-01', to: '2026-12-31', period: 'quarter', by: 'customer', basis: 'ist' }));
    expect(r.rows.map((x) => [x.bucket, x.groupName, x.net, x.vat])).toEqual([
      // 100 (Q3 invoice paid in October) + 147 (98 %) + 500 (595 of 892.50 after the credit note).
      ['2026-Q4', 'Inland GmbH', 74700, 1900 + 1862 + 343 + 9500],
      ['2026-Q4', 'Bau AG', 50000, 0],
    ]);
  });

  it('by product for one customer, with the allowance on the whole document as its own row', async () => {
    const all = await unwrap(t.bookkeeper.invoke('reports.revenue', { from: '2026-10-01', to: '2026-12-31', period: 'year', by: 'product', basis: 'soll' }));
    const net = Object.fromEntries(all.rows.map((x) => [x.groupName, x.net]));
    // Skonto of 2 % lowers each product of the invoice it was taken on.
    expect(net).toEqual({ Beratung: 10000 + 50000 + 20000 - 200, Tee: 5000 - 100, Maschine: 60000, 'Nachlass/Zuschlag auf Belegebene': -4000, 'Positionen ohne Artikel': 100000 - 25000 + 8000 + 10000 });
    expect(all.rows.every((x) => x.vat === null)).toBe(true);
    const dom = await unwrap(t.bookkeeper.invoke('reports.revenue', { from: '2026-01-01', to: '2026-12-31', period: 'year', by: 'product', basis: 'soll', customerId: ids.dom }));
    expect(dom.rows.find((x) => x.groupId === ids.service)).toMatchObject({ net: 10000 + 10000 - 200, previousNet: 20000, changePercent: -1 });
  });
});

describe('Istversteuerung', () => {
  it('counts VAT by payment date once the company is taxed so, and differs from Soll as expected', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'ist' }));
    const r = await unwrap(t.bookkeeper.invoke('reports.vat', Q4));
    expect(r.taxation).toBe('ist');
    expect(figures(r)).toEqual({
      // 100 (Q3 invoice paid 2 Oct) + 98 (Skonto never received) + 500 (2/3 of 750 net) + 100 (cash).
      '81': [79800, 1900 + 1862 + 9500 + 1900],
      '86': [4900, 343],
      '60': [50000, 0],
      '66': [1000, 70],
    });
    const q3 = await unwrap(t.bookkeeper.invoke('reports.vat', { from: '2026-07-01', to: '2026-09-30' }));
    expect(q3.kennzahlen).toEqual([]);
    const kz81 = await unwrap(t.bookkeeper.invoke('reports.vatDocuments', { ...Q4, key: '81' }));
    expect(kz81.documents.filter((d) => d.kind === 'payment').map((d) => [d.date, d.documentId, d.base])).toEqual([
      ['2026-10-02', ids.i1, 10000],
      ['2026-10-10', ids.i2, 9800],
      ['2026-11-20', ids.i3, 50000],
    ]);
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'soll' }));
  });

  it('refuses a range that ends before it starts, and an unknown figure, at their fields', async () => {
    expect(await t.bookkeeper.invoke('reports.vat', { from: '2026-12-31', to: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'to', problem: 'validation.periodOrder' }] } },
    });
    expect(await t.bookkeeper.invoke('reports.vatDocuments', { ...Q4, key: 'Kz81' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'key', problem: 'validation.vatFigure' }] } },
    });
  });
});
