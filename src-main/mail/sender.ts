/**
 * The outbox's task with the one scheduler: each run sends what is due, batch after batch, and
 * asks to run again when the next message falls due (or after the poll interval). Only the
 * device that queued a message sends it. After a crash, messages found in `sending` are queued
 * again: a message is sent at least once and never silently dropped; a duplicate is possible
 * only when the process died between the server's 250 and our write, and its fixed Message-ID
 * lets mail programs show the two as one.
 */
import type { MailState } from '../../src-shared/contract/index.js';
import type { TaskResult } from '../server/scheduler.js';
import { changed, kick, nowIso, OUTBOX_TASK, outboxOf, type MailContext } from './context.js';
import { closeTransport, sendBatch } from './delivery.js';
import { outboxCounts } from './outbox-views.js';
import { settingsDoc, smtpSettings } from './settings.js';

const BATCH = 40;
const DEFAULT_POLL_MS = 15_000;

/** Puts messages left in `sending` by a crash back in the queue, then starts sending. */
export async function startSending(mail: MailContext): Promise<void> {
  const { sender } = mail;
  if (!sender.stopped) return;
  sender.stopped = false;
  await mail.outboxQueue.run(() => requeueStuck(mail));
  sender.unregister = mail.core.scheduler.register(OUTBOX_TASK, () => outboxRun(mail), { everyMs: mail.options.pollMs ?? DEFAULT_POLL_MS, firstInMs: 0 });
}

async function requeueStuck(mail: MailContext): Promise<void> {
  const outbox = outboxOf(mail);
  const stuck = (await outbox.find({ selector: { status: 'sending' } }).exec()).filter((d) => d.deviceId === mail.core.books.deviceId);
  if (!stuck.length) return;
  const now = nowIso(mail);
  await mail.core.writes.quiet(() => outbox.bulkUpsert(stuck.map((d) => ({ ...d.toMutableJSON(), status: 'queued' as const, nextAttemptAt: now, updatedAt: now }))));
  changed(
    mail,
    stuck.map((d) => d.id),
  );
}

export async function stopSending(mail: MailContext): Promise<void> {
  const { sender } = mail;
  sender.stopped = true;
  // A delivery the server holds up ends now, not at its timeout; its message goes back to the queue.
  closeTransport(mail, true);
  const unregister = sender.unregister;
  sender.unregister = null;
  await unregister?.();
  await mail.outboxQueue.run(async () => undefined);
  // Whoever waits for the outbox to drain hears that it stopped.
  for (const resolve of sender.waiting.splice(0)) resolve();
}

/** Why the queue is not sending, if it is not: no settings, or the server refused the login. */
export async function senderState(mail: MailContext): Promise<MailState> {
  const m = await settingsDoc(mail);
  const { paused, lastError } = mail.sender;
  return { configured: Boolean(m?.host && m.fromAddress), paused: paused ? { code: paused.code, reply: paused.reply } : null, lastError, counts: await outboxCounts(mail) };
}

/** One run of the task: a pass, then when the next message falls due. */
async function outboxRun(mail: MailContext): Promise<TaskResult> {
  const { sender } = mail;
  const waiting = sender.waiting.splice(0);
  sender.running = true;
  let blocked = true;
  try {
    blocked = await pass(mail);
  } finally {
    sender.running = false;
    for (const resolve of waiting) resolve();
  }
  const poll = mail.options.pollMs ?? DEFAULT_POLL_MS;
  // Nothing can go out (no settings, a refused login): the next look is at the poll interval.
  if (blocked || sender.paused) return { nextInMs: poll };
  try {
    const next = await outboxOf(mail).findOne({ selector: { status: 'queued' }, sort: [{ nextAttemptAt: 'asc' }] }).exec();
    if (next && next.deviceId === mail.core.books.deviceId) return { nextInMs: Math.min(poll, Math.max(0, Date.parse(next.nextAttemptAt) - mail.core.clock().getTime())) };
  } catch {
    // The books are closing.
  }
  return { nextInMs: poll };
}

/**
 * Sends every due message of this device. The next batch is taken while the one before hands
 * over its last messages, so that the connections never wait for the book-keeping between
 * batches; at most two batches are in flight, the earlier one only with its last few deliveries.
 * Returns true when nothing could be sent for want of settings.
 */
async function pass(mail: MailContext): Promise<boolean> {
  const { sender } = mail;
  let earlier: Promise<void> | null = null;
  try {
    for (;;) {
      if (sender.stopped || sender.paused) return false;
      const smtp = await smtpSettings(mail).catch(() => null);
      if (!smtp) return true;
      const due = await outboxOf(mail)
        .find({ selector: { status: 'queued', nextAttemptAt: { $lte: nowIso(mail) } }, sort: [{ nextAttemptAt: 'asc' }], limit: BATCH })
        .exec();
      const mine = due.filter((d) => d.deviceId === mail.core.books.deviceId).map((d) => d.toMutableJSON());
      if (!mine.length) return false;
      const batch = await sendBatch(mail, mine, smtp);
      await batch.handedOver;
      if (earlier) await earlier;
      earlier = batch.done;
      // A server that stopped answering: the rest waits for its retry, not for the next batch.
      if (batch.held()) {
        await batch.done;
        earlier = null;
      }
    }
  } catch (error) {
    // Kept for the mail screen; the next pass tries again.
    if (!sender.stopped) sender.lastError = error instanceof Error ? error.message : String(error);
    return false;
  } finally {
    if (earlier) await earlier.catch((error: unknown) => void (sender.lastError = error instanceof Error ? error.message : String(error)));
  }
}

/**
 * Resolves once nothing is due and no pass is under way (the benchmark and the crash tests wait
 * on this): each round waits for the end of the outbox's next run with the scheduler. The limit
 * is wall time, whatever clock the scheduler keeps: a caller waits at most that long, also when
 * the app's clock stands still or nothing can go out.
 */
export async function drained(mail: MailContext, timeoutMs = 30_000): Promise<void> {
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    for (const resolve of mail.sender.waiting.splice(0)) resolve();
  }, timeoutMs);
  try {
    for (let round = 0; ; round++) {
      const due = await outboxOf(mail)
        .count({ selector: { status: { $in: ['queued', 'sending'] }, nextAttemptAt: { $lte: nowIso(mail) } } })
        .exec();
      if (due === 0 && !mail.sender.running) return;
      if (expired || mail.sender.stopped) throw new Error('The outbox did not drain in time');
      const nextRun = new Promise<void>((resolve) => mail.sender.waiting.push(resolve));
      if (round === 0) kick(mail);
      await nextRun;
    }
  } finally {
    clearTimeout(timer);
  }
}
