/**
 * A bookkeeper who never touches the mouse: logs in, creates a customer, enters an order with
 * three lines, saves, confirms it and makes the invoice with page.keyboard only, and after each
 * step focus is where the next keystroke belongs. Browser harness, Chromium, German UI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY } from '../support/services.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { toast } from './pages/common.js';
import { KeyboardPage } from './pages/KeyboardPage.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
const CUSTOMER = 'Café Morgenrot GmbH';
const YEAR = new Date().toISOString().slice(0, 4);
const ORDER = `AB-${YEAR}-A-000001`;

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let keys: KeyboardPage;
/** Tab presses per task, printed at the end (the tab stops a user goes through). */
const stops: Record<string, number> = {};

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-keys-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  // Set up before the test: the administrator, the company and three products.
  const setupPage = await (await browser.newContext({ locale: 'de-DE' })).newPage();
  await setupPage.goto(harness.url);
  await new SetupPage(setupPage).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
  await setupPage.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
  await setupPage.context().close();
  const admin = await harnessClient(harness);
  await ok(admin.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
  await ok(admin.invoke('settings.saveCompany', COMPANY));
  for (const [sku, name, price] of [['A-1', 'Espresso', '10.00'], ['B-2', 'Milchkaffee', '12.50'], ['C-3', 'Tee', '4.00']] as const) {
    await ok(admin.invoke('products.save', { sku, nameDe: name, nameEn: name, unit: 'C62', netPrice: price, vatCategory: 'S', vatRate: '19' } as never));
  }
  admin.close();

  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  // Any mouse event in the page fails the test.
  await page.addInitScript(() => {
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown'] as const) {
      window.addEventListener(type, (event) => {
        if ((event as MouseEvent).detail > 0 || event.type !== 'click') (window as unknown as { mouseUsed: string[] }).mouseUsed.push(type);
      }, true);
    }
    (window as unknown as { mouseUsed: string[] }).mouseUsed = [];
  });
  keys = new KeyboardPage(page);
}, 120_000);

afterAll(async () => {
  if (Object.keys(stops).length) console.log(`Tab presses per task: ${JSON.stringify(stops)}`);
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function noMouse(): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { mouseUsed: string[] }).mouseUsed)).toEqual([]);
}

describe('keyboard only: login, customer, order with three lines, confirmation, invoice', () => {
  it('logs in; focus starts in the login field and lands on the overview heading', async () => {
    await page.goto(harness.url);
    await keys.expectFocus('E-Mail oder Name', 'INPUT');
    expect(await keys.title()).toBe('Anmelden – Rechnungswerk');
    await keys.type(ADMIN.email);
    await keys.press('Tab');
    await keys.expectFocus('Passwort', 'INPUT');
    await keys.type(ADMIN.password);
    await keys.press('Enter');
    await keys.expectFocus(`Willkommen, ${ADMIN.name}`, 'H1');
    expect(await keys.title()).toBe(`Willkommen, ${ADMIN.name} – Übersicht – Rechnungswerk`);
    await noMouse();
  }, 60_000);

  it('the skip link is the first stop and leads to the main area', async () => {
    // From the top of the page: the first Tab is the skip link. A blur alone leaves Chromium's
    // starting point for Tab at the heading (Tab would go on to the Übersicht's first tile), so
    // focus is let go to the page itself, which the frame leaves there.
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    await keys.press('Tab');
    await keys.expectFocus('Zum Hauptinhalt springen', 'A');
    await keys.press('Enter');
    await keys.expectFocus(`Willkommen, ${ADMIN.name}`, 'H1');
    await noMouse();
  }, 60_000);

  it('creates a customer: a failed save leads to the first invalid field, Ctrl+S saves', async () => {
    await keys.press('Alt+9');
    await keys.expectFocus('Kunden', 'H1');
    expect(await keys.title()).toBe('Kunden – Rechnungswerk');
    await keys.press('Alt+N');
    await keys.expectFocus('Neuer Kunde', 'H1');
    await keys.press('Control+S');
    await toast(page, 'Bitte korrigieren');
    await keys.expectFocus('Name', 'INPUT');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await keys.type(CUSTOMER);
    // Filled: "Pflichtfeld" goes at once, before the next save.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('false');
    let n = 0;
    n += await keys.tabTo('Straße und Hausnummer');
    await keys.type('Ehrenstraße 12');
    n += await keys.tabTo('PLZ');
    await keys.type('50672');
    n += await keys.tabTo('Ort');
    await keys.type('Köln');
    stops['customer: name to city'] = n;
    await keys.press('Control+S');
    await toast(page, `Kunde ${CUSTOMER} gespeichert`);
    // Back in the list.
    await keys.expectFocus('Kunden', 'H1');
    await noMouse();
  }, 60_000);

  it('enters an order with three lines; Enter moves on and adds lines, never saves', async () => {
    await keys.press('Alt+2');
    await keys.expectFocus('Aufträge', 'H1');
    stops['orders heading to "Neuer Auftrag"'] = await keys.tabTo('Neuer Auftrag');
    await keys.press('Enter');
    await keys.expectFocus('Neuer Auftrag', 'H1');
    expect(await keys.title()).toBe('Neuer Auftrag – Aufträge – Rechnungswerk');

    let n = await keys.tabTo('Kunde suchen');
    await keys.type('Morgen');
    n += await keys.tabTo('Kunde');
    await page.waitForFunction(() => (document.activeElement as HTMLSelectElement).options.length > 1);
    await keys.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.textContent)).toContain(CUSTOMER);
    n += await keys.tabTo('Artikel, Position 1');
    stops['new order to the first line'] = n;

    const line = async (position: number, downs: number, quantity: string, last: boolean) => {
      await keys.expectFocus(`Artikel, Position ${position}`, 'SELECT');
      for (let i = 0; i < downs; i++) await keys.press('ArrowDown');
      await keys.press('Enter');
      await keys.expectFocus(`Beschreibung, Position ${position}`);
      await keys.press('Enter');
      await keys.expectFocus(`Menge, Position ${position}`);
      await keys.replace(quantity);
      if (last) return;
      await keys.press('Enter');
      await keys.expectFocus(`Einzelpreis (netto), Position ${position}`);
      await keys.press('Enter');
      await keys.expectFocus(`Rabatt (%), Position ${position}`);
      // Enter in the last field of the last line: a new line, with focus in it.
      await keys.press('Enter');
    };
    await line(1, 1, '2', false);
    await line(2, 2, '3', false);
    await line(3, 3, '4', true);
    expect(await page.getByRole('table', { name: 'Positionen' }).locator('tbody tr').count()).toBe(3);
    // Nothing was saved by any Enter.
    expect(await page.locator('.toast', { hasText: 'Auftrag' }).count()).toBe(0);

    await keys.press('Control+S');
    expect(await toast(page, /gespeichert/)).toBe(`Auftrag ${ORDER} gespeichert`);
    // Saving from a field keeps the place.
    await keys.expectFocus('Menge, Position 3', 'INPUT');
    await noMouse();
  }, 60_000);

  it('confirms the order and makes the invoice; focus goes to each new heading', async () => {
    stops['last line to "Auftrag bestätigen"'] = await keys.tabTo('Auftrag bestätigen');
    await keys.press('Enter');
    expect(await toast(page, /bestätigt/)).toContain(`Auftrag ${ORDER} bestätigt`);
    await keys.expectFocus(`Auftrag ${ORDER}`, 'H1');

    stops['confirmed order to "Rechnung erstellen"'] = await keys.tabTo('Rechnung erstellen');
    await keys.press('Enter');
    await toast(page, /Rechnungsentwurf aus Auftrag .+ erstellt/);
    await keys.expectFocus(/^Rechnung/, 'H1');
    expect(await keys.title()).toMatch(/^Rechnung.* – Rechnungen – Rechnungswerk$/);
    await noMouse();
  }, 60_000);

  it('the shortcuts are listed in a dialog opened with "?", closed with Escape, focus returns', async () => {
    await keys.press('Shift+?');
    await page.getByRole('dialog', { name: 'Tastenkürzel' }).waitFor();
    expect(await page.getByRole('dialog').getByRole('row').allTextContents()).toEqual(expect.arrayContaining(['Strg+SOffenes Formular speichern', 'Alt+NNeuer Datensatz in dieser Ansicht', 'Alt+2Aufträge öffnen']));
    await keys.press('Escape');
    await page.getByRole('dialog', { name: 'Tastenkürzel' }).waitFor({ state: 'hidden' });
    await keys.expectFocus(/^Rechnung/, 'H1');

    // "Zurück zur Liste" (just before the heading) leads to the list's heading.
    await keys.press('Shift+Tab');
    await keys.expectFocus('‹ Zurück zur Liste', 'BUTTON');
    await keys.press('Enter');
    await keys.expectFocus('Rechnungen', 'H1');
    expect(await keys.title()).toBe('Rechnungen – Rechnungswerk');
    // Ctrl+K: to the list's search field.
    await keys.press('Control+K');
    await keys.expectFocus('Suchen', 'INPUT');
    await noMouse();
  }, 60_000);
});
