import { formatIban } from '../../src-shared/validation/iban.js';
import type { Core } from '../server/core.js';
import type { UserDoc } from '../store/schemas/config.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { BANK_CHANGE_ID } from './bank-details.js';
import type { NoticeFacts } from './ports.js';

/**
 * The notice of a bank change still waiting for its confirmation, for someone who joins the
 * people deciding on it (an admin or supervisor created, promoted or activated after it was
 * proposed): they hear of it as those who were there when it was proposed.
 */
export async function pendingBankChangeNotice(core: Pick<Core, 'books'>, noticeFacts: NoticeFacts, user: UserDoc, writtenBy: string): Promise<FactDoc[]> {
  if (!user.active || (user.role !== 'admin' && user.role !== 'supervisor')) return [];
  const change = (await core.books.db.settings.findOne(BANK_CHANGE_ID).exec())?.toMutableJSON().bankChange;
  if (!change || change.status !== 'pending' || change.proposedBy === user.id) return [];
  const told = await core.books.db.facts.find({ selector: { kind: 'notification', occurredAt: { $gte: change.proposedAt } } }).exec();
  const already = told.some((f) => f.notification?.recipientId === user.id && f.notification?.message === 'settings.bankChange.noticeProposed');
  if (already) return [];
  const proposer = await core.books.db.users.findOne(change.proposedBy).exec();
  const values = { by: proposer?.name ?? '', iban: change.iban ? formatIban(change.iban) : '—' };
  return noticeFacts([user.id], 'settings.bankChange.noticeProposed', values, writtenBy);
}
