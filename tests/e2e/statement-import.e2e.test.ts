/**
 * Bank statements as banks write them, imported in Chromium against the browser harness in the
 * German UI: a broken file is explained in German naming line, column and element; a statement
 * without closing balance shows its warning and is booked only after the user confirms; an entry
 * whose value date the bank wrote as 30 February says which day was taken.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { SetupPage } from './pages/SetupPage.js';
import { StatementImportPage } from './pages/StatementImportPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
const FIXTURES = path.resolve('tests/fixtures/statements');
let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-statements-'));
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(harness.url);
  await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('statement import as banks write them (browser harness, Chromium)', () => {
  it('explains a broken XML file in German, naming line, column and the element left open', async () => {
    const screen = new StatementImportPage(page);
    await screen.open();
    const broken = path.join(dataDir, 'offen.xml');
    fs.writeFileSync(broken, fs.readFileSync(path.join(FIXTURES, 'camt053-v01.xml'), 'utf8').replace('</Stmt>', ''));
    await screen.pick(broken);
    const text = (await screen.problem().textContent()) ?? '';
    expect(text).toMatch(/offen\.xml, Zeile \d+, Spalte \d+: <\/BkToCstmrStmtV01> steht, wo <Stmt> aus Zeile 5 geschlossen werden müsste\./);
    expect(text).not.toMatch(/Expected|closing tag|opened in|malformed/);
  });

  it('books a statement without closing balance only after the user confirms the warning', async () => {
    const screen = new StatementImportPage(page);
    await screen.open();
    await screen.pick(path.join(FIXTURES, 'mt940-no-closing.sta'));
    await page.getByText('Kontoauszug 00240/001 hat keinen Endsaldo: ob seine Umsätze vollständig sind, konnte nicht geprüft werden.').waitFor();
    expect(await screen.bookButton().isDisabled()).toBe(true);
    await screen.confirmUnchecked().check();
    await screen.bookButton().click();
    // The summary under the preview and the toast say it alike.
    await page.getByText(/^1 Umsatz gebucht/).first().waitFor();
  });

  it('shows on the entry that the bank’s 30 February became the last day of the month', async () => {
    const screen = new StatementImportPage(page);
    await screen.open();
    await screen.pick(path.join(FIXTURES, 'mt940-pages.sta'));
    await page.getByText('Valuta laut Bank 30.02.2026 (kein Kalendertag): übernommen wurde der letzte Tag des Monats.').waitFor();
    expect(await screen.confirmUnchecked().count()).toBe(0);
    expect(await screen.bookButton().isDisabled()).toBe(false);
  });
});
