/**
 * The DATEV export on books built through the real handlers: every VAT case the app sells under,
 * a payment with Skonto, a write-off, an overpayment refunded, a credit note, the cash book with a
 * receipt that settles an invoice and a reversal. The files are read back by the test parser;
 * every line is compared with the lines worked out by hand, and the sums per account with the
 * reports' own figures (VAT summary, open items).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatevExportResult, DocumentFile } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team, vatCaseBooks } from '../../../tests/support/books.js';
import { approveAndIssue, issued } from '../../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { parseDatevFile, type ParsedDatevFile } from './parse.test-support.js';

let app: TestApp;
let t: Team;
const PERIOD = { from: '2026-10-01', to: '2026-11-30' };
const n: Record<string, string> = {};
let cashBookId = '';
let result: DatevExportResult;

const pay = (date: string, invoiceId: string, amount: string, extra: Record<string, string> = {}, client = () => t.bookkeeper) =>
  unwrap(client().invoke('payments.record', { date, amount, allocations: [{ invoiceId, amount, ...extra }] }));
const cents = (text: string) => Math.round(Number(text.replace(/\./g, '').replace(',', '.')) * 100);
const parsed = (file: DocumentFile): ParsedDatevFile => parseDatevFile(Buffer.from(file.dataBase64, 'base64'));

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const b = t.bookkeeper;
  const { service, tea, machine, dom, rc, eu, ex, exm } = await vatCaseBooks(b);
  const over = await customer(b, { name: 'Überzahler KG' });
  const line = (productId: string, quantity = '1') => ({ productId, quantity });

  const i2 = await issued(t, { customerId: dom.id, issueDate: '2026-10-05', lines: [line(service.id), line(tea.id)] });
  const i3 = await issued(t, { customerId: dom.id, issueDate: '2026-10-20', lines: [{ description: 'Wartungspaket', quantity: '4', netUnitPrice: '250.00' }] });
  const i4 = await issued(t, { customerId: rc.id, issueDate: '2026-10-25', lines: [line(service.id, '5')] });
  const i5 = await issued(t, { customerId: eu.id, issueDate: '2026-11-02', lines: [line(machine.id), line(service.id, '2')] });
  const i6 = await issued(t, { customerId: ex.id, issueDate: '2026-11-05', lines: [line(machine.id)], allowancesCharges: [{ isCharge: false, amount: '40.00', vatCategory: 'G', vatRate: '0', reason: 'Rabatt' }] });
  const i7 = await issued(t, { customerId: exm.id, issueDate: '2026-11-10', lines: [{ description: 'Behandlungsraum', quantity: '1', netUnitPrice: '80.00' }] });
  const wo = await issued(t, { customerId: dom.id, issueDate: '2026-11-12', lines: [{ description: 'Kleinkram', quantity: '1', netUnitPrice: '10.00' }] });
  const ov = await issued(t, { customerId: over.id, issueDate: '2026-11-13', lines: [line(service.id)] });
  const bread = await issued(t, { customerId: dom.id, issueDate: '2026-11-18', lines: [{ description: 'Brot', quantity: '1', netUnitPrice: '20.00', vatCategory: 'S', vatRate: '7' }] });

  await pay('2026-10-10', i2.id, '169.05', { skonto: '3.45' });
  await pay('2026-11-03', i4.id, '500.00');
  await pay('2026-11-15', wo.id, '11.00', { writeOff: '0.90' }, () => t.supervisor);
  // 150.00 for an invoice of 119.00: 31.00 left over, refunded.
  const overpaid = await unwrap(b.invoke('payments.record', { date: '2026-11-14', amount: '150.00', allocations: [{ invoiceId: ov.id, amount: '119.00' }] }));
  const refund = await unwrap(b.invoke('payments.record', { direction: 'outgoing', purpose: 'refund', date: '2026-11-16', amount: '31.00', customerId: over.id }));
  await pay('2026-11-20', i3.id, '595.00');
  const note = await unwrap(b.invoke('invoices.createCreditNote', { invoiceId: i3.id, reason: 'Ein Paket nicht geliefert', lines: [{ lineId: i3.lines[0]!.id, quantity: '1' }] }));
  const cn = await approveAndIssue(t, note.id);

  const book = await unwrap(b.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '100.00' }));
  cashBookId = book.id;
  await unwrap(b.invoke('cashbook.record', { cashBookId, date: '2026-11-20', time: '10:00', type: 'income', amount: '119.00', vatRate: 19, category: 'Erlöse', text: 'Barverkauf' }));
  const paper = await unwrap(b.invoke('cashbook.record', { cashBookId, date: '2026-11-20', time: '11:00', type: 'expense', amount: '10.70', vatRate: 7, category: 'Büromaterial', text: 'Papier' }));
  await unwrap(b.invoke('cashbook.record', { cashBookId, date: '2026-11-19', time: '09:00', type: 'income', amount: '21.40', category: 'Erlöse', text: 'Brot bar bezahlt', invoiceId: bread.id }));
  await unwrap(b.invoke('cashbook.reverse', { entryId: paper.id, reason: 'Doppelt erfasst' }));

  Object.assign(n, { i2: i2.number, i3: i3.number, i4: i4.number, i5: i5.number, i6: i6.number, i7: i7.number, wo: wo.number, ov: ov.number, bread: bread.number, cn: cn.number, overpaid: overpaid.id, refund: refund.id });
}, 180_000);
afterAll(async () => app.stop());

const Z = (paymentId: string) => `Z-${paymentId.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-12)}`;

describe('DATEV export of a period', () => {
  it('refuses an export without Berater- and Mandantennummer, naming both', async () => {
    const settings = await unwrap(t.bookkeeper.invoke('exports.datevSettings', {}));
    expect(settings).toMatchObject({ configured: false, chart: 'SKR03', accountLength: 4, debitorStart: 10000 });
    expect(settings.accounts).toMatchObject({ revenue19: '8400', revenue7: '8300', intraEu: '8125', export: '8120', reverseCharge13b: '8337', receivables: '1400', bank: '1200', cash: '1000', skonto19: '8736', writeOff19: '2406', transit: '1360' });
    expect(settings.automaticAccounts).toContain('8400');
    const r = await t.bookkeeper.invoke('exports.datev', PERIOD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.details?.fields?.map((f) => f.problem)).toEqual(['validation.datevBeraterNummer', 'validation.datevMandantNummer']);
    expect(await unwrap(t.bookkeeper.invoke('exports.history', {}))).toEqual([]);
    const saved = await unwrap(t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '12345', fiscalYearStartMonth: 1, accountLength: 4, chart: 'SKR03' }));
    expect(saved.configured).toBe(true);
  });

  it('writes one line per invoice and VAT rate, credit note, payment, Skonto, write-off, refund and cash entry, as worked out by hand', async () => {
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', PERIOD));
    expect(preview.errors).toEqual([]);
    expect(preview.warnings.map((w) => w.code)).toEqual(['cashOpening']);
    result = await unwrap(t.bookkeeper.invoke('exports.datev', PERIOD));
    expect(result.earlier).toEqual([]);
    expect(result.files.map((f) => f.fileName)).toEqual(['EXTF_Buchungsstapel_20261001_20261130.csv', 'EXTF_Debitoren_Kreditoren_20261001_20261130.csv']);
    const batch = parsed(result.files[0]!);
    expect(batch.header).toMatchObject({ Kennzeichen: 'EXTF', Formatkategorie: '21', Beraternummer: '1001', Mandantennummer: '12345', 'WJ-Beginn': '20260101', Sachkontenlänge: '4', 'Datum vom': '20261001', 'Datum bis': '20261130', Festschreibung: '0', Sachkontenrahmen: '03' });
    const lines = batch.rows.map((r) => [cents(r['Umsatz (ohne Soll/Haben-Kz)']!), r['Soll/Haben-Kennzeichen'], r['Konto'], r['Gegenkonto (ohne BU-Schlüssel)'], r['BU-Schlüssel'], r['Belegdatum'], r['Belegfeld 1']].join(' '));
    const expected = [
      // Inland GmbH (10001): 100 € at 19 % and 50 € at 7 %, paid with 3.45 € Skonto split by rate.
      `11900 S 10001 8400  0510 ${n.i2}`,
      `5350 S 10001 8300  0510 ${n.i2}`,
      `16905 H 10001 1200  1010 ${n.i2}`,
      `238 H 10001 8736  1010 ${n.i2}`,
      `107 H 10001 8731  1010 ${n.i2}`,
      `119000 S 10001 8400  2010 ${n.i3}`,
      `59500 H 10001 1200  2011 ${n.i3}`,
      `29750 H 10001 8400  2711 ${n.cn}`,
      `1190 S 10001 8400  1211 ${n.wo}`,
      `1100 H 10001 1200  1511 ${n.wo}`,
      `90 H 10001 2406  1511 ${n.wo}`,
      `2140 S 10001 8300  1811 ${n.bread}`,
      // The cash receipt that settled the invoice is its payment line, against the cash account.
      `2140 H 10001 1000  1911 ${n.bread}`,
      // § 13b, intra-EU supply and service, export, tax-free.
      `50000 S 10002 8337  2510 ${n.i4}`,
      `50000 H 10002 1200  0311 ${n.i4}`,
      `30000 S 10003 8125  0211 ${n.i5}`,
      `20000 S 10003 8336  0211 ${n.i5}`,
      `26000 S 10004 8120  0511 ${n.i6}`,
      `8000 S 10005 8100  1011 ${n.i7}`,
      // Überzahler KG: 150 € for 119 €, the 31 € left over refunded.
      `11900 S 10006 8400  1311 ${n.ov}`,
      `11900 H 10006 1200  1411 ${n.ov}`,
      `3100 H 10006 1200  1411 ${Z(n.overpaid!)}`,
      `3100 S 10006 1200  1611 ${Z(n.refund!)}`,
      // The cash book: a sale, an expense and its reversal on the cash account.
      `11900 S 1000 8400  2011 K1-2`,
      `1070 H 1000 3300  2011 K1-3`,
      `1070 S 1000 3300  2711 K1-5`,
    ];
    expect([...lines].sort()).toEqual([...expected].sort());
    expect(batch.rows.find((r) => r['Belegfeld 1'] === 'K1-5')!['Buchungstext']).toBe('Storno K1-3 Papier');
    // The intra-EU lines (supply 8125, service 8336) name the buyer's VAT ID frozen on the invoice; no other line has one.
    const euVatIds = batch.rows.filter((r) => r['EU-Land u. UStID (Bestimmung)'] !== '').map((r) => [r['Gegenkonto (ohne BU-Schlüssel)'], r['EU-Land u. UStID (Bestimmung)']]);
    expect(euVatIds.sort()).toEqual([['8125', 'ATU13585627'], ['8336', 'ATU13585627']]);
    expect(batch.rows.find((r) => r['Belegfeld 1'] === n.i2 && r['Konto'] === '10001' && r['Gegenkonto (ohne BU-Schlüssel)'] === '8400')).toMatchObject({ Buchungstext: `Inland GmbH ${n.i2}`, Fälligkeit: '04112026' });
    expect(result.record).toMatchObject({ type: 'datev', from: PERIOD.from, to: PERIOD.to, festgeschrieben: false, files: [{ lines: expected.length }, { lines: 6 }] });
    expect(result.record.files[0]!.sha256).toBe(result.files[0]!.sha256);

    const debitors = parsed(result.files[1]!);
    expect(debitors.header.Formatkategorie).toBe('16');
    expect(debitors.rows.map((r) => [r['Konto'], r['Name (Adressattyp Unternehmen)']])).toEqual([
      ['10001', 'Inland GmbH'], ['10002', 'Bau AG'], ['10003', 'Wien GmbH'], ['10004', 'Zürich AG'], ['10005', 'Praxis Dr. Weiß'], ['10006', 'Überzahler KG'],
    ]);
  });

  it('sums each revenue account to the VAT summary and the Debitoren to the receivables of the open items', async () => {
    const batch = parsed(result.files[0]!);
    const balance = new Map<string, number>();
    for (const r of batch.rows) {
      const amount = cents(r['Umsatz (ohne Soll/Haben-Kz)']!);
      const debit = r['Soll/Haben-Kennzeichen'] === 'S' ? amount : -amount;
      balance.set(r['Konto']!, (balance.get(r['Konto']!) ?? 0) + debit);
      balance.set(r['Gegenkonto (ohne BU-Schlüssel)']!, (balance.get(r['Gegenkonto (ohne BU-Schlüssel)']!) ?? 0) - debit);
    }
    const credit = (...accounts: string[]) => accounts.reduce((s, a) => s - (balance.get(a) ?? 0), 0);
    const vat = await unwrap(t.bookkeeper.invoke('reports.vat', PERIOD));
    const kz = Object.fromEntries(vat.kennzahlen.map((k) => [k.key, k.base + k.tax]));
    expect({ '81': credit('8400', '8736', '2406'), '86': credit('8300', '8731'), '41': credit('8125'), '21': credit('8336'), '60': credit('8337'), '43': credit('8120'), '48': credit('8100') }).toEqual({
      '81': kz['81'], '86': kz['86'], '41': kz['41'], '21': kz['21'], '60': kz['60'], '43': kz['43'], '48': kz['48'],
    });
    const open = await unwrap(t.bookkeeper.invoke('reports.openItems', { asOf: PERIOD.to }));
    const debitorTotal = [...balance].filter(([account]) => account.length === 5).reduce((s, [, v]) => s + v, 0);
    expect(debitorTotal).toBe(open.check.receivables);
    expect(open.check.agrees).toBe(true);
    // The cash account: opening balance aside, in less out.
    expect(balance.get('1000')).toBe(11900 - 1070 + 1070 + 2140);
  });

  it('shows a second export of the same period as such, and lists it in the history', async () => {
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', { from: '2026-11-01', to: '2026-11-30' }));
    expect(preview.earlier.map((e) => [e.id, e.from, e.to])).toEqual([[result.record.id, PERIOD.from, PERIOD.to]]);
    const again = await unwrap(t.bookkeeper.invoke('exports.datev', { ...PERIOD, festgeschrieben: true }));
    expect(again.earlier.map((e) => e.id)).toEqual([result.record.id]);
    expect(parsed(again.files[0]!).header.Festschreibung).toBe('1');
    const history = await unwrap(t.bookkeeper.invoke('exports.history', { type: 'datev' }));
    expect(history.map((h) => h.id)).toEqual([again.record.id, result.record.id]);
    expect(history[0]).toMatchObject({ festgeschrieben: true, userName: expect.any(String) });
  });

  it('refuses a batch across the start of the fiscal year', async () => {
    const r = await t.bookkeeper.invoke('exports.datev', { from: '2026-12-01', to: '2027-01-31' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.details?.fields?.map((f) => f.problem)).toContain('validation.datevFiscalYear');
    // With the fiscal year from July, December and January are one year.
    await unwrap(t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '12345', fiscalYearStartMonth: 7, accountLength: 4, chart: 'SKR03' }));
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', { from: '2026-12-01', to: '2027-01-31' }));
    // One fiscal year now; only that the period has no bookings yet is left.
    expect(preview.errors.map((e) => e.problem)).toEqual(['validation.datevNothing']);
    await unwrap(t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '12345', fiscalYearStartMonth: 1, accountLength: 4, chart: 'SKR03' }));
  });

  it('books a receipt that settled an invoice and its reversal: the cash leaves again and the customer owes the invoice', async () => {
    const b = t.bookkeeper;
    const dom = (await unwrap(b.invoke('customers.list', { search: 'Inland' }))).items[0]!;
    const rolls = await issued(t, { customerId: dom.id, issueDate: '2026-11-21', lines: [{ description: 'Brötchen', quantity: '1', netUnitPrice: '10.00', vatCategory: 'S', vatRate: '7' }] });
    const receipt = await unwrap(b.invoke('cashbook.record', { cashBookId, date: '2026-11-26', time: '09:00', type: 'income', amount: '10.70', category: 'Erlöse', text: 'Brötchen bar', invoiceId: rolls.id }));
    await unwrap(b.invoke('cashbook.reverse', { entryId: receipt.id, reason: 'Karte statt bar' }));
    const preview = await unwrap(b.invoke('exports.datevPreview', PERIOD));
    expect(preview.errors).toEqual([]);
    const mine = preview.lines.filter((l) => l.document === rolls.number || l.document === 'K1-7');
    expect(mine.map((l) => [l.amount, l.side, l.account, l.contraAccount, l.date, l.document, l.text])).toEqual([
      [1070, 'S', '10001', '8300', '2026-11-21', rolls.number, `Inland GmbH ${rolls.number}`],
      [1070, 'H', '10001', '1000', '2026-11-26', rolls.number, `Zahlung Inland GmbH ${rolls.number}`],
      [1070, 'H', '1000', '10001', '2026-11-27', 'K1-7', `Storno K1-6 ${rolls.number}`],
    ]);
    // The payment's reversal is the cash book entry's line, booked once; the customer keeps no credit of it.
    expect(preview.lines.filter((l) => l.text.startsWith('Storno') && l.text.endsWith(rolls.number))).toHaveLength(1);
    const open = await unwrap(b.invoke('reports.openItems', { asOf: PERIOD.to }));
    expect(open.check).toMatchObject({ credit: 0, agrees: true });
    const debitors = preview.accounts.filter((a) => a.account.length === 5).reduce((s, a) => s + a.debit - a.credit, 0);
    expect(debitors).toBe(open.check.receivables);
    const mineOpen = open.customers.find((c) => c.customerId === dom.id)!.items.find((i) => i.number === rolls.number);
    expect(mineOpen).toMatchObject({ open: 1070 });
  });

  it('refuses a Buchungstext over 60 characters, naming the cash voucher, and writes nothing', async () => {
    const text = 'Barverkauf an der Theke mit sehr ausführlicher Beschreibung des Inhalts';
    expect(text.length).toBeGreaterThan(60);
    await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId, date: '2026-11-25', time: '12:00', type: 'income', amount: '5.00', vatRate: 19, category: 'Erlöse', text }));
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', PERIOD));
    expect(preview.errors).toEqual([expect.objectContaining({ documentNumber: 'K1-8', problem: 'validation.datevTooLong' })]);
    const before = await unwrap(t.bookkeeper.invoke('exports.history', {}));
    const r = await t.bookkeeper.invoke('exports.datev', PERIOD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.details?.fields).toEqual([expect.objectContaining({ field: 'text', problem: 'validation.datevTooLong', params: expect.objectContaining({ document: 'K1-8' }) })]);
    expect(await unwrap(t.bookkeeper.invoke('exports.history', {}))).toHaveLength(before.length);
  });

  it('refuses settings with letters or another number of digits than the account length in an account, naming the field', async () => {
    const long = await t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '12345', accountLength: 4, accounts: { bank: '12000' } });
    expect(long.ok).toBe(false);
    if (long.ok) return;
    expect(long.error.details?.fields?.map((f) => [f.field, f.problem])).toEqual([['accounts.bank', 'validation.datevAccountDigits']]);
    const letters = await t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '12345', accounts: { cash: '1O00' } });
    expect(letters.ok).toBe(false);
    if (letters.ok) return;
    expect(letters.error.details?.fields?.map((f) => [f.field, f.problem])).toEqual([['accounts.cash', 'validation.datevDigits']]);
  });
});
