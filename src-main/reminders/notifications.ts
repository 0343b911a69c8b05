/**
 * In-app notifications: `notification` facts (append-only; a message key and its values, so each
 * reader sees it in their language), for one user or everyone, and each user's read marker.
 */
import type { NotificationList } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';

type Books = Pick<Core, 'books'>;

export function notificationFact(core: Books, topic: string, key: string, values: Record<string, string | number>, invoiceId: string, now: string, userId: string, recipientId: string, subjectId?: string): FactDoc {
  return newFact(core.books.deviceId, {
    kind: 'notification',
    subjectId: subjectId ?? (invoiceId || topic),
    occurredAt: now,
    userId,
    notification: { topic, message: key, params: JSON.stringify(values), ...(invoiceId ? { invoiceId } : {}), ...(recipientId ? { recipientId } : {}) },
  });
}

/** Notices for chosen users, one fact each, to write in the same write as the change they tell of. */
export function noticesFor(core: Pick<Core, 'books' | 'clock'>, topic: string, recipientIds: readonly string[], key: string, values: Record<string, string | number>, userId: string): FactDoc[] {
  const now = core.clock().toISOString();
  return recipientIds.map((recipientId) => notificationFact(core, topic, key, values, '', now, userId, recipientId));
}

async function readMarker(core: Books, userId: string): Promise<{ until: string; ids: string[] }> {
  const doc = await core.books.db.settings.findOne(`read-${userId}`).exec();
  try {
    return doc?.preference ? (JSON.parse(doc.preference.value) as { until: string; ids: string[] }) : { until: '', ids: [] };
  } catch {
    return { until: '', ids: [] };
  }
}

export async function notificationsOf(core: Pick<Core, 'books' | 'clock'>, userId: string): Promise<NotificationList> {
  const { db } = core.books;
  const marker = await readMarker(core, userId);
  const mine = (d: FactDoc) => !d.notification!.recipientId || d.notification!.recipientId === userId;
  const read = new Set(marker.ids);
  // Notices older than 90 days count as read.
  const since = new Date(core.clock().getTime() - 90 * 86_400_000).toISOString();
  const isRead = (d: FactDoc) => d.occurredAt <= marker.until || d.occurredAt <= since || read.has(d.id);
  // The newest 200 for the list (backwards on the index); the unread ones counted on the index range.
  const newest = (await db.facts.find({ selector: { kind: 'notification' }, sort: [{ occurredAt: 'desc' }], limit: 200 }).exec()).map((d) => d.toMutableJSON()).filter(mine);
  const from = marker.until > since ? marker.until : since;
  const recent = (await db.facts.find({ selector: { kind: 'notification', occurredAt: { $gt: from } } }).exec()).map((d) => d.toMutableJSON()).filter(mine);
  const items = newest.map((d) => {
    const n = d.notification!;
    let values: Record<string, string | number> = {};
    try {
      values = n.params ? (JSON.parse(n.params) as Record<string, string | number>) : {};
    } catch {
      values = {};
    }
    return { id: d.id, topic: n.topic, key: n.message, values, invoiceId: n.invoiceId ?? '', occurredAt: d.occurredAt, read: isRead(d) };
  });
  return { items, unread: recent.filter((d) => !isRead(d)).length };
}

export async function markNotificationsRead(core: Pick<Core, 'books' | 'writes' | 'clock' | 'bus'>, userId: string, input: { ids: string[]; all: boolean }): Promise<NotificationList> {
  const { books, writes, clock } = core;
  const marker = await readMarker(core, userId);
  const now = clock().toISOString();
  const next = input.all ? { until: now, ids: [] } : { until: marker.until, ids: [...new Set([...marker.ids, ...input.ids])].slice(-500) };
  const id = `read-${userId}`;
  const existing = await books.db.settings.findOne(id).exec();
  const doc = { id, kind: 'preference' as const, preference: { key: id, value: JSON.stringify(next) }, createdAt: existing?.createdAt ?? now, createdBy: userId, updatedAt: now, updatedBy: userId };
  // Reading a notice is not a change of the books: no audit entry.
  await writes.quiet(() => books.db.settings.upsert(doc));
  core.bus.emit('data.changed', { collection: 'notifications', ids: [] });
  return notificationsOf(core, userId);
}
