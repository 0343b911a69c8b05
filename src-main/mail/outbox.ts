/**
 * Queueing messages and the changes people make to them (retry, send anyway, cancel, an order's
 * confirmation cancelled with its order). Every change of a message's state runs in the outbox's
 * one queue, so a message has exactly one writer in this process.
 */
import { AppError, type OutboxItem, type OutboxStatus } from '../../src-shared/contract/index.js';
import { newId } from '../ids.js';
import type { ChangeDescription } from '../server/write-path.js';
import type { OutboxDoc } from '../store/schemas/workflow.js';
import { changed, kick, nowIso, outboxOf, type MailContext } from './context.js';
import { domainOf, orderConfirmationKey, orderOfMessage } from './outbox-items.js';
import { itemsOf } from './outbox-views.js';
import { settingsDoc } from './settings.js';

/** A message to queue; `dedupeKey` makes queueing idempotent (the same event queues one message). */
export type NewMessage = {
  dedupeKey: string;
  event: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; file: string; contentType: string; sha256: string }[];
  invoiceId?: string;
  customerId?: string;
};

/** Messages with the audit changes and the insert for the caller's own write. */
export type PreparedMessages = { docs: OutboxDoc[]; changes: ChangeDescription[]; insert(): Promise<void> };

/** Queues messages; one whose `dedupeKey` is queued already is skipped. Returns the new ones. */
export async function enqueue(mail: MailContext, messages: readonly NewMessage[], userId: string): Promise<OutboxDoc[]> {
  if (!messages.length) return [];
  return mail.outboxQueue.run(async () => {
    const prepared = await prepare(mail, messages, userId);
    if (!prepared.docs.length) return [];
    await mail.core.writes.write(userId, prepared.changes, prepared.insert);
    kick(mail);
    return prepared.docs;
  });
}

/**
 * New messages as outbox documents with their audit changes, for the write that records what
 * they report (a payment and its thank-you): inserted by `insert` inside that write, a message
 * exists exactly when its cause does, even when the process dies right after the commit. Meant
 * for dedupe keys of records that write creates; `kick` after the commit sends them.
 */
export async function prepare(mail: MailContext, messages: readonly NewMessage[], userId: string): Promise<PreparedMessages> {
  const { books } = mail.core;
  const outbox = outboxOf(mail);
  const keys = [...new Set(messages.map((m) => m.dedupeKey))];
  const known = new Set(keys.length ? (await outbox.find({ selector: { dedupeKey: { $in: keys } } }).exec()).map((d) => d.dedupeKey) : []);
  const settings = await settingsDoc(mail);
  const company = await books.db.settings.findOne('company').exec();
  const domain = domainOf(settings?.fromAddress || company?.company?.email || '');
  const now = nowIso(mail);
  const docs: OutboxDoc[] = [];
  for (const m of messages) {
    if (known.has(m.dedupeKey) || !m.to.length) continue;
    known.add(m.dedupeKey);
    docs.push(outboxDocOf(m, newId(), domain, books.deviceId, userId, now));
  }
  return {
    docs,
    changes: docs.map((d) => ({ collection: 'outbox', action: 'mail.queued', entity: 'outbox', entityId: d.id, after: { event: d.event, to: d.to, subject: d.subject, messageId: d.messageId } })),
    insert: async () => {
      if (!docs.length) return;
      const result = await outbox.bulkInsert(docs);
      if (result.error.length) throw new Error('Outbox messages could not be written');
    },
  };
}

function outboxDocOf(m: NewMessage, id: string, domain: string, deviceId: string, userId: string, now: string): OutboxDoc {
  return {
    id,
    status: 'queued',
    deviceId,
    dedupeKey: m.dedupeKey,
    messageId: `<${id.toLowerCase()}@${domain}>`,
    event: m.event,
    to: m.to,
    cc: m.cc ?? [],
    bcc: m.bcc ?? [],
    subject: m.subject,
    html: m.html,
    text: m.text,
    attachments: m.attachments ?? [],
    ...(m.invoiceId ? { invoiceId: m.invoiceId } : {}),
    ...(m.customerId ? { customerId: m.customerId } : {}),
    attempts: 0,
    nextAttemptAt: now,
    lastErrorCode: '',
    serverReply: '',
    createdAt: now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
  };
}

/** A failed or waiting message goes out at the next pass; a paused queue goes again. */
export async function retry(mail: MailContext, id: string, userId: string): Promise<OutboxItem> {
  const item = await transition(mail, id, userId, ['failed', 'queued', 'cancelled'], (d) => ({ ...d, status: 'queued', nextAttemptAt: nowIso(mail), lastErrorCode: d.lastErrorCode ?? '' }), undefined, true);
  mail.sender.paused = null;
  kick(mail);
  return item;
}

/** An exported message is sent after all, because a person asked for it (recorded in the audit log). */
export async function sendAnyway(mail: MailContext, id: string, userId: string): Promise<OutboxItem> {
  const item = await transition(mail, id, userId, ['exported'], (d) => ({ ...d, status: 'queued', nextAttemptAt: nowIso(mail) }), 'mail.sendAnyway', true);
  mail.sender.paused = null;
  kick(mail);
  return item;
}

export function cancel(mail: MailContext, id: string, userId: string): Promise<OutboxItem> {
  return transition(mail, id, userId, ['queued', 'failed'], (d) => ({ ...d, status: 'cancelled' }));
}

/**
 * `action`: the change is recorded in the audit log under this name. `sends`: the message is
 * put back into the queue, which the confirmation of a cancelled order never is.
 */
function transition(mail: MailContext, id: string, userId: string, from: readonly OutboxStatus[], change: (d: OutboxDoc) => OutboxDoc, action?: string, sends = false): Promise<OutboxItem> {
  const outbox = outboxOf(mail);
  return mail.outboxQueue.run(async () => {
    const doc = await outbox.findOne(id).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Message ${id} not found`);
    if (doc.deviceId !== mail.core.books.deviceId) throw new AppError('INVALID_STATE', 'This message belongs to another device; it is sent from there', { status: doc.status });
    if (!from.includes(doc.status)) throw new AppError('INVALID_STATE', `A ${doc.status} message cannot be changed this way`, { status: doc.status });
    if (sends) await refuseCancelledOrder(mail, doc.dedupeKey);
    const next = { ...change(doc.toMutableJSON()), updatedAt: nowIso(mail), updatedBy: userId };
    if (action) {
      const audit = { collection: 'outbox', action, entity: 'outbox', entityId: id, before: { status: doc.status }, after: { status: next.status } };
      await mail.core.writes.write(userId, audit, () => outbox.upsert(next));
    } else {
      await mail.core.writes.quiet(() => outbox.upsert(next));
    }
    changed(mail, [id]);
    return (await itemsOf(mail, [next]))[0]!;
  });
}

/** The confirmation of a cancelled order is not sent: checked while the outbox is held, so a cancel cannot slip in between. */
async function refuseCancelledOrder(mail: MailContext, dedupeKey: string | undefined): Promise<void> {
  const orderId = orderOfMessage(dedupeKey);
  if (!orderId) return;
  const order = await mail.core.books.db.orders.findOne(orderId).exec();
  if (order?.status === 'cancelled') throw new AppError('ORDER_CANCELLED', `Order ${order.number} is cancelled; its confirmation is not sent`, { orderId });
}

/**
 * The cancellation of an order's confirmation that is not sent (waiting, failed or exported),
 * for the write that cancels the order: call inside `holdingOutbox`, add `changes` to the write
 * and run `apply` in it.
 */
export async function orderMailsCancellation(mail: MailContext, orderId: string, userId: string): Promise<{ changes: ChangeDescription[]; apply(): Promise<void> }> {
  const outbox = outboxOf(mail);
  const docs = await outbox.find({ selector: { dedupeKey: orderConfirmationKey(orderId) } }).exec();
  const now = nowIso(mail);
  const waiting = docs.filter((d) => (d.status === 'queued' || d.status === 'failed' || d.status === 'exported') && d.deviceId === mail.core.books.deviceId);
  const cancelled = waiting.map((d) => ({ ...d.toMutableJSON(), status: 'cancelled' as const, updatedAt: now, updatedBy: userId }));
  return {
    changes: waiting.map((d) => ({ collection: 'outbox', action: 'mail.cancelled', entity: 'outbox', entityId: d.id, before: { status: d.status }, after: { status: 'cancelled', reason: 'order.cancelled' } })),
    apply: async () => {
      if (!cancelled.length) return;
      const result = await outbox.bulkUpsert(cancelled);
      if (result.error.length) throw new Error("The order's messages could not be cancelled");
    },
  };
}
