/** The outbox as the screens read it: pages of messages, one message whole, counts per state. */
import { AppError, OUTBOX_STATUSES, type OutboxItem, type OutboxMessage, type OutboxStatus, type Page, type ParsedInputOf } from '../../src-shared/contract/index.js';
import type { OutboxDoc } from '../store/schemas/workflow.js';
import { outboxOf, type MailContext } from './context.js';
import { itemOf } from './outbox-items.js';

export async function listOutbox(mail: MailContext, input: ParsedInputOf<'mail.outbox'>): Promise<Page<OutboxItem>> {
  const selector = input.status ? { status: input.status } : {};
  const outbox = outboxOf(mail);
  const [docs, total] = await Promise.all([
    outbox.find({ selector, sort: [{ createdAt: 'desc' }], skip: input.page * input.pageSize, limit: input.pageSize }).exec(),
    outbox.count({ selector }).exec(),
  ]);
  return { items: await itemsOf(mail, docs.map((d) => d.toMutableJSON())), total, page: input.page, pageSize: input.pageSize };
}

/** The messages of one invoice, newest first. */
export async function messagesOfInvoice(mail: MailContext, invoiceId: string): Promise<OutboxItem[]> {
  const docs = await outboxOf(mail).find({ selector: { invoiceId }, sort: [{ createdAt: 'desc' }] }).exec();
  return itemsOf(
    mail,
    docs.map((d) => d.toMutableJSON()),
  );
}

/** The messages as the screens show them, with the names of who exported them. */
export async function itemsOf(mail: MailContext, docs: OutboxDoc[]): Promise<OutboxItem[]> {
  const ids = [...new Set(docs.map((d) => d.exportedBy).filter((id): id is string => !!id))];
  const users = ids.length ? await mail.core.books.db.users.findByIds(ids).exec() : new Map();
  const names = new Map([...users.values()].map((u: { id: string; name: string }) => [u.id, u.name] as const));
  return docs.map((d) => itemOf(d, names));
}

export async function outboxCounts(mail: MailContext): Promise<Record<OutboxStatus, number>> {
  const counts = await Promise.all(OUTBOX_STATUSES.map((status) => outboxOf(mail).count({ selector: { status } }).exec()));
  return Object.fromEntries(OUTBOX_STATUSES.map((s, i) => [s, counts[i]!])) as Record<OutboxStatus, number>;
}

export async function outboxMessage(mail: MailContext, id: string): Promise<OutboxMessage> {
  const doc = await outboxOf(mail).findOne(id).exec();
  if (!doc) throw new AppError('NOT_FOUND', `Message ${id} not found`);
  const d = doc.toMutableJSON();
  const [item] = await itemsOf(mail, [d]);
  return { ...item!, bcc: d.bcc ?? [], html: d.html ?? '', text: d.text ?? '' };
}
