/**
 * An SMTP server that stalls in the middle of a message (it takes the envelope, then never
 * answers after the message, or stops reading it): the message goes back to the queue with a
 * timeout and a later retry time, never stays in `sending`, and arrives exactly once when the
 * server answers again. A stall holds up one message for one timeout, not each message of the
 * batch in turn, and closing the app does not wait for it. The server is a raw socket server on
 * 127.0.0.1 that the test stops.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../src-shared/contract/index.js';
import { team, type Team } from '../support/books.js';
import { startTestApp, unwrap, type TestApp } from '../support/services.js';
import { startStallingSmtpServer, type StallingSmtpServer, type StallMode } from './stalling-smtp.js';

let app: TestApp | undefined;
let smtp: StallingSmtpServer | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await smtp?.stop();
  smtp = undefined;
});

/** The app with a short SMTP timeout: `timeoutMs` to connect and greet, three times that idle mid-message. */
async function setUp(modes: StallMode[], timeoutMs: number): Promise<Team> {
  // The books' clock is the wall clock: the socket timeouts and the retry after them are real.
  app = await startTestApp(() => new Date(), { mail: { pool: { timeoutMs, maxConnections: 1 }, backoff: { baseMs: 1_000, maxMs: 1_000 } } });
  const t = await team(app);
  smtp = await startStallingSmtpServer(modes);
  await unwrap(t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Muster & Söhne GmbH', fromAddress: 'rechnung@muster.example' } as never));
  return t;
}

/** Queues `count` messages, each with an attachment of `bytes` from the data folder. */
async function queue(count: number, bytes = 100): Promise<void> {
  const content = Buffer.alloc(bytes, 0x61);
  fs.writeFileSync(path.join(app!.dataDir, 'anhang.bin'), content);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await app!.services.mail.enqueue(
    Array.from({ length: count }, (_, i) => ({
      dedupeKey: `stall-${i}`,
      event: 'invoiceIssued',
      to: [`kunde${i}@example.org`],
      subject: `Rechnung ${i + 1}`,
      html: '<p>Anbei die Rechnung.</p>',
      text: 'Anbei die Rechnung.',
      attachments: [{ filename: 'anhang.bin', file: 'anhang.bin', contentType: 'application/octet-stream', sha256 }],
    })),
    'system',
  );
}

async function outbox(t: Team): Promise<OutboxItem[]> {
  return (await unwrap(t.bookkeeper.invoke('mail.outbox', { status: '' }))).items;
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out; last value: ${JSON.stringify(value).slice(0, 800)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SMTP server stalling mid-DATA', () => {
  const cases: [StallMode, string, number][] = [
    ['silentAfterData', 'never answers after the message', 100],
    ['stopReading', 'stops reading the message', 8_000_000],
  ];
  for (const [mode, what, bytes] of cases) {
    it(`a server that ${what}: back to queued with a timeout and a later retry, then sent exactly once`, async () => {
      const t = await setUp([mode], 500);
      await queue(1, bytes);
      await app!.services.mail.start();
      await until(() => outbox(t), (items) => items[0]?.status === 'sending', 5_000);
      expect(await until(() => Promise.resolve(smtp!.stalled), (n) => n === 1, 5_000)).toBe(1);

      const [retry] = await until(() => outbox(t), (items) => items[0]?.status !== 'sending', 10_000);
      expect(retry).toMatchObject({ status: 'queued', attempts: 1, lastErrorCode: 'ETIMEDOUT' });
      expect(Date.parse(retry!.nextAttemptAt)).toBeGreaterThan(Date.now() - 500);

      const [sent] = await until(() => outbox(t), (items) => items[0]?.status === 'sent', 10_000);
      expect(sent).toMatchObject({ attempts: 2, lastErrorCode: '' });
      expect(smtp!.accepted).toHaveLength(1);
      expect(smtp!.accepted[0]).toContain('Subject: Rechnung 1');
    });
  }

  it('a stall holds up one message for one timeout: the rest of the batch waits for the retry instead of stalling in turn', async () => {
    const t = await setUp(Array(10).fill('silentAfterData'), 1_000);
    await queue(5);
    await app!.services.mail.start();
    await until(() => Promise.resolve(smtp!.stalled), (n) => n === 1, 5_000);
    const started = Date.now();
    // The app answers while the server stalls.
    await outbox(t);
    expect(Date.now() - started).toBeLessThan(1_000);

    // One socket timeout (3 s) later every message is queued again; five stalls in turn would take 15 s.
    const items = await until(() => outbox(t), (list) => list.every((m) => m.status === 'queued'), 8_000);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(items.every((m) => m.status === 'queued')).toBe(true);
    expect(smtp!.stalled).toBe(1);
    const retryAt = Math.min(...items.map((m) => Date.parse(m.nextAttemptAt)));
    expect(retryAt).toBeGreaterThan(Date.now() - 1_000);
  });

  it('closing the app during a stall ends at once and leaves the message queued, not sending', async () => {
    const t = await setUp(['silentAfterData'], 5_000);
    await queue(1);
    await app!.services.mail.start();
    await until(() => Promise.resolve(smtp!.stalled), (n) => n === 1, 5_000);
    const started = Date.now();
    await app!.services.mail.stop();
    // The socket timeout is 15 s; the stop may not wait for it.
    expect(Date.now() - started).toBeLessThan(3_000);
    const [item] = await outbox(t);
    expect(item).toMatchObject({ status: 'queued' });
    expect(Date.parse(item!.nextAttemptAt)).toBeGreaterThan(started);
    expect(smtp!.accepted).toHaveLength(0);
  });
});
