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
    const result = await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '99999999999', netUnitPrice: '99999999999' }] });
    expect(result).toMatchObject(refusedNaming('lines.0', 'validation.outOfRange'));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1'.padEnd(40, '0') }] })).toMatchObject(
      refusedNaming('lines.0.quantity', 'validation.outOfRange'),
    );
    expect(await counts()).toEqual(before);
  });

  it('names the VAT rate of a standard-rated line at 0 %', async () => {
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1', vatCategory: 'S', vatRate: '0' }] })).toMatchObject(
      refusedNaming('lines.0.vatRate', 'validation.standardRate'),
    );
  });

  it('keeps tiny quantities and prices as the decimals typed', async () => {
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '0.0000001', netUnitPrice: '0.00000001' }] }));
    expect(draft.lines[0]).toMatchObject({ quantity: '0.0000001', netUnitPrice: '0.00000001' });
    const cheap = await unwrap(t.bookkeeper.invoke('products.save', { sku: 'SALZ-1', nameDe: 'Salz, eine Prise', netPrice: '0.00000001', vatRate: '7' }));
    expect(cheap.netPrice).toBe('0.00000001');
  });

  it('refuses a credit limit with more than two decimals or beyond the books', async () => {
    const before = await counts();
    const input = { name: 'Café Morgenrot', billingAddress: { street: 'Ring 1', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business' as const };
    expect(await t.bookkeeper.invoke('customers.save', { ...input, creditLimit: '1.999' })).toMatchObject(refusedNaming('creditLimit', 'validation.amount'));
    expect(await t.bookkeeper.invoke('customers.save', { ...input, creditLimit: '99999999999999999999' })).toMatchObject(refusedNaming('creditLimit', 'validation.outOfRange'));
    expect(await counts()).toEqual(before);
  });

  it('refuses payments, allocations and payment requests beyond the books, naming the amount', async () => {
    const before = await counts();
    const huge = '99999999999999999999';
    expect(await t.admin.invoke('payments.record', { date: '2026-11-01', amount: huge })).toMatchObject(refusedNaming('amount', 'validation.outOfRange'));
    expect(await t.admin.invoke('payments.record', { date: '2026-11-01', amount: '1.00', allocations: [{ invoiceId: 'x', amount: huge }] })).toMatchObject(
      refusedNaming('allocations.0.amount', 'validation.outOfRange'),
    );
    expect(await t.admin.invoke('paymentRequests.create', { purpose: 'refund', amount: huge, counterpartyName: 'Café Morgenrot' })).toMatchObject(refusedNaming('amount', 'validation.outOfRange'));
    expect(await counts()).toEqual(before);
  });

  it('refuses dunning fees the books cannot keep, naming the level', async () => {
    const settings = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
    const euros = (cents: number) => (cents / 100).toFixed(2);
    const levels = settings.levels.map((l) => ({ ...l, feeConsumer: euros(l.feeConsumer), feeBusiness: l.level === 2 ? '99999999' : euros(l.feeBusiness) }));
    expect(await t.bookkeeper.invoke('reminders.saveSettings', { levels, chargeInterest: true, flatFeeBusiness: false })).toMatchObject(refusedNaming('levels.2.feeBusiness', 'validation.outOfRange'));
  });
});
