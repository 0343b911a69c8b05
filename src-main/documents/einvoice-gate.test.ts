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

let products = 0;
async function approvedFor(overrides: Record<string, unknown>) {
  const c = await customer(t.bookkeeper, { invoiceEmails: ['rechnung@schmidt.example'], ...overrides });
  const p = await product(t.bookkeeper, { sku: `MEHL-${++products}` });
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

  it('refuses data the e-invoice cannot carry like a broken rule, names the rule and the field, and an approver can send the invoice back to be corrected', async () => {
    const { id } = await approvedFor({ eInvoiceFormat: 'xrechnung-cii', skontoPercent: '2', skontoDays: 10 });
    // A Skonto rate stored before rates had to have at most two decimals.
    await (await app.services.books.db.invoices.findOne(id).exec())!.incrementalPatch({ skonto: { percent: '2.125', days: 10 } });

    const refused = await t.bookkeeper.invoke('invoices.issue', { id });
    const error = (refused as { error: AppErrorValue }).error;
    expect(error.code).toBe('EINVOICE_INVALID');
    const [document] = (error.details as { refused: { errors: RuleFinding[] }[] }).refused;
    expect(document!.errors).toEqual([expect.objectContaining({ rule: 'BR-DE-18', severity: 'fatal', terms: ['BT-20'] })]);
    expect(document!.errors[0]!.text).toMatch(/skonto\.percent 2\.125/);

    const back = await unwrap(t.supervisor.invoke('invoices.reject', { id, reason: 'Skonto 2 % statt 2,125 %' }));
    expect(back).toMatchObject({ status: 'rejected' });
    expect((await app.services.books.db.invoices.findOne(id).exec())!.approvedBy).toBeFalsy();
    expect(await t.bookkeeper.invoke('invoices.issue', { id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('refuses a Skonto rate with more than two decimals where it is entered', async () => {
    const input = { name: 'Skonto GmbH', billingAddress: { street: 'Weg 1', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business', skontoPercent: '2.125', skontoDays: 10 };
    expect(await t.bookkeeper.invoke('customers.save', input as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'skontoPercent', problem: 'validation.skontoDecimals' })] } },
    });
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

describe('judging the frozen e-invoice for the invoice detail', () => {
  it('does not hold up other writes while a long e-invoice is judged, and judges a frozen file once', { timeout: 120_000 }, async () => {
    const c = await customer(t.bookkeeper, { invoiceEmails: ['rechnung@schmidt.example'], eInvoiceFormat: 'xrechnung-cii' });
    const p = await product(t.bookkeeper, { sku: 'LANG-1' });
    const lines = Array.from({ length: 200 }, (_, i) => ({ productId: p.id, quantity: String((i % 5) + 1) }));
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
    await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: draft.id }));

    const finished: string[] = [];
    const check = t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: draft.id }).then((r) => (finished.push('check'), r));
    const save = t.bookkeeper.invoke('products.save', { sku: 'NEU-1', nameDe: 'Neu', netPrice: '1.00', vatRate: '19' }).then((r) => (finished.push('save'), r));
    const [report] = await Promise.all([check, save]);
    expect(finished).toEqual(['save', 'check']);
    expect((report as { ok: true; value: EInvoiceCheck }).value.report.valid).toBe(true);

    const judged = app.services.documents.eInvoices.judgedSinceStart;
    expect(await unwrap(t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: draft.id }))).toMatchObject({ report: { valid: true } });
    expect(app.services.documents.eInvoices.judgedSinceStart).toBe(judged);
  });
});

describe('the e-invoice frozen later', () => {
  // Documents frozen when first opened, as with freezing on issue turned off.
  beforeEach(async () => {
    await app.stop();
    app = await startTestApp(undefined, { freezeDocuments: false });
    t = await team(app);
  });

  it('follows the format chosen at issue: a customer switched to XRechnung afterwards gets no unjudged XRechnung of an issued PDF invoice', async () => {
    const { customerId, id } = await approvedFor({ eInvoiceFormat: 'pdf' });
    await storeLegacy(customerId, { vatId: '123456789' });
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
    await storeLegacy(customerId, { eInvoiceFormat: 'xrechnung-ubl' });

    const frozen = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: id }));
    expect(frozen.map((d) => d.format)).toEqual(['pdf']);
    expect(await unwrap(t.bookkeeper.invoke('documents.einvoiceCheck', { invoiceId: id }))).toBeNull();
  });

  it('judges an e-invoice that differs from the file judged at issue, and freezes nothing when it breaks a fatal rule', async () => {
    const { id } = await approvedFor({ eInvoiceFormat: 'xrechnung-cii' });
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
    // An issued document as a version before the rules check may have stored it.
    const issued = await app.services.books.db.invoices.findOne(id).exec();
    await issued!.incrementalPatch({ buyer: { ...issued!.toMutableJSON().buyer!, vatId: '123456789' } });

    const refused = await t.bookkeeper.invoke('documents.list', { invoiceId: id });
    expect(refused.ok).toBe(false);
    const error = (refused as { error: AppErrorValue }).error;
    expect(error.code).toBe('EINVOICE_INVALID_ISSUED');
    const [document] = (error.details as { refused: { id: string; errors: RuleFinding[] }[] }).refused;
    expect(document!.errors.map((e) => e.rule)).toContain('BR-CO-09');
    expect(await app.services.books.db.facts.count({ selector: { kind: 'document', subjectId: id } }).exec()).toBe(0);
  });

  it('freezes the file judged at issue without judging it again, and releases it', async () => {
    for (const eInvoiceFormat of ['xrechnung-ubl', 'zugferd']) {
      const { id } = await approvedFor({ eInvoiceFormat });
      await unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
      const judged = app.services.documents.eInvoices.judgedSinceStart;
      const frozen = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: id }));
      expect(frozen.map((d) => d.format)).toEqual(eInvoiceFormat === 'zugferd' ? ['factur-x'] : ['pdf', eInvoiceFormat]);
      expect(app.services.documents.eInvoices.judgedSinceStart).toBe(judged);
      expect(app.services.documents.eInvoices.kept).toBe(0);
    }
  });
});

