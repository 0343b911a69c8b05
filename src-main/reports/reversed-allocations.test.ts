/**
 * An allocation with Skonto and a write-off, taken back later (`payments.reverseAllocation`), on
 * books built through the real handlers: the month it was booked in keeps its figures (VAT
 * summary, UStVA, revenue, DATEV lines), the month of the reversal carries the correction with the
 * opposite sign, dated the day the reversal was booked, and the two together are the invoice as if
 * nothing had been taken off. Soll and Ist. The DATEV Debitor agrees with the open items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatevPreview, VatReport } from '../../src-shared/contract/index.js';
import { customer, team, type Team } from '../../tests/support/books.js';
import { issued } from '../../tests/support/pdf.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let number = '';
let allocationId = '';
const OCT = { from: '2026-10-01', to: '2026-10-31' };
const NOV = { from: '2026-11-01', to: '2026-11-30' };

const kz = (r: VatReport, key: string) => {
  const k = r.kennzahlen.find((x) => x.key === key);
  return k ? [k.base, k.tax] : [0, 0];
};
const lines = (p: DatevPreview) => p.lines.map((l) => [l.amount, l.side, l.account, l.contraAccount, l.date, l.document]);
let octoberBefore: { vat: VatReport; datev: DatevPreview; ustva: unknown; revenue: unknown };

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const b = t.bookkeeper;
  await unwrap(b.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '12345', fiscalYearStartMonth: 1, accountLength: 4, chart: 'SKR03' }));
  const dom = await customer(b, { name: 'Inland GmbH', paymentTermsDays: 30, skontoPercent: '2', skontoDays: 10 });
  // 100.00 + 19 % = 119.00; paid 114.62 with 2.38 Skonto and 2.00 written off.
  const inv = await issued(t, { customerId: dom.id, issueDate: '2026-10-02', lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100.00', vatCategory: 'S', vatRate: '19' }] });
  number = inv.number;
  const payment = await unwrap(t.supervisor.invoke('payments.record', { date: '2026-10-05', amount: '114.62', allocations: [{ invoiceId: inv.id, amount: '114.62', skonto: '2.38', writeOff: '2.00' }] }));
  allocationId = payment.allocations[0]!.id;
  octoberBefore = {
    vat: await unwrap(b.invoke('reports.vat', OCT)),
    datev: await unwrap(b.invoke('exports.datevPreview', OCT)),
    ustva: await unwrap(b.invoke('reports.ustva', { period: '2026-10' })),
    revenue: await unwrap(b.invoke('reports.revenue', { ...OCT, basis: 'soll' })),
  };
  // Taken back on the frozen day, 2026-11-27.
  await unwrap(b.invoke('payments.reverseAllocation', { id: allocationId }));
}, 180_000);
afterAll(async () => app.stop());

describe('a Skonto and a write-off taken back later (Soll)', () => {
  it('counted in October as booked then: Kz 81 96.32 / 18.30', () => {
    // Skonto 2.38 of 119.00: 2.00 + 0.38; write-off 2.00: 1.68 + 0.32 (rounded cumulatively).
    expect(kz(octoberBefore.vat, '81')).toEqual([9632, 1830]);
    expect(lines(octoberBefore.datev)).toEqual([
      [11900, 'S', '10001', '8400', '2026-10-02', number],
      [238, 'H', '10001', '8736', '2026-10-05', number],
      [200, 'H', '10001', '2406', '2026-10-05', number],
      [11462, 'H', '10001', '1200', '2026-10-05', number],
    ]);
  });

  it('leaves October as it was: VAT summary, UStVA, revenue and DATEV lines', async () => {
    const b = t.bookkeeper;
    const vat = await unwrap(b.invoke('reports.vat', OCT));
    expect(vat.kennzahlen).toEqual(octoberBefore.vat.kennzahlen);
    expect(vat.payable).toBe(octoberBefore.vat.payable);
    expect(await unwrap(b.invoke('reports.ustva', { period: '2026-10' }))).toEqual(octoberBefore.ustva);
    expect(await unwrap(b.invoke('reports.revenue', { ...OCT, basis: 'soll' }))).toEqual(octoberBefore.revenue);
    expect(lines(await unwrap(b.invoke('exports.datevPreview', OCT)))).toEqual(lines(octoberBefore.datev));
  });

  it('counts the reversal in November, on the day it was booked, with the opposite sign', async () => {
    const b = t.bookkeeper;
    const vat = await unwrap(b.invoke('reports.vat', NOV));
    expect(kz(vat, '81')).toEqual([368, 70]);
    // The form's figures: whole euros of the base, the tax worked out from them (3 € × 19 %).
    expect(vat.kennzahlen.find((k) => k.key === '81')).toMatchObject({ formBase: 300, formTax: 57 });
    const ustva = await unwrap(b.invoke('reports.ustva', { period: '2026-11' }));
    expect(ustva.kennzahlen.find((k) => k.key === '81')).toMatchObject({ base: 368, tax: 70 });
    expect(ustva.payable).toBe(vat.payable);
    const docs = await unwrap(b.invoke('reports.vatDocuments', { ...NOV, key: '81' }));
    expect(docs.documents.map((d) => [d.date, d.kind, d.number, d.base, d.tax])).toEqual([
      ['2026-11-27', 'writeOff', number, 168, 32],
      ['2026-11-27', 'skonto', number, 200, 38],
    ]);
    expect([docs.base, docs.tax]).toEqual([368, 70]);
    const revenue = await unwrap(b.invoke('reports.revenue', { ...NOV, basis: 'soll' }));
    expect(revenue.total).toMatchObject({ net: 368, vat: 70 });
  });

  it('adds up over both months to the invoice without Skonto or write-off', async () => {
    const b = t.bookkeeper;
    const [oct, nov] = [await unwrap(b.invoke('reports.vat', OCT)), await unwrap(b.invoke('reports.vat', NOV))];
    expect([kz(oct, '81')[0]! + kz(nov, '81')[0]!, kz(oct, '81')[1]! + kz(nov, '81')[1]!]).toEqual([10000, 1900]);
    const both = await unwrap(b.invoke('reports.vat', { from: OCT.from, to: NOV.to }));
    expect(kz(both, '81')).toEqual([10000, 1900]);
    const docs = await unwrap(b.invoke('reports.vatDocuments', { from: OCT.from, to: NOV.to, key: '81' }));
    expect([docs.base, docs.tax]).toEqual([10000, 1900]);
    const revenue = await unwrap(b.invoke('reports.revenue', { from: OCT.from, to: NOV.to, basis: 'soll' }));
    expect(revenue.total).toMatchObject({ net: 10000, vat: 1900 });
  });

  it('books the correction in the DATEV batch of November: S on the Debitor against the Skonto and write-off accounts', async () => {
    const b = t.bookkeeper;
    const nov = await unwrap(b.invoke('exports.datevPreview', NOV));
    expect(nov.errors).toEqual([]);
    expect(lines(nov)).toEqual([
      [200, 'S', '10001', '2406', '2026-11-27', number],
      [238, 'S', '10001', '8736', '2026-11-27', number],
    ]);
    const both = await unwrap(b.invoke('exports.datevPreview', { from: OCT.from, to: NOV.to }));
    const debitor = both.accounts.filter((a) => a.account.length === 5).reduce((s, a) => s + a.debit - a.credit, 0);
    const open = await unwrap(b.invoke('reports.openItems', { asOf: NOV.to }));
    // The invoice is open again (119.00), the payment is the customer's credit (114.62).
    expect(open.check).toMatchObject({ itemsTotal: 11900, credit: 11462, agrees: true });
    expect(debitor).toBe(open.check.receivables);
    expect(debitor).toBe(438);
  });
});

describe('a payment allocation taken back later (Ist)', () => {
  it('counts the payment in October and takes its share back in November', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'ist' }));
    try {
      const b = t.bookkeeper;
      const [oct, nov] = [await unwrap(b.invoke('reports.vat', OCT)), await unwrap(b.invoke('reports.vat', NOV))];
      expect(oct.taxation).toBe('ist');
      // 114.62 of 119.00 received: 96.32 + 18.30.
      expect(kz(oct, '81')).toEqual([9632, 1830]);
      expect(kz(nov, '81')).toEqual([-9632, -1830]);
      const docs = await unwrap(b.invoke('reports.vatDocuments', { ...NOV, key: '81' }));
      expect(docs.documents.map((d) => [d.date, d.kind, d.base, d.tax])).toEqual([['2026-11-27', 'payment', -9632, -1830]]);
      const ist = await unwrap(b.invoke('reports.revenue', { from: OCT.from, to: NOV.to, basis: 'ist' }));
      expect(ist.rows.map((r) => [r.bucket, r.net])).toEqual([
        ['2026-10', 9632],
        ['2026-11', -9632],
      ]);
    } finally {
      await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'soll' }));
    }
  });
});
