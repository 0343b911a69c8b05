/**
 * The same state-changing action twice at once, as two windows or two users would send it:
 * exactly one effect, the other call refused with a clear code (or answered with the same
 * result), and the books consistent afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, Result } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../support/books.js';
import { ADMIN, adminSetup, PASSWORD, startTestApp, unwrap, type TestApp } from '../support/services.js';
import { issued } from '../support/pdf.js';

let app: TestApp;
let t: Team;
let now: Date;

type Outcome = Result<unknown>;

/** Both calls at once; returns their outcomes as `ok` or the error code, sorted. */
async function twice(first: () => Promise<Outcome>, second: () => Promise<Outcome>): Promise<string[]> {
  const results = await Promise.all([first(), second()]);
  return results.map((r) => (r.ok ? 'ok' : r.error.code)).sort();
}

async function auditActions(action: string, entityId?: string): Promise<number> {
  const facts = await app.services.books.db.facts.find({ selector: { kind: 'audit' } }).exec();
  return facts.filter((f) => f.audit?.action === action && (entityId === undefined || f.audit.entityId === entityId)).length;
}

async function login(role: string, name: string): Promise<{ client: ApiClient; id: string }> {
  const user = await unwrap(t.admin.invoke('users.create', { name, email: `${name.toLowerCase().replace(/\W/g, '')}@muster.example`, role, password: PASSWORD } as never));
  const client = app.client();
  await unwrap(client.invoke('auth.login', { userId: user.id, password: PASSWORD }));
  return { client, id: user.id };
}

async function expectBooksSound(): Promise<void> {
  expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
}

describe('the same action twice at once has exactly one effect', () => {
  beforeEach(async () => {
    now = new Date('2026-12-02T09:00:00Z');
    app = await startTestApp(() => now);
    t = await team(app);
  });
  afterEach(async () => app.stop());

  it('issuing one invoice: one number, stock booked once', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '50' }));
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: flour.id, quantity: '5' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));

    const outcomes = await twice(() => t.bookkeeper.invoke('invoices.issue', { id: draft.id }), () => t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.find((o) => o !== 'ok')).toMatch(/^(CONFLICT|INVOICE_IMMUTABLE)$/);
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '45', reserved: '0', available: '45' });
    const list = await unwrap(t.bookkeeper.invoke('invoices.list', {}));
    expect(list.items.map((i) => i.number).filter(Boolean)).toEqual(['RE-2026-A-000001']);
    await expectBooksSound();
  });

  it('issuing two invoices in two overlapping batches: each once, numbers 1 and 2 without a gap', async () => {
    const c = await customer(t.bookkeeper);
    const ids: string[] = [];
    for (const net of ['10', '20']) {
      const d = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: `Leistung ${net}`, quantity: '1', netUnitPrice: net }] }));
      await unwrap(t.bookkeeper.invoke('invoices.submit', { id: d.id }));
      await unwrap(t.supervisor.invoke('invoices.approve', { id: d.id }));
      ids.push(d.id);
    }
    const outcomes = await twice(() => t.bookkeeper.invoke('invoices.issueMany', { ids }), () => t.supervisor.invoke('invoices.issueMany', { ids: [...ids].reverse() }));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    const numbers = (await unwrap(t.bookkeeper.invoke('invoices.list', {}))).items.map((i) => i.number).sort();
    expect(numbers).toEqual(['RE-2026-A-000001', 'RE-2026-A-000002']);
    await expectBooksSound();
  });

  it('submitting and approving: one submission, one approval', async () => {
    const other = await login('supervisor', 'Sofia Second');
    const c = await customer(t.bookkeeper);
    const d = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100' }] }));
    const submitted = await twice(() => t.bookkeeper.invoke('invoices.submit', { id: d.id }), () => t.bookkeeper.invoke('invoices.submit', { id: d.id }));
    expect(submitted.filter((o) => o === 'ok')).toHaveLength(1);
    expect(await auditActions('invoice.submitted', d.id)).toBe(1);

    const approved = await twice(() => t.supervisor.invoke('invoices.approve', { id: d.id }), () => other.client.invoke('invoices.approve', { id: d.id }));
    expect(approved.filter((o) => o === 'ok')).toHaveLength(1);
    expect(await auditActions('invoice.approved', d.id)).toBe(1);
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: d.id }))).status).toBe('approved');
    await expectBooksSound();
  });

  it('confirming an order: stock reserved once; invoicing it: one draft', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '10' }));
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '4' }] }));
    const confirmed = await twice(() => t.bookkeeper.invoke('orders.confirm', { id: order.id }), () => t.supervisor.invoke('orders.confirm', { id: order.id }));
    expect(confirmed.filter((o) => o === 'ok')).toHaveLength(1);
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '10', reserved: '4', available: '6' });

    const drafts = await twice(
      () => t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [order.id] }),
      () => t.supervisor.invoke('invoices.createFromOrders', { orderIds: [order.id] }),
    );
    expect(drafts.filter((o) => o === 'ok')).toHaveLength(1);
    const invoices = (await unwrap(t.bookkeeper.invoke('invoices.list', {}))).items;
    expect(invoices).toHaveLength(1);
    await expectBooksSound();
  });

  it('invoicing confirmed orders: two batch jobs and a user at once make one invoice per order', async () => {
    const c = await customer(t.bookkeeper);
    const orders: string[] = [];
    for (const n of [1, 2, 3]) {
      const o = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ description: `Leistung ${n}`, quantity: '1', netUnitPrice: '10', unit: 'C62' }] } as never));
      await unwrap(t.bookkeeper.invoke('orders.confirm', { id: o.id }));
      orders.push(o.id);
    }
    const [first, second, byHand] = await Promise.all([
      t.bookkeeper.invoke('jobs.invoiceConfirmedOrders', {}),
      t.supervisor.invoke('jobs.invoiceConfirmedOrders', {}),
      t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [orders[0]!] }),
    ]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(byHand.ok || byHand.error.code === 'INVALID_STATE').toBe(true);
    await app.services.jobs.idle();
    const invoices = (await unwrap(t.bookkeeper.invoke('invoices.list', {}))).items;
    const docs = await app.services.books.db.invoices.findByIds(invoices.map((i) => i.id)).exec();
    const perOrder = orders.map((id) => [...docs.values()].filter((d) => d.orderIds?.includes(id)).length);
    expect(perOrder).toEqual([1, 1, 1]);
    await expectBooksSound();
  });

  it('allocating a payment to an invoice, and reversing that allocation: each once', async () => {
    const c = await customer(t.bookkeeper);
    const inv = await issued(t, { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100' }] });
    const cashier = await login('cashier', 'Carla Cash');
    const payment = await unwrap(cashier.client.invoke('payments.record', { date: '2026-12-01', amount: '119.00', customerId: c.id } as never));
    const allocation = { invoiceId: inv.id, amount: '119.00' };
    const outcomes = await twice(
      () => cashier.client.invoke('payments.allocate', { paymentId: payment.id, allocations: [allocation] } as never),
      () => t.bookkeeper.invoke('payments.allocate', { paymentId: payment.id, allocations: [allocation] } as never),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    const state = await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: inv.id }));
    expect(state.payments).toHaveLength(1);
    expect(state.item.open).toBe(0);

    const reversed = await twice(
      () => t.bookkeeper.invoke('payments.reverseAllocation', { id: state.payments[0]!.allocationId }),
      () => t.supervisor.invoke('payments.reverseAllocation', { id: state.payments[0]!.allocationId }),
    );
    expect(reversed.filter((o) => o === 'ok')).toHaveLength(1);
    expect((await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: inv.id }))).item.open).toBe(11900);
    await expectBooksSound();
  });

  it('importing one bank statement: its entries once', async () => {
    const c = await customer(t.bookkeeper, { name: 'Bäckerei Größe KG' });
    await issued(t, { customerId: c.id, lines: [{ description: 'Brot', quantity: '1', netUnitPrice: '100' }] });
    const file = { fileName: 'camt053-two-statements.xml', dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements/camt053-two-statements.xml')).toString('base64') };
    const results = await Promise.all([t.bookkeeper.invoke('payments.importStatement', file), t.supervisor.invoke('payments.importStatement', file)]);
    const imported = results.map((r) => (r.ok ? r.value.imported : 0));
    expect(imported.reduce((a, b) => a + b, 0)).toBe(4);
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(4);
    await expectBooksSound();
  });

  it('changing roles: two admins who demote each other at once leave one admin', async () => {
    const second = await login('admin', 'Bernd Admin');
    const first = (await unwrap(t.admin.invoke('auth.whoami', {})))!.id;
    const outcomes = await twice(
      () => t.admin.invoke('users.update', { id: second.id, role: 'bookkeeper' } as never),
      () => second.client.invoke('users.update', { id: first, role: 'bookkeeper' } as never),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    const users = await app.services.books.db.users.find().exec();
    expect(users.filter((u) => u.role === 'admin' && u.active)).toHaveLength(1);
    await expectBooksSound();
  });

  it('the reminder run: one letter per invoice and level', async () => {
    const c = await customer(t.bookkeeper);
    await issued(t, { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100' }] });
    // Two months later the invoice is overdue.
    now = new Date('2027-02-02T09:00:00Z');
    const outcomes = await twice(() => t.bookkeeper.invoke('reminders.run', {}), () => t.supervisor.invoke('reminders.run', {}));
    expect(outcomes).toContain('ok');
    await app.services.jobs.idle();
    const reminders = await app.services.books.db.facts.find({ selector: { kind: 'reminder' } }).exec();
    expect(reminders).toHaveLength(1);
    await expectBooksSound();
  });

  it('a payment request: approved once, executed once, one payment booked', async () => {
    const other = await login('supervisor', 'Sofia Second');
    const cashier = await login('cashier', 'Carla Cash');
    const request = await unwrap(t.bookkeeper.invoke('paymentRequests.create', { purpose: 'payout', amount: '25.50', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE44 5001 0517 5407 3249 31' } as never));
    const approved = await twice(() => t.supervisor.invoke('paymentRequests.approve', { id: request.id }), () => other.client.invoke('paymentRequests.approve', { id: request.id }));
    expect(approved.filter((o) => o === 'ok')).toHaveLength(1);
    const executed = await twice(
      () => cashier.client.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' }),
      () => cashier.client.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' }),
    );
    expect(executed).toEqual(['INVALID_STATE', 'ok']);
    const outgoing = (await unwrap(t.bookkeeper.invoke('payments.list', { direction: 'outgoing' }))).items;
    expect(outgoing.map((p) => p.amount)).toEqual([2550]);
    await expectBooksSound();
  });
});

describe('setting up the first administrator twice at once', () => {
  it('creates one administrator', async () => {
    const fresh = await startTestApp();
    try {
      const input = adminSetup(fresh);
      const outcomes = await twice(
        () => fresh.client().invoke('auth.setupAdmin', input),
        () => fresh.client().invoke('auth.setupAdmin', { ...input, name: 'Zweiter Admin', email: 'zwei@example.org' }),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      const users = await fresh.services.books.db.users.find().exec();
      expect(users.map((u) => u.role)).toEqual(['admin']);
      expect([ADMIN.email, 'zwei@example.org']).toContain(users[0]!.email);
    } finally {
      await fresh.stop();
    }
  });
});
