/**
 * The "payment received" message is written together with the payment it reports: the moment a
 * payment is in the data file, its message is in the outbox there too. A crash right after the
 * booking (the crash matrix kills a statement import there) then loses neither, and importing the
 * statement again, which skips the booked entries, owes no message.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { issued } from '../../tests/support/pdf.js';
import { COLLECTIONS } from '../store/database.js';

let app: TestApp;
let t: Team;
let ids: { baeckerei: string; invoice: string };

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  const baeckerei = await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] });
  const cafe = await customer(t.bookkeeper, { name: 'Café Morgenrot', invoiceEmails: ['kasse@morgenrot.example'] });
  const item = async (net: string) => (await product(t.bookkeeper, { sku: `N-${net}`, netPrice: net, vatRate: '19' })).id;
  // The amounts of the sample statement: 119.00 €, 95.20 €, 73.60 €.
  const first = await issued(t, { customerId: baeckerei.id, lines: [{ productId: await item('100'), quantity: '1' }] });
  await issued(t, { customerId: cafe.id, lines: [{ productId: await item('80'), quantity: '1' }] });
  await issued(t, { customerId: cafe.id, lines: [{ productId: await item('61.85'), quantity: '1' }] });
  ids = { baeckerei: baeckerei.id, invoice: first.id };
});
afterEach(async () => app.stop());

/** How many "payment received" messages the data file holds each time payments are committed. */
function messagesWhenPaymentsCommit(): number[] {
  const seen: number[] = [];
  const table = `rx__books__outbox__v${COLLECTIONS.outbox.schema.version}`;
  app.services.bus.subscribe((event, payload) => {
    if (event !== 'data.changed' || (payload as { collection: string }).collection !== 'facts') return;
    const file = new Database(app.services.books.filename, { readonly: true });
    try {
      seen.push((file.prepare(`SELECT count(*) AS n FROM "${table}" WHERE deleted = 0 AND json_extract(data, '$.event') = 'paymentReceived'`).get() as { n: number }).n);
    } finally {
      file.close();
    }
  });
  return seen;
}

describe('the "payment received" message is booked with its payment', () => {
  it('a statement import commits its thank-you messages with the payments', async () => {
    const seen = messagesWhenPaymentsCommit();
    const file = { fileName: 'camt053-two-statements.xml', dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements/camt053-two-statements.xml')).toString('base64') };
    expect(await unwrap(t.bookkeeper.invoke('payments.importStatement', file))).toMatchObject({ imported: 4, allocated: 2 });
    expect(seen).toEqual([2]);
  });

  it('a payment recorded by hand commits its thank-you message with it', async () => {
    const seen = messagesWhenPaymentsCommit();
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '119.00', customerId: ids.baeckerei, allocations: [{ invoiceId: ids.invoice, amount: '119.00' }] }));
    expect(seen).toEqual([1]);
  });

  it('a waiting bank payment assigned in review commits its thank-you message with the allocation', async () => {
    const seen = messagesWhenPaymentsCommit();
    // The bakery's 119.00 € alone (the sample statement with more entries also has the bank reverse them).
    const file = { fileName: 'mt940-credit.sta', dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements/mt940-credit.sta')).toString('base64') };
    await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file, autoAllocate: false }));
    const waiting = (await unwrap(t.supervisor.invoke('paymentRequests.list', { status: 'requested' }))).find((r) => r.amount === 11900)!;
    await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: waiting.id, invoiceIds: [ids.invoice] }));
    // Nothing matched at import, so nobody was thanked; the assignment thanks the customer at once.
    expect(seen).toEqual([0, 1]);
  });
});
