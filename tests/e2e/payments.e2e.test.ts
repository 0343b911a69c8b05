/**
 * Payments in Chromium against the browser harness: an issued invoice (set up over the contract),
 * a CAMT.053 statement imported on the Payments screen with the proposed match shown, booked,
 * the invoice no longer open, and the "payment received" mail at the SMTP server the test runs.
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
import { PaymentsPage } from './pages/PaymentsPage.js';
import { switchUser } from './pages/SessionPage.js';
import { SetupPage } from './pages/SetupPage.js';

const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
let smtp: TestSmtpServer;
let invoice: { number: string; gross: number };

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
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-pay-'));
  smtp = await startSmtpServer();
  harness = await startHarnessProcess(dataDir);
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(harness.url);
  await new SetupPage(page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
  await page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();

  // The books, over the contract: company, mail account, a supervisor, an issued invoice.
  const admin = await clientAs(ADMIN.name, ADMIN.password);
  await ok(admin.invoke('settings.saveCompany', COMPANY));
  await ok(admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: COMPANY.name, fromAddress: 'rechnung@muster.example' }));
  await ok(admin.invoke('users.create', { name: 'Sven Supervisor', email: 'sven@example.org', role: 'supervisor', password: 'Sicheres-Passwort-9' }));
  const customer = await ok(
    admin.invoke('customers.save', { name: 'Bäckerei Größe KG', billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['buchhaltung@baeckerei.example'] }),
  );
  const draft = await ok(admin.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100', unit: 'HUR' }] }));
  await ok(admin.invoke('invoices.submit', { id: draft.id }));
  const supervisor = await clientAs('Sven Supervisor', 'Sicheres-Passwort-9');
  await ok(supervisor.invoke('invoices.approve', { id: draft.id }));
  const issued = await ok(admin.invoke('invoices.issue', { id: draft.id }));
  invoice = { number: issued.number, gross: issued.totals.amountDue };
  admin.close();
  supervisor.close();
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
  await smtp?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function statement(): string {
  const today = new Date().toISOString().slice(0, 10);
  const euros = (invoice.gross / 100).toFixed(2);
  const file = path.join(dataDir, 'kontoauszug.xml');
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>E2E</MsgId><CreDtTm>${today}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>E2E-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${today}</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${today}</Dt></Dt></Bal>
<Ntry><Amt Ccy="EUR">${euros}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${today}</Dt></BookgDt><AcctSvcrRef>E2E-REF-1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Bäckerei Größe KG</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>${invoice.number.replace(/-/g, ' ')}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`,
  );
  return file;
}

describe('payments screen (browser harness, Chromium, SMTP on 127.0.0.1)', () => {
  it('imports a statement, shows the proposed match, books it, and the invoice is paid', async () => {
    await new FramePage(page).open('Zahlungen');
    await page.getByRole('tab', { name: 'Offene Posten' }).click();
    await page.getByRole('cell', { name: invoice.number }).waitFor();

    await page.getByRole('tab', { name: 'Kontoauszug importieren' }).click();
    await page.locator('input[type="file"]').setInputFiles(statement());
    await page.getByText('camt.053: 1 Umsatz, 1 Eingang, 1 sicher zugeordnet, 0 schon bekannt.').waitFor();
    const proposal = page.getByLabel('Zuordnung von Umsatz 1');
    expect(await proposal.locator('option:checked').textContent()).toBe(`${invoice.number} · Bäckerei Größe KG · sichere Zuordnung`);
    await page.getByRole('button', { name: 'Kontoauszug buchen' }).click();
    await page.getByText('1 Umsatz gebucht, 1 zugeordnet, 0 warten auf Prüfung, 0 schon bekannt und übersprungen.').waitFor();

    await page.getByRole('tab', { name: 'Offene Posten' }).click();
    await page.getByText('Nichts ist offen.').waitFor();
    fs.mkdirSync(path.resolve('tests/e2e/artifacts'), { recursive: true });
    await page.getByRole('tab', { name: 'Zahlungen', exact: true }).click();
    await page.getByRole('cell', { name: invoice.number }).waitFor();
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/payments.png'), fullPage: true });
  });

  it('sends the "payment received" mail to the customer', async () => {
    const until = Date.now() + 30_000;
    let subjects: string[] = [];
    while (Date.now() < until) {
      subjects = await Promise.all(smtp.received.map(async (r) => (await r.parse()).subject ?? ''));
      if (subjects.some((s) => s.startsWith('Zahlungseingang'))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const amount = `${(invoice.gross / 100).toFixed(2).replace('.', ',')} €`;
    expect(subjects).toContain(`Zahlungseingang ${amount} – vielen Dank`);
    expect(subjects).toContain(`Rechnung ${invoice.number} von ${COMPANY.name}`);
  });
});

describe('a refund from a credit note, requested, reviewed and paid by three people (browser harness, Chromium)', () => {
  const PASSWORD = 'Sicheres-Passwort-9';
  let note: { id: string; number: string };

  beforeAll(async () => {
    // Over the contract: a bookkeeper and a cashier, an invoice of 119.00 € paid in full, and a
    // credit note of 59.50 € on it, approved by the supervisor.
    const admin = await clientAs(ADMIN.name, ADMIN.password);
    await ok(admin.invoke('users.create', { name: 'Bea Buchhalter', email: 'bea@example.org', role: 'bookkeeper', password: PASSWORD }));
    await ok(admin.invoke('users.create', { name: 'Carl Kasse', email: 'carl@example.org', role: 'cashier', password: PASSWORD }));
    const cafe = await ok(admin.invoke('customers.save', { name: 'Café Morgenrot', billingAddress: { street: 'Ringstraße 1', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['kasse@morgenrot.example'] }));
    const supervisor = await clientAs('Sven Supervisor', PASSWORD);
    const draft = await ok(admin.invoke('invoices.saveDraft', { customerId: cafe.id, lines: [{ description: 'Torte', quantity: '2', netUnitPrice: '50', unit: 'C62' }] }));
    await ok(admin.invoke('invoices.submit', { id: draft.id }));
    await ok(supervisor.invoke('invoices.approve', { id: draft.id }));
    const invoice = await ok(admin.invoke('invoices.issue', { id: draft.id }));
    const today = new Date().toISOString().slice(0, 10);
    await ok(admin.invoke('payments.record', { date: today, amount: '119.00', counterpartyIban: 'DE89 3704 0044 0532 0130 00', customerId: cafe.id, allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
    const credit = await ok(admin.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Eine Torte beschädigt', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
    await ok(admin.invoke('invoices.submit', { id: credit.id }));
    await ok(supervisor.invoke('invoices.approve', { id: credit.id }));
    const issuedNote = await ok(admin.invoke('invoices.issue', { id: credit.id }));
    note = { id: issuedNote.id, number: issuedNote.number };
    admin.close();
    supervisor.close();
  });

  it('the bookkeeper requests it from the credit note, the supervisor approves, the cashier sees IBAN and requester', async () => {
    const payments = new PaymentsPage(page);
    await switchUser(page, 'Bea Buchhalter', PASSWORD);
    await new FramePage(page).open('Zahlungen');
    await payments.tab('Prüfung');
    const form = await payments.openRequestForm();
    await payments.field(form, 'Gutschrift').selectOption(note.id);
    // Payee, IBAN and amount come from the credit note and the customer's payment.
    await page.waitForFunction(() => (document.querySelector('input[name="amount"]') as HTMLInputElement | null)?.value === '59,50');
    expect(await payments.field(form, 'Empfänger').inputValue()).toBe('Café Morgenrot');
    expect(await payments.field(form, 'IBAN des Empfängers').inputValue()).toBe('DE89370400440532013000');
    await payments.field(form, 'Grund (Verwendungszweck)').fill(`Erstattung ${note.number}`);
    await form.getByRole('button', { name: /Zur Prüfung geben/ }).click();
    await toast(page, 'Zahlung angefordert');

    await switchUser(page, 'Sven Supervisor', PASSWORD);
    await new FramePage(page).open('Zahlungen');
    await payments.tab('Prüfung');
    await page.getByRole('cell', { name: /^Bea Buchhalter am / }).waitFor();
    const review = (await payments.requestRows('Prüfung')).find((cells) => cells.includes(`Erstattung ${note.number}`))!;
    expect(review).toEqual(expect.arrayContaining([`Erstattung · ${note.number}`, 'Café Morgenrot', 'DE89 3704 0044 0532 0130 00', '59,50 €']));
    expect(review.find((cell) => cell.startsWith('Bea Buchhalter am '))).toMatch(/^Bea Buchhalter am \d{2}\.\d{2}\.\d{4}$/);
    await page.getByRole('row', { name: new RegExp(`Erstattung ${note.number}`) }).getByRole('button', { name: 'Freigeben' }).click();
    await page.getByText('Nichts zu prüfen.').waitFor();

    await switchUser(page, 'Carl Kasse', PASSWORD);
    await new FramePage(page).open('Zahlungen');
    await payments.tab('Kasse');
    await page.getByRole('cell', { name: 'DE89 3704 0044 0532 0130 00' }).waitFor();
    const [cashier] = await payments.requestRows('Kasse');
    expect(cashier).toEqual(expect.arrayContaining(['Café Morgenrot', 'DE89 3704 0044 0532 0130 00', '59,50 €', `Erstattung ${note.number}`, 'Sven Supervisor']));
    expect(cashier!.some((cell) => cell.startsWith('Bea Buchhalter am '))).toBe(true);
    expect(plain(await page.locator('.topbar .who').textContent())).toContain('Carl Kasse');
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/payments-cashier.png'), fullPage: true });
    // The list fits the 1280 px window: nothing to scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    // At 1280 × 800 the list fits the main area too, its actions within the window.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator('main#main').evaluate((main) => main.scrollWidth - main.clientWidth)).toBeLessThanOrEqual(0);
    const action = await page.getByRole('button', { name: 'Heute bezahlt' }).first().boundingBox();
    expect(action!.x + action!.width).toBeLessThanOrEqual(1280);
  });
});
