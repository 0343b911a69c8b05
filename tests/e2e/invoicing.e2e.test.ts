import { execFileSync } from 'node:child_process';
/**
 * The invoicing workflow end to end in German, in Chromium against the browser harness:
 * users and company, customer, products, an order with live totals, confirmation with stock
 * reservation, the invoice from the order, four-eyes approval, issue with the gapless number,
 * the frozen document and a credit note. The harness runs on the real clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startHarnessProcess, type RunningHarness } from './harness.js';
import { ApprovalPage } from './pages/ApprovalPage.js';
import { CustomersPage } from './pages/CustomersPage.js';
import { CUSTOMER, FirstBooks } from './pages/FirstBooks.js';
import { FramePage } from './pages/FramePage.js';
import { InvoicesPage } from './pages/InvoicesPage.js';
import { OrdersPage } from './pages/OrdersPage.js';
import { ProductsPage } from './pages/ProductsPage.js';
import { switchUser } from './pages/SessionPage.js';
import { UsersPage } from './pages/UsersPage.js';

const BOOKKEEPER = { name: 'Bernd Buchhalter', email: 'bernd@example.org', role: 'Buchhaltung', password: 'Bernd-Passwort-22' };
const SUPERVISOR = { name: 'Sabine Chefin', email: 'sabine@example.org', role: 'Freigabe (Vorgesetzte)', password: 'Sabine-Passwort-33' };

// The main process dates documents by its clock in UTC; the browser shows them as dd.mm.yyyy.
const TODAY = new Date().toISOString().slice(0, 10);
const YEAR = TODAY.slice(0, 4);
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const german = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
/** Invoice numbers: prefix, year, the series letter of the company profile, gapless counter. */
const INVOICE_NUMBER = `RE-${YEAR}-A-000001`;

/*
 * The order, computed by hand (EN 16931: VAT rounded once per rate, half up):
 *   ESP-01   2 x 249.99          = 499.98 net at 19 %
 *   KAF-1KG  3 x  18.90 = 56.70, 10 % line discount 5.67 = 51.03 net at 7 %
 *   net (BT-109)   499.98 + 51.03                  = 551.01
 *   VAT 19 %       499.98 x 0.19 = 94.9962  ->  95.00
 *   VAT  7 %        51.03 x 0.07 =  3.5721  ->   3.57
 *   VAT (BT-110)   95.00 + 3.57                    =  98.57
 *   gross (BT-112) 551.01 + 98.57                  = 649.58 = amount due (BT-115), nothing prepaid
 * The credit note for one machine:
 *   249.99 net; VAT 249.99 x 0.19 = 47.4981 -> 47.50; gross 297.49
 */
const ORDER_TOTALS = {
  'Summe netto': '551,01 €',
  'USt. 19 % auf 499,98 €': '95,00 €',
  'USt. 7 % auf 51,03 €': '3,57 €',
  'Umsatzsteuer gesamt': '98,57 €',
  'Gesamtbetrag brutto': '649,58 €',
};
const INVOICE_TOTALS = { ...ORDER_TOTALS, Zahlbetrag: '649,58 €' };
const CREDIT_NOTE_TOTALS = {
  'Summe netto': '249,99 €',
  'USt. 19 % auf 249,99 €': '47,50 €',
  'Umsatzsteuer gesamt': '47,50 €',
  'Gesamtbetrag brutto': '297,49 €',
  Zahlbetrag: '297,49 €',
};

let dataDir: string;
let harness: RunningHarness;
let browser: Browser;
let page: Page;
/** How far the main area's content reaches past its width (0 or less: nothing to scroll sideways). */
const mainOverflow = () => page.locator('main#main').evaluate((main) => main.scrollWidth - main.clientWidth);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-inv-'));
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

describe('invoicing from order to credit note (browser harness, Chromium, German UI)', () => {
  it('the admin sets up the company and adds a bookkeeper and a supervisor', async () => {
    await page.goto(harness.url);
    expect(await new FirstBooks(page).company({ Steuernummer: '133/5819/0123' })).toContain('Firmenprofil gespeichert');

    const users = new UsersPage(page);
    await users.open();
    expect(await users.add(BOOKKEEPER)).toBe('Benutzer Bernd Buchhalter angelegt');
    expect(await users.add(SUPERVISOR)).toBe('Benutzer Sabine Chefin angelegt');
  }, 120_000);

  it('the bookkeeper creates a customer; missing and bad fields are marked, also in the address', async () => {
    await switchUser(page, 'Bernd Buchhalter', BOOKKEEPER.password);
    expect(await new FramePage(page).loggedInAs()).toContain('Bernd Buchhalter · Buchhaltung');

    const customers = new CustomersPage(page);
    await customers.open();
    await customers.startNew();
    await customers.fill({ 'Rechnungs-E-Mails': 'buchhaltung@morgenrot.example, kaputt-at-example' });
    await customers.save();
    await expect.poll(() => customers.fieldErrors()).toEqual({
      Name: 'Pflichtfeld',
      'Straße und Hausnummer': 'Pflichtfeld',
      PLZ: 'Pflichtfeld',
      Ort: 'Pflichtfeld',
      'Rechnungs-E-Mails': 'Keine gültige E-Mail-Adresse: kaputt-at-example',
    });

    await customers.fill({
      Name: CUSTOMER,
      'Straße und Hausnummer': 'Ehrenstraße 12',
      PLZ: '50672',
      Ort: 'Köln',
      'Rechnungs-E-Mails': 'buchhaltung@morgenrot.example, chefin@morgenrot.example',
      'USt-IdNr.': 'DE811569869',
      'Kreditlimit (EUR)': '500,00',
      'Käuferreferenz (Leitweg-ID)': '05315-12345-67',
    });
    await customers.save();
    await page.locator('.toast', { hasText: `Kunde ${CUSTOMER} gespeichert` }).waitFor();
    // The number is assigned (K-10001), payment terms come from the company profile.
    expect(await customers.rows()).toEqual([['K-10001', CUSTOMER, '50672 Köln', 'Inland (deutsche Umsatzsteuer)', '14', '500,00 €', 'Ja', 'Bearbeiten']]);
    // At 1280 × 800 the list fits the main area: nothing to scroll sideways.
    expect(await mainOverflow()).toBeLessThanOrEqual(0);
  }, 120_000);

  it('the bookkeeper creates a product at 19 % kept in stock and one at 7 %, and books goods received', async () => {
    const products = new ProductsPage(page);
    await products.open();
    await products.create({ sku: 'ESP-01', name: 'Espressomaschine Barista', price: '249,99', vatRate: '19', stockTracked: true });
    await products.create({ sku: 'KAF-1KG', name: 'Kaffeebohnen 1 kg', price: '18,90', vatRate: '7' });
    expect(await products.receiveStock('ESP-01', '5')).toBe('Bestand von ESP-01 gebucht: 5 verfügbar');
    await expect.poll(() => products.row('ESP-01')).toEqual({ price: '249,99 €', vat: '19', onHand: '5', reserved: '0', available: '5' });
    expect(await products.row('KAF-1KG')).toEqual({ price: '18,90 €', vat: '7', onHand: '—', reserved: '—', available: '—' });
  }, 120_000);

  it('a CSV import with problems lists them and imports nothing', async () => {
    const orders = new OrdersPage(page);
    await orders.open();
    const csv = ['Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge', `W-1;K-99999;${TODAY};ESP-01;2`, `W-1;K-99999;${TODAY};GIBTSNICHT;1`].join('\n');
    await orders.importCsv('bestellungen.csv', csv);
    const problems = await orders.importProblems('bestellungen.csv');
    expect(problems.text).toBe('Die Datei enthält Fehler. Es wurde nichts importiert.');
    expect(problems.rows).toEqual([
      ['2', 'customer_number', 'Unbekannte Kundennummer', 'K-99999'],
      ['3', 'sku', 'Unbekannte Artikelnummer', 'GIBTSNICHT'],
    ]);
    expect(await page.getByText('Keine Aufträge gefunden.').isVisible()).toBe(true);
  }, 120_000);

  it('the bookkeeper enters an order with live totals, confirms it and creates the invoice', async () => {
    const orders = new OrdersPage(page);
    await orders.startNew();
    await orders.chooseCustomer('Morgen', CUSTOMER);
    await orders.setLine(1, { product: 'ESP-01', quantity: '2' });
    await orders.addLine();
    await orders.setLine(2, { product: 'KAF-1KG', quantity: '3', discount: '10' });
    // Computed in the browser while typing, before anything is saved.
    await expect.poll(() => orders.totals()).toEqual(ORDER_TOTALS);
    expect([await orders.lineNet(1), await orders.lineNet(2)]).toEqual(['499,98 €', '51,03 €']);

    expect(await orders.saveDraft()).toBe(`Auftrag AB-${YEAR}-A-000001 gespeichert`);
    expect(await orders.confirm()).toBe(`Auftrag AB-${YEAR}-A-000001 bestätigt; der Bestand ist reserviert`);
    expect(await orders.status()).toBe('Bestätigt');
    // Now shown as stored by the main process: the same amounts.
    expect(await orders.totals()).toEqual(ORDER_TOTALS);

    expect(await orders.createInvoice()).toBe(`Rechnungsentwurf aus Auftrag AB-${YEAR}-A-000001 erstellt`);
    const invoices = new InvoicesPage(page);
    await invoices.waitForTitle('Rechnungsentwurf');
    expect(await invoices.status()).toBe('Entwurf');
    expect(await invoices.totals()).toEqual(INVOICE_TOTALS);
    expect(await invoices.act('Zur Freigabe einreichen', 'Zur Freigabe eingereicht')).toBe('Zur Freigabe eingereicht');
    await expect.poll(() => invoices.status()).toBe('Eingereicht');
  }, 120_000);

  it('the bookkeeper is not offered to approve, neither on the invoice nor in the approval queue', async () => {
    const invoices = new InvoicesPage(page);
    expect(await invoices.actions()).not.toContain('Freigeben');
    expect(await invoices.notices()).toContain('Wartet auf Freigabe durch Vorgesetzte oder Administratoren (Vier-Augen-Prinzip).');

    const approval = new ApprovalPage(page);
    await approval.open();
    // The queue is drawn before its rows arrive: wait for the invoice's row.
    await approval.row(CUSTOMER).waitFor();
    const [row] = await approval.rows();
    expect(row?.map((cell) => cell.replace(/\s/g, ' '))).toEqual([
      'Rechnungsentwurf',
      CUSTOMER,
      'Bernd Buchhalter',
      '649,58 €',
      '500,00 €',
      '0,00 €',
      '-149,58 €',
      'Geringes RisikoMit dieser Rechnung liegt der Kunde 149,58 € über dem Kreditlimit',
      // Without a date of its own, the invoice is dated on the day it is issued.
      expect.stringMatching(/^Belegdatum: Tag der Ausstellung fällig \d\d\.\d\d\.\d{4}$/),
      'Nur Vorgesetzte und Administratoren geben frei.',
    ]);
    expect(await approval.table().getByRole('button', { name: 'Freigeben' }).count()).toBe(0);

    // The confirmed order holds 2 machines in reserve.
    const products = new ProductsPage(page);
    await products.open();
    expect(await products.row('ESP-01')).toMatchObject({ onHand: '5', reserved: '2', available: '3' });
  }, 120_000);

  it('the supervisor approves in the approval queue, where the exceeded credit limit stands out', async () => {
    await switchUser(page, 'Sabine Chefin', SUPERVISOR.password);
    const approval = new ApprovalPage(page);
    await approval.open();
    // The heading comes before the queue's data: read the rows once the customer's row is there.
    await approval.row(CUSTOMER).waitFor();
    // Credit left = limit 500.00 - exposure 0.00 - this invoice 649.58 = -149.58
    expect((await approval.rows())[0]?.slice(0, 7)).toEqual(['Rechnungsentwurf', CUSTOMER, 'Bernd Buchhalter', '649,58 €', '500,00 €', '0,00 €', '-149,58 €']);
    expect(await approval.creditLeftIsHighlighted(CUSTOMER)).toBe(true);
    // At 1280 × 800 the queue fits the main area, its actions within the window.
    expect(await mainOverflow()).toBeLessThanOrEqual(0);
    const action = await page.getByRole('row', { name: new RegExp(CUSTOMER) }).getByRole('button', { name: /^(Freigeben|Trotz Risiko freigeben)$/ }).boundingBox();
    expect(action!.x + action!.width).toBeLessThanOrEqual(1280);
    // The reason is shown, and approving is the supervisor's confirmation of it.
    expect((await approval.rows())[0]?.[7]?.replace(/\s/g, ' ')).toBe('Geringes RisikoMit dieser Rechnung liegt der Kunde 149,58 € über dem Kreditlimit');
    expect(await approval.approve(CUSTOMER)).toBe('Rechnungsentwurf freigegeben');
    await expect.poll(() => approval.emptyText()).toBe('Nichts wartet auf Freigabe.');
  }, 120_000);

  it('the bookkeeper issues the invoice: it gets its number and can no longer be edited', async () => {
    await switchUser(page, 'Bernd Buchhalter', BOOKKEEPER.password);
    const invoices = new InvoicesPage(page);
    await invoices.open();
    await invoices.openRow('Freigegeben');
    expect(await invoices.act('Ausstellen', /Ausgestellt als/)).toBe(`Ausgestellt als ${INVOICE_NUMBER}`);
    await invoices.waitForTitle(`Rechnung ${INVOICE_NUMBER}`);
    expect(await invoices.status()).toBe('Ausgestellt');
    expect(await invoices.facts()).toEqual({
      Kunde: `${CUSTOMER} (K-10001)`,
      Aufträge: `AB-${YEAR}-A-000001`,
      Rechnungsdatum: german(TODAY),
      Leistungsdatum: german(TODAY),
      'Fällig am': german(addDays(TODAY, 14)),
      Zahlungsziel: '14 Tage',
    });
    expect(await invoices.lines()).toEqual([
      ['1', 'Espressomaschine Barista', '2', 'Stück', '249,99 €', '', '19 %', '499,98 €'],
      ['2', 'Kaffeebohnen 1 kg', '3', 'Stück', '18,90 €', '10 %', '7 %', '51,03 €'],
    ]);
    expect(await invoices.vatBreakdown()).toEqual([
      ['Regelsatz (S)', '19 %', '499,98 €', '95,00 €'],
      ['Regelsatz (S)', '7 %', '51,03 €', '3,57 €'],
    ]);
    expect(await invoices.totals()).toEqual(INVOICE_TOTALS);

    // Editing is refused: no edit or submit action, and the screen says why.
    expect(await invoices.actions()).toEqual(['Gutschrift erstellen …']);
    expect(await invoices.notices()).toContain('Ausgestellt: Dieser Beleg kann nicht mehr geändert werden. Korrigieren Sie ihn mit einer Gutschrift.');

    fs.mkdirSync(path.resolve('tests/e2e/artifacts'), { recursive: true });
    await page.locator('.toast-close').evaluateAll((buttons) => buttons.forEach((b) => (b as HTMLButtonElement).click()));
    await page.screenshot({ path: path.resolve('tests/e2e/artifacts/invoice.png'), fullPage: true });
  }, 120_000);

  it('shows the frozen PDF of the issued invoice in the app and saves it', async () => {
    const documents = page.getByRole('region', { name: 'Belege' });
    await documents.getByText(`${INVOICE_NUMBER}.pdf`).waitFor({ timeout: 60_000 });
    await documents.getByRole('button', { name: 'PDF anzeigen' }).click();
    const preview = page.getByRole('dialog', { name: `Beleg ${INVOICE_NUMBER}` });
    await preview.locator('iframe.pdf-preview').waitFor();
    expect(await preview.locator('iframe.pdf-preview').getAttribute('src')).toMatch(/^blob:/);
    await preview.getByRole('button', { name: 'Schließen' }).click();

    const [download] = await Promise.all([page.waitForEvent('download'), documents.getByRole('button', { name: 'PDF speichern' }).click()]);
    expect(download.suggestedFilename()).toBe(`${INVOICE_NUMBER}.pdf`);
    const file = path.join(os.tmpdir(), `rw-e2e-${process.pid}.pdf`);
    await download.saveAs(file);
    try {
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(INVOICE_NUMBER);
      expect(text).toContain('649,58 €');
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 120_000);

  it('a credit note for one machine is created as a draft and listed as such', async () => {
    const invoices = new InvoicesPage(page);
    expect(await invoices.createCreditNote('Gerät mit Transportschaden geliefert', { 1: '1' })).toBe('Gutschrift-Entwurf erstellt');
    await invoices.waitForTitle('Gutschriftsentwurf');
    expect(await invoices.status()).toBe('Entwurf');
    expect((await invoices.facts()).Korrektur).toBe(`Korrigiert Rechnung ${INVOICE_NUMBER}`);
    expect(await invoices.lines()).toEqual([['1', 'Espressomaschine Barista', '1', 'Stück', '249,99 €', '', '19 %', '249,99 €']]);
    expect(await invoices.totals()).toEqual(CREDIT_NOTE_TOTALS);

    await invoices.backToList();
    await expect.poll(() => invoices.rows()).toEqual(
      expect.arrayContaining([
        [INVOICE_NUMBER, 'Rechnung', CUSTOMER, german(TODAY), german(addDays(TODAY, 14)), '649,58 €', 'Ausgestellt'],
        ['Entwurf', 'Gutschrift', CUSTOMER, '—', german(TODAY), '297,49 €', 'Entwurf'],
      ]),
    );
    await page.getByRole('combobox', { name: 'Belegart' }).selectOption({ label: 'Gutschrift' });
    await expect.poll(() => invoices.rows()).toEqual([['Entwurf', 'Gutschrift', CUSTOMER, '—', german(TODAY), '297,49 €', 'Entwurf']]);

    // Issuing delivered the 2 reserved machines: 3 are left, none reserved.
    const products = new ProductsPage(page);
    await products.open();
    expect(await products.row('ESP-01')).toMatchObject({ onHand: '3', reserved: '0', available: '3' });
  }, 120_000);
});
