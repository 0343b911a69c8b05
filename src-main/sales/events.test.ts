import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerInputOf } from '../../src-shared/contract/index.js';
import type { DomainEvents } from '../server/events.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let heard: { event: keyof DomainEvents; payload: unknown }[];
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
  heard = [];
  for (const event of ['invoices.issued', 'order.confirmed', 'customer.changed'] as const) app.services.bus.on(event, (payload) => heard.push({ event, payload }));
});
afterEach(async () => app.stop());

describe('what the sales side tells the others', () => {
  it('says on the one event bus that an order was confirmed and its invoice issued, once each and after the write', async () => {
    const flour = await product(t.bookkeeper);
    const c = await customer(t.bookkeeper);
    const draft = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '2' }] }));
    expect(heard).toEqual([]);
    await unwrap(t.bookkeeper.invoke('orders.confirm', { id: draft.id }));
    expect(heard).toEqual([{ event: 'order.confirmed', payload: { orderId: draft.id, userId: t.ids.bookkeeper } }]);

    const invoice = await unwrap(t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [draft.id] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: invoice.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: invoice.id }));
    expect(heard).toHaveLength(1);
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: invoice.id }));
    expect(heard.slice(1)).toEqual([{ event: 'invoices.issued', payload: { ids: [invoice.id], userId: t.ids.bookkeeper } }]);
  });

  it('says that a customer changed, with the customer before and after, and nothing for a new one', async () => {
    const c = await customer(t.bookkeeper);
    expect(heard).toEqual([]);
    const changed = await unwrap(t.bookkeeper.invoke('customers.save', { ...customerInputOf(c), invoiceEmails: ['neu@kunde.example'] }));
    expect(heard).toEqual([{ event: 'customer.changed', payload: { before: c, after: changed, userId: t.ids.bookkeeper } }]);
  });
});
