/**
 * A document with several notes (BT-22: a credit note's reason and the reverse-charge wording):
 * in CII each note is its own ram:IncludedNote, so the official rules raise no warning (CII-SR-030).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EInvoiceCheck } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(async () => app?.stop());

it.each(['zugferd', 'xrechnung-cii'] as const)('%s: the credit note of an EU reverse-charge invoice carries its reason and the VAT wording as two notes, without a warning', async (eInvoiceFormat) => {
  const c = await customer(t.bookkeeper, {
    name: `Athen AE ${eInvoiceFormat}`,
    billingAddress: { street: 'Odos Ermou 1', postalCode: '10563', city: 'Athen', country: 'GR' },
    vatTreatment: 'intraEu',
    vatId: 'EL094259216',
    invoiceEmails: ['logistiki@athen.example'],
    eInvoiceFormat,
  });
  const p = await product(t.bookkeeper, { sku: `N-${eInvoiceFormat}`, nameDe: 'Beratung', unit: 'HUR', netPrice: '95.00', vatRate: '19' });
  const issue = async (id: string) => {
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id }));
    return unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
  };
  const invoice = await issue((await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '3' }] }))).id);
  const credit = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Eine Stunde zu viel berechnet', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
  await issue(credit.id);

  const check = (await unwrap(t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: credit.id }))) as EInvoiceCheck;
  expect(check.report).toMatchObject({ valid: true, errors: [], warnings: [] });
  const xml = Buffer.from(check.xmlBase64, 'base64').toString('utf8');
  const notes = [...xml.matchAll(/<ram:IncludedNote>\s*<ram:Content>([^<]*)<\/ram:Content>\s*<\/ram:IncludedNote>/g)].map((m) => m[1]);
  expect(notes).toEqual(['Eine Stunde zu viel berechnet', 'Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG).']);
});
