/**
 * The outbox keeps time by the app's one clock, through the one scheduler: a retry falls due when
 * that clock reaches it, not before, and waiting for the outbox to drain is waiting for its runs.
 * The app runs on a fake clock; a real SMTP server on 127.0.0.1 takes the messages.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FakeClock } from '../../tests/support/fake-clock.js';
import { startTestApp, type TestApp } from '../../tests/support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../../tests/support/smtp-server.js';

let app: TestApp;
let clock: FakeClock;
let smtp: TestSmtpServer;

beforeEach(async () => {
  clock = new FakeClock('2026-11-27T09:00:00.000Z');
  app = await startTestApp(clock.now, { timers: clock, mail: { pollMs: 15_000, backoff: { baseMs: 60_000, maxMs: 60_000 } } });
  smtp = await startSmtpServer();
  await app.services.mail.saveSettings(
    { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', clearPassword: false, fromName: 'Muster & Söhne GmbH', fromAddress: 'rechnung@muster.example', replyTo: '', bccSelf: false, accountManagerAddress: '', customerServiceAddress: '', dueSoonDays: 0, autoSendInvoices: false },
    'system',
  );
});
afterEach(async () => {
  await app.stop();
  await smtp.stop();
});

/** Time moves on by `ms` on the app's clock; what the scheduler starts meanwhile runs to its end. */
const advance = (ms: number) => clock.advance(ms, () => app.services.scheduler.idle());

const queue = (key: string) => app.services.mail.enqueue([{ dedupeKey: key, event: 'test', to: ['kunde@example.org'], subject: `Nachricht ${key}`, html: '<p>Hallo</p>', text: 'Hallo' }], 'system');

async function only() {
  const [doc] = await app.services.books.db.outbox.find().exec();
  return doc!.toMutableJSON();
}

it('retries a message when the app’s clock reaches its retry time, and not before', async () => {
  await smtp.down();
  await queue('retry');
  await app.services.mail.start();
  await advance(0);
  expect(await only()).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: '2026-11-27T09:01:00.000Z' });

  await smtp.up();
  await advance(59_000);
  expect(smtp.received).toHaveLength(0);
  expect((await only()).status).toBe('queued');

  await advance(1_000);
  expect(smtp.received).toHaveLength(1);
  expect(await only()).toMatchObject({ status: 'sent', attempts: 2 });
});

it('drains by waiting for the outbox’s run, which sends what is due without time passing', async () => {
  await app.services.mail.start();
  for (let i = 0; i < 3; i++) await queue(`drain-${i}`);
  const drained = app.services.mail.drained(10_000);
  await advance(0);
  await drained;
  expect(smtp.received).toHaveLength(3);
  expect((await app.services.books.db.outbox.find().exec()).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
  expect(clock.now().toISOString()).toBe('2026-11-27T09:00:00.000Z');
});
