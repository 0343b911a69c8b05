/**
 * Numbers as a German bookkeeper types them, in Chromium against the browser harness: a price
 * of "1.249,00" and a quantity of "2,5" are taken as typed and shown in the German format after
 * saving, in the product list and in the order editor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { FirstBooks } from './pages/FirstBooks.js';
import { ProductsPage } from './pages/ProductsPage.js';

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-num-'));
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

describe('German number entry (browser harness, Chromium, German UI)', () => {
  it('a price typed as "1.249,00" and a quantity typed as "2,5" are saved and shown in the German format', async () => {
    await page.goto(harness.url);
    const books = new FirstBooks(page);
    expect(await books.company()).toContain('Firmenprofil gespeichert');
    const customers = await books.customer({ 'Kreditlimit (EUR)': '10.000,00' });
    expect((await customers.rows())[0]).toContain('10.000,00 €');

    const products = new ProductsPage(page);
    await products.open();
    expect(await products.create({ sku: 'SAFRAN-1', name: 'Safran', price: '1.249,00', vatRate: '19', unit: 'Kilogramm (KGM)' })).toBe('Artikel SAFRAN-1 gespeichert');
    await expect.poll(() => products.row('SAFRAN-1')).toMatchObject({ price: '1.249,00 €' });

    const orders = await books.order({ product: 'SAFRAN-1', quantity: '2,5', unitPrice: '1.249,00' });
    // 2.5 × 1,249.00 = 3,122.50, computed while typing.
    await expect.poll(() => orders.lineNet(1)).toBe('3.122,50 €');
    expect(await orders.saveDraft()).toMatch(/^Auftrag AB-\d{4}-A-000001 gespeichert/);
    // As stored by the main process and shown again: in the German format, never "2.5" or "1249".
    await expect.poll(() => orders.lineInputs(1)).toEqual({ quantity: '2,5', unitPrice: '1.249,00' });
    expect(await orders.lineNet(1)).toBe('3.122,50 €');
  }, 180_000);
});
