/**
 * `npm run bench:mail`: 500 messages with a 40 KB PDF each to a local SMTP server, through the
 * outbox and its scheduler, and through bare pooled nodemailer with the same pool settings in the
 * same run. Target: the outbox path reaches at least 80 % of bare nodemailer's throughput.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { startServices } from '../src-main/services.js';
import { startSmtpServer } from '../tests/support/smtp-server.js';
import { printTable } from './lib.js';

const MESSAGES = 500;
const POOL = { maxConnections: 3, maxMessages: 100 };
const FROM = { name: 'Muster & Söhne GmbH', address: 'rechnung@muster.example' };

function pdfOf(size: number): Buffer {
  const body = randomBytes(size - 20).toString('base64').slice(0, size - 20);
  return Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`.slice(0, size), 'latin1');
}

async function bare(port: number, pdf: Buffer): Promise<number> {
  const smtp = await startSmtpServer({ port });
  const transport = nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, ...POOL });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: MESSAGES }, (_, i) =>
      transport.sendMail({ from: FROM, to: `kunde${i}@example.org`, subject: `Rechnung RE-${i} – Grüße`, text: `Rechnung ${i}`, html: `<p>Rechnung ${i}</p>`, attachments: [{ filename: `RE-${i}.pdf`, content: pdf, contentType: 'application/pdf' }] }),
    ),
  );
  const ms = performance.now() - start;
  transport.close();
  if (smtp.received.length !== MESSAGES) throw new Error(`bare: ${smtp.received.length} of ${MESSAGES} arrived`);
  await smtp.stop();
  return ms;
}

async function outbox(port: number, pdf: Buffer): Promise<number> {
  const smtp = await startSmtpServer({ port });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-mail-'));
  const services = await startServices({ dataDir, logger: { error: () => undefined }, mail: { autoStart: false, pollMs: 1000, pool: POOL } });
  try {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    fs.mkdirSync(path.join(dataDir, 'documents'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'documents', `${sha256}.pdf`), pdf);
    await services.mail.saveSettings(
      { host: '127.0.0.1', port: smtp.port, security: 'none', user: '', clearPassword: false, fromName: FROM.name, fromAddress: FROM.address, replyTo: '', bccSelf: false, accountManagerAddress: '', customerServiceAddress: '', dueSoonDays: 0, autoSendInvoices: false },
      'bench',
    );
    await services.mail.start();
    const start = performance.now();
    await services.mail.enqueue(
      Array.from({ length: MESSAGES }, (_, i) => ({
        dedupeKey: `bench:${i}`,
        event: 'invoiceIssued',
        to: [`kunde${i}@example.org`],
        subject: `Rechnung RE-${i} – Grüße`,
        text: `Rechnung ${i}`,
        html: `<p>Rechnung ${i}</p>`,
        attachments: [{ filename: `RE-${i}.pdf`, file: `documents/${sha256}.pdf`, contentType: 'application/pdf', sha256 }],
      })),
      'bench',
    );
    await services.mail.drained(120_000);
    const ms = performance.now() - start;
    const sent = await services.books.db.outbox.count({ selector: { status: 'sent' } }).exec();
    if (sent !== MESSAGES || smtp.received.length !== MESSAGES) throw new Error(`outbox: ${sent} sent, ${smtp.received.length} arrived of ${MESSAGES}`);
    return ms;
  } finally {
    await services.close();
    await smtp.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchMail(): Promise<boolean> {
  const pdf = pdfOf(40 * 1024);
  // Warm both paths once, then take the best of three runs each, alternating, so that a slow
  // moment of the machine does not fall on one side only.
  await bare(0, pdf);
  await outbox(0, pdf);
  let bareMs = Infinity;
  let oursMs = Infinity;
  for (let round = 0; round < 3; round += 1) {
    bareMs = Math.min(bareMs, await bare(0, pdf));
    oursMs = Math.min(oursMs, await outbox(0, pdf));
  }
  const rate = (ms: number) => (MESSAGES / ms) * 1000;
  console.log(`\n${MESSAGES} messages with a 40 KB PDF each: outbox ${rate(oursMs).toFixed(0)} messages/s, bare nodemailer ${rate(bareMs).toFixed(0)} messages/s (${((rate(oursMs) / rate(bareMs)) * 100).toFixed(0)} % of bare; target ≥ 80 %)`);
  return printTable('Mail: outbox and scheduler against bare pooled nodemailer (time for 500 messages)', [
    { operation: `send ${MESSAGES} messages, 40 KB PDF each`, ours: oursMs, baseline: bareMs, target: 1.25, baselineName: 'nodemailer pool' },
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchMail()) ? 0 : 1;
