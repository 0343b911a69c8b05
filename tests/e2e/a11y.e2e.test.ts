/**
 * axe-core on every screen of the app and on its open states (forms with errors, dialogs, panels,
 * tabs), in Chromium against the browser harness, German UI. Any WCAG 2.1 A/AA violation fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { COMPANY } from '../support/services.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { axeViolations } from './pages/axe.js';
import { FramePage } from './pages/FramePage.js';
import { screenSettled, watchCalls } from './pages/settled.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
const SCREENS = ['Übersicht', 'Aufträge', 'Rechnungen', 'Freigabe', 'Zahlungen', 'Kasse', 'Mahnungen', 'Berichte', 'Kunden', 'Artikel', 'E-Mail', 'Wartung', 'Konflikte', 'Einstellungen'];

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The screen has drawn its heading and its data. */
const settled = () => screenSettled(page);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-a11y-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  // Only for this test's page: axe's script is added to the page, which the app's policy forbids.
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 }, bypassCSP: true });
  page = await context.newPage();
  await watchCalls(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('accessibility of every screen (axe-core, WCAG 2.1 A and AA)', () => {
  it('the first-start screen has no violation', async () => {
    await page.goto(harness.url);
    await settled();
    expect(await axeViolations(page, 'Einrichtung')).toEqual([]);
    await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
    await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();

    // Some books, so that the lists have rows.
    const admin: ApiClient & { close(): void } = await harnessClient(harness);
    await ok(admin.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    await ok(admin.invoke('settings.saveCompany', COMPANY));
    const customer = await ok(admin.invoke('customers.save', { name: 'Bäckerei Größe KG', billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['buchhaltung@baeckerei.example'] }));
    await ok(admin.invoke('products.save', { sku: 'MEHL-25', nameDe: 'Mehl Type 550, 25 kg', nameEn: 'Flour type 550, 25 kg', unit: 'C62', netPrice: '18.90', vatCategory: 'S', vatRate: '7' } as never));
    await ok(admin.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100', unit: 'HUR' }] }));
    admin.close();
  }, 120_000);

  it.each(SCREENS)('%s has no violation', async (screen) => {
    await new FramePage(page).open(screen);
    await settled();
    expect(await axeViolations(page, screen)).toEqual([]);
  }, 60_000);

  it('forms with field errors, tabs, dialogs and panels have no violation', async () => {
    const found: string[] = [];
    const frame = new FramePage(page);

    await frame.open('Aufträge');
    await page.getByRole('button', { name: 'Neuer Auftrag' }).click();
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    found.push(...(await axeViolations(page, 'Neuer Auftrag mit Fehlern')));

    await frame.open('Kunden');
    await page.getByRole('button', { name: 'Neuer Kunde' }).click();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    found.push(...(await axeViolations(page, 'Neuer Kunde mit Fehlern')));

    await frame.open('E-Mail');
    for (const tab of ['Vorlagen', 'E-Mail-Konto']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
      await settled();
      found.push(...(await axeViolations(page, `E-Mail, ${tab}`)));
    }
    await frame.open('Einstellungen');
    for (const tab of ['Benutzer', 'Synchronisation']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
      await settled();
      found.push(...(await axeViolations(page, `Einstellungen, ${tab}`)));
    }
    await frame.open('Berichte');
    await page.getByRole('tab', { name: 'Export für den Steuerberater' }).click();
    await page.getByRole('tab', { name: 'Export für den Steuerberater', selected: true }).waitFor();
    await page.getByRole('button', { name: 'DATEV-Einstellungen und Kontenzuordnung bearbeiten' }).click();
    await page.getByRole('form', { name: 'Kontenzuordnung und DATEV-Einstellungen' }).waitFor();
    await settled();
    found.push(...(await axeViolations(page, 'Berichte, Export für den Steuerberater')));

    await page.getByRole('button', { name: /^Mitteilungen/ }).click();
    await page.getByRole('region', { name: 'Mitteilungen' }).waitFor();
    found.push(...(await axeViolations(page, 'Mitteilungen')));
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Tastenkürzel' }).click();
    await page.getByRole('dialog', { name: 'Tastenkürzel' }).waitFor();
    found.push(...(await axeViolations(page, 'Tastenkürzel')));
    await page.keyboard.press('Escape');

    await page.getByRole('banner').getByRole('button', { name: 'Benutzer wechseln' }).click();
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    found.push(...(await axeViolations(page, 'Anmelden')));
    expect(found).toEqual([]);
  }, 120_000);
});
