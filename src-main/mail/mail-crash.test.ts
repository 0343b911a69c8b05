/**
 * At least once, never lost: a process sending 200 messages is killed with SIGKILL mid-way; a
 * new process on the same data folder sends the rest. Every message arrives at least once, and
 * the outbox ends with all 200 sent.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServices } from '../services.js';
import { startSmtpServer, type TestSmtpServer } from '../../tests/support/smtp-server.js';

const MESSAGES = 200;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-mail-crash-'));
let smtp: TestSmtpServer | undefined;
afterAll(async () => {
  await smtp?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function sender(mode: 'enqueue' | 'resume', killAfter?: number): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/mail/mail-sender.ts'), dataDir, String(smtp!.port), mode, String(MESSAGES)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const watch = killAfter
      ? setInterval(() => {
          if (smtp!.received.length >= killAfter) child.kill('SIGKILL');
        }, 5)
      : undefined;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearInterval(watch);
      if (signal === 'SIGKILL' && killAfter) resolve({ killed: true, output });
      else if (code === 0) resolve({ killed: false, output });
      else reject(new Error(`mail-sender failed (${code ?? signal}): ${stderr}`));
    });
  });
}

describe('the outbox survives a crash while sending', () => {
  it('delivers each of 200 messages at least once after a SIGKILL and a restart', async () => {
    smtp = await startSmtpServer({ delayMs: 3 });
    const first = await sender('enqueue', 60);
    expect(first.killed).toBe(true);
    expect(first.output).toContain(`queued ${MESSAGES}`);
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBeGreaterThanOrEqual(60);
    expect(beforeRestart).toBeLessThan(MESSAGES);

    const second = await sender('resume');
    expect(second.output).toContain('drained');

    const services = await startServices({ dataDir, logger: { error: () => undefined }, mail: { autoStart: false } });
    try {
      const docs = (await services.books.db.outbox.find().exec()).map((d) => d.toJSON());
      expect(docs).toHaveLength(MESSAGES);
      expect(docs.filter((d) => d.status !== 'sent')).toEqual([]);
      const received = new Map<string, number>();
      for (const r of smtp.received) {
        const id = /^Message-ID: (.+)$/im.exec(r.raw.toString('utf8'))?.[1]?.trim() ?? '';
        received.set(id, (received.get(id) ?? 0) + 1);
      }
      for (const d of docs) expect(received.get(d.messageId) ?? 0).toBeGreaterThanOrEqual(1);
      // Duplicates only from the messages in flight when the process died.
      const duplicates = [...received.values()].filter((n) => n > 1).length;
      expect(duplicates).toBeLessThanOrEqual(40);
    } finally {
      await services.close();
    }
  }, 120_000);
});
