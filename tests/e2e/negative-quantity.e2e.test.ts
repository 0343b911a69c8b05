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
import { FirstBooks } from './pages/FirstBooks.js';
import { ProductsPage } from './pages/ProductsPage.js';

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
    const books = new FirstBooks(page);
    expect(await books.company()).toContain('Firmenprofil gespeichert');
    await books.customer();

    const products = new ProductsPage(page);
    await products.open();
    expect(await products.create({ sku: 'MEHL-25', name: 'Mehl Type 550', price: '18,90', vatRate: '7', stockTracked: true })).toBe('Artikel MEHL-25 gespeichert');
    expect(await products.receiveStock('MEHL-25', '10')).toContain('MEHL-25');

    const orders = await books.order({ product: 'MEHL-25', quantity: '-3' });
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
