/** The outbox's records as the screens see them, and small helpers of the outbox. */
import type { OutboxItem } from '../../src-shared/contract/index.js';
import type { OutboxDoc } from '../store/schemas/workflow.js';

export function rejectionOf(info: { rejected: unknown[]; rejectedErrors?: { response?: string; message?: string }[]; response?: string }): string {
  const replies = (info.rejectedErrors ?? []).map((e) => e.response || e.message || '').filter(Boolean);
  return (replies.length ? replies.join('\n') : `${info.rejected.map(String).join(', ')}: ${info.response ?? ''}`).slice(0, 2000);
}

/** `names`: user ids to names, for who exported a message. */
export function itemOf(d: OutboxDoc, names: ReadonlyMap<string, string> = new Map()): OutboxItem {
  return {
    id: d.id,
    status: d.status,
    event: d.event,
    to: [...d.to],
    cc: [...(d.cc ?? [])],
    subject: d.subject,
    messageId: d.messageId,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt,
    lastErrorCode: d.lastErrorCode ?? '',
    serverReply: d.serverReply ?? '',
    sentAt: d.sentAt ?? null,
    exportedAt: d.exportedAt ?? null,
    exportedBy: d.exportedBy ?? '',
    exportedByName: d.exportedBy ? (names.get(d.exportedBy) ?? '') : '',
    createdAt: d.createdAt,
    invoiceId: d.invoiceId ?? '',
    customerId: d.customerId ?? '',
    attachments: (d.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType })),
  };
}

export function domainOf(address: string): string {
  const domain = address.split('@')[1]?.trim().toLowerCase();
  return domain && /^[a-z0-9.-]+$/.test(domain) ? domain : 'rechnungswerk.invalid';
}

export function safeFileName(text: string): string {
  return text.replace(/[\\/:*?"<>|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
}

/** An .eml file is a whole message: `From` is the mail settings' sender, else the company's address. */
export function senderOf(settings: { fromName?: string; fromAddress?: string } | null, company: { name?: string; email?: string } | null): { fromName: string; fromAddress: string } {
  if (settings?.fromAddress) return { fromName: settings.fromName ?? '', fromAddress: settings.fromAddress };
  return { fromName: company?.name ?? '', fromAddress: company?.email ?? '' };
}

/** The dedupe key of an order's confirmation: cancelling the order finds it by this key. */
export const orderConfirmationKey = (orderId: string) => `orderConfirmed:${orderId}`;

/** The order whose confirmation a message is, by its dedupe key; null for every other message. */
export function orderOfMessage(dedupeKey: string | undefined): string | null {
  return dedupeKey?.startsWith('orderConfirmed:') ? dedupeKey.slice('orderConfirmed:'.length) || null : null;
}

/** Statuses of a document's earlier mail that make a second one a question to the user. */
export const REPEAT_STATUSES: ReadonlySet<OutboxItem['status']> = new Set(['queued', 'sending', 'sent', 'exported']);
