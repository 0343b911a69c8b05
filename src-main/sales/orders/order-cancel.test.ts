import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

const auditOf = async (id: string) =>
  (await app.services.books.db.facts.find({ selector: { kind: 'audit', subjectId: id } }).exec()).map((f) => f.toMutableJSON().audit!).filter((a) => a.action === 'order.cancelled');

describe('cancelling an order', () => {
  it('needs a reason: without one nothing changes; the reason stays with the order and in the audit log', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '10' }));
    const draft = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '4' }] }));
    const order = await unwrap(t.bookkeeper.invoke('orders.confirm', { id: draft.id }));

    for (const input of [{ id: order.id }, { id: order.id, reason: '   ' }]) {
      expect(await t.bookkeeper.invoke('orders.cancel', input as { id: string; reason: string })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'reason', problem: 'validation.reasonRequired' }] } } });
    }
    expect(await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).toMatchObject({ status: 'confirmed', cancelReason: '' });
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toMatchObject({ reserved: '4' });
    expect(await auditOf(order.id)).toEqual([]);

    const cancelled = await unwrap(t.bookkeeper.invoke('orders.cancel', { id: order.id, reason: ' Kunde hat telefonisch abgesagt ' }));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Kunde hat telefonisch abgesagt' });
    expect(await unwrap(t.supervisor.invoke('orders.get', { id: order.id }))).toMatchObject({ cancelReason: 'Kunde hat telefonisch abgesagt' });
    const [entry] = await auditOf(order.id);
    expect(JSON.stringify(entry!.after)).toContain('Kunde hat telefonisch abgesagt');
  });
});
