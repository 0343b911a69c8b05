/**
 * Two devices that keep one set of books through a CouchDB-compatible server, driven through their
 * screens in Chromium: two browser harnesses (two data folders, two ports) and pouchdb-server in
 * full-CouchDB mode. Each connects under Settings → Synchronisation; a customer created on one
 * appears in the other's list without a reload; the same name changed differently on both while
 * offline shows under Konflikte, where the other version is kept, and both devices show it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouchServer } from '../support/couch-server.js';
import { SERVER_ADMIN, startScenarioServer, SYNC_USER } from '../support/sync-scenario.js';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { plain } from './pages/common.js';
import { CustomersPage } from './pages/CustomersPage.js';
import { CUSTOMER, FirstBooks } from './pages/FirstBooks.js';
import { FramePage } from './pages/FramePage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { badgeReads, ConflictsPage, SyncSettingsPage, syncBadge } from './pages/SyncPage.js';

const PREFIX = 'e2e_muster';
const SECOND_ADMIN = { name: 'Bernd Admin', email: 'bernd@example.org', password: 'Geheim-Passwort-2' };
const NAME_ON_FIRST = 'Café Morgenrot Köln GmbH';
const NAME_ON_SECOND = 'Café Abendrot GmbH';

let server: CouchServer;
const dataDirs: string[] = [];
const harnesses: RunningHarness[] = [];
let browser: Browser;
let first: Page;
let second: Page;

beforeAll(async () => {
  server = await startScenarioServer();
  for (const name of ['a', 'b']) dataDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `rw-e2e-sync-${name}-`)));
  harnesses.push(...(await Promise.all(dataDirs.map((dir) => startHarnessProcess(dir)))));
  browser = await launchChromium();
  const page = async () => (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } })).newPage();
  [first, second] = [await page(), await page()];
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(harnesses.map((h) => h.stop()));
  await server?.stop();
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const connection = (login: { name: string; password: string }) => ({ url: server.url, prefix: PREFIX, username: login.name, password: login.password });

/** Switches sync on or off in Settings → Synchronisation and saves; returns the save's message. */
async function switchSync(page: Page, on: boolean): Promise<string> {
  const settings = new SyncSettingsPage(page);
  await settings.open();
  await settings.setEnabled(on);
  return settings.save();
}

/** The names in a page's customer list as shown now (none while the list is empty). */
async function customerNames(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Kunden' });
  if ((await table.count()) === 0) return [];
  return (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map(plain);
}

/** Waits (bounded) until the page's customer list shows exactly `names`, as it updates by itself. */
async function listShows(page: Page, names: string[], timeout = 15_000): Promise<void> {
  await expect.poll(() => customerNames(page), { timeout, interval: 250 }).toEqual(names);
}

/** Renames the customer through its form in the Kunden screen. */
async function rename(page: Page, from: string, to: string): Promise<void> {
  const customers = new CustomersPage(page);
  await customers.open();
  await page.getByRole('button', { name: `Bearbeiten: ${from}`, exact: true }).click();
  await customers.form().waitFor();
  await customers.fill({ Name: to });
  await customers.save();
  await page.locator('.toast', { hasText: `Kunde ${to} gespeichert` }).waitFor();
}

/** Marks the loaded document; the mark is gone if the page was reloaded. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

describe('two devices keep one set of books through the sync server (browser harnesses, Chromium)', () => {
  it('the first device creates the databases and syncs; the second connects and receives the company', async () => {
    await first.goto(harnesses[0]!.url);
    expect(await new FirstBooks(first).company()).toContain('Firmenprofil gespeichert');

    const settings = new SyncSettingsPage(first);
    await settings.open();
    expect(await syncBadge(first).textContent()).toBe('Sync aus');
    // The device syncs with the office's own user; the server's administrator gives their login
    // once to create the databases, which makes that user a member, and the test then passes.
    await settings.fill(connection(SYNC_USER));
    expect(await settings.test()).toContain('Der Server antwortet, aber diese Datenbanken fehlen noch:');
    expect(await settings.createDatabases(SERVER_ADMIN)).toContain('Verbindung in Ordnung');
    expect(await first.getByText(SERVER_ADMIN.password).count()).toBe(0);
    await settings.setEnabled(true);
    expect(await settings.save()).toContain('Einstellungen der Synchronisation gespeichert');
    await badgeReads(first, /^Synchronisiert/);

    await second.goto(harnesses[1]!.url);
    await new SetupPage(second).createAdmin(SECOND_ADMIN.name, SECOND_ADMIN.email, SECOND_ADMIN.password);
    await second.getByRole('heading', { name: `Willkommen, ${SECOND_ADMIN.name}` }).waitFor();
    const other = new SyncSettingsPage(second);
    await other.open();
    await other.fill(connection(SYNC_USER));
    expect(await other.test()).toContain('Verbindung in Ordnung');
    await other.setEnabled(true);
    expect(await other.save()).toContain('Einstellungen der Synchronisation gespeichert');
    await badgeReads(second, /^Synchronisiert/);

    // The company arrived with the first sync; this device chooses its own series letter.
    await new FramePage(second).open('Einstellungen');
    await second.getByRole('tab', { name: 'Firmenprofil' }).click();
    const company = new SettingsPage(second);
    await company.waitForForm();
    await expect.poll(() => company.values(['Firmenname']), { timeout: 15_000 }).toEqual({ Firmenname: 'Muster & Söhne GmbH' });
    await company.fill({ 'Serienbuchstabe dieses Geräts': 'B' });
    await company.save();
    expect(await company.toast()).toContain('Firmenprofil gespeichert');
  }, 180_000);

  it('a customer created on the first device appears in the second device\'s list without a reload', async () => {
    await new CustomersPage(second).open();
    expect(await customerNames(second)).toEqual([]);
    await Promise.all([markDocument(first), markDocument(second)]);

    await new FirstBooks(first).customer();
    await listShows(second, [CUSTOMER]);
    expect(await sameDocument(second)).toBe(true);
  }, 120_000);

  it('the same name changed differently on both devices offline shows under Konflikte, where the other version is kept on both', async () => {
    expect(await switchSync(first, false)).toContain('gespeichert');
    expect(await switchSync(second, false)).toContain('gespeichert');
    await badgeReads(first, /^Sync aus$/);
    await badgeReads(second, /^Sync aus$/);

    await rename(first, CUSTOMER, NAME_ON_FIRST);
    await rename(second, CUSTOMER, NAME_ON_SECOND);

    await switchSync(first, true);
    await badgeReads(first, /^Synchronisiert/);
    await switchSync(second, true);
    await badgeReads(second, /^Synchronisiert/);

    // The later change is kept on both devices; the earlier one waits under Konflikte.
    await new CustomersPage(first).open();
    await new CustomersPage(second).open();
    await listShows(first, [NAME_ON_SECOND]);
    await listShows(second, [NAME_ON_SECOND]);

    const number = plain(await first.getByRole('table', { name: 'Kunden' }).locator('tbody tr td').first().textContent());
    const record = `Kunde ${number} · ${NAME_ON_SECOND}`;
    const conflicts = new ConflictsPage(first);
    await conflicts.open();
    await expect.poll(async () => (await conflicts.rows().catch(() => [])).map((row) => [row[0], row[2], row[3]]), { timeout: 15_000, interval: 250 }).toEqual([
      [record, 'Später geändert', 'Offen'],
    ]);
    // The device that decided counts the open conflict in its top bar, and so does the other,
    // where the conflict arrived by sync.
    await expect.poll(async () => plain(await syncBadge(second).textContent()), { timeout: 15_000 }).toMatch(/1 Konflikt$/);
    await expect.poll(async () => plain(await syncBadge(first).textContent()), { timeout: 15_000 }).toMatch(/1 Konflikt$/);

    await conflicts.openConflict(record);
    expect(await conflicts.why()).toBe('Beide Geräte haben dasselbe Feld geändert. Behalten wurde die spätere Änderung.');
    expect(await conflicts.differingFields()).toMatchObject({ Name: [NAME_ON_SECOND, NAME_ON_FIRST] });
    fs.mkdirSync(path.resolve('tests/e2e/artifacts'), { recursive: true });
    await first.screenshot({ path: path.resolve('tests/e2e/artifacts/conflict.png'), fullPage: true });

    expect(await conflicts.keepOther()).toBe('Die andere Version gilt jetzt.');
    await conflicts.open();
    expect(await first.getByText('Keine Konflikte').count()).toBe(1);
    // The choice reaches the other device: its count goes away by itself.
    await expect.poll(async () => plain(await syncBadge(first).textContent()), { timeout: 15_000 }).not.toMatch(/Konflikt/);
    await expect.poll(async () => plain(await syncBadge(second).textContent()), { timeout: 15_000 }).not.toMatch(/Konflikt/);

    await new CustomersPage(first).open();
    await listShows(first, [NAME_ON_FIRST]);
    // The second device was left on its customer list: it changes there by itself.
    await listShows(second, [NAME_ON_FIRST]);
    expect(await Promise.all([sameDocument(first), sameDocument(second)])).toEqual([true, true]);
  }, 180_000);
});
