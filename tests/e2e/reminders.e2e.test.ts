/**
 * Reminders in Chromium against the browser harness: an invoice issued on 1 October (the books
 * written beforehand on a clock set to that day, as an earlier working day would have left them)
 * is overdue today; the Reminders screen proposes the payment reminder, shows its letter and mail,
 * and sends it. The SMTP server the test runs receives the customer's mail with the PDF attached
 * and the account manager's notice; the manager sees it in the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices } from '../../src-main/services.js';
import { pdfPages } from '../support/pdf.js';
import { ADMIN, adminSetup, COMPANY, unwrap } from '../support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { FramePage } from './pages/FramePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { RemindersPage } from './pages/RemindersPage.js';

const MANAGER = { name: 'Moritz Manager', email: 'moritz@muster.example', role: 'accountManager' as const, password: 'Sicheres-Passwort-9' };
let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let smtp: TestSmtpServer;
let invoiceNumber: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-rem-'));
  smtp = await startSmtpServer();
  // The books as of 1 October: company, mail account, an account manager, an issued invoice due 15 October.
  const earlier = await startServices({ dataDir, clock: () => new Date('2026-10-01T09:00:00.000Z'), logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const admin = createInMemoryClient(earlier);
    await unwrap(admin.invoke('auth.setupAdmin', adminSetup({ services: earlier })));
    await unwrap(admin.invoke('settings.saveCompany', COMPANY));
    await unwrap(admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: COMPANY.name, fromAddress: 'rechnung@muster.example', autoSendInvoices: false }));
    const manager = await unwrap(admin.invoke('users.create', MANAGER));
    const supervisor = await unwrap(admin.invoke('users.create', { name: 'Sven Supervisor', email: 'sven@example.org', role: 'supervisor', password: MANAGER.password }));
    const customer = await unwrap(
      admin.invoke('customers.save', {
        name: 'Bäckerei Größe KG',
        billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' },
        paymentTermsDays: 14,
        kind: 'business',
        invoiceEmails: ['buchhaltung@baeckerei.example'],
        accountManagerId: manager.id,
      }),
    );
    const draft = await unwrap(admin.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100', unit: 'HUR' }] }));
    await unwrap(admin.invoke('invoices.submit', { id: draft.id }));
    const sven = createInMemoryClient(earlier);
    await unwrap(sven.invoke('auth.login', { userId: supervisor.id, password: MANAGER.password }));
    await unwrap(sven.invoke('invoices.approve', { id: draft.id }));
    const issued = await unwrap(admin.invoke('invoices.issue', { id: draft.id }));
    expect(issued.dueDate).toBe('2026-10-15');
    invoiceNumber = issued.number;
  } finally {
    await earlier.close();
  }

  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(harness.url);
  await new LoginPage(page).logIn('Anna Admin', ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await smtp?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function received(subject: string) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const parsed = await Promise.all(smtp.received.map((r) => r.parse()));
    const found = parsed.filter((m) => m.subject === subject);
    if (found.length) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No mail "${subject}" among ${smtp.received.length}`);
}

describe('reminders screen (browser harness, Chromium, SMTP on 127.0.0.1)', () => {
  it('proposes the overdue invoice, previews letter and mail, and sends them', async () => {
    await new FramePage(page).open('Mahnungen');
    const reminders = new RemindersPage(page);
    const row = await reminders.proposalRow(invoiceNumber);
    const cells = (await row.getByRole('cell').allTextContents()).map((c) => c.replace(/\s/g, ' '));
    expect(cells).toEqual(expect.arrayContaining(['Bäckerei Größe KG', 'Zahlungserinnerung', '119,00 €', 'buchhaltung@baeckerei.example']));
    // At 1280 × 800 the proposals fit the main area: nothing to scroll sideways.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await reminders.mainOverflow()).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    const shown = await reminders.preview(invoiceNumber);
    expect(shown.title).toBe(`Zahlungserinnerung · ${invoiceNumber}`);
    expect(shown.mailText).toContain(`Unsere Rechnung ${invoiceNumber} vom 01.10.2026 über 119,00 € war am 15.10.2026 fällig`);
    await reminders.sendAll();
    await page.getByText('Heute ist keine Rechnung zu mahnen.').waitFor();
    await page.getByRole('tab', { name: 'Versandte Schreiben' }).click();
    await page.getByRole('cell', { name: `${invoiceNumber}-M0` }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await reminders.mainOverflow()).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    fs.mkdirSync(path.resolve('tests/e2e/artifacts'), { recursive: true });
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/reminders.png'), fullPage: true });
  });

  it('the customer gets the mail with the letter as PDF; the account manager gets the notice', async () => {
    const [mail] = await received(`Zahlungserinnerung zu Rechnung ${invoiceNumber}`);
    expect(mail!.to).toMatchObject({ text: 'buchhaltung@baeckerei.example' });
    expect(mail!.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${invoiceNumber}-M0.pdf`, 'application/pdf']]);
    const letter = pdfPages(mail!.attachments[0]!.content).join('\n');
    expect(letter).toContain('Zahlungserinnerung');
    expect(letter).toContain(invoiceNumber);
    const [notice] = await received('Mahnlauf: 1 Schreiben erstellt');
    expect(notice!.to).toMatchObject({ text: MANAGER.email });
    expect(notice!.text).toContain(`${invoiceNumber} · Bäckerei Größe KG · Zahlungserinnerung · 119,00 €`);
  });

  it('the account manager finds the notice in the app, unread until read', async () => {
    await page.getByRole('button', { name: 'Benutzer wechseln' }).click();
    await new LoginPage(page).logIn('Moritz Manager', MANAGER.password);
    // The bell shows 0 until the list has loaded, then the two notices of the run.
    const bell = page.getByRole('button', { name: 'Mitteilungen, 2 ungelesen' });
    await bell.waitFor();
    await bell.click();
    await page.getByText(`Zahlungserinnerung zu ${invoiceNumber} (Bäckerei Größe KG), 119,00 €`).waitFor();
    await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
    await page.getByRole('button', { name: 'Mitteilungen, 0 ungelesen' }).waitFor();
  });

  it('the dunning rules are edited and kept; the customer shows the credit risk from the overdue invoice', async () => {
    await page.getByRole('button', { name: 'Benutzer wechseln' }).click();
    await new LoginPage(page).logIn('Anna Admin', ADMIN.password);
    await new FramePage(page).open('Mahnungen');
    await page.getByRole('tab', { name: 'Mahneinstellungen' }).click();
    const agreed = page.getByLabel(/^Zahlungsziele sind in unseren Verträgen vereinbart/);
    expect(await agreed.isChecked()).toBe(false);
    await agreed.check();
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page.getByText('Gespeichert').first().waitFor();
    await page.getByRole('tab', { name: 'Versandte Schreiben' }).click();
    await page.getByRole('tab', { name: 'Mahneinstellungen' }).click();
    await page.getByText('Die Tabelle ist bekannt bis 30.06.2026.').waitFor();
    expect(await page.getByLabel(/^Zahlungsziele sind in unseren Verträgen vereinbart/).isChecked()).toBe(true);

    await new FramePage(page).open('Kunden');
    await page.getByRole('button', { name: 'Bearbeiten: Bäckerei Größe KG' }).click();
    await page.getByRole('group', { name: 'Kreditrisiko' }).waitFor();
    const days = Math.round((Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse('2026-10-15')) / 86_400_000);
    await page.getByText(`Eine Rechnung ist ${days} Tage überfällig`).waitFor();
    expect(await page.locator('.risk').first().textContent()).toMatch(/^(Mittleres|Hohes) Risiko$/);
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/customer-risk.png'), fullPage: true });
  });
});
