/**
 * Messages saved as .eml files for any mail program. A waiting or failed message of this device
 * is then `exported` (when, by whom): handled, and sent from here only when a person asks.
 */
import path from 'node:path';
import { AppError, type MailFile } from '../../src-shared/contract/index.js';
import { ensurePrivateDir, writePrivateFile } from '../store/private-files.js';
import type { OutboxDoc } from '../store/schemas/workflow.js';
import { changed, nowIso, outboxOf, type MailContext } from './context.js';
import { safeFileName, senderOf } from './outbox-items.js';
import { outgoingOf } from './outgoing.js';
import { settingsDoc } from './settings.js';
import { emlOf, mailOf } from './smtp.js';

/** The message as a whole .eml file (From, Date, Message-ID, To, Subject, parts), for any mail program. */
async function emlFile(mail: MailContext, d: OutboxDoc): Promise<MailFile> {
  const settings = await settingsDoc(mail);
  const company = (await mail.core.books.db.settings.findOne('company').exec())?.company ?? null;
  const bytes = await emlOf(mailOf({ ...(await outgoingOf(mail.core.books.dataDir, d)), date: new Date(d.createdAt) }, { ...senderOf(settings, company), replyTo: settings?.replyTo ?? '', bccSelf: false }));
  return { fileName: `${safeFileName(d.subject) || d.id}.eml`, mimeType: 'message/rfc822', bytes: bytes.length, dataBase64: bytes.toString('base64') };
}

/** The message as an .eml file, to send from any mail program; a waiting one is then `exported`. */
export async function eml(mail: MailContext, id: string, userId: string): Promise<MailFile> {
  const doc = await outboxOf(mail).findOne(id).exec();
  if (!doc) throw new AppError('NOT_FOUND', `Message ${id} not found`);
  const file = await emlFile(mail, doc.toMutableJSON());
  await markExported(mail, [id], userId);
  return file;
}

/** Writes every waiting message of this device as .eml into a new folder under `<data>/exports/`; they are then `exported`. */
export async function exportWaiting(mail: MailContext, userId: string): Promise<{ folder: string; count: number }> {
  const { books } = mail.core;
  const docs = (await outboxOf(mail).find({ selector: { status: { $in: ['queued', 'failed'] } }, sort: [{ createdAt: 'asc' }] }).exec()).filter((d) => d.deviceId === books.deviceId);
  const stamp = nowIso(mail).replace(/[:.]/g, '-');
  const folder = path.join(books.dataDir, 'exports', `outbox-${stamp}`);
  ensurePrivateDir(path.dirname(folder));
  ensurePrivateDir(folder);
  for (const [i, doc] of docs.entries()) {
    const file = await emlFile(mail, doc.toMutableJSON());
    writePrivateFile(path.join(folder, `${String(i + 1).padStart(4, '0')}-${file.fileName}`), Buffer.from(file.dataBase64, 'base64'));
  }
  await markExported(
    mail,
    docs.map((d) => d.id),
    userId,
  );
  return { folder, count: docs.length };
}

/** Waiting and failed messages of this device become `exported`; one that went to the server meanwhile is left as it is. */
function markExported(mail: MailContext, ids: string[], userId: string): Promise<void> {
  if (!ids.length) return Promise.resolve();
  const outbox = outboxOf(mail);
  return mail.outboxQueue.run(async () => {
    const current = await outbox.findByIds(ids).exec();
    const now = nowIso(mail);
    const marked = [...current.values()]
      .filter((d) => (d.status === 'queued' || d.status === 'failed') && d.deviceId === mail.core.books.deviceId)
      .map((d) => ({ ...d.toMutableJSON(), status: 'exported' as const, exportedAt: now, exportedBy: userId, updatedAt: now, updatedBy: userId }));
    if (!marked.length) return;
    const changes = marked.map((d) => ({ collection: 'outbox', action: 'mail.exported', entity: 'outbox', entityId: d.id, before: { status: current.get(d.id)!.status }, after: { status: 'exported' } }));
    await mail.core.writes.write(userId, changes, async () => {
      const result = await outbox.bulkUpsert(marked);
      if (result.error.length) throw new Error('Exported messages could not be marked');
    });
    changed(
      mail,
      marked.map((d) => d.id),
    );
  });
}
