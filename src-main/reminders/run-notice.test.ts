/**
 * The reminder run's notice is written with its records: the moment the reminder records are in
 * the data file, the summary for everyone and the mail to customer service are there too. A crash
 * while the letters render (the crash matrix kills the run there) then leaves no run untold, even
 * though the next run, finding nothing new, would not tell it.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { issued } from '../../tests/support/pdf.js';
import { COLLECTIONS } from '../store/database.js';

let now = new Date('2026-01-05T08:00:00.000Z');
let app: TestApp;
let t: Team;

beforeEach(async () => {
  app = await startTestApp(() => now);
  t = await team(app);
});
afterEach(async () => app.stop());

/** Run notices and their mails in the data file each time reminder records are committed. */
function noticesWhenRemindersCommit(): { notices: number; mails: number }[] {
  const seen: { notices: number; mails: number }[] = [];
  const facts = `rx__books__facts__v${COLLECTIONS.facts.schema.version}`;
  const outbox = `rx__books__outbox__v${COLLECTIONS.outbox.schema.version}`;
  app.services.bus.subscribe((event, payload) => {
    if (event !== 'data.changed' || (payload as { collection: string }).collection !== 'facts') return;
    const file = new Database(app.services.books.filename, { readonly: true });
    try {
      const count = (sql: string) => (file.prepare(sql).get() as { n: number }).n;
      if (!count(`SELECT count(*) AS n FROM "${facts}" WHERE deleted = 0 AND json_extract(data, '$.kind') = 'reminder'`)) return;
      seen.push({
        notices: count(`SELECT count(*) AS n FROM "${facts}" WHERE deleted = 0 AND json_extract(data, '$.notification.topic') = 'reminder.run'`),
        mails: count(`SELECT count(*) AS n FROM "${outbox}" WHERE deleted = 0 AND json_extract(data, '$.event') = 'overdueNotice'`),
      });
    } finally {
      file.close();
    }
  });
  return seen;
}

it('the run commits its notice and the mail to customer service with its reminder records', async () => {
  await unwrap(t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: 2525, security: 'none', fromAddress: 'rechnung@muster.example', customerServiceAddress: 'service@muster.example', autoSendInvoices: false } as never));
  const c = await customer(t.bookkeeper, { name: 'Theta GmbH' });
  const p = await product(t.bookkeeper, { sku: 'NOTICE-1', netPrice: '100', vatRate: '19' });
  await issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '1' }] });
  now = new Date('2026-01-27T08:00:00.000Z');
  const seen = noticesWhenRemindersCommit();
  expect(await app.services.reminders.run([], t.ids.bookkeeper!)).toMatchObject({ created: 1 });
  expect(seen[0]).toEqual({ notices: 1, mails: 1 });
});
