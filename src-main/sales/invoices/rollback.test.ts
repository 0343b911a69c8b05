import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { openHandle } from '../../store/sqlite-storage/connection.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

/** 100 sacks of flour in stock and an approved invoice for 10 of them; the stock as the screen shows it, read so that it is cached. */
async function approvedWithStock() {
  const flour = await product(t.bookkeeper, { stockTracked: true });
  const c = await customer(t.bookkeeper);
  await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '100' }));
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: flour.id, quantity: '10' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toMatchObject({ onHand: '100' });
  return { flour, draft };
}

describe('a write that fails leaves nothing behind', () => {
  it('issuing one invoice twice at once: one number, one stock booking, also as shown before a restart', async () => {
    const { flour, draft } = await approvedWithStock();

    const [first, second] = await Promise.all([
      t.bookkeeper.invoke('invoices.issue', { id: draft.id }),
      t.supervisor.invoke('invoices.issue', { id: draft.id }),
    ]);
    const outcomes = [first, second].map((r) => (r.ok ? 'issued' : r.error.code)).sort();
    expect(outcomes[0]).toMatch(/^(CONFLICT|INVOICE_IMMUTABLE)$/);
    expect(outcomes[1]).toBe('issued');

    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '90', reserved: '0', available: '90' });
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: draft.id }))).number).toBe('RE-2026-A-000001');
    const movements = await app.services.books.db.facts.find({ selector: { kind: 'stockMovement' } }).exec();
    expect(movements.filter((m) => m.stockMovement?.invoiceId === draft.id).length).toBe(1);
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });

  it('issuing that fails after booking its stock: the stock shown is what the file holds', async () => {
    const { flour, draft } = await approvedWithStock();

    // The database refuses the invoice's new state, after the stock movements of the same write.
    const db = openHandle(app.services.books.filename)!;
    const table = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%invoices%'`).get() as { name: string }).name;
    db.exec(`CREATE TEMP TRIGGER refuse_issue BEFORE UPDATE ON "${table}" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    const failed = await t.bookkeeper.invoke('invoices.issue', { id: draft.id });
    expect(failed.ok).toBe(false);
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '100', reserved: '0', available: '100' });
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: draft.id }))).status).toBe('approved');

    db.exec('DROP TRIGGER refuse_issue');
    expect((await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }))).number).toBe('RE-2026-A-000001');
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '90', reserved: '0', available: '90' });
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });
});
