/**
 * The VAT return figures on books built through the real handlers with every VAT case: the UStVA
 * of a month and of a quarter equal the VAT summary of the same days figure by figure, Kz 83 as
 * worked out by hand, Soll and Ist; the ZM by buyer VAT ID with a credit note netted in the month
 * it was issued; both exported as CSV and PDF and read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { DocumentFile, InvoiceView } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { approveAndIssue, issued, linesOf, pdfPages } from '../../tests/support/pdf.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import type { ReportInvoice } from './data.js';
import { wordsIn } from './table.js';
import { periodDays, zmReport } from './vat-return.js';

let app: TestApp;
let t: Team;
const ids: Record<string, string> = {};
let euDe: InvoiceView;

const pay = (date: string, invoiceId: string, amount: string, skonto = '0') =>
  unwrap(t.bookkeeper.invoke('payments.record', { date, amount, allocations: [{ invoiceId, amount, skonto }] }));
const bytesOf = (file: DocumentFile) => Buffer.from(file.dataBase64, 'base64');

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const b = t.bookkeeper;
  const service = await product(b, { sku: 'BERATUNG', nameDe: 'Beratung', nameEn: 'Consulting', unit: 'HUR', netPrice: '100.00', vatRate: '19' });
  const tea = await product(b, { sku: 'TEE', nameDe: 'Tee', nameEn: 'Tea', netPrice: '50.00', vatRate: '7' });
  const machine = await product(b, { sku: 'MASCHINE', nameDe: 'Maschine', nameEn: 'Machine', netPrice: '300.00', vatRate: '19', stockTracked: true, allowBackorder: true });
  const dom = await customer(b, { name: 'Inland GmbH', paymentTermsDays: 30, skontoPercent: '2', skontoDays: 10 });
  const rc = await customer(b, { name: 'Bau AG', vatTreatment: 'reverseCharge13b', vatId: 'DE811569869' });
  const at = await customer(b, { name: 'Wien GmbH', vatTreatment: 'intraEu', vatId: 'ATU13585627', billingAddress: { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' } });
  const gr = await customer(b, { name: 'Athen AE', vatTreatment: 'intraEu', vatId: 'EL123456789', billingAddress: { street: 'Odos 1', postalCode: '10552', city: 'Athen', country: 'GR' } });
  const de = await customer(b, { name: 'Falsch GmbH', vatTreatment: 'intraEu', vatId: 'DE811569869', billingAddress: { street: 'Ring 2', postalCode: '1010', city: 'Wien', country: 'AT' } });
  const ex = await customer(b, { name: 'Zürich AG', vatTreatment: 'export', billingAddress: { street: 'Bahnhofstr. 1', postalCode: '8001', city: 'Zürich', country: 'CH' } });
  const exm = await customer(b, { name: 'Praxis Dr. Weiß', vatTreatment: 'exempt', exemptionReason: 'Steuerfrei nach § 4 Nr. 14 UStG' });
  const line = (productId: string, quantity = '1') => ({ productId, quantity });

  // October: mixed rates paid with 2 % Skonto; 4 × 250.00 half paid in November, one of four credited then; § 13b; AT goods and services.
  const i2 = await issued(t, { customerId: dom.id, issueDate: '2026-10-05', lines: [line(service.id), line(tea.id)] });
  const atOct = await issued(t, { customerId: at.id, issueDate: '2026-10-15', lines: [line(machine.id), line(service.id, '2')] });
  const i3 = await issued(t, { customerId: dom.id, issueDate: '2026-10-20', lines: [{ description: 'Wartungspaket', quantity: '4', netUnitPrice: '250.00' }] });
  const i4 = await issued(t, { customerId: rc.id, issueDate: '2026-10-25', lines: [line(service.id, '5')] });
  // November: AT goods, GR services with cents, an "intra-EU" buyer with a German VAT ID, export, exempt, another rate.
  await issued(t, { customerId: at.id, issueDate: '2026-11-02', lines: [line(machine.id, '2')] });
  await issued(t, { customerId: ex.id, issueDate: '2026-11-05', lines: [line(machine.id)], allowancesCharges: [{ isCharge: false, amount: '40.00', vatCategory: 'G', vatRate: '0', reason: 'Rabatt' }] });
  await issued(t, { customerId: gr.id, issueDate: '2026-11-10', lines: [{ description: 'Beratung Athen', quantity: '1', netUnitPrice: '150.75' }] });
  await issued(t, { customerId: exm.id, issueDate: '2026-11-10', lines: [{ description: 'Behandlungsraum', quantity: '1', netUnitPrice: '80.00' }] });
  euDe = await issued(t, { customerId: de.id, issueDate: '2026-11-12', lines: [line(machine.id)] });
  await issued(t, { customerId: dom.id, issueDate: '2026-11-12', lines: [{ description: 'Sondersatz', quantity: '1', netUnitPrice: '100.00', vatCategory: 'S', vatRate: '10' }] });

  await pay('2026-10-10', i2.id, '169.05', '3.45');
  await pay('2026-11-20', i3.id, '595.00');
  await pay('2026-11-03', i4.id, '500.00');
  // Credit notes are issued today (27 November): one Wartungspaket, and the AT machine of October.
  const note = await unwrap(b.invoke('invoices.createCreditNote', { invoiceId: i3.id, reason: 'Ein Paket nicht geliefert', lines: [{ lineId: i3.lines[0]!.id, quantity: '1' }] }));
  await approveAndIssue(t, note.id);
  const atNote = await unwrap(b.invoke('invoices.createCreditNote', { invoiceId: atOct.id, reason: 'Maschine zurück', lines: [{ lineId: atOct.lines[0]!.id, quantity: '1' }] }));
  await approveAndIssue(t, atNote.id);

  const book = await unwrap(b.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '100.00' }));
  await unwrap(b.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-20', time: '10:00', type: 'income', amount: '119.00', vatRate: 19, category: 'Erlöse', text: 'Barverkauf' }));
  await unwrap(b.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-20', time: '11:00', type: 'expense', amount: '10.70', vatRate: 7, category: 'Büromaterial', text: 'Papier' }));
  Object.assign(ids, { at: at.id, gr: gr.id });
}, 120_000);
afterAll(async () => app.stop());

const figures = (r: { kennzahlen: { key: string; formBase: number; formTax: number }[] }) => Object.fromEntries(r.kennzahlen.map((k) => [k.key, [k.formBase, k.formTax]]));

describe('UStVA', () => {
  it('maps a month and a quarter to their days', () => {
    expect(periodDays('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodDays('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodDays('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('equals the VAT summary of the same days, figure by figure, for a month and a quarter, Soll and Ist', async () => {
    for (const taxation of ['soll', 'ist'] as const) {
      await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation }));
      for (const period of ['2026-10', '2026-11', '2026-Q4', '2026-Q3']) {
        const u = await unwrap(t.bookkeeper.invoke('reports.ustva', { period }));
        const v = await unwrap(t.bookkeeper.invoke('reports.vat', periodDays(period)));
        expect(u.taxation).toBe(taxation);
        expect([u.from, u.to]).toEqual([v.from, v.to]);
        expect(u.kennzahlen, `${taxation} ${period}`).toEqual(v.kennzahlen);
        expect([u.outputTax, u.inputTax, u.payable]).toEqual([v.outputTax, v.inputTax, v.payable]);
      }
    }
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'soll' }));
  });

  it('works Kz 83 out as by hand for November, Soll, and lists the form in its order', async () => {
    const u = await unwrap(t.bookkeeper.invoke('reports.ustva', { period: '2026-11' }));
    expect(figures(u)).toEqual({
      // Cash sale 100 less the credited Wartungspaket 250: −150 € × 19 %.
      '81': [-15000, -2850],
      '35': [10000, 1000],
      // AT 600 − 300 (credit note of an October machine) + 300 to the buyer with a German VAT ID.
      '41': [60000, 0],
      '43': [26000, 0],
      '48': [8000, 0],
      // 150.75 € to the Greek business: the form takes whole euros.
      '21': [15000, 0],
      '66': [1000, 70],
    });
    // −28.50 + 10.00 − 0.70: a refund of 19.20 €.
    expect(u.payable).toBe(-2850 + 1000 - 70);
    expect(u.note).toBe('reportsSales.ustva.noElster');
    expect(u.table.rows.map((r) => r.key)).toEqual(['81', '35 / 36', '41', '43', '48', '21', '66']);
    expect(u.table.rows.find((r) => r.key === '66')).toMatchObject({ base: null, tax: 70 });
    expect(u.table.totals).toMatchObject({ key: '83', tax: -1920 });
  });

  it('differs under Ist as expected: by the payments of the month', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'ist' }));
    const u = await unwrap(t.bookkeeper.invoke('reports.ustva', { period: '2026-11' }));
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'soll' }));
    expect(u.taxation).toBe('ist');
    expect(figures(u)).toEqual({
      // Cash sale 100 + 500 of the 595.00 paid on the Wartungspakete (after the credit note); § 13b paid 3 November.
      '81': [60000, 11400],
      '60': [50000, 0],
      '66': [1000, 70],
    });
    expect(u.payable).toBe(11400 - 70);
  });

  it('refuses a period that is neither a month nor a quarter', async () => {
    for (const period of ['2026-13', '2026-Q5', '2026', '2026-11-01', 'Q4-2026']) {
      expect(await t.bookkeeper.invoke('reports.ustva', { period })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'period', problem: 'validation.ustvaPeriod' }] } },
      });
    }
  });
});

describe('Zusammenfassende Meldung', () => {
  const rowsOf = (r: { rows: { countryCode: string; vatId: string; supplies: number; services: number; triangular: number; suppliesReported: number; servicesReported: number }[] }) =>
    r.rows.map((x) => [x.countryCode, x.vatId, x.supplies, x.services, x.triangular, x.suppliesReported, x.servicesReported]);

  it('sums supplies and services by buyer VAT ID, a credit note in the month it was issued', async () => {
    const oct = await unwrap(t.bookkeeper.invoke('reports.zm', { period: '2026-10' }));
    expect(rowsOf(oct)).toEqual([['AT', 'ATU13585627', 30000, 20000, 0, 30000, 20000]]);
    const nov = await unwrap(t.bookkeeper.invoke('reports.zm', { period: '2026-11' }));
    expect(rowsOf(nov)).toEqual([
      ['AT', 'ATU13585627', 60000 - 30000, 0, 0, 30000, 0],
      ['EL', 'EL123456789', 0, 15075, 0, 0, 15000],
    ]);
    expect(nov.rows[0]).toMatchObject({ customerId: ids.at, customerName: 'Wien GmbH' });
    expect(nov.problems).toEqual([{ documentNumber: euDe.number, problem: 'reportsSales.zm.problem.germanVatId' }]);
    const q4 = await unwrap(t.bookkeeper.invoke('reports.zm', { period: '2026-Q4' }));
    expect(rowsOf(q4)).toEqual([
      ['AT', 'ATU13585627', 60000, 20000, 0, 60000, 20000],
      ['EL', 'EL123456789', 0, 15075, 0, 0, 15000],
    ]);
    expect(q4.total).toEqual({ supplies: 60000, services: 35075, triangular: 0, suppliesReported: 60000, servicesReported: 35000 });
    // The same entries as the UStVA's Kz 41 and 21 (Soll): what the ZM leaves out is the document it names.
    const u = await unwrap(t.bookkeeper.invoke('reports.ustva', { period: '2026-Q4' }));
    const base = (key: string) => u.kennzahlen.find((k) => k.key === key)!.base;
    expect(base('41')).toBe(q4.total.supplies + 30000);
    expect(base('21')).toBe(q4.total.services);
    expect(q4.table.rows.map((r) => [r.countryCode, r.vatId, r.kind, r.amount, r.reported])).toEqual([
      ['AT', 'ATU13585627', 'L', 60000, 60000],
      ['AT', 'ATU13585627', 'S', 20000, 20000],
      ['EL', 'EL123456789', 'S', 15075, 15000],
      ['', '', '', null, null],
    ]);
  });

  it('follows the supply under Ist too', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'ist' }));
    const ist = await unwrap(t.bookkeeper.invoke('reports.zm', { period: '2026-Q4' }));
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'soll' }));
    const soll = await unwrap(t.bookkeeper.invoke('reports.zm', { period: '2026-Q4' }));
    expect(ist.rows).toEqual(soll.rows);
  });

  it('names an intra-EU document without the buyer VAT ID and leaves it out of the rows', () => {
    const doc = (id: string, number: string, buyerVatId: string, category: 'K' | 'AE', amount: number): ReportInvoice => ({
      id, number, documentType: 'invoice', status: 'issued', customerId: `c-${id}`, customerName: `Kunde ${id}`, currency: 'EUR', issueDate: '2026-11-05', dueDate: '2026-12-05',
      vatCase: 'intraEu', correctsInvoiceId: '', amountDue: amount, taxExclusive: amount, vatTotal: 0,
      vatBreakdown: [{ category, rate: '0', taxableAmount: amount, taxAmount: 0 }], skonto: null, buyerVatId,
    });
    // A supply wholly credited within the month nets to 0, which is still reported (UStAE 18a.4 Abs. 2).
    const credited = { ...doc('e', 'GS-1', 'ATU13585627', 'K', 5000), documentType: 'creditNote' as const, correctsInvoiceId: 'd' };
    const invoices = [doc('a', 'RE-1', '', 'K', 10000), doc('b', 'RE-2', 'fr 12 345678901', 'AE', 9999), doc('c', 'RE-3', 'XX', 'K', 500), doc('d', 'RE-4', 'ATU13585627', 'K', 5000), credited];
    const r = zmReport('2026-11', { invoices, allocations: [] }, wordsIn('de'));
    expect(r.rows.map((x) => [x.countryCode, x.vatId, x.supplies, x.services, x.servicesReported])).toEqual([
      ['AT', 'ATU13585627', 0, 0, 0],
      ['FR', 'FR12345678901', 0, 9999, 9900],
    ]);
    expect(r.table.rows.slice(0, 2).map((x) => [x.vatId, x.kind, x.amount, x.reported])).toEqual([
      ['ATU13585627', 'L', 0, 0],
      ['FR12345678901', 'S', 9999, 9900],
    ]);
    expect(r.problems).toEqual([
      { documentNumber: 'RE-1', problem: 'reportsSales.zm.problem.noVatId' },
      { documentNumber: 'RE-3', problem: 'reportsSales.zm.problem.vatIdForm' },
    ]);
    expect(r.table.rows.at(-2)).toMatchObject({ customerName: 'RE-1: innergemeinschaftlicher Umsatz ohne USt-IdNr. des Abnehmers, nicht meldefähig' });
  });
});

describe('exports', () => {
  it('writes the UStVA of a month as CSV with the Kennzahlen and Kz 83, decimal comma', async () => {
    const file = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'ustva', params: { period: '2026-11' }, format: 'csv' }));
    expect(file.fileName).toBe('UStVA_2026-11.csv');
    const rows = parse(bytesOf(file), { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual(['Kennzahl', 'Bezeichnung', 'Bemessungsgrundlage in vollen Euro', 'Steuer']);
    const byKey = Object.fromEntries(rows.slice(1).map((r) => [r[0], [r[2], r[3]]]));
    expect(byKey).toMatchObject({ '81': ['-150,00', '-28,50'], '35 / 36': ['100,00', '10,00'], '41': ['600,00', ''], '21': ['150,00', ''], '66': ['', '0,70'], '83': ['', '-19,20'] });
  });

  it('prints the UStVA in the letterhead with the Kennzahlen and the sentence that it is not transmitted', async () => {
    const file = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'ustva', params: { period: '2026-Q4' }, format: 'pdf' }));
    expect(file.fileName).toBe('UStVA_2026-Q4.pdf');
    const lines = pdfPages(bytesOf(file)).flatMap(linesOf);
    const text = lines.join(' ').replace(/\s+/g, ' ');
    expect(lines).toContain('UStVA');
    // The period in words with its days, and the Versteuerungsart; the column names its unit once.
    expect(lines).toContain('4. Quartal 2026 (01.10.2026–31.12.2026) · Versteuerungsart: Soll (nach vereinbarten Entgelten)');
    expect(text).not.toContain('2026-Q4');
    expect(text).toContain('in vollen Euro (€)');
    expect(text).not.toContain(') (€)');
    // Kz 66 (input tax) has no base on the form: its base cell is empty.
    expect(lines.some((l) => /^66 Vorsteuer aus Rechnungen anderer Unternehmer \(Kassenbuch\) 0,70$/.test(l))).toBe(true);
    const u = await unwrap(t.bookkeeper.invoke('reports.ustva', { period: '2026-Q4' }));
    // Q4, Soll: 100 − 2 + 1000 − 250 + 100 = 948 € at 19 %; 49 € at 7 %; Kz 36 10.00; less 0.70.
    expect(u.payable).toBe(18012 + 343 + 1000 - 70);
    expect(lines.some((l) => /^81 Steuerpflichtige Umsätze zu 19 %.* 948,00 180,12$/.test(l))).toBe(true);
    expect(lines.some((l) => /^86 .* 49,00 3,43$/.test(l))).toBe(true);
    expect(text).toMatch(/83 Verbleibende Umsatzsteuer-Vorauszahlung.* 192,85/);
    expect(text).toContain('Die App übermittelt die Umsatzsteuer-Voranmeldung nicht an ELSTER.');
    expect(text).toContain('von Ihrer Steuerberatung übermitteln lassen');
  });

  it('writes the ZM as CSV and XLSX, and prints it with its sentence', async () => {
    const csv = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'zm', params: { period: '2026-11' }, format: 'csv' }));
    expect(csv.fileName).toBe('ZM_2026-11.csv');
    const rows = parse(bytesOf(csv), { delimiter: ';', bom: true }) as string[][];
    expect(rows).toContainEqual(['EL', 'EL123456789', 'Athen AE', 'S', '150,75', '150,00']);
    expect(rows).toContainEqual(['AT', 'ATU13585627', 'Wien GmbH', 'L', '300,00', '300,00']);
    expect(rows.some((r) => r[2]!.startsWith(`${euDe.number}: deutsche USt-IdNr.`))).toBe(true);
    expect((await unwrap(t.bookkeeper.invoke('reports.export', { report: 'zm', params: { period: '2026-11' }, format: 'xlsx' }))).fileName).toBe('ZM_2026-11.xlsx');
    const pdf = await unwrap(t.bookkeeper.invoke('reports.export', { report: 'zm', params: { period: '2026-11' }, format: 'pdf' }));
    const text = pdfPages(bytesOf(pdf)).flatMap(linesOf).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('EL123456789');
    expect(text).toContain('Die App übermittelt die Zusammenfassende Meldung nicht an das BZSt.');
    expect(text).toContain('November 2026 (01.11.2026–30.11.2026)');
    expect(text).not.toContain('Versteuerungsart');
  });

  it("refuses a bad period at the report's field", async () => {
    const r = await t.bookkeeper.invoke('reports.export', { report: 'zm', params: { period: '2026-Q0' }, format: 'csv' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'params.period', problem: 'validation.ustvaPeriod' }] } } });
  });
});
