/**
 * An invoice issued with "mail invoices" on is mailed even when the app stops right after issuing:
 * the job that queues the mail runs in memory after the commit, so a crash or the app closing ends
 * it; at the next start the mail goes out, once.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { startServices, type Services } from '../services.js';

const clock = () => new Date('2026-11-27T09:00:00.000Z');
let app: TestApp;
let t: Team;
let again: Services | undefined;
let firstClosed = false;

beforeEach(async () => {
  firstClosed = false;
  app = await startTestApp(clock);
  t = await team(app);
});
afterEach(async () => {
  await again?.close();
  again = undefined;
  if (firstClosed) fs.rmSync(app.dataDir, { recursive: true, force: true });
  else await app.stop();
});

/** The app stops (the services close). */
async function stop(): Promise<void> {
  firstClosed = true;
  await app.services.close();
}

/** What runs in memory after the commit is gone when the process dies there: nobody hears of the issue. */
function dieAfterCommit(): void {
  const { bus } = app.services;
  const publish = bus.publish.bind(bus);
  bus.publish = ((event, payload) => {
    if (event !== 'invoices.issued') publish(event, payload);
  }) as typeof bus.publish;
}

/** The services of the next start on the same data folder, with the day's mail run at start. */
async function nextStart(): Promise<Services> {
  again = await startServices({ dataDir: app.dataDir, clock, logger: { error: () => undefined }, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  await again.mail.dailyMail('2026-11-27');
  return again;
}

it('mails an invoice at the next start when the app stopped right after issuing it, and only once', async () => {
  const c = await customer(t.bookkeeper, { invoiceEmails: ['buchhaltung@schmidt.example'] });
  const p = await product(t.bookkeeper, { sku: 'HELD-1', netPrice: '100', vatRate: '19' });
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  dieAfterCommit();
  const invoice = await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
  await stop();

  const services = await nextStart();
  const mails = (await services.books.db.outbox.find().exec()).filter((m) => m.event === 'invoiceIssued');
  expect(mails.map((m) => [m.invoiceId, m.to, m.attachments?.map((a) => a.contentType)])).toEqual([[invoice.id, ['buchhaltung@schmidt.example'], ['application/pdf']]]);
  expect(fs.existsSync(`${app.dataDir}/${mails[0]!.attachments![0]!.file}`)).toBe(true);
  await services.close();
  again = undefined;

  const third = await nextStart();
  expect((await third.books.db.outbox.find().exec()).filter((m) => m.event === 'invoiceIssued')).toHaveLength(1);
});

it('leaves an invoice alone when "mail invoices" was switched off after it was issued', async () => {
  const c = await customer(t.bookkeeper, { invoiceEmails: ['buchhaltung@schmidt.example'] });
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100.00', vatRate: '19' }] } as never));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  dieAfterCommit();
  await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
  await unwrap(t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: 2525, security: 'none', fromAddress: 'rechnung@muster.example', autoSendInvoices: false } as never));
  await stop();

  const services = await nextStart();
  expect((await services.books.db.outbox.find().exec()).filter((m) => m.event === 'invoiceIssued')).toEqual([]);
});
