/**
 * Reports from end to end in Chromium against the browser harness, German UI: books with three
 * issued invoices (one written 40 days ago on a clock set to that day and overdue now, one paid
 * partly today, one open and not yet due); twenty cash entries typed by keyboard on the Kasse
 * screen and the day closed; on Berichte the open items exported as CSV (read back: BOM, `;`,
 * decimal comma, total as on screen), the VAT summary with the cash book's VAT exported as CSV and
 * PDF (read back with pdftotext); the Übersicht's tiles equal to the reports' figures and the
 * handlers' values. The harness runs on the wall clock: every date is worked out from today.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { addDays } from '../../src-shared/dates.js';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices } from '../../src-main/services.js';
import { linesOf, pdfPages } from '../support/pdf.js';
import { ADMIN, adminSetup, COMPANY, PASSWORD, unwrap } from '../support/services.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { CashbookPage, type CashEntryKeys } from './pages/CashbookPage.js';
import { DashboardPage } from './pages/dashboard.js';
import { LoginPage } from './pages/LoginPage.js';
import { ReportsPage } from './pages/reports.js';

/** The device's local date, as the cash book dates its entries. */
const TODAY = format(new Date(), 'yyyy-MM-dd');
const EARLIER = addDays(TODAY, -40);
const MONTH_START = `${TODAY.slice(0, 8)}01`;

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let admin: ApiClient & { close(): void };
const numbers = { overdue: '', partly: '', open: '' };
let customerId = '';

/** Twenty receipts of a shop day (type key, amount, VAT rate, category, text). */
const RECEIPTS: CashEntryKeys[] = [
  { type: '1', amount: '11,90', category: 'Warenverkauf', text: 'Kaffee und Kuchen' },
  { amount: '23,80', category: 'Warenverkauf', text: 'Torte' },
  { amount: '5,35', vatRate: '7', category: 'Warenverkauf', text: 'Brötchen' },
  { amount: '42,80', vatRate: '7', category: 'Warenverkauf', text: 'Brot und Brötchen' },
  { type: '2', amount: '8,50', category: 'Porto', text: 'Briefmarken' },
  { amount: '19,99', category: 'Büromaterial', text: 'Druckerpapier' },
  { amount: '12,84', vatRate: '7', category: 'Bewirtung', text: 'Kaffee für Besprechung' },
  { type: '1', amount: '1.190,00', category: 'Erlöse', text: 'Catering Hochzeit' },
  { amount: '3,50', vatRate: '7', category: 'Warenverkauf', text: 'Croissant' },
  { amount: '7,00', vatRate: '0', category: 'Erlöse', text: 'Pfand' },
  { type: '3', amount: '100', category: 'Privat', text: 'Einlage Wechselgeld' },
  { type: '6', amount: '1.000,00', category: 'Geldtransit', text: 'Einzahlung Bank' },
  { type: '2', amount: '29,75', category: 'Reinigung', text: 'Reinigungsmittel' },
  { amount: '45,00', category: 'Fahrzeugkosten', text: 'Tanken' },
  { type: '1', amount: '2,40', vatRate: '7', category: 'Warenverkauf', text: 'Kaffee to go' },
  { amount: '17,85', category: 'Warenverkauf', text: 'Geschenkkorb' },
  { amount: '0,99', category: 'Warenverkauf', text: 'Tüte' },
  { type: '4', amount: '50', category: 'Privat', text: 'Entnahme Einkauf privat' },
  { type: '5', amount: '150,00', category: 'Geldtransit', text: 'Wechselgeld von der Bank' },
  { type: '1', amount: '64,20', vatRate: '7', category: 'Warenverkauf', text: 'Kuchenbestellung' },
];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-flow-'));
  // The books as of 40 days ago: company, a supervisor, a customer and an invoice due 14 days later.
  const earlier = await startServices({ dataDir, clock: () => new Date(`${EARLIER}T09:00:00.000Z`), logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const first = createInMemoryClient(earlier);
    await unwrap(first.invoke('auth.setupAdmin', adminSetup({ services: earlier })));
    await unwrap(first.invoke('settings.saveCompany', COMPANY));
    await unwrap(first.invoke('users.create', { name: 'Sven Supervisor', email: 'sven@example.org', role: 'supervisor', password: PASSWORD }));
    const customer = await unwrap(first.invoke('customers.save', { name: 'Bäckerei Größe KG', billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['buchhaltung@baeckerei.example'] }));
    customerId = customer.id;
    const sven = createInMemoryClient(earlier);
    await unwrap(sven.invoke('auth.login', { login: 'Sven Supervisor', password: PASSWORD }));
    const draft = await unwrap(first.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100', unit: 'HUR', vatRate: '19' }] }));
    await unwrap(first.invoke('invoices.submit', { id: draft.id }));
    await unwrap(sven.invoke('invoices.approve', { id: draft.id }));
    numbers.overdue = (await unwrap(first.invoke('invoices.issue', { id: draft.id }))).number;
  } finally {
    await earlier.close();
  }

  harness = await startHarnessProcess(dataDir);
  // Today, over the contract: 357,00 € of which 100,00 € paid today, and 238,00 € not yet due.
  admin = await harnessClient(harness);
  await unwrap(admin.invoke('auth.login', { login: ADMIN.name, password: ADMIN.password }));
  const sven = await harnessClient(harness);
  await unwrap(sven.invoke('auth.login', { login: 'Sven Supervisor', password: PASSWORD }));
  const issue = async (quantity: string, price: string) => {
    const draft = await unwrap(admin.invoke('invoices.saveDraft', { customerId: customerId, lines: [{ description: 'Beratung', quantity, netUnitPrice: price, unit: 'HUR', vatRate: '19' }] }));
    await unwrap(admin.invoke('invoices.submit', { id: draft.id }));
    await unwrap(sven.invoke('invoices.approve', { id: draft.id }));
    return unwrap(admin.invoke('invoices.issue', { id: draft.id }));
  };
  const partly = await issue('3', '100');
  numbers.partly = partly.number;
  numbers.open = (await issue('2', '100')).number;
  await unwrap(admin.invoke('payments.record', { date: TODAY, amount: '100.00', customerId: customerId, allocations: [{ invoiceId: partly.id, amount: '100.00' }] }));
  sven.close();

  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  await page.goto(harness.url);
  await new LoginPage(page).logIn(ADMIN.name, ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
}, 300_000);

afterAll(async () => {
  admin?.close();
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** "1.234,56 €" or "1.234,56" → cents. */
function cents(text: string): number {
  const m = /^(-?)([\d.]+),(\d\d)/.exec(text.replace(/\s/g, ''));
  if (!m) throw new Error(`not an amount: ${text}`);
  return (m[1] ? -1 : 1) * (Number(m[2]!.replace(/\./g, '')) * 100 + Number(m[3]));
}

/** Cents as German figures without currency ("1.645,83"). */
function amount(value: number): string {
  const abs = Math.abs(value);
  return `${value < 0 ? '-' : ''}${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(abs % 100).padStart(2, '0')}`;
}

async function saved(download: Download): Promise<Buffer> {
  const file = path.join(dataDir, download.suggestedFilename());
  await download.saveAs(file);
  return fs.readFileSync(file);
}

/** A German CSV read back: checks BOM and separator, returns its rows of cells. */
function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines[0]).toContain(';');
  return lines.map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));
}

/** The figures read on Berichte, to compare with the Übersicht. */
const shown = { open: 0, overdue: 0, received: 0 };
const cashVat = { income7: 0, income19: 0, expense: 0 };

describe('Reports from the books to the Übersicht (browser harness, Chromium)', () => {
  it('takes twenty cash entries typed by keyboard today and closes the day', async () => {
    const cash = new CashbookPage(page);
    await cash.open();
    await cash.createBook({ name: 'Ladenkasse', location: 'Köln', openingBalance: '200,00' });
    await cash.entryForm.waitFor();
    const vouchers: number[] = [];
    for (const keys of RECEIPTS) vouchers.push(await cash.typeEntry(keys));
    expect(vouchers).toEqual(vouchers.map((_, i) => vouchers[0]! + i));

    const [book] = await unwrap(admin.invoke('cashbook.list', {} as never));
    const day = await unwrap(admin.invoke('cashbook.day', { cashBookId: book!.id, date: TODAY }));
    // The day holds the typed entries (and the opening balance, when the book opened today).
    const typed = day.entries.filter((e) => vouchers.includes(e.voucher));
    expect(typed).toHaveLength(20);
    for (const e of typed) {
      if (e.type === 'income' && e.vatRate === 7) cashVat.income7 += e.vat;
      if (e.type === 'income' && e.vatRate === 19) cashVat.income19 += e.vat;
      if (e.type === 'expense') cashVat.expense += Math.abs(e.vat);
    }
    // Worked out here entry by entry (VAT of the gross, rounded to the cent): 19 % sales
    // 190 + 380 + 19000 + 285 + 16, 7 % sales 35 + 280 + 23 + 16 + 420, input tax 136 + 319 + 84 + 475 + 718.
    expect(cashVat).toEqual({ income7: 774, income19: 19871, expense: 1732 });

    const closing = await cash.closeDay((await cash.balance()).replace(' €', ''));
    expect(closing.difference).toBe('0,00 €');
    await expect.poll(() => cash.dayState(), { timeout: 10_000 }).toMatch(/^Tag abgeschlossen/);
    expect(await cash.entryForm.count()).toBe(0);
  }, 300_000);

  it('shows the open items and exports them as a German CSV with the total shown', async () => {
    const reports = new ReportsPage(page);
    await reports.open();
    await reports.tab('Offene Posten');
    expect(await reports.figure('Offene Posten', numbers.partly, 'Offen')).toBe('257,00 €');
    expect(await reports.figure('Offene Posten', numbers.overdue, 'Offen')).toBe('119,00 €');
    expect(await reports.figure('Offene Posten', numbers.open, 'Offen')).toBe('238,00 €');
    const total = await reports.figure('Offene Posten', null, 'Offen');
    shown.open = cents(total);
    expect(shown.open).toBe(11900 + 25700 + 23800);
    expect(await reports.checkLine()).toMatch(/^✓/);

    const download = await reports.export('CSV');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const rows = csvRows(await saved(download));
    const column = rows[0]!.indexOf('Offen');
    expect(column).toBeGreaterThanOrEqual(0);
    expect(rows.find((r) => r.includes(numbers.partly))).toEqual(expect.arrayContaining(['357,00', '257,00']));
    const totalCell = rows.at(-1)![column]!;
    expect(totalCell).toMatch(/^\d+,\d\d$/);
    expect(cents(totalCell)).toBe(shown.open);

    const report = await unwrap(admin.invoke('reports.openItems', { asOf: TODAY }));
    expect(report.total).toBe(shown.open);
  }, 120_000);

  it('reads the overdue and the payments received this month from their reports', async () => {
    const reports = new ReportsPage(page);
    await reports.tab('Überfällig');
    expect(await reports.figure(/Überfällig/, numbers.overdue, 'Offen')).toBe('119,00 €');
    shown.overdue = cents(await reports.figure(/Überfällig/, null, 'Offen'));
    await reports.tab('Zahlungen');
    await reports.period(MONTH_START, TODAY);
    shown.received = cents(await reports.figure('Zahlungseingänge', null, 'Betrag'));
    expect(shown).toMatchObject({ overdue: 11900, received: 10000 });
  }, 120_000);

  it('includes the cash book in the VAT summary and its CSV and PDF exports', async () => {
    const reports = new ReportsPage(page);
    await reports.tab('Umsatzsteuer');
    await reports.period(EARLIER, TODAY);
    const vat = await unwrap(admin.invoke('reports.vat', { from: EARLIER, to: TODAY }));
    const kz = (key: string) => vat.kennzahlen.find((k) => k.key === key);
    // Invoices: 600,00 € at 19 % (114,00 € tax); the cash book adds its sales and its input tax.
    expect(kz('81')?.tax).toBe(11400 + cashVat.income19);
    expect(kz('86')?.tax).toBe(cashVat.income7);
    expect(kz('66')?.tax).toBe(cashVat.expense);
    const table = 'Umsatzsteuer-Übersicht';
    expect(cents(await reports.figure(table, 'Steuerpflichtige Umsätze zu 19', 'Steuer'))).toBe(kz('81')!.tax);
    expect(cents(await reports.figure(table, 'Steuerpflichtige Umsätze zu 7', 'Steuer'))).toBe(cashVat.income7);
    expect(cents(await reports.figure(table, 'Vorsteuer', 'Steuer'))).toBe(cashVat.expense);

    const rows = csvRows(await saved(await reports.export('CSV')));
    const tax = rows[0]!.indexOf('Steuer');
    const row7 = rows.find((r) => r.some((c) => c.includes('Steuerpflichtige Umsätze zu 7')));
    expect(cents(row7![tax]!)).toBe(cashVat.income7);

    const pdf = pdfPages(await saved(await reports.export('PDF'))).flatMap(linesOf);
    // The description column wraps beside six figure columns; the label's first word and the figures stay on one line.
    const pdfLine = (label: string, tax: number) => pdf.find((l) => l.includes(label) && l.split(' ').includes(amount(tax)));
    expect(pdfLine('Steuerpflichtige', cashVat.income7)).toBeDefined();
    expect(pdfLine('Steuerpflichtige', kz('81')!.tax)).toBeDefined();
    expect(pdfLine('Vorsteuer aus', cashVat.expense)).toBeDefined();
    expect(pdf.find((l) => l.includes('Verbleibende'))?.split(' ')).toContain(amount(vat.payable));
  }, 120_000);

  it('shows on the Übersicht the figures of the reports and the handler', async () => {
    const dashboard = new DashboardPage(page);
    await dashboard.open();
    expect(cents(await dashboard.figure('open'))).toBe(shown.open);
    expect(cents(await dashboard.figure('overdue'))).toBe(shown.overdue);
    expect(cents(await dashboard.figure('receivedThisMonth'))).toBe(shown.received);
    const d = await unwrap(admin.invoke('reports.dashboard', {}));
    expect({ open: d.open.amount, overdue: d.overdue.amount, received: d.receivedThisMonth.amount }).toEqual(shown);
  }, 120_000);
});
