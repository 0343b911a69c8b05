/**
 * The mail screen in Chromium against the browser harness and a real SMTP server on 127.0.0.1:
 * an invoice mailed a second time is asked about first; waiting messages exported as .eml are
 * marked exported and stay unsent once the account is set up, until "Doch senden"; set up the
 * account, send a test message and read the server's answer, and have the template editor refuse
 * an unknown placeholder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { COMPANY } from '../support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { harnessClient, launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { plain, toast } from './pages/common.js';
import { FramePage } from './pages/FramePage.js';
import { InvoicesPage } from './pages/InvoicesPage.js';
import { MailPage } from './pages/MailPage.js';
import { SetupPage } from './pages/SetupPage.js';

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let smtp: TestSmtpServer;
let invoiceNumber: string;
let customerId: string;

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

/** An invoice for the customer, drafted by the administrator, approved by the supervisor, issued. */
async function issueFor(admin: ApiClient, supervisor: ApiClient): Promise<{ id: string; number: string }> {
  const draft = await ok(admin.invoke('invoices.saveDraft', { customerId, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100', unit: 'HUR' }] }));
  await ok(admin.invoke('invoices.submit', { id: draft.id }));
  await ok(supervisor.invoke('invoices.approve', { id: draft.id }));
  return ok(admin.invoke('invoices.issue', { id: draft.id }));
}

/** Company, a supervisor, a customer with an invoice address and an issued invoice, over the contract; its mail waits (no account yet). */
async function issueInvoice(): Promise<string> {
  const admin = await clientAs('Anna Admin', 'Geheim-Passwort-1');
  await ok(admin.invoke('settings.saveCompany', COMPANY));
  await ok(admin.invoke('users.create', { name: 'Sven Supervisor', email: 'sven@example.org', role: 'supervisor', password: 'Sicheres-Passwort-9' }));
  const customer = await ok(
    admin.invoke('customers.save', { name: 'Bäckerei Größe KG', billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['buchhaltung@baeckerei.example'] }),
  );
  customerId = customer.id;
  const supervisor = await clientAs('Sven Supervisor', 'Sicheres-Passwort-9');
  const issued = await issueFor(admin, supervisor);
  // Mailed at issue: the message is queued by a job right after.
  for (let i = 0; i < 200 && (await ok(admin.invoke('mail.forInvoice', { invoiceId: issued.id }))).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  admin.close();
  supervisor.close();
  return issued.number;
}

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

  it('asks before an invoice whose mail waits is mailed a second time', async () => {
    invoiceNumber = await issueInvoice();
    const invoices = new InvoicesPage(page);
    await invoices.open();
    await invoices.openRow(invoiceNumber);
    await invoices.detail().getByRole('button', { name: 'Per E-Mail senden', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Noch einmal senden?' });
    await dialog.waitFor();
    expect(plain(await dialog.textContent())).toContain(`Rechnung ${invoiceNumber} wartet seit`);
    expect(plain(await dialog.textContent())).toContain('Der Kunde erhält ihn dann doppelt.');
    await dialog.getByRole('button', { name: 'Abbrechen', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    // Still one message for the invoice.
    await invoices.detail().locator('.document-list li', { hasText: 'Wartet' }).waitFor();
    expect(await invoices.detail().locator('.document-list li', { hasText: 'buchhaltung@baeckerei.example' }).count()).toBe(1);
  });

  it('marks exported messages as exported, with date and user', async () => {
    await new FramePage(page).open('E-Mail');
    const mail = new MailPage(page);
    await mail.click('Wartende als .eml exportieren');
    await toast(page, /1 Nachrichten nach .* geschrieben/);
    await page.getByRole('table', { name: 'Postausgang' }).locator('tbody tr .status', { hasText: 'Exportiert' }).first().waitFor();
    expect(await mail.outboxStatus(invoiceNumber)).toMatch(/^Exportiert Exportiert am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} von Anna Admin$/);
    expect(await mail.outboxRow(invoiceNumber).getByRole('button', { name: 'Doch senden', exact: true }).count()).toBe(1);
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

  it('leaves the exported message unsent once the account is set up, and sends it on "Doch senden"', async () => {
    // A later invoice's mail, queued now, goes out with the outbox's next run; once the screen shows it
    // sent, that run has looked at the older, exported message as well.
    const admin = await clientAs('Anna Admin', 'Geheim-Passwort-1');
    const supervisor = await clientAs('Sven Supervisor', 'Sicheres-Passwort-9');
    const later = await issueFor(admin, supervisor);
    admin.close();
    supervisor.close();
    const mail = new MailPage(page);
    await mail.tab('Postausgang');
    await mail.outboxRow(later.number).locator('.status', { hasText: /^Gesendet/ }).waitFor();
    // The test message and the later invoice only: the exported invoice mail did not go out by itself.
    expect(smtp.received.map((r) => r.to)).toEqual([['anna@muster.example'], ['buchhaltung@baeckerei.example']]);
    expect((await smtp.received[1]!.parse()).subject).toContain(later.number);
    expect(await mail.outboxStatus(invoiceNumber)).toMatch(/^Exportiert /);

    await mail.outboxRow(invoiceNumber).getByRole('button', { name: 'Doch senden', exact: true }).click();
    await smtp.waitFor(3);
    expect(smtp.received[2]!.to).toEqual(['buchhaltung@baeckerei.example']);
    expect((await smtp.received[2]!.parse()).subject).toContain(invoiceNumber);
    await mail.outboxRow(invoiceNumber).locator('.status', { hasText: /^Gesendet/ }).waitFor();
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
