import { afterEach, describe, expect, it } from 'vitest';
import { customer, product, team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp | undefined;
afterEach(async () => app?.stop());

/** Issues one invoice and waits for the background jobs; returns the formats frozen without anyone asking. */
async function frozenAfterIssuing(freezeDocuments: boolean): Promise<string[]> {
  app = await startTestApp(undefined, { freezeDocuments });
  const t = await team(app);
  // No invoice address: no invoice mail that would ask for the documents itself.
  const c = await customer(t.bookkeeper, { invoiceEmails: [] });
  const p = await product(t.bookkeeper);
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
  await app.services.jobs.idle();
  const facts = await app.services.books.db.facts.find({ selector: { kind: 'document', subjectId: draft.id } }).exec();
  return facts.map((f) => f.document!.format).sort();
}

describe('documents after issuing', () => {
  it('are frozen in the background as soon as the invoice is issued, before anyone opens them', async () => {
    expect(await frozenAfterIssuing(true)).toEqual(['pdf']);
  });

  it('wait to be opened when freezing on issue is off', async () => {
    expect(await frozenAfterIssuing(false)).toEqual([]);
  });
});
