/**
 * Counted items are sold whole: 2,5 "Stück" of a book is refused on orders and invoices, naming
 * the line's quantity; what is measured (kilograms, hours) may have decimals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../src-shared/i18n/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { quantityProblems } from './rules.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

describe('quantities of counted items are whole', () => {
  it('refuses 2,5 pieces of a book on an order and an invoice, naming the line, and writes nothing', async () => {
    const book = await product(t.bookkeeper, { sku: 'BUCH-01', nameDe: 'Buch', unit: 'C62', netPrice: '24.90', vatRate: '7' });
    const c = await customer(t.bookkeeper);
    const wholeQuantity = { field: 'lines.0.quantity', problem: 'validation.wholeQuantity', params: { unit: 'C62' } };
    const order = await t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: book.id, quantity: '2.5' }] });
    expect(order).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [wholeQuantity] } } });
    const draft = await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: book.id, quantity: '2.5' }] });
    expect(draft).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [wholeQuantity] } } });
    const pieceGiven = await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Schrauben', netUnitPrice: '0.10', quantity: '10.5', unit: 'H87' }] });
    expect(pieceGiven).toMatchObject({ ok: false, error: { details: { fields: [{ ...wholeQuantity, params: { unit: 'H87' } }] } } });
    expect(await app.services.books.db.orders.count().exec()).toBe(0);
    expect(await app.services.books.db.invoices.count().exec()).toBe(0);
    expect(translate('de', 'validation.wholeQuantity', { unit: translate('de', 'units.C62') })).toBe('Stück werden ganz gezählt');
    expect(translate('en', 'validation.wholeQuantity', { unit: translate('en', 'units.C62') })).toBe('Piece: whole numbers only');
  });

  it('takes 2 pieces and 2,5 kilograms or hours', async () => {
    const book = await product(t.bookkeeper, { sku: 'BUCH-01', unit: 'C62' });
    const flour = await product(t.bookkeeper, { sku: 'MEHL-LOSE', unit: 'KGM' });
    const c = await customer(t.bookkeeper);
    const order = await unwrap(
      t.bookkeeper.invoke('orders.save', {
        customerId: c.id,
        orderDate: '2026-11-20',
        lines: [
          { productId: book.id, quantity: '2.000' },
          { productId: flour.id, quantity: '2.5' },
          { description: 'Beratung', netUnitPrice: '90', quantity: '1.5', unit: 'HUR' },
        ],
      }),
    );
    expect(order.lines.map((l) => l.quantity)).toEqual(['2', '2.5', '1.5']);
  });

  it('refuses an imported order line of 2,5 pieces, naming the file line and column, and imports nothing', async () => {
    await product(t.bookkeeper, { sku: 'BUCH-01', unit: 'C62' });
    const c = await customer(t.bookkeeper);
    const csv = ['order_number,customer_number,order_date,sku,quantity', `A1,${c.number},2026-11-20,BUCH-01,2`, `A2,${c.number},2026-11-20,BUCH-01,2.5`].join('\n');
    const result = await t.bookkeeper.invoke('orders.importCsv', { fileName: 'shop.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', details: { problems: [{ line: 3, field: 'quantity', problem: 'import.wholeQuantity', value: '2.5' }] } } });
    expect(await app.services.books.db.orders.count().exec()).toBe(0);
  });

  it('refuses a credit note for 1,5 of 3 pieces, and credits 1 piece', async () => {
    const book = await product(t.bookkeeper, { sku: 'BUCH-01', unit: 'C62', netPrice: '24.90', vatRate: '7' });
    const c = await customer(t.bookkeeper);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: book.id, quantity: '3' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    const invoice = await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
    const half = await t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Rückgabe', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1.5' }] });
    expect(half).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines.0.quantity', problem: 'validation.wholeQuantity', params: { unit: 'C62' } }] } } });
    const one = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Rückgabe', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
    expect(one.lines.map((l) => l.quantity)).toEqual(['1']);
  });

  it('holds the rule for every unit the app offers as counted', () => {
    for (const unit of ['C62', 'H87', 'XPP', 'EA', 'LS']) expect(quantityProblems([{ quantity: '1.5', unit }]), unit).toHaveLength(1);
    for (const unit of ['KGM', 'MTR', 'HUR', 'LTR', 'DAY', 'MON']) expect(quantityProblems([{ quantity: '1.5', unit }]), unit).toEqual([]);
  });
});
