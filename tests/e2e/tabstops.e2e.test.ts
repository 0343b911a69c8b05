/**
 * Tab stops a keyboard user passes with the Tab key alone (no shortcuts): from the login to the new
 * order form, and for one order line from the form's start to saving it. Counted and printed.
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
import { headingFocused } from './pages/settled.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let keys: KeyboardPage;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-tabs-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(harness.url);
  await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
  const admin = await harnessClient(harness);
  await admin.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password });
  await admin.invoke('settings.saveCompany', COMPANY);
  await admin.invoke('customers.save', { name: 'Café Morgenrot GmbH', billingAddress: { street: 'Ehrenstraße 12', postalCode: '50672', city: 'Köln' }, paymentTermsDays: 14, kind: 'business' } as never);
  await admin.invoke('products.save', { sku: 'A-1', nameDe: 'Espresso', nameEn: 'Espresso', unit: 'C62', netPrice: '10.00', vatCategory: 'S', vatRate: '19' } as never);
  admin.close();
  keys = new KeyboardPage(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('tab stops (Tab key only)', () => {
  it('from the login to the new order form, and one line from the form to saved', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Benutzer wechseln' }).press('Enter');
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await page.getByLabel('E-Mail oder Name').focus();
    await keys.type(ADMIN.email);
    await keys.press('Tab');
    await keys.type(ADMIN.password);
    await keys.press('Enter');
    await headingFocused(page, `Willkommen, ${ADMIN.name}`);

    // From the Übersicht's heading the Tab key first passes the Übersicht's own figures and links.
    const onOverview = await page.locator('main').locator('button:visible, a[href]:visible, input:visible, select:visible, textarea:visible, summary:visible, [tabindex="0"]:visible').count();
    keys.tabs = 0;
    await keys.tabTo('Aufträge', 60);
    await keys.press('Enter');
    await headingFocused(page, 'Aufträge');
    await keys.tabTo('Neuer Auftrag', 60);
    await keys.press('Enter');
    await headingFocused(page, 'Neuer Auftrag');
    const toNewOrder = keys.tabs;

    keys.tabs = 0;
    await keys.tabTo('Kunde suchen', 60);
    await keys.type('Morgen');
    await keys.tabTo('Kunde', 60);
    await page.waitForFunction(() => (document.activeElement as HTMLSelectElement).options.length > 1);
    await keys.press('ArrowDown');
    await keys.tabTo('Artikel, Position 1', 60);
    await keys.press('ArrowDown');
    await keys.tabTo('Menge, Position 1', 60);
    await keys.replace('2');
    await keys.tabTo('Entwurf speichern', 60);
    await keys.press('Enter');
    await toast(page, /Auftrag .+ gespeichert/);
    const oneLine = keys.tabs;
    console.log(`Tab presses: login to the new order form ${toNewOrder}, one line from the form to saved ${oneLine}`);
    // Six stops besides the Übersicht's own controls, or seven when the login's focus has not yet moved to the first screen's heading.
    expect(toNewOrder).toBeGreaterThanOrEqual(6);
    expect(toNewOrder).toBeLessThanOrEqual(7 + onOverview);
    expect(oneLine).toBe(18);
  }, 120_000);
});
