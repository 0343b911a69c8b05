import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { FramePage } from './pages/FramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
const GOOD = {
  Firmenname: 'Muster & Söhne GmbH',
  'Straße und Hausnummer': 'Königsallee 1',
  PLZ: '40212',
  Ort: 'Düsseldorf',
  'USt-IdNr.': 'DE136695976',
  Steuernummer: '133/5819/0123',
  IBAN: 'DE89 3704 0044 0532 0130 00',
  BIC: 'COBADEFFXXX',
  'Zahlungsziel (Tage)': '21',
  Präfix: 'RE',
  'Serienbuchstabe dieses Geräts': 'B',
};

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** What the app has stored, asked over the contract, not through the screen. */
async function storedCompany(running: RunningHarness) {
  const client = await harnessClient(running);
  await client.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password });
  const company = await client.invoke('settings.getCompany', {});
  client.close();
  if (!company.ok) throw new Error(company.error.message);
  return company.value;
}

describe('first start, company profile, restart and reload (browser harness, Chromium)', () => {
  it('creates the admin at the first start and shows every screen of the product', async () => {
    await page.goto(harness.url);
    await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
    const frame = new FramePage(page);
    await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
    expect(await frame.sidebarEntries()).toEqual([
      'Übersicht', 'Aufträge', 'Rechnungen', 'Freigabe', 'Zahlungen', 'Kasse', 'Mahnungen',
      'Berichte', 'Kunden', 'Artikel', 'E-Mail', 'Wartung', 'Konflikte', 'Einstellungen',
    ]);
    expect(await frame.loggedInAs()).toContain('Anna Admin · Administrator');
  });

  it('shows field errors for bad values and saves nothing', async () => {
    await new FramePage(page).open('Einstellungen');
    const settings = new SettingsPage(page);
    await settings.waitForForm();
    await settings.fill({ ...GOOD, Firmenname: '', IBAN: 'DE89 3704 0044 0532 0130 01', 'USt-IdNr.': 'DE12345', 'Zahlungsziel (Tage)': '400', BIC: 'XYZ' });
    await settings.save();
    expect(await settings.toast()).toContain('Bitte korrigieren Sie die markierten Felder.');
    expect(await settings.fieldErrors()).toEqual({
      Firmenname: 'Pflichtfeld',
      'USt-IdNr.': 'USt-IdNr.: falsches Format für dieses Land (DE + 9 Ziffern)',
      IBAN: 'IBAN: Prüfziffern stimmen nicht; bitte auf Tippfehler prüfen',
      BIC: 'BIC: 8 oder 11 Zeichen, z. B. COBADEFFXXX',
      'Zahlungsziel (Tage)': 'Zwischen 0 und 365 Tagen',
    });
    expect(await storedCompany(harness)).toBeNull();
  });

  it('saves good values, which survive a restart of the harness on the same data folder', async () => {
    const settings = new SettingsPage(page);
    await settings.fill(GOOD);
    await settings.save();
    expect(await settings.toast()).toContain('Firmenprofil gespeichert');
    expect(await settings.fieldErrors()).toEqual({});
    expect(await storedCompany(harness)).toMatchObject({ name: 'Muster & Söhne GmbH', iban: 'DE89370400440532013000', seriesLetter: 'B', defaultPaymentTermsDays: 21 });

    await harness.stop();
    harness = await startHarnessProcess(dataDir);
    page = await context.newPage();
    await page.goto(harness.url);
    await new LoginPage(page).logIn('Anna Admin', ADMIN.password);
    await new FramePage(page).open('Einstellungen');
    const again = new SettingsPage(page);
    await again.waitForForm();
    expect(await again.values(Object.keys(GOOD))).toEqual(GOOD);
  });

  it('keeps what was typed when the page is reloaded in the middle of an edit', async () => {
    const settings = new SettingsPage(page);
    await settings.fill({ Ort: 'Köln-Ehrenfeld', Telefon: '+49 221 998877' });
    // The draft is written to IndexedDB on every change: reload once it holds the last one.
    await settings.waitForDraft(['Köln-Ehrenfeld', '+49 221 998877']);
    await page.reload();
    const restored = new SettingsPage(page);
    await restored.waitForForm();
    expect(await restored.values(['Ort', 'Telefon', 'Firmenname'])).toEqual({ Ort: 'Köln-Ehrenfeld', Telefon: '+49 221 998877', Firmenname: GOOD.Firmenname });
    await page.getByText('Ihre ungespeicherten Eingaben wurden wiederhergestellt.').waitFor();
    // Not saved until the user saves.
    expect((await storedCompany(harness))?.city).toBe('Düsseldorf');

    fs.mkdirSync(path.resolve('tests/e2e/artifacts'), { recursive: true });
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/settings.png'), fullPage: true });

    await restored.save();
    expect(await restored.toast()).toContain('Firmenprofil gespeichert');
    expect((await storedCompany(harness))?.city).toBe('Köln-Ehrenfeld');
    await page.reload();
    await restored.waitForForm();
    expect(await page.getByText('Ihre ungespeicherten Eingaben wurden wiederhergestellt.').count()).toBe(0);
  });
});
