import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import type { CustomerView, ProductView } from '../../src-shared/contract/index.js';

let app: TestApp;
let t: Team;
let c: CustomerView;
let p: ProductView;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  c = await customer(t.bookkeeper);
  p = await product(t.bookkeeper, { stockTracked: true });
});
afterAll(async () => app.stop());

const counts = async () => ({
  orders: await app.services.books.db.orders.count().exec(),
  invoices: await app.services.books.db.invoices.count().exec(),
  customers: await app.services.books.db.customers.count().exec(),
  products: await app.services.books.db.products.count().exec(),
  facts: await app.services.books.db.facts.count().exec(),
});

/** Refused as bad input (never INTERNAL), naming the field, the problem and the limit it passed. */
function refused(field: string, problem: string, params?: Record<string, string | number>) {
  return { ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field, problem, ...(params ? { params } : {}) }] } } };
}

const NEW_CUSTOMER = { name: 'Café Morgenrot', billingAddress: { street: 'Ring 1', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business' as const };

describe('amounts and quantities have sane bounds that the field error names', () => {
  it('a credit limit of 999999999999 is refused at the field with the largest amount, and nothing is written', async () => {
    const before = await counts();
    expect(await t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, creditLimit: '999999999999' })).toMatchObject(refused('creditLimit', 'validation.tooLarge', { max: '99999999.99' }));
    expect(await t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, creditLimit: '100000000' })).toMatchObject(refused('creditLimit', 'validation.tooLarge', { max: '99999999.99' }));
    expect(await counts()).toEqual(before);
    const largest = await unwrap(t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, creditLimit: '99999999.99' }));
    expect(largest.creditLimit).toBe(9_999_999_999);
  });

  it('a quantity of 999999999999 on an order or an invoice names the line quantity and the most units', async () => {
    const before = await counts();
    const lines = [{ productId: p.id, quantity: '999999999999' }];
    expect(await t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines })).toMatchObject(refused('lines.0.quantity', 'validation.tooLarge', { max: '1000000' }));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines })).toMatchObject(refused('lines.0.quantity', 'validation.tooLarge', { max: '1000000' }));
    expect(await t.bookkeeper.invoke('products.receiveStock', { productId: p.id, quantity: '99999999999' })).toMatchObject(refused('quantity', 'validation.beyondLimit', { max: '1000000' }));
    expect(await counts()).toEqual(before);
  });

  it('a price of 99,999,999,999,999.00 is not saved', async () => {
    const before = await counts();
    expect(await t.bookkeeper.invoke('products.save', { sku: 'GROSS-1', nameDe: 'Zu teuer', netPrice: '99999999999999.00', vatRate: '19' })).toMatchObject(
      refused('netPrice', 'validation.tooLarge', { max: '99999999.99' }),
    );
    expect(await t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: p.id, quantity: '1', netUnitPrice: '100000000' }] })).toMatchObject(
      refused('lines.0.netUnitPrice', 'validation.tooLarge', { max: '99999999.99' }),
    );
    expect(await counts()).toEqual(before);
  });

  it('a date outside 1900 to 2199 is refused at its field, so no due date runs past the year 9999', async () => {
    const before = await counts();
    const lines = [{ productId: p.id, quantity: '1' }];
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, issueDate: '9999-12-31', lines } as never)).toMatchObject(refused('issueDate', 'validation.date'));
    expect(await t.bookkeeper.invoke('payments.record', { date: '1899-12-31', amount: '10.00' } as never)).toMatchObject(refused('date', 'validation.date'));
    expect(await counts()).toEqual(before);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, issueDate: '2199-12-31', lines } as never));
    expect(draft.dueDate).toBe('2200-01-14');
  });

  it('payments and dunning fees name their limit', async () => {
    expect(await t.admin.invoke('payments.record', { date: '2026-11-01', amount: '999999999999' })).toMatchObject(refused('amount', 'validation.tooLarge', { max: '99999999.99' }));
    const settings = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
    const euros = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const levels = settings.levels.map((l) => ({ ...l, feeConsumer: euros(l.feeConsumer), feeBusiness: l.level === 2 ? '2500' : euros(l.feeBusiness) }));
    expect(await t.bookkeeper.invoke('reminders.saveSettings', { levels, chargeInterest: true, flatFeeBusiness: false })).toMatchObject(refused('levels.2.feeBusiness', 'validation.tooLarge', { max: '1000.00' }));
  });

  it('a text that is too long names the most characters, a number out of range its bound', async () => {
    expect(await t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, name: 'x'.repeat(201) })).toMatchObject(refused('name', 'validation.tooLong', { max: 200 }));
    expect(await t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, skontoDays: 400 })).toMatchObject(refused('skontoDays', 'validation.outOfRange', { max: 365 }));
  });
});

describe('postcodes', () => {
  it('a German postcode is exactly five digits, on customers and the company; other countries keep theirs', async () => {
    const before = await counts();
    for (const postalCode of ['abcde', '1234', '123456'])
      expect(await t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, billingAddress: { ...NEW_CUSTOMER.billingAddress, postalCode } })).toMatchObject(
        refused('billingAddress.postalCode', 'validation.postalCodeDE'),
      );
    expect(await t.admin.invoke('settings.saveCompany', { ...COMPANY, postalCode: 'abcde' })).toMatchObject(refused('postalCode', 'validation.postalCodeDE'));
    expect(await counts()).toEqual(before);
    const vienna = await unwrap(t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, billingAddress: { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' } }));
    expect(vienna.billingAddress.postalCode).toBe('1010');
  });
});

describe('Skonto', () => {
  it('a discount percent needs days, fewer than the payment term', async () => {
    const before = await counts();
    expect(await t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, skontoPercent: '2', skontoDays: 0 })).toMatchObject(refused('skontoDays', 'validation.skontoDaysRequired'));
    expect(await t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, skontoPercent: '2', skontoDays: 14 })).toMatchObject(refused('skontoDays', 'validation.skontoWithinTerms', { terms: 14 }));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, paymentTermsDays: 14, skontoPercent: '2', lines: [{ productId: p.id, quantity: '1' }] })).toMatchObject(
      refused('skontoDays', 'validation.skontoDaysRequired'),
    );
    expect(await counts()).toEqual(before);
    const ok = await unwrap(t.bookkeeper.invoke('customers.save', { ...NEW_CUSTOMER, skontoPercent: '2', skontoDays: 10 }));
    expect(ok).toMatchObject({ skontoPercent: '2', skontoDays: 10 });
  });
});
