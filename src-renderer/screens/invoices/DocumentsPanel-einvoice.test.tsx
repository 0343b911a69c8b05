// @vitest-environment jsdom
/**
 * The documents of an issued invoice whose e-invoice breaks a fatal rule when it is to be frozen
 * (a document issued before the rules were checked): the panel says what to do and lists the
 * rules with their fields, instead of waiting forever (real services, in-memory transport).
 */
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { ApiClient } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { issued } from '../../../tests/support/pdf.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { EInvoicePanel } from './EInvoicePanel.js';

let app: TestApp;
let products = 0;
let t: Team;

async function actAs(client: ApiClient) {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
}

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

it('shows why the e-invoice of an issued invoice is not filed, with the rule and the field to check', async () => {
  await actAs(t.bookkeeper);
  const c = await customer(t.bookkeeper, { invoiceEmails: ['rechnung@schmidt.example'], eInvoiceFormat: 'xrechnung-cii' });
  const p = await product(t.bookkeeper, { sku: `E-${++products}` });
  const invoice = await issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] });
  // Issued as a version before the rules check may have stored it: a buyer VAT ID without its country code.
  const doc = await app.services.books.db.invoices.findOne(invoice.id).exec();
  await doc!.incrementalPatch({ buyer: { ...doc!.toMutableJSON().buyer!, vatId: '123456789' } });

  render(<DocumentsPanel invoice={invoice} />);
  expect((await screen.findByRole('alert', {}, { timeout: 20_000 })).textContent).toMatch(/verletzt eine amtliche Regel.*Gutschrift/);
  const rule = screen.getAllByRole('listitem').find((li) => li.textContent?.includes('BR-CO-09'));
  expect(rule?.textContent).toContain('Kunde → USt-IdNr. (BT-48)');
});

it.each([
  ['xrechnung-ubl', 'Gültig nach OASIS UBL 2.1 XSD, EN 16931 1.3.15, XRechnung 3.0.2 (KoSIT 2.5.0, Peppol BIS 3.0.19).', false],
  ['zugferd', 'Gültig nach UN/CEFACT CII D16B XSD, EN 16931 1.3.15.', true],
] as const)('the detail of an issued %s invoice shows its e-invoice judged valid by the rule sets named', async (eInvoiceFormat, text, ownSaveButton) => {
  await actAs(t.bookkeeper);
  const c = await customer(t.bookkeeper, { name: `Kunde ${eInvoiceFormat}`, invoiceEmails: ['rechnung@kunde.example'], eInvoiceFormat });
  const p = await product(t.bookkeeper, { sku: `E-${++products}` });
  const invoice = await issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] });
  render(<EInvoicePanel invoice={invoice} />);
  const panel = await screen.findByRole('region', { name: 'E-Rechnung geprüft' }, { timeout: 20_000 });
  expect(panel.querySelector('[role="status"]')?.textContent).toBe(text);
  // The XML inside a ZUGFeRD PDF is saved here; an XRechnung from the documents beside it.
  expect(screen.queryByRole('button', { name: 'XML speichern' }) !== null).toBe(ownSaveButton);
});
