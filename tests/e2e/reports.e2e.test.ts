/**
 * Berichte in Chromium against the browser harness: an issued invoice partly paid (set up over
 * the contract), the open items with their check line, a period chosen by quick pick, the VAT
 * summary with the documents behind a Kennzahl, and the CSV export read back; readable at 1280x800.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { COMPANY } from '../support/services.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { plain } from './pages/common.js';
import { ReportsPage } from './pages/reports.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let invoiceNumber = '';

async function clientAs(name: string, password: string): Promise<ApiClient & { close(): void }> {
  const client = await harnessClient(harness);
  const login = await client.invoke('auth.login', { login: name, password });
  if (!login.ok) throw new Error(login.error.message);
  return client;
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-reports-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(harness.url);
  await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();

  // Over the contract: 3 hours of consulting, 300.00 € net + 19 % = 357.00 €, of which 100.00 € paid today.
  const admin = await clientAs(ADMIN.name, ADMIN.password);
  await ok(admin.invoke('settings.saveCompany', COMPANY));
  await ok(admin.invoke('users.create', { name: 'Sven Supervisor', email: 'sven@example.org', role: 'supervisor', password: 'Sicheres-Passwort-9' }));
  const customer = await ok(admin.invoke('customers.save', { name: 'Bäckerei Größe KG', billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['buchhaltung@baeckerei.example'] }));
  const draft = await ok(admin.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Beratung', quantity: '3', netUnitPrice: '100', unit: 'HUR', vatRate: '19' }] }));
  await ok(admin.invoke('invoices.submit', { id: draft.id }));
  const supervisor = await clientAs('Sven Supervisor', 'Sicheres-Passwort-9');
  await ok(supervisor.invoke('invoices.approve', { id: draft.id }));
  const issued = await ok(admin.invoke('invoices.issue', { id: draft.id }));
  invoiceNumber = issued.number;
  const today = new Date().toISOString().slice(0, 10);
  await ok(admin.invoke('payments.record', { date: today, amount: '100.00', customerId: customer.id, allocations: [{ invoiceId: issued.id, amount: '100.00' }] }));
  admin.close();
  supervisor.close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Berichte (browser harness, Chromium)', () => {
  it('shows the open items with a check line that agrees, and exports them as CSV', async () => {
    const reports = new ReportsPage(page);
    await reports.open();
    expect(await reports.figure('Offene Posten', invoiceNumber, 'Offen')).toBe('257,00 €');
    expect(await reports.checkLine()).toMatch(/^✓ Abstimmung stimmt: Die offenen Posten ergeben 257,00 €/);
    await page.screenshot({ path: artifact('reports-open-items.png') });

    const download = await reports.export('CSV');
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const file = path.join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const line = fs.readFileSync(file, 'utf8').split(/\r?\n/).find((l) => l.includes(invoiceNumber));
    expect(line?.split(';')).toEqual(expect.arrayContaining(['357,00', '257,00']));
  });

  it('shows the VAT of this month by Kennzahl and the invoice behind Kennzahl 81', async () => {
    const reports = new ReportsPage(page);
    await reports.tab('Umsatzsteuer');
    await reports.quickPeriod('Dieser Monat');
    // Kennzahl 81: 300.00 € at 19 %, 57.00 € tax.
    expect(await reports.figure('Umsatzsteuer-Übersicht', 'Steuerpflichtige Umsätze zu 19', 'Bemessungsgrundlage')).toBe('300,00 €');
    expect(await reports.figure('Umsatzsteuer-Übersicht', 'Steuerpflichtige Umsätze zu 19', 'Steuer')).toBe('57,00 €');
    await page.screenshot({ path: artifact('reports-vat.png') });
    const dialog = await reports.vatDocuments('81');
    expect(plain(await dialog.innerText())).toContain(invoiceNumber);
    await page.screenshot({ path: artifact('reports-vat-documents.png') });
    await dialog.getByRole('button', { name: 'Schließen' }).click();
  });
});

function artifact(name: string): string {
  fs.mkdirSync(path.resolve('tests/e2e/artifacts'), { recursive: true });
  return path.resolve('tests/e2e/artifacts', name);
}
