/**
 * A negative quantity in the order editor, in Chromium against the browser harness: the line's
 * quantity is marked with its error, nothing is saved, and with a positive quantity the order
 * saves and confirms; stock is reserved as ordered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { plain } from './pages/common.js';
import { CustomersPage } from './pages/CustomersPage.js';
import { FramePage } from './pages/FramePage.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ProductsPage } from './pages/ProductsPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
const COMPANY = {
  Firmenname: 'Muster & Söhne GmbH',
  'Straße und Hausnummer': 'Königsallee 1',
  PLZ: '40212',
  Ort: 'Düsseldorf',
  'USt-IdNr.': 'DE136695976',
  IBAN: 'DE89 3704 0044 0532 0130 00',
  BIC: 'COBADEFFXXX',
  'Zahlungsziel (Tage)': '14',
  Präfix: 'RE',
  'Serienbuchstabe dieses Geräts': 'A',
};
const CUSTOMER = 'Café Morgenrot GmbH';

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-negqty-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('negative quantities in the order editor (browser harness, Chromium, German UI)', () => {
  it('marks a quantity of -3 and saves nothing; 3 is saved and confirmed', async () => {
    await page.goto(harness.url);
    await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
    await new FramePage(page).open('Einstellungen');
    const settings = new SettingsPage(page);
    await settings.waitForForm();
    await settings.fill(COMPANY);
    await settings.save();

    const customers = new CustomersPage(page);
    await customers.open();
    await customers.startNew();
    await customers.fill({ Name: CUSTOMER, 'Straße und Hausnummer': 'Ehrenstraße 12', PLZ: '50672', Ort: 'Köln' });
    await customers.save();
    await page.locator('.toast', { hasText: `Kunde ${CUSTOMER} gespeichert` }).waitFor();

    const products = new ProductsPage(page);
    await products.open();
    expect(await products.create({ sku: 'MEHL-25', name: 'Mehl Type 550', price: '18,90', vatRate: '7', stockTracked: true })).toBe('Artikel MEHL-25 gespeichert');
    expect(await products.receiveStock('MEHL-25', '10')).toContain('MEHL-25');

    const orders = new OrdersPage(page);
    await orders.open();
    await orders.startNew();
    await orders.chooseCustomer('Morgen', CUSTOMER);
    await orders.setLine(1, { product: 'MEHL-25', quantity: '-3' });
    await orders.editor().getByRole('button', { name: 'Entwurf speichern' }).click();
    const quantity = orders.editor().getByRole('textbox', { name: 'Menge, Position 1', exact: true });
    await expect.poll(() => quantity.getAttribute('aria-invalid')).toBe('true');
    const error = plain(await orders.editor().locator('tbody tr').first().locator('.field-error').first().textContent());
    expect(error).toMatch(/größer als 0|negativ/i);
    expect(await page.locator('.toast', { hasText: /Auftrag .+ gespeichert/ }).count()).toBe(0);

    await orders.setLine(1, { quantity: '3' });
    expect(await orders.saveDraft()).toMatch(/^Auftrag AB-\d{4}-A-000001 gespeichert/);
    expect(await orders.confirm()).toMatch(/Auftrag AB-\d{4}-A-000001 bestätigt/);
    await products.open();
    await expect.poll(() => products.row('MEHL-25')).toMatchObject({ onHand: '10', reserved: '3', available: '7' });
  }, 240_000);
});
