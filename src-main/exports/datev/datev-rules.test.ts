/**
 * Rules of the DATEV export beyond the lines themselves, through the real handlers: a customer
 * keeps its Debitor across exports and renumbering, no two customers on one Debitor (over all
 * customers), an account map that clashes is refused, the user's name never blocks an export,
 * a shortened Buchungstext is said, an empty period is no batch, and outgoing payments left out
 * are named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView, DocumentFile } from '../../../src-shared/contract/index.js';
import { customer, team, type Team } from '../../../tests/support/books.js';
import { issued } from '../../../tests/support/pdf.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { parseDatevFile } from './parse.test-support.js';

let app: TestApp;
let t: Team;
const SETTINGS = { beraterNummer: '1001', mandantNummer: '12345', fiscalYearStartMonth: 1, accountLength: 4, chart: 'SKR03' } as const;
const OCT = { from: '2026-10-01', to: '2026-10-31' };
const NOV = { from: '2026-11-01', to: '2026-11-30' };

const renumber = (c: CustomerView, number: string) =>
  unwrap(t.bookkeeper.invoke('customers.save', { id: c.id, number, name: c.name, kind: c.kind, paymentTermsDays: c.paymentTermsDays, billingAddress: c.billingAddress } as never));
const sale = (customerId: string, issueDate: string) => issued(t, { customerId, issueDate, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100.00' }] });
const header = (file: DocumentFile) => parseDatevFile(Buffer.from(file.dataBase64, 'base64')).header;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  await unwrap(t.bookkeeper.invoke('exports.saveDatevSettings', SETTINGS));
}, 180_000);
afterAll(async () => app.stop());

describe('the Debitor of a customer across exports', () => {
  it('keeps the Debitor a customer was exported with, refuses one another customer has, over all customers', async () => {
    const first = await customer(t.bookkeeper, { name: 'Erste GmbH' }); // K-10001 → 10001
    const one = await customer(t.bookkeeper, { name: 'Eins KG', number: 'K-1' }); // K-1 → 10001 as well, never in a batch
    const inv = await sale(first.id, '2026-10-05');

    const clash = await unwrap(t.bookkeeper.invoke('exports.datevPreview', OCT));
    expect(clash.errors).toEqual([
      expect.objectContaining({ code: 'debitorTaken', problem: 'validation.datevDebitorTaken', values: expect.objectContaining({ customer: 'Erste GmbH', account: 10001, other: 'Eins KG', otherNumber: 'K-1' }) }),
    ]);
    const refused = await t.bookkeeper.invoke('exports.datev', OCT);
    expect(refused.ok).toBe(false);

    await renumber(one, 'K-50');
    const october = await unwrap(t.bookkeeper.invoke('exports.datev', OCT));
    expect(parseDatevFile(Buffer.from(october.files[0]!.dataBase64, 'base64')).rows.map((r) => [r['Konto'], r['Belegfeld 1']])).toEqual([['10001', inv.number]]);

    // Renumbered, the customer keeps 10001; a new customer whose number gives 10001 is refused, naming both.
    await renumber(first, 'K-10077');
    const later = await sale(first.id, '2026-11-05');
    const kept = await unwrap(t.bookkeeper.invoke('exports.datevPreview', NOV));
    expect(kept.errors).toEqual([]);
    expect(kept.lines.filter((l) => l.document === later.number).map((l) => l.account)).toEqual(['10001']);
    expect(kept.warnings.filter((w) => w.code === 'debitorKept')).toEqual([
      { code: 'debitorKept', documentNumber: '', subject: 'customer', problem: 'validation.datevDebitorKept', values: { customer: 'Erste GmbH', number: 'K-10077', account: '10001' } },
    ]);

    const newcomer = await customer(t.bookkeeper, { name: 'Neue AG', number: 'K-10001' });
    const theirs = await sale(newcomer.id, '2026-11-06');
    const taken = await unwrap(t.bookkeeper.invoke('exports.datevPreview', NOV));
    expect(taken.errors).toEqual([
      expect.objectContaining({ code: 'debitorTaken', subject: 'customer', values: expect.objectContaining({ customer: 'Neue AG', account: 10001, other: 'Erste GmbH', otherNumber: 'K-10077' }) }),
    ]);
    const r = await t.bookkeeper.invoke('exports.datev', NOV);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.details?.fields?.map((f) => f.problem)).toEqual(['validation.datevDebitorTaken']);

    await renumber(newcomer, 'K-10002');
    const november = await unwrap(t.bookkeeper.invoke('exports.datev', NOV));
    const rows = parseDatevFile(Buffer.from(november.files[0]!.dataBase64, 'base64')).rows;
    expect(rows.filter((row) => row['Belegfeld 1'] === later.number || row['Belegfeld 1'] === theirs.number).map((row) => [row['Konto'], row['Belegfeld 1']])).toEqual([
      ['10001', later.number],
      ['10002', theirs.number],
    ]);
  });
});

describe('the account map', () => {
  const save = (accounts: Record<string, string>) => t.bookkeeper.invoke('exports.saveDatevSettings', { ...SETTINGS, accounts });
  const fields = async (accounts: Record<string, string>) => {
    const r = await save(accounts);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.error.details?.fields?.map((f) => [f.field, f.problem]);
  };

  it('refuses bank on the cash account, a role on receivables, bank or cash, and a rate on an automatic account of another rate', async () => {
    const before = await unwrap(t.bookkeeper.invoke('exports.datevSettings', {}));
    expect(await fields({ bank: '1000' })).toEqual([['accounts.bank', 'validation.datevAccountClash']]);
    expect(await fields({ revenue19: '1400' })).toEqual([['accounts.revenue19', 'validation.datevAccountClash']]);
    expect(await fields({ skonto19: '1200' })).toEqual([['accounts.skonto19', 'validation.datevAccountClash']]);
    expect(await fields({ cashExpense0: '1000' })).toEqual([['accounts.cashExpense0', 'validation.datevAccountClash']]);
    expect(await fields({ revenue7: '8400' })).toEqual([['accounts.revenue7', 'validation.datevAutomaticRate']]);
    expect(await fields({ intraEu: '8300' })).toEqual([['accounts.intraEu', 'validation.datevAutomaticRate']]);
    expect(await unwrap(t.bookkeeper.invoke('exports.datevSettings', {}))).toEqual(before);
    // Two roles of one rate may share an account.
    const same = await unwrap(save({ skonto7: '8300', cashIncome19: '8400' }));
    expect(same.accounts).toMatchObject({ skonto7: '8300', revenue7: '8300' });
    await unwrap(save({}));
  });
});

describe('texts the app writes itself', () => {
  it('writes a user name outside Windows-1252 without accents and cut to 25 characters, never refusing the export', async () => {
    const user = await unwrap(t.admin.invoke('users.create', { name: 'Łukasz Żółć-Brzęczyszczykiewicz', email: 'lukasz@example.org', role: 'bookkeeper', password: PASSWORD }));
    const lukasz = app.client();
    await unwrap(lukasz.invoke('auth.login', { userId: user.id, password: PASSWORD }));
    const c = await customer(t.bookkeeper, { name: 'Kunde für Lukasz' });
    await sale(c.id, '2026-11-10');
    const preview = await unwrap(lukasz.invoke('exports.datevPreview', { from: '2026-11-10', to: '2026-11-11' }));
    expect(preview.errors).toEqual([]);
    const result = await unwrap(lukasz.invoke('exports.datev', { from: '2026-11-10', to: '2026-11-11' }));
    expect(header(result.files[0]!)['Exportiert von']).toBe('Lukasz Zólc-Brzeczyszczy…');
    expect(header(result.files[1]!)['Exportiert von']).toBe('Lukasz Zólc-Brzeczyszczy…');
  });

  it('names a shortened Buchungstext in a warning, and a character outside Windows-1252 in the part of a name it cut away as an error', async () => {
    const PERIOD = { from: '2026-11-12', to: '2026-11-14' };
    const long = await customer(t.bookkeeper, { name: 'Gesellschaft für lange Firmennamen mbH & Co. KG' });
    const inv = await sale(long.id, '2026-11-12');
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', PERIOD));
    expect(preview.errors).toEqual([]);
    const text = preview.lines.find((l) => l.document === inv.number)!.text;
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text).not.toBe(`${long.name} ${inv.number}`);
    expect(preview.warnings).toEqual([
      { code: 'textShortened', documentNumber: inv.number, problem: 'validation.datevTextShortened', values: { document: inv.number, text: `${long.name} ${inv.number}` } },
    ]);

    const polish = await customer(t.bookkeeper, { name: 'Handelsgesellschaft Nord Süd Ost West Sp. z o.o. Ł' });
    const bad = await sale(polish.id, '2026-11-13');
    const withBad = await unwrap(t.bookkeeper.invoke('exports.datevPreview', PERIOD));
    expect(withBad.lines.find((l) => l.document === bad.number)!.text).not.toContain('Ł');
    expect(withBad.errors).toContainEqual(expect.objectContaining({ documentNumber: bad.number, problem: 'validation.datevText', values: expect.objectContaining({ document: bad.number, char: 'Ł' }) }));
    const r = await t.bookkeeper.invoke('exports.datev', PERIOD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.details?.fields).toContainEqual(expect.objectContaining({ field: 'text', problem: 'validation.datevText', params: expect.objectContaining({ document: bad.number }) }));
  });

  it('names a cash reversal whose text it shortened', async () => {
    const book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '100.00' }));
    const text = 'Verkauf von Zubehör an der Theke, Kabel und Adapter, bar';
    expect(text.length).toBeLessThanOrEqual(60);
    const entry = await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-20', time: '10:00', type: 'income', amount: '11.90', vatRate: 19, category: 'Erlöse', text }));
    await unwrap(t.bookkeeper.invoke('cashbook.reverse', { entryId: entry.id, reason: 'Falsch erfasst' }));
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', { from: '2026-11-20', to: '2026-11-30' }));
    const reversal = preview.lines.find((l) => l.text.startsWith('Storno'))!;
    expect(reversal.text).toBe(`Storno ${preview.lines.find((l) => l.text === text)!.document}`);
    expect(preview.warnings.filter((w) => w.code === 'textShortened')).toEqual([
      expect.objectContaining({ documentNumber: reversal.document, problem: 'validation.datevTextShortened', values: { document: reversal.document, text: `${reversal.text} ${text}` } }),
    ]);
  });
});

describe('what is not in a batch', () => {
  it('refuses a period without bookings, shows it in the preview, and records nothing', async () => {
    const PERIOD = { from: '2026-08-01', to: '2026-08-31' };
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', PERIOD));
    expect(preview.lineCount).toBe(0);
    expect(preview.errors).toEqual([expect.objectContaining({ code: 'nothing', problem: 'validation.datevNothing' })]);
    const before = await unwrap(t.bookkeeper.invoke('exports.history', {}));
    const r = await t.bookkeeper.invoke('exports.datev', PERIOD);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION_FAILED');
    expect(r.error.details?.fields).toEqual([expect.objectContaining({ field: 'from', problem: 'validation.datevNothing' })]);
    expect(await unwrap(t.bookkeeper.invoke('exports.history', {}))).toEqual(before);
  });

  it('names every outgoing payment that is no customer’s with its date and amount', async () => {
    const PERIOD = { from: '2026-07-01', to: '2026-07-31' };
    const fee = await unwrap(t.bookkeeper.invoke('payments.record', { direction: 'outgoing', purpose: 'fee', date: '2026-07-10', amount: '12.50', counterpartyName: 'Bank' }));
    const supplier = await unwrap(t.bookkeeper.invoke('payments.record', { direction: 'outgoing', purpose: 'supplierPayment', date: '2026-07-11', amount: '240.00', counterpartyName: 'Lieferant GmbH' }));
    const preview = await unwrap(t.bookkeeper.invoke('exports.datevPreview', PERIOD));
    expect(preview.errors.map((e) => e.code)).toEqual(['nothing']);
    const Z = (id: string) => `Z-${id.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-12)}`;
    expect(preview.warnings).toEqual([
      { code: 'outgoingLeftOut', documentNumber: Z(fee.id), problem: 'validation.datevOutgoingLeftOut', values: { document: Z(fee.id), date: '2026-07-10', amount: '12.50', purpose: 'fee' } },
      { code: 'outgoingLeftOut', documentNumber: Z(supplier.id), problem: 'validation.datevOutgoingLeftOut', values: { document: Z(supplier.id), date: '2026-07-11', amount: '240.00', purpose: 'supplierPayment' } },
    ]);
  });
});
