/**
 * Supplies not subject to German VAT (category O, e.g. a service whose place of supply is
 * abroad, billed by a seller without a VAT ID): issued in every e-invoice format, each passing
 * the official rules (XRechnung wants the breakdown's rate, BT-119, also here: BR-DE-14).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EInvoiceCheck } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  // BR-O-02: an invoice with such lines names no VAT ID of the seller or the buyer.
  await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, vatId: '' }));
});
afterAll(async () => app?.stop());

it.each(['xrechnung-cii', 'xrechnung-ubl', 'zugferd'] as const)('%s: issued, and its e-invoice is valid', async (eInvoiceFormat) => {
  const c = await customer(t.bookkeeper, { name: `Kunde ${eInvoiceFormat}`, invoiceEmails: ['rechnung@kunde.example'], eInvoiceFormat });
  const p = await product(t.bookkeeper, { sku: `O-${eInvoiceFormat}`, nameDe: 'Beratung (nicht steuerbar)', unit: 'HUR', netPrice: '120.00', vatCategory: 'O', vatRate: '0' });
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '3' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  expect(await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }))).toMatchObject({ status: 'issued', totals: { taxInclusive: 36000 } });
  const check = (await unwrap(t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: draft.id }))) as EInvoiceCheck;
  expect(check.report).toMatchObject({ valid: true, errors: [] });
});
