/**
 * A batch larger than one write (1,000 documents) is issued chunk by chunk; the e-invoices of the
 * later chunks are judged before the first chunk is written, so that one document whose
 * e-invoice breaks a fatal rule leaves the whole batch unissued, as the refusal says.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { AppErrorValue } from '../../../src-shared/contract/index.js';
import type { OrderDoc } from '../../store/schemas/books.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
// Fresh books for each test: nothing issued before it.
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app?.stop());

function confirmedOrder(customerId: string, productId: string, n: number): OrderDoc {
  const at = '2026-11-27T09:00:00.000Z';
  return {
    id: ulid(),
    number: `AB-2026-A-${String(n).padStart(6, '0')}`,
    customerId,
    status: 'confirmed',
    orderDate: '2026-11-20',
    currency: 'EUR',
    lines: [{ id: ulid(), productId, description: 'Mehl Type 550, 25 kg', quantity: '2', unit: 'C62', netUnitPrice: '18.90', vatCategory: 'S', vatRate: '7' }],
    allowancesCharges: [],
    createdAt: at,
    createdBy: t.ids.bookkeeper,
    updatedAt: at,
    updatedBy: t.ids.bookkeeper,
  };
}

it('refuses all 1,001 documents, none issued and no number used, when the e-invoice of the last one breaks a fatal rule', { timeout: 300_000 }, async () => {
  const paper = await customer(t.bookkeeper, { name: 'Papier GmbH', eInvoiceFormat: 'pdf' });
  const public_ = await customer(t.bookkeeper, { name: 'Amt GmbH', eInvoiceFormat: 'xrechnung-ubl', invoiceEmails: ['rechnung@amt.example'] });
  const flour = await product(t.bookkeeper);
  const orders = Array.from({ length: 1000 }, (_, i) => confirmedOrder(paper.id, flour.id, i + 1));
  await app.services.books.db.orders.bulkInsert([...orders, confirmedOrder(public_.id, flour.id, 1001)]);
  await unwrap(t.bookkeeper.invoke('jobs.invoiceConfirmedOrders', {}));
  await app.services.jobs.idle();
  const drafts = await app.services.books.db.invoices.find({ selector: { status: 'draft' } }).exec();
  expect(drafts).toHaveLength(1001);
  for (const d of drafts) await unwrap(t.bookkeeper.invoke('invoices.submit', { id: d.id }));
  const ids = [...drafts.filter((d) => d.customerId === paper.id), ...drafts.filter((d) => d.customerId === public_.id)].map((d) => d.id);
  await unwrap(t.supervisor.invoke('invoices.approveMany', { ids }));
  // Data as an older version may have stored it: a VAT ID without its country code (BR-CO-09).
  await (await app.services.books.db.customers.findOne(public_.id).exec())!.incrementalPatch({ vatId: '123456789' });

  const refused = await t.bookkeeper.invoke('invoices.issueMany', { ids });
  expect(refused.ok).toBe(false);
  const error = (refused as { error: AppErrorValue }).error;
  expect(error.code).toBe('EINVOICE_INVALID');
  expect(error.message).toMatch(/nothing was issued/);
  expect(await app.services.books.db.invoices.count({ selector: { status: 'issued' } }).exec()).toBe(0);

  // Corrected, the batch is issued from the first number on; the file judged in the check of the
  // whole batch, with the number it then gets, is not judged a second time.
  await (await app.services.books.db.customers.findOne(public_.id).exec())!.incrementalPatch({ vatId: 'DE123456789' });
  const judged = app.services.documents.eInvoices.judgedSinceStart;
  const issued = await unwrap(t.bookkeeper.invoke('invoices.issueMany', { ids }));
  expect(app.services.documents.eInvoices.judgedSinceStart - judged).toBe(1);
  expect(issued.issued).toBe(1001);
  expect(issued.numbers[0]).toBe('RE-2026-A-000001');
  expect(issued.numbers.at(-1)).toBe('RE-2026-A-001001');
});

it('issues a batch of 1,001 in date order across its writes: a document dated earlier, given last, takes the first number', { timeout: 300_000 }, async () => {
  const c = await customer(t.bookkeeper, { name: 'Datum GmbH', eInvoiceFormat: 'pdf' });
  const flour = await product(t.bookkeeper, { sku: 'DATUM-1' });
  await app.services.books.db.orders.bulkInsert(Array.from({ length: 1001 }, (_, i) => confirmedOrder(c.id, flour.id, i + 1)));
  await unwrap(t.bookkeeper.invoke('jobs.invoiceConfirmedOrders', {}));
  await app.services.jobs.idle();
  const drafts = await app.services.books.db.invoices.find({ selector: { status: 'draft' } }).exec();
  expect(drafts).toHaveLength(1001);
  for (const d of drafts) await unwrap(t.bookkeeper.invoke('invoices.submit', { id: d.id }));
  const ids = drafts.map((d) => d.id);
  await unwrap(t.supervisor.invoke('invoices.approveMany', { ids }));
  // The last one given is dated a week ago; the others take today's date.
  await (await app.services.books.db.invoices.findOne(ids.at(-1)!).exec())!.incrementalPatch({ issueDate: '2026-11-20' });

  const issued = await unwrap(t.bookkeeper.invoke('invoices.issueMany', { ids }));
  expect(issued.issued).toBe(1001);
  expect(await unwrap(t.bookkeeper.invoke('invoices.get', { id: ids.at(-1)! }))).toMatchObject({ number: 'RE-2026-A-000001', issueDate: '2026-11-20' });
});
