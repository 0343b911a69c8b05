/**
 * Delivering one batch of due messages over the pooled connections. A message is marked
 * `sending` before the server sees it; its result (sent, failed, or queued again for a retry) is
 * written when the batch is done.
 */
import type { OutboxDoc } from '../store/schemas/workflow.js';
import { changed, nowIso, outboxOf, type MailContext } from './context.js';
import { rejectionOf } from './outbox-items.js';
import { outgoingOf } from './outgoing.js';
import { classify, createSmtpTransport, mailOf, serverUnreachable, type SmtpSettings, type SmtpTransport } from './smtp.js';

/** 4xx answers are retried this often; an unreachable server is retried for as long as it takes. */
const MAX_TEMPORARY_ATTEMPTS = 10;

export type Batch = {
  /** Every message is with a connection (or held back). */
  handedOver: Promise<void>;
  /** Every result is written. */
  done: Promise<void>;
  /** A server that could not be reached holds the rest of the batch. */
  held(): boolean;
};

export function transportFor(mail: MailContext, smtp: SmtpSettings) {
  const key = JSON.stringify(smtp);
  if (mail.sender.transport?.key !== key) {
    closeTransport(mail);
    mail.sender.transport = { key, smtp: createSmtpTransport(smtp, mail.options.pool), verified: false };
  }
  return mail.sender.transport!;
}

/** `force`: deliveries in progress end as well (nodemailer's pool takes it; its types do not say so). */
export function closeTransport(mail: MailContext, force = false): void {
  const close = mail.sender.transport?.smtp.close as ((options?: { force: boolean }) => void) | undefined;
  close?.(force ? { force } : undefined);
  mail.sender.transport = null;
}

/** Marks `docs` as sending and starts delivering them. */
export async function sendBatch(mail: MailContext, docs: OutboxDoc[], smtp: SmtpSettings): Promise<Batch> {
  const transport = transportFor(mail, smtp);
  const sending = await markSending(mail, docs);
  if (!sending.length) return { handedOver: Promise.resolve(), done: Promise.resolve(), held: () => false };
  changed(
    mail,
    sending.map((d) => d.id),
  );
  const { sender } = mail;
  const results = new Map<string, OutboxDoc>();
  let next = 0;
  // A server that cannot be reached, or stopped answering, holds the rest of the batch until the
  // retry of the first message it failed, instead of each message waiting out its own timeout.
  let retryAt: string | null = null;
  let handOver!: () => void;
  const handedOver = new Promise<void>((resolve) => (handOver = resolve));
  const worker = async (untilVerified: boolean) => {
    while (next < sending.length && !sender.paused && !sender.stopped && !retryAt && !(untilVerified && transport.verified)) {
      const doc = sending[next++]!;
      const done = await sendOne(mail, doc, transport.smtp, smtp);
      results.set(doc.id, done);
      if (done.status === 'sent') transport.verified = true;
      if (done.status === 'queued' && serverUnreachable(done.lastErrorCode ?? '')) retryAt ??= done.nextAttemptAt;
    }
    if (!untilVerified) handOver();
  };
  const deliver = async () => {
    // Until the server has accepted one message, one at a time: a wrong password costs one login.
    if (!transport.verified) await worker(true);
    const width = (mail.options.pool?.maxConnections ?? 3) * 2;
    await Promise.all(Array.from({ length: width }, () => worker(false)));
    const now = nowIso(mail);
    const final = sending.map((d) => results.get(d.id) ?? { ...d, status: 'queued' as const, attempts: d.attempts - 1, nextAttemptAt: retryAt ?? now, updatedAt: now });
    await mail.outboxQueue.run(() => mail.core.writes.quiet(() => outboxOf(mail).bulkUpsert(final)));
    changed(
      mail,
      final.map((d) => d.id),
    );
  };
  const done = deliver();
  // A failure of the delivery ends the hand-over too; `done` reports it.
  done.catch(() => handOver());
  return { handedOver, done, held: () => retryAt !== null || sender.paused !== null || sender.stopped };
}

/**
 * Marked before the server sees them: after a crash they are found and sent again. Read once
 * more in the queue of state changes: a message cancelled meanwhile stays cancelled. The mark
 * does not wait for the disk: if a power failure takes it, the message is still `queued`, which
 * a restart treats exactly like `sending` (it is sent again). Results are written durably.
 */
function markSending(mail: MailContext, docs: OutboxDoc[]): Promise<OutboxDoc[]> {
  const outbox = outboxOf(mail);
  return mail.outboxQueue.run(async () => {
    const start = nowIso(mail);
    const current = await outbox.findByIds(docs.map((d) => d.id)).exec();
    const still = docs.filter((d) => current.get(d.id)?.status === 'queued').map((d) => ({ ...current.get(d.id)!.toMutableJSON(), status: 'sending' as const, attempts: d.attempts + 1, updatedAt: start }));
    if (still.length) await mail.core.writes.quiet(() => outbox.bulkUpsert(still), { durable: false });
    return still;
  });
}

async function sendOne(mail: MailContext, doc: OutboxDoc, transport: SmtpTransport, smtp: SmtpSettings): Promise<OutboxDoc> {
  try {
    const info = await transport.sendMail(mailOf(await outgoingOf(mail.core.books.dataDir, doc), smtp));
    const now = nowIso(mail);
    // A recipient refused while others were accepted: nodemailer reports it only here.
    if (info.rejected.length) return { ...doc, status: 'failed', lastErrorCode: 'EREJECTED', serverReply: rejectionOf(info), updatedAt: now };
    return { ...doc, status: 'sent', lastErrorCode: '', serverReply: String(info.response ?? '').slice(0, 2000), sentAt: now, updatedAt: now };
  } catch (error) {
    const failure = classify(error);
    const now = mail.core.clock();
    if (failure.auth) mail.sender.paused = failure;
    const retry = failure.transient && (doc.attempts < MAX_TEMPORARY_ATTEMPTS || !/^[45]\d\d/.test(failure.reply));
    if (retry) {
      const backoff = mail.options.backoff ?? { baseMs: 30_000, maxMs: 30 * 60_000 };
      const delay = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, doc.attempts - 1));
      return { ...doc, status: 'queued', lastErrorCode: failure.code, serverReply: failure.reply, nextAttemptAt: new Date(now.getTime() + delay).toISOString(), updatedAt: now.toISOString() };
    }
    return { ...doc, status: 'failed', lastErrorCode: failure.code, serverReply: failure.reply, updatedAt: now.toISOString() };
  }
}
