import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

const stockOf = async (productId: string) => (await unwrap(t.bookkeeper.invoke('products.get', { id: productId }))).stock;

describe('quantities on orders and invoices are positive', () => {
  it('refuses an order or invoice line of -3, naming the line and field, and writes nothing', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    const order = await t.bookkeeper.invoke('orders.save', {
      customerId: c.id,
      orderDate: '2026-11-20',
      lines: [
        { productId: flour.id, quantity: '2' },
        { productId: flour.id, quantity: '-3' },
      ],
    });
    expect(order).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines.1.quantity', problem: 'validation.positive' }] } } });
    const draft = await t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: flour.id, quantity: '-1' }] });
    expect(draft).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines.0.quantity', problem: 'validation.positive' }] } } });
    expect(await app.services.books.db.orders.count().exec()).toBe(0);
    expect(await app.services.books.db.invoices.count().exec()).toBe(0);
  });

  it('refuses an imported order line of -2, naming the file line and column, and imports nothing', async () => {
    const c = await customer(t.bookkeeper);
    await product(t.bookkeeper);
    const csv = ['order_number,customer_number,order_date,sku,quantity', `A1,${c.number},2026-11-20,MEHL-25,2`, `A2,${c.number},2026-11-20,MEHL-25,-2`].join('\n');
    const result = await t.bookkeeper.invoke('orders.importCsv', { fileName: 'retoure.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64') });
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', details: { problems: [{ line: 3, field: 'quantity', problem: 'import.quantity' }] } } });
    expect(await app.services.books.db.orders.count().exec()).toBe(0);
  });

  it('does not confirm a stored draft order with a negative line: nothing is reserved, available stock stays', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '10' }));
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '3' }] }));
    // As an earlier version of the app saved it.
    const stored = await app.services.books.db.orders.findOne(order.id).exec();
    await stored!.incrementalPatch({ lines: [{ ...(stored!.toMutableJSON().lines[0] as object), quantity: '-3' }] as never });

    const refused = await t.bookkeeper.invoke('orders.confirm', { id: order.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines.0.quantity', problem: 'validation.positive' }] } } });
    expect((await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).status).toBe('draft');
    expect(await stockOf(flour.id)).toEqual({ onHand: '10', reserved: '0', available: '10' });
  });
});

describe('stored documents from before the rule', () => {
  it('does not issue an approved invoice with a negative line', async () => {
    const c = await customer(t.bookkeeper);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '80' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    const stored = await app.services.books.db.invoices.findOne(draft.id).exec();
    await stored!.incrementalPatch({ lines: [{ ...(stored!.toMutableJSON().lines[0] as object), quantity: '-1' }] as never });
    expect(await t.bookkeeper.invoke('invoices.issue', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'lines.0.quantity', problem: 'validation.positive' }] } } });
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: draft.id }))).status).toBe('approved');
  });
});

describe('stock corrections', () => {
  it('refuses a correction that leaves stock below zero unless it is confirmed; both are audited as before', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '10' }));
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '-4', note: 'Bruch' }));
    expect(await stockOf(flour.id)).toMatchObject({ onHand: '6' });

    const refused = await t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '-8', note: 'Inventur' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_STOCK', details: { needsConfirmation: true, onHand: '6', after: '-2', fields: [{ field: 'quantity', problem: 'validation.stockWouldBeNegative' }] } },
    });
    expect(await stockOf(flour.id)).toMatchObject({ onHand: '6' });

    const confirmed = await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '-8', note: 'Inventur', confirmNegative: true }));
    expect(confirmed).toMatchObject({ onHand: '-2', available: '-2' });
    const audit = (await app.services.books.db.facts.find({ selector: { kind: 'audit', subjectId: flour.id } }).exec()).map((f) => f.audit!);
    expect(audit.filter((a) => a.action === 'stock.received')).toHaveLength(3);
  });
});
