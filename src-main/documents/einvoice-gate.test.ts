/**
 * Issuing judges every e-invoice by the official rules (EN 16931, and KoSIT's XRechnung rules for
 * XRechnung) before anything is written: a document whose e-invoice breaks a fatal rule is not
 * issued, the user learns the rule, its text and the field, and no number is used up. The invoice
 * detail judges the frozen e-invoice again and hands out its XML.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppErrorValue, EInvoiceCheck, RuleFinding } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp(undefined, { freezeDocuments: true });
  t = await team(app);
});
afterEach(async () => app.stop());

async function approvedFor(overrides: Record<string, unknown>) {
  const c = await customer(t.bookkeeper, { invoiceEmails: ['rechnung@schmidt.example'], ...overrides });
  const p = await product(t.bookkeeper);
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '3' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  return { customerId: c.id, id: draft.id };
}

/** Customer data as an older version or another device may have stored it, past today's input checks. */
async function storeLegacy(customerId: string, patch: Record<string, unknown>) {
  const doc = await app.services.books.db.customers.findOne(customerId).exec();
  await doc!.incrementalPatch(patch);
}

describe('the e-invoice gate at issue', () => {
  it('refuses a document whose XRechnung breaks a fatal rule: rule, text and field named, nothing issued, no number used', async () => {
    const { customerId, id } = await approvedFor({ eInvoiceFormat: 'xrechnung-ubl' });
    await storeLegacy(customerId, { vatId: '123456789' });

    const refused = await t.bookkeeper.invoke('invoices.issue', { id });
    expect(refused.ok).toBe(false);
    const error = (refused as { error: AppErrorValue }).error;
    expect(error.code).toBe('EINVOICE_INVALID');
    const [document] = (error.details as { refused: { id: string; number: string; errors: RuleFinding[] }[] }).refused;
    expect(document).toMatchObject({ id, number: 'RE-2026-A-000001' });
    // BR-CO-09: a VAT identifier starts with its country's ISO code; BT-48 is the buyer's.
    const rule = document!.errors.find((e) => e.rule === 'BR-CO-09');
    expect(rule).toMatchObject({ severity: 'fatal', terms: expect.arrayContaining(['BT-48']) });
    expect(rule!.text).toMatch(/VAT identifier/);

    expect(await unwrap(t.bookkeeper.invoke('invoices.get', { id }))).toMatchObject({ status: 'approved', number: '' });
    const audit = await app.services.books.db.facts.find({ selector: { kind: 'audit', subjectId: id } }).exec();
    expect(audit.map((f) => f.audit!.action)).not.toContain('invoice.issued');

    // Corrected, the same document is issued with the number the refused attempt did not use up.
    await storeLegacy(customerId, { vatId: 'DE123456789' });
    expect(await unwrap(t.bookkeeper.invoke('invoices.issue', { id }))).toMatchObject({ status: 'issued', number: 'RE-2026-A-000001' });
  });

  it('shows the frozen XRechnung judged valid, with the very XML that was frozen', async () => {
    const { id } = await approvedFor({ eInvoiceFormat: 'xrechnung-cii' });
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
    const check = (await unwrap(t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: id }))) as EInvoiceCheck;
    expect(check).toMatchObject({ format: 'xrechnung-cii', fileName: 'RE-2026-A-000001.xrechnung-cii.xml' });
    expect(check.report).toMatchObject({ valid: true, syntax: 'CII', profile: 'XRechnung', errors: [] });
    expect(check.report.ruleSets).toEqual(['UN/CEFACT CII D16B XSD', 'EN 16931 1.3.15', 'XRechnung 3.0.2 (KoSIT 2.5.0, Peppol BIS 3.0.19)']);
    const frozen = await unwrap(t.bookkeeper.invoke('documents.get', { invoiceId: id, format: 'xrechnung-cii' }));
    expect(check.xmlBase64).toBe(frozen.dataBase64);
  });

  it('judges the XML inside a ZUGFeRD PDF by EN 16931 and hands it out to save', async () => {
    const { id } = await approvedFor({ eInvoiceFormat: 'zugferd' });
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
    const check = (await unwrap(t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: id }))) as EInvoiceCheck;
    expect(check).toMatchObject({ format: 'factur-x', fileName: 'RE-2026-A-000001.factur-x.xml' });
    expect(check.report).toMatchObject({ valid: true, syntax: 'CII', profile: 'EN16931', errors: [] });
    expect(Buffer.from(check.xmlBase64, 'base64').toString('utf8')).toContain('<ram:ID>RE-2026-A-000001</ram:ID>');
  });

  it('has nothing to judge for a customer who takes the PDF only', async () => {
    const { id } = await approvedFor({ eInvoiceFormat: 'pdf' });
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
    expect(await unwrap(t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: id }))).toBeNull();
  });
});
