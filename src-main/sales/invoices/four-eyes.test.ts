/**
 * Four eyes on approval: whoever created, edited or submitted a document may not approve it,
 * one by one or several at once; a third person may.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src-shared/contract/index.js';
import { customer, team, type Team } from '../../../tests/support/books.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

async function bookkeepersDraft(): Promise<{ id: string; customerId: string }> {
  const c = await customer(t.bookkeeper);
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '2', netUnitPrice: '80', unit: 'HUR' }] }));
  return { id: draft.id, customerId: c.id };
}

async function secondSupervisor(): Promise<ApiClient> {
  const other = await unwrap(t.admin.invoke('users.create', { name: 'Sven Zweitprüfer', email: 'sven@example.org', role: 'supervisor', password: PASSWORD }));
  const client = app.client();
  await unwrap(client.invoke('auth.login', { userId: other.id, password: PASSWORD }));
  return client;
}

describe('four eyes on invoice approval', () => {
  it('refuses a supervisor who edited a bookkeeper’s draft and submitted it, one by one and in bulk; a third person approves', async () => {
    const draft = await bookkeepersDraft();
    // The supervisor raises the price in the bookkeeper's draft and submits it himself.
    await unwrap(t.supervisor.invoke('invoices.saveDraft', { id: draft.id, customerId: draft.customerId, lines: [{ description: 'Beratung', quantity: '2', netUnitPrice: '180', unit: 'HUR' }] }));
    await unwrap(t.supervisor.invoke('invoices.submit', { id: draft.id }));

    expect(await t.supervisor.invoke('invoices.approve', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await t.supervisor.invoke('invoices.approveMany', { ids: [draft.id] })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES', details: { ids: [draft.id] } } });
    expect((await unwrap(t.supervisor.invoke('invoices.get', { id: draft.id }))).status).toBe('submitted');
    const queue = await unwrap(t.supervisor.invoke('approval.queue', {}));
    expect(queue.find((q) => q.id === draft.id)?.mayApprove).toBe(false);

    // Another supervisor, who did not touch it, may.
    const other = await secondSupervisor();
    expect((await unwrap(other.invoke('approval.queue', {}))).find((q) => q.id === draft.id)?.mayApprove).toBe(true);
    expect(await unwrap(other.invoke('invoices.approve', { id: draft.id }))).toMatchObject({ status: 'approved' });
  });

  it('refuses whoever only submitted a draft, also when it comes back after a rejection', async () => {
    const draft = await bookkeepersDraft();
    await unwrap(t.admin.invoke('invoices.submit', { id: draft.id }));
    expect(await t.admin.invoke('invoices.approve', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await t.admin.invoke('invoices.approveMany', { ids: [draft.id] })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });

    // Rejected by the supervisor, corrected and submitted by the bookkeeper: the admin stays out,
    // the supervisor, who only rejected it, may approve.
    await unwrap(t.supervisor.invoke('invoices.reject', { id: draft.id, reason: 'Stundensatz prüfen' }));
    await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { id: draft.id, customerId: draft.customerId, lines: [{ description: 'Beratung', quantity: '2', netUnitPrice: '75', unit: 'HUR' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    expect(await t.admin.invoke('invoices.approve', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await unwrap(t.supervisor.invoke('invoices.approveMany', { ids: [draft.id] }))).toEqual({ approved: 1 });
  });

  it('shows on the invoice who took part, so the screen can tell the approver why not', async () => {
    const draft = await bookkeepersDraft();
    await unwrap(t.supervisor.invoke('invoices.saveDraft', { id: draft.id, customerId: draft.customerId, lines: [{ description: 'Beratung', quantity: '3', netUnitPrice: '80', unit: 'HUR' }] }));
    const submitted = await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    expect(submitted).toMatchObject({ createdBy: t.ids.bookkeeper, submittedBy: [t.ids.bookkeeper] });
    expect([...submitted.editedBy].sort()).toEqual([t.ids.bookkeeper, t.ids.supervisor].sort());
  });

  it('counts whoever wrote or changed the order an invoice is made from: the supervisor who priced it does not approve it', async () => {
    const c = await customer(t.bookkeeper);
    // The supervisor writes the order with a free line at his own price, a bookkeeper changes the date.
    const order = await unwrap(t.supervisor.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ description: 'Sonderleistung', quantity: '1', netUnitPrice: '9999', unit: 'C62' }] } as never));
    const third = await secondSupervisor();
    await unwrap(t.bookkeeper.invoke('orders.save', { id: order.id, customerId: c.id, orderDate: '2026-11-21', lines: [{ description: 'Sonderleistung', quantity: '1', netUnitPrice: '9999', unit: 'C62' }] } as never));
    await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
    const draft = await unwrap(t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [order.id] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));

    expect(await t.supervisor.invoke('invoices.approve', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await t.supervisor.invoke('invoices.approveMany', { ids: [draft.id] })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect((await unwrap(third.invoke('invoices.approve', { id: draft.id }))).status).toBe('approved');
  });
});
