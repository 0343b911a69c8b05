import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import type { CustomerView, ProductView } from '../../src-shared/contract/index.js';

let app: TestApp;
let t: Team;
let c: CustomerView;
let p: ProductView;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  c = await customer(t.bookkeeper);
  p = await product(t.bookkeeper);
});
afterAll(async () => app.stop());

const counts = async () => ({
  invoices: await app.services.books.db.invoices.count().exec(),
  customers: await app.services.books.db.customers.count().exec(),
  products: await app.services.books.db.products.count().exec(),
  facts: await app.services.books.db.facts.count().exec(),
  paymentRequests: await app.services.books.db.paymentRequests.count().exec(),
});

function refusedNaming(field: string, problem: string) {
  return { ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field, problem }] } } };
}

describe('amounts and rates beyond what the books keep', () => {
  it('refuses a VAT rate above 100 % on a line or an allowance, naming it, and writes nothing', async () => {
    const before = await counts();
    const line = { productId: p.id, quantity: '3' };
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ ...line, vatRate: '696737602' }] })).toMatchObject(refusedNaming('lines.0.vatRate', 'validation.percent'));
    expect(
      await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [line], allowancesCharges: [{ isCharge: false, percent: '3', vatCategory: 'S', vatRate: '99999999999999999999.99' }] }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: expect.arrayContaining([{ field: 'allowancesCharges.0.vatRate', problem: 'validation.outOfRange' }]) } } });
    expect(await counts()).toEqual(before);
  });

  it('refuses a line whose amount is larger than the books keep, naming the line', async () => {
    const before = await counts();
    const result = await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1000000', netUnitPrice: '99999999.99' }] });
    expect(result).toMatchObject(refusedNaming('lines.0', 'validation.outOfRange'));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1'.padEnd(40, '0') }] })).toMatchObject(
      refusedNaming('lines.0.quantity', 'validation.tooLarge'),
    );
    expect(await counts()).toEqual(before);
  });

  it('names the VAT rate of a standard-rated line at 0 %', async () => {
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1', vatCategory: 'S', vatRate: '0' }] })).toMatchObject(
      refusedNaming('lines.0.vatRate', 'validation.standardRate'),
    );
  });

  it('keeps tiny quantities of a measured unit and tiny prices as the decimals typed', async () => {
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '0.0000001', netUnitPrice: '0.00000001', unit: 'KGM' }] }));
    expect(draft.lines[0]).toMatchObject({ quantity: '0.0000001', netUnitPrice: '0.00000001' });
    const cheap = await unwrap(t.bookkeeper.invoke('products.save', { sku: 'SALZ-1', nameDe: 'Salz, eine Prise', netPrice: '0.00000001', vatRate: '7' }));
    expect(cheap.netPrice).toBe('0.00000001');
  });

  it('refuses a credit limit with more than two decimals or beyond the books', async () => {
    const before = await counts();
    const input = { name: 'Café Morgenrot', billingAddress: { street: 'Ring 1', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business' as const };
    expect(await t.bookkeeper.invoke('customers.save', { ...input, creditLimit: '1.999' })).toMatchObject(refusedNaming('creditLimit', 'validation.amount'));
    expect(await t.bookkeeper.invoke('customers.save', { ...input, creditLimit: '99999999999999999999' })).toMatchObject(refusedNaming('creditLimit', 'validation.tooLarge'));
    expect(await counts()).toEqual(before);
  });

  it('refuses payments, allocations and payment requests beyond the books, naming the amount', async () => {
    const before = await counts();
    const huge = '99999999999999999999';
    expect(await t.admin.invoke('payments.record', { date: '2026-11-01', amount: huge })).toMatchObject(refusedNaming('amount', 'validation.tooLarge'));
    expect(await t.admin.invoke('payments.record', { date: '2026-11-01', amount: '1.00', allocations: [{ invoiceId: 'x', amount: huge }] })).toMatchObject(
      refusedNaming('allocations.0.amount', 'validation.tooLarge'),
    );
    expect(await t.admin.invoke('paymentRequests.create', { purpose: 'payout', amount: huge, counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE89370400440532013000' })).toMatchObject(refusedNaming('amount', 'validation.tooLarge'));
    expect(await counts()).toEqual(before);
  });

  it('refuses dunning fees the books cannot keep, naming the level', async () => {
    const settings = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
    const euros = (cents: number) => (cents / 100).toFixed(2);
    const levels = settings.levels.map((l) => ({ ...l, feeConsumer: euros(l.feeConsumer), feeBusiness: l.level === 2 ? '99999999' : euros(l.feeBusiness) }));
    expect(await t.bookkeeper.invoke('reminders.saveSettings', { levels, chargeInterest: true, flatFeeBusiness: false })).toMatchObject(refusedNaming('levels.2.feeBusiness', 'validation.tooLarge'));
  });
});

describe('text that documents cannot carry', () => {
  it('refuses control characters and broken unicode in names and texts, naming the field, and writes nothing', async () => {
    const before = await counts();
    const input = { billingAddress: { street: 'Ring 1', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business' as const };
    expect(await t.bookkeeper.invoke('customers.save', { ...input, name: 'Bäckerei\u0000Schmidt' })).toMatchObject(refusedNaming('name', 'validation.controlCharacters'));
    expect(await t.bookkeeper.invoke('customers.save', { ...input, name: 'Bäckerei', billingAddress: { ...input.billingAddress, street: 'Ring \uD800 1' } })).toMatchObject(
      refusedNaming('billingAddress.street', 'validation.controlCharacters'),
    );
    expect(await t.bookkeeper.invoke('customers.save', { ...input, name: 'Bäckerei', invoiceEmails: ['a\u0007@b.example'] })).toMatchObject(refusedNaming('invoiceEmails.0', 'validation.controlCharacters'));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1', description: 'Mehl\uFFFE' }] })).toMatchObject(
      refusedNaming('lines.0.description', 'validation.controlCharacters'),
    );
    expect(await counts()).toEqual(before);
  });

  it('keeps line breaks, tabs, emoji and right-to-left text, and the e-invoice stays well-formed XML', async () => {
    const text = 'Mehl „Type 550“\tfür Brötchen\r\nשלום 👨‍👩‍👧 \u202Eende';
    const buyer = await customer(t.bookkeeper, { name: `Bäckerei ${text}`, eInvoiceFormat: 'xrechnung-cii' });
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: buyer.id, lines: [{ productId: p.id, quantity: '1', description: text }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
    const file = await unwrap(t.bookkeeper.invoke('documents.get', { invoiceId: draft.id, format: 'xrechnung-cii' }));
    const xml = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    expect(xml).toContain('שלום 👨‍👩‍👧');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD\uFFFE\uFFFF]/);
  });
});

describe('input as structured clone carries it (Electron IPC)', () => {
  it('treats a field sent as undefined like a field left out', async () => {
    const spare = await unwrap(t.admin.invoke('users.create', { name: 'Karla Kasse', email: 'karla@example.org', role: 'cashier', password: 'Sicheres-Passwort-9' }));
    const admin = { user: null, token: null };
    await unwrap(app.services.dispatch('auth.login', { login: 'anna@example.org', password: 'Geheim-Passwort-1' }, admin) as never);
    const result = await app.services.dispatch('users.update', { id: spare.id, name: 'Karla Kasse-Meyer', active: undefined, language: undefined }, admin);
    expect(result).toMatchObject({ ok: true, value: { name: 'Karla Kasse-Meyer', active: true, language: 'de' } });
  });
});

