/**
 * Berichte → Export für den Steuerberater in Chromium against the browser harness, German UI:
 * the DATEV numbers and SKR03 typed into the settings form (a bad Beraternummer named at its
 * field), the preview of an invoice and a payment with its lines and account sums, the DATEV
 * files downloaded (EXTF header, Windows-1252, CRLF), a second export of the same period asking
 * first and marked in the history, the UStVA of the month with Kz 81 and Kz 83, and the auditor
 * ZIP. The harness runs on the wall clock: every date is worked out from today.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Download, Page } from 'playwright-core';
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices } from '../../src-main/services.js';
import { ADMIN, adminSetup, COMPANY, PASSWORD, unwrap } from '../support/services.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { LoginPage } from './pages/LoginPage.js';
import { TaxAdvisorPage } from './pages/TaxAdvisorPage.js';

/** The device's local date, as the harness dates what it writes. */
const TODAY = format(new Date(), 'yyyy-MM-dd');
const MONTH_START = `${TODAY.slice(0, 8)}01`;
const MONTH_NAME = new Intl.DateTimeFormat('de-DE', { month: 'long' }).format(new Date());
const CUSTOMER = 'Bäckerei Größe KG';

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let admin: ApiClient & { close(): void };
let invoiceNumber = '';
let tax: TaxAdvisorPage;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-tax-'));
  // The company, a supervisor who approves and a customer, written before the harness starts.
  const first = await startServices({ dataDir, logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const client = createInMemoryClient(first);
    await unwrap(client.invoke('auth.setupAdmin', adminSetup({ services: first })));
    await unwrap(client.invoke('settings.saveCompany', COMPANY));
    await unwrap(client.invoke('users.create', { name: 'Sven Supervisor', email: 'sven@example.org', role: 'supervisor', password: PASSWORD }));
  } finally {
    await first.close();
  }

  harness = await startHarnessProcess(dataDir);
  admin = await harnessClient(harness);
  await unwrap(admin.invoke('auth.login', { login: ADMIN.name, password: ADMIN.password }));
  const sven = await harnessClient(harness);
  await unwrap(sven.invoke('auth.login', { login: 'Sven Supervisor', password: PASSWORD }));
  // Today: an invoice of 357,00 € (300,00 € net at 19 %) and 100,00 € paid on it.
  const customer = await unwrap(admin.invoke('customers.save', { name: CUSTOMER, billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['buchhaltung@baeckerei.example'] }));
  const draft = await unwrap(admin.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Beratung', quantity: '3', netUnitPrice: '100', unit: 'HUR', vatRate: '19' }] }));
  await unwrap(admin.invoke('invoices.submit', { id: draft.id }));
  await unwrap(sven.invoke('invoices.approve', { id: draft.id }));
  const invoice = await unwrap(admin.invoke('invoices.issue', { id: draft.id }));
  invoiceNumber = invoice.number;
  await unwrap(admin.invoke('payments.record', { date: TODAY, amount: '100.00', customerId: customer.id, allocations: [{ invoiceId: invoice.id, amount: '100.00' }] }));
  sven.close();

  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await page.goto(harness.url);
  await new LoginPage(page).logIn(ADMIN.name, ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
  tax = new TaxAdvisorPage(page);
}, 300_000);

afterAll(async () => {
  admin?.close();
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function saved(download: Download): Promise<Buffer> {
  const file = path.join(dataDir, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return fs.readFileSync(file);
}

/** A DATEV file read back: Windows-1252, CRLF between lines, `;` between fields. */
function datevLines(bytes: Buffer): string[] {
  const text = iconv.decode(bytes, 'win1252');
  // Every line break is CRLF: no LF without its CR.
  expect(/[^\r]\n/.test(text)).toBe(false);
  return text.split('\r\n').filter(Boolean);
}

describe('Export für den Steuerberater (browser harness, Chromium)', () => {
  it('takes the DATEV numbers and SKR03 through the settings form, naming a bad Beraternummer at its field', async () => {
    await tax.open();
    await tax.fillSettings({ Beraternummer: '12AB', Mandantennummer: '4711' });
    const errors = await tax.saveSettings();
    expect(Object.keys(errors)).toEqual(['Beraternummer']);
    expect(errors.Beraternummer).toBe('Nur Ziffern');
    // Corrected, the field's error goes at once, before saving.
    await tax.fillSettings({ Beraternummer: '1234567' });
    expect(await tax.settingsErrors()).toEqual({});

    // SKR04's default accounts are shown as soon as they are taken, and SKR03's again on the way back.
    await tax.chart('SKR04', true);
    expect(await tax.account('Erlöse 19 % USt')).toBe('4400');
    expect(await tax.account('Bank')).toBe('1800');
    await tax.chart('SKR03', true);
    expect(await tax.account('Erlöse 19 % USt')).toBe('8400');
    await tax.chart('SKR04', false);
    expect(await tax.account('Bank')).toBe('1200');
    await tax.chart('SKR03', false);
    expect(await tax.saveSettings()).toEqual({});
    expect(await tax.account('Erlöse 19 % USt')).toBe('8400');
    expect(await tax.account('Bank')).toBe('1200');
  });

  it('previews the invoice and the payment: their lines and the sums per account', async () => {
    await tax.period(MONTH_START, TODAY);
    await tax.preview();
    expect(await tax.previewSummary()).toMatch(/\d+ Buchungszeilen in 1 Datei/);
    expect(await tax.problems('errors')).toEqual([]);
    const lines = await tax.lines();
    const invoiceLine = lines.find((l) => l[6] === invoiceNumber && l[0] === '357,00 €');
    expect(invoiceLine, JSON.stringify(lines)).toBeDefined();
    expect(invoiceLine![3]).toBe('8400');
    const paymentLine = lines.find((l) => l[0] === '100,00 €');
    expect(paymentLine, JSON.stringify(lines)).toBeDefined();
    const sums = await tax.accountSums();
    const revenue = sums.find((r) => r[0] === '8400');
    expect(revenue?.[3], JSON.stringify(sums)).toBe('357,00 €');
    const bank = sums.find((r) => r[0] === '1200');
    expect(bank?.[2], JSON.stringify(sums)).toBe('100,00 €');
  });

  it('downloads the Buchungsstapel and the Debitoren file in DATEV format, and the history names the export', async () => {
    const { files } = await tax.download(2);
    const byName = Object.fromEntries(await Promise.all(files.map(async (f) => [f.suggestedFilename(), await saved(f)] as const)));
    const stapel = Object.entries(byName).find(([name]) => /^EXTF_Buchungsstapel/i.test(name) || /Buchungsstapel/i.test(name));
    const debitoren = Object.entries(byName).find(([name]) => /Debitor|Stammdaten|DebKred/i.test(name));
    expect(stapel, Object.keys(byName).join(', ')).toBeDefined();
    expect(debitoren, Object.keys(byName).join(', ')).toBeDefined();
    const bytes = stapel![1];
    expect(bytes.subarray(0, 30).toString('latin1')).toBe('"EXTF";700;21;"Buchungsstapel"');
    const lines = datevLines(bytes);
    expect(lines[0]).toContain('1234567');
    expect(lines.some((l) => l.includes(`"${invoiceNumber}"`) && l.startsWith('357,00;'))).toBe(true);
    // The Buchungstext names the customer: its umlauts are one byte each in Windows-1252, not UTF-8's two.
    expect(bytes.includes(iconv.encode(CUSTOMER, 'win1252'))).toBe(true);
    expect(bytes.includes(Buffer.from('ä', 'utf8'))).toBe(false);
    const master = debitoren![1];
    expect(master.includes(iconv.encode(CUSTOMER, 'win1252'))).toBe(true);
    expect(master.includes(Buffer.from(CUSTOMER, 'utf8'))).toBe(false);
    datevLines(master);

    const history = await tax.historyCount(1);
    expect(history[0]![1]).toBe(ADMIN.name);
    expect(history[0]![2]).toBe('DATEV');
    expect(history[0]![3]).not.toContain('erneut exportiert');
  });

  it('asks before exporting the same period again, naming the earlier export, and marks it in the history', async () => {
    await tax.festgeschrieben(true);
    const { files, earlier } = await tax.download(2, true);
    expect(files).toHaveLength(2);
    expect(earlier).toContain('Dieser Zeitraum wurde bereits am');
    expect(earlier).toContain(`von ${ADMIN.name} exportiert`);
    const history = await tax.historyCount(2);
    expect(history[0]![3]).toContain('erneut exportiert');
    expect(history[0]![4]).toBe('ja');
    expect(history[1]![3]).not.toContain('erneut exportiert');
  });

  it('shows the UStVA of the month with Kz 81 and Kz 83, and says that nothing goes to ELSTER', async () => {
    await tax.ustvaPeriod(TODAY.slice(0, 4), MONTH_NAME);
    const kz81 = await tax.kennzahl('Kz 81');
    expect(kz81.slice(2)).toEqual(['300,00 €', '57,00 €']);
    const kz83 = await tax.kennzahl('Kz 83');
    expect(kz83[0]).toBe('Kz 83');
    expect(kz83.at(-1)).toBe('57,00 €');
    expect(await tax.elsterNote()).toContain('nicht an ELSTER');
    const csv = await saved(await tax.exportReturn('Umsatzsteuer-Voranmeldung', 'CSV'));
    expect(csv.toString('utf8')).toContain('57,00');
  });

  it('shows the ZM of a month as well as of a quarter', async () => {
    const year = TODAY.slice(0, 4);
    expect(await tax.zmPeriod(year, MONTH_NAME)).toContain(`Zusammenfassende Meldung ${MONTH_NAME} ${year}`);
    expect(await tax.zmPeriod(year, '1. Quartal')).toContain('Zusammenfassende Meldung 1. Quartal');
  });

  it('creates the auditor export as a ZIP and lists its tables', async () => {
    const { file, tables, button } = await tax.auditorExport();
    expect(button).toMatch(/^Prüferexport \d\d\.\d\d\.\d{4}–\d\d\.\d\d\.\d{4} erstellen$/);
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
    const bytes = await saved(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.find((r) => r[0] === 'Rechnungen')?.[1]).toBe('1');
    const history = await tax.historyCount(3);
    expect(history[0]![2]).toBe('Prüferexport');
    // The ZIP's size in lines says nothing; the DATEV files' lines are named.
    expect(history[0]![5]).not.toContain('Zeile');
    expect(history[1]![5]).toContain('Zeile');
  });
});
