/**
 * The mail screen in Chromium against the browser harness and a real SMTP server on 127.0.0.1:
 * set up the account, send a test message and read the server's answer, and have the template
 * editor refuse an unknown placeholder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { FramePage } from './pages/FramePage.js';
import { MailPage } from './pages/MailPage.js';
import { SetupPage } from './pages/SetupPage.js';

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let smtp: TestSmtpServer;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-mail-'));
  smtp = await startSmtpServer();
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(harness.url);
  await new SetupPage(page).createAdmin('Anna Admin', 'anna@example.org', 'Geheim-Passwort-1');
  await page.getByRole('heading', { name: 'Willkommen, Anna Admin' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await smtp?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('mail screen (browser harness, Chromium, SMTP on 127.0.0.1)', () => {
  it('says that messages wait while no account is set up', async () => {
    await new FramePage(page).open('E-Mail');
    const mail = new MailPage(page);
    expect(await mail.notice('kein E-Mail-Konto')).toContain('Nachrichten warten im Postausgang');
  });

  it('saves the account and shows the server’s answer to a test message', async () => {
    const mail = new MailPage(page);
    await mail.tab('E-Mail-Konto');
    await mail.fill({ Server: '127.0.0.1', Port: String(smtp.port), Verschlüsselung: 'Keine (nur lokale Server)', Absendername: 'Muster & Söhne GmbH', Absenderadresse: 'rechnung@muster.example' });
    await mail.click('Speichern');
    await page.locator('.toast', { hasText: 'E-Mail-Konto gespeichert' }).waitFor();
    await mail.fill({ 'Testnachricht an': 'anna@muster.example' });
    await mail.click('Testnachricht senden');
    expect(await mail.notice('Testnachricht')).toMatch(/^Der Server hat die Testnachricht angenommen:\s*250 2\.0\.0 Ok: queued as M1$/);
    const received = await smtp.received[0]!.parse();
    expect(received.to).toMatchObject({ value: [{ address: 'anna@muster.example' }] });
    expect(received.from?.value[0]).toEqual({ name: 'Muster & Söhne GmbH', address: 'rechnung@muster.example' });
  });

  it('refuses an unknown placeholder in a template, naming it', async () => {
    const mail = new MailPage(page);
    await mail.tab('Vorlagen');
    const text = page.getByLabel('Text', { exact: true });
    await text.waitFor();
    await text.fill('Guten Tag {{kundenName}}, anbei Rechnung {{invoiceNumber}}.');
    expect(await mail.fieldError('Unbekannter Platzhalter')).toBe('Unbekannter Platzhalter: kundenName');
    await text.fill('Guten Tag {{customerName}}, anbei Rechnung {{invoiceNumber}}.');
    await page.locator('.mail-preview pre', { hasText: 'Guten Tag Bäckerei Größe KG, anbei Rechnung RE-2026-A-000042.' }).waitFor();
    fs.mkdirSync(path.resolve('tests/e2e/artifacts'), { recursive: true });
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/mail.png'), fullPage: true });
  });
});
