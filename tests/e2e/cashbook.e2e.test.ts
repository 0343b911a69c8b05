/**
 * The cash book in Chromium against the browser harness, German UI, keyboard only for the
 * entries: a cash book opened with 200,00 €, twenty receipts typed one after another (types by
 * key, VAT rates by key, Enter from field to field), the running balance equal to the sum worked
 * out here, and the day closed with 0,50 € missing in the till.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY } from '../support/services.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { CashbookPage, type CashEntryKeys } from './pages/CashbookPage.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;

/** Twenty receipts of a shop day and the cash each moves, in cents (+ in, − out). */
const RECEIPTS: [CashEntryKeys, number][] = [
  [{ type: '1', amount: '11,90', category: 'Warenverkauf', text: 'Kaffee und Kuchen' }, 1190],
  [{ amount: '23,80', category: 'Warenverkauf', text: 'Torte' }, 2380],
  [{ amount: '5,35', vatRate: '7', category: 'Warenverkauf', text: 'Brötchen' }, 535],
  [{ amount: '42,80', vatRate: '7', category: 'Warenverkauf', text: 'Brot und Brötchen' }, 4280],
  [{ type: '2', amount: '8,50', category: 'Porto', text: 'Briefmarken' }, -850],
  [{ amount: '19,99', category: 'Büromaterial', text: 'Druckerpapier' }, -1999],
  [{ amount: '12,84', vatRate: '7', category: 'Bewirtung', text: 'Kaffee für Besprechung' }, -1284],
  [{ type: '1', amount: '1.190,00', category: 'Erlöse', text: 'Catering Hochzeit' }, 119000],
  [{ amount: '3,50', vatRate: '7', category: 'Warenverkauf', text: 'Croissant' }, 350],
  [{ amount: '7,00', vatRate: '0', category: 'Erlöse', text: 'Pfand' }, 700],
  [{ type: '3', amount: '100', category: 'Privat', text: 'Einlage Wechselgeld' }, 10000],
  [{ type: '6', amount: '1.000,00', category: 'Geldtransit', text: 'Einzahlung Bank' }, -100000],
  [{ type: '2', amount: '29,75', category: 'Reinigung', text: 'Reinigungsmittel' }, -2975],
  [{ amount: '45,00', category: 'Fahrzeugkosten', text: 'Tanken' }, -4500],
  [{ type: '1', amount: '2,40', vatRate: '7', category: 'Warenverkauf', text: 'Kaffee to go' }, 240],
  [{ amount: '17,85', category: 'Warenverkauf', text: 'Geschenkkorb' }, 1785],
  [{ amount: '0,99', category: 'Warenverkauf', text: 'Tüte' }, 99],
  [{ type: '4', amount: '50', category: 'Privat', text: 'Entnahme Einkauf privat' }, -5000],
  [{ type: '5', amount: '150,00', category: 'Geldtransit', text: 'Wechselgeld von der Bank' }, 15000],
  [{ type: '1', amount: '64,20', vatRate: '7', category: 'Warenverkauf', text: 'Kuchenbestellung' }, 6420],
];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-cash-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(harness.url);
  await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
  const admin = await harnessClient(harness);
  const login = await admin.invoke('auth.login', { login: ADMIN.name, password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.message);
  const saved = await admin.invoke('settings.saveCompany', COMPANY);
  if (!saved.ok) throw new Error(saved.error.message);
  admin.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Cents as the screen writes them ("1.234,56 €", "-0,50 €"). */
function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')} €`;
}

describe('Kasse in Chromium', () => {
  it('takes twenty receipts typed by keyboard and closes the day with the counted cash', async () => {
    const cash = new CashbookPage(page);
    await cash.open();
    expect(await cash.createBook({ name: 'Ladenkasse', location: 'Köln', openingBalance: '200,00' })).toBe('Kassenbuch Ladenkasse angelegt');
    await cash.entryForm.waitFor();

    let expected = 20000;
    const vouchers: number[] = [];
    for (const [keys, cents] of RECEIPTS) {
      vouchers.push(await cash.typeEntry(keys));
      expected += cents;
    }
    // One voucher after another, without a gap.
    expect(vouchers).toEqual(vouchers.map((_, i) => vouchers[0]! + i));
    await expect.poll(() => cash.balance(), { timeout: 10_000 }).toBe(euros(expected));
    const rows = await cash.rows();
    expect(rows.filter((row) => vouchers.includes(Number(row[0])))).toHaveLength(20);
    // The last row's balance (the column before the actions) is the day's end.
    expect(rows.at(-1)![7]).toBe(euros(expected));

    const closing = await cash.closeDay(euros(expected - 50).replace(' €', ''));
    expect(closing).toMatchObject({ expected: euros(expected), difference: '-0,50 €' });
    await expect.poll(() => cash.dayState(), { timeout: 10_000 }).toMatch(/^Tag abgeschlossen: gezählt .*, Differenz -0,50 €/);
    expect(await cash.balance()).toBe(euros(expected - 50));
    expect(await cash.entryForm.count()).toBe(0);
  }, 300_000);
});
