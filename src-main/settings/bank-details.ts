/**
 * Changes of the company's bank details. The first bank details an admin sets alone, with the
 * first company profile; after that a change is an admin's proposal, stored apart
 * (`bank-change`) and applied only when a second person (another admin or a supervisor)
 * confirms it. Proposal, confirmation and rejection each get an audit entry and a notice to
 * every admin and supervisor in the app, and a mail to every admin when a mail account is set.
 */
import { AppError, type PendingBankChange, type PublicUser } from '../../src-shared/contract/index.js';
import { translate, type Language, type Messages } from '../../src-shared/i18n/index.js';
import { formatIban } from '../../src-shared/validation/iban.js';
import { newId } from '../ids.js';
import type { ChangeDescription } from '../server/write-path.js';
import type { Core } from '../server/core.js';
import type { SettingsDoc } from '../store/schemas/config.js';
import type { BankDetailsMail, SettingsPorts } from './ports.js';
import { bankDetailsOf, mayConfirmBankChange, mayRejectBankChange, type BankDetails } from './bank-rules.js';

export const BANK_CHANGE_ID = 'bank-change';

export type BankChange = NonNullable<SettingsDoc['bankChange']>;

type Notice = 'Proposed' | 'Confirmed' | 'Rejected';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ibanText = (iban: string) => (iban ? formatIban(iban) : '—');

export function bankChanges(core: Pick<Core, 'books' | 'writes' | 'clock'>, { noticeFacts, mail }: SettingsPorts) {
  const { books, writes, clock } = core;
  const settings = books.db.settings;

  async function current(): Promise<BankChange | undefined> {
    return (await settings.findOne(BANK_CHANGE_ID).exec())?.toMutableJSON().bankChange;
  }

  async function viewOf(change: BankChange | undefined, user: PublicUser): Promise<PendingBankChange | null> {
    if (!change || change.status !== 'pending') return null;
    const proposer = await books.db.users.findOne(change.proposedBy).exec();
    return {
      id: change.proposalId,
      iban: change.iban,
      bic: change.bic,
      bankName: change.bankName,
      proposedBy: change.proposedBy,
      proposedByName: proposer?.name ?? '',
      proposedAt: change.proposedAt,
      mayConfirm: mayConfirmBankChange(change, user),
    };
  }

  /** Who hears of a change: every active admin and supervisor in the app; the admins by mail. */
  async function audience() {
    const people = [...(await books.db.users.find({ selector: { role: { $in: ['admin', 'supervisor'] } } }).exec())].filter((u) => u.active);
    return { inApp: people.map((u) => u.id), admins: people.filter((u) => u.role === 'admin') };
  }

  async function notices(notice: Notice, change: BankChange, by: PublicUser) {
    const people = await audience();
    const values = { by: by.name, iban: ibanText(change.iban) };
    const facts = noticeFacts(people.inApp, `settings.bankChange.notice${notice}`, values, by.id);
    const described: ChangeDescription = { collection: 'facts', action: 'notification.created', entity: 'notification', entityId: change.proposalId, after: { topic: 'settings.bankChange', notice, recipients: people.inApp.length } };
    return { facts, described, admins: people.admins, values };
  }

  /** By mail to every admin in their language, when this device has a mail account. */
  async function mailAdmins(notice: Notice, change: BankChange, before: BankDetails, admins: { id: string; email?: string | undefined; language?: string | undefined }[], values: Record<string, string>, userId: string): Promise<void> {
    if (!(await mail.configured())) return;
    const company = (await settings.findOne('company').exec())?.company?.name ?? '';
    const messages: BankDetailsMail[] = admins
      .filter((a) => a.email)
      .map((admin) => {
        const lang: Language = admin.language === 'en' ? 'en' : 'de';
        const t = (key: keyof Messages['settings']['bankChange'], v: Record<string, string> = {}) => translate(lang, `settings.bankChange.${key}`, v);
        const details = (d: BankDetails) => [d.bankName, `IBAN ${ibanText(d.iban)}`, d.bic ? `BIC ${d.bic}` : ''].filter(Boolean).join(', ');
        const paragraphs = [t(`notice${notice}`, values), t('mailBefore', { details: details(before) }), t('mailProposed', { details: details(change) }), t('mailHint')];
        return {
          dedupeKey: `bankChange:${change.proposalId}:${notice}:${admin.id}`,
          event: 'bankDetailsNotice',
          to: [admin.email!],
          subject: t(`mailSubject${notice}`, { company }),
          text: paragraphs.join('\n\n'),
          html: paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
        };
      });
    await mail.enqueue(messages, userId);
  }

  /** A new proposal: written with the company profile the admin saves (see `settings.saveCompany`). */
  async function propose(wanted: BankDetails, stored: BankDetails, user: PublicUser) {
    const now = clock().toISOString();
    const change: BankChange = { proposalId: newId(), ...wanted, status: 'pending', proposedBy: user.id, proposedAt: now };
    const told = await notices('Proposed', change, user);
    const doc: SettingsDoc = { id: BANK_CHANGE_ID, kind: 'bankChange', bankChange: change, createdAt: now, createdBy: user.id, updatedAt: now, updatedBy: user.id };
    return {
      changes: [{ collection: 'settings', action: 'settings.bankChangeProposed', entity: 'bankChange', entityId: change.proposalId, before: stored, after: wanted }, told.described] as ChangeDescription[],
      write: async () => {
        await settings.upsert(doc);
        await books.db.facts.bulkInsert(told.facts);
      },
      afterwards: () => mailAdmins('Proposed', change, stored, told.admins, told.values, user.id),
    };
  }

  /** The second person confirms (the new details apply at once), or someone rejects or withdraws it. */
  async function decide(id: string, decision: 'confirmed' | 'rejected', user: PublicUser): Promise<void> {
    const change = await current();
    if (!change) throw new AppError('NOT_FOUND', 'No change of the bank details was proposed');
    if (change.proposalId !== id) throw new AppError('CONFLICT', 'This proposal was replaced by a newer one; look at the new one first.');
    if (change.status !== 'pending') throw new AppError('INVALID_STATE', `This change was ${change.status} already`, { status: change.status });
    if (decision === 'confirmed' && change.proposedBy === user.id) throw new AppError('FOUR_EYES', 'Whoever proposed a change of the bank details cannot confirm it; another admin or a supervisor must.');
    if (!(decision === 'confirmed' ? mayConfirmBankChange(change, user) : mayRejectBankChange(change, user))) throw new AppError('FORBIDDEN', 'Only another admin or a supervisor decides on this change');
    const company = await settings.findOne('company').exec();
    if (!company?.company) throw new AppError('INVALID_STATE', 'There is no company profile');
    const before = bankDetailsOf(company.company);
    const proposed = bankDetailsOf(change);
    const notice: Notice = decision === 'confirmed' ? 'Confirmed' : 'Rejected';
    const told = await notices(notice, change, user);
    const now = clock().toISOString();
    await writes.write(
      user.id,
      [
        { collection: 'settings', action: decision === 'confirmed' ? 'settings.bankChangeConfirmed' : 'settings.bankChangeRejected', entity: 'bankChange', entityId: id, before, after: { ...proposed, proposedBy: change.proposedBy } },
        told.described,
      ],
      async () => {
        // Decided once: a second decision at the same moment finds it decided.
        const fresh = await settings.findOne(BANK_CHANGE_ID).exec();
        const pending = fresh?.toMutableJSON().bankChange;
        if (!fresh || pending?.proposalId !== id || pending.status !== 'pending') throw new AppError('CONFLICT', 'This change was decided or replaced meanwhile.');
        await fresh.incrementalPatch({ bankChange: { ...pending, status: decision, decidedBy: user.id, decidedAt: now }, updatedAt: now, updatedBy: user.id });
        if (decision === 'confirmed') {
          const latest = (await settings.findOne('company').exec())!;
          await latest.incrementalPatch({ company: { ...latest.toMutableJSON().company!, ...proposed }, updatedAt: now, updatedBy: user.id });
        }
        await books.db.facts.bulkInsert(told.facts);
      },
    );
    await mailAdmins(notice, change, before, told.admins, told.values, user.id);
  }

  return { current, viewOf, propose, decide };
}
