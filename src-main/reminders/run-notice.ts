/**
 * The notice of a step of the run, written with its records: in the app for everyone, by mail
 * to the account managers and customer service.
 */
import type { ReminderProposal } from '../../src-shared/contract/index.js';
import type { ChangeDescription } from '../server/write-path.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { DunningCase } from './cases.js';
import type { ReminderContext } from './context.js';
import { noticeMessage, type NoticeLine } from './letters.js';
import { notificationFact } from './notifications.js';
import type { ReminderMessage } from './ports.js';

export type WrittenReminder = { fact: FactDoc; proposal: ReminderProposal };

export type RunNotice = { summary: FactDoc; changes: ChangeDescription[]; insert(): Promise<void> };

export async function runNotice(ctx: ReminderContext, written: readonly WrittenReminder[], cases: Map<string, DunningCase>, userId: string, now: string): Promise<RunNotice> {
  const { core, ports } = ctx;
  const { books } = core;
  // Mailed or for printing as written; a mail a cancel held back goes with the next run, it is not to print.
  const lines: (NoticeLine & { managerId: string })[] = written.map(({ fact, proposal: p }) => ({
    invoiceNumber: p.invoiceNumber,
    customerName: p.customerName,
    level: p.level,
    total: p.total,
    currency: p.currency,
    mailed: fact.reminder!.channel === 'mail',
    managerId: cases.get(p.invoiceId)?.customer.accountManagerId ?? '',
  }));
  const toPrint = lines.filter((l) => !l.mailed).length;
  const summary = notificationFact(core, 'reminder.run', 'reminders.notification.run', { count: lines.length, toPrint }, '', now, userId, '');

  const settings = await ports.mail.settingsView();
  const runKey = summary.id;
  const messages: ReminderMessage[] = [];
  const lang = (await books.db.settings.findOne('company').exec())?.company?.defaultLanguage === 'en' ? 'en' : 'de';
  const shared = [...new Set([settings.accountManagerAddress, settings.customerServiceAddress].filter(Boolean))];
  if (shared.length) messages.push(await noticeMessage(ctx, `overdueNotice:${runKey}`, shared, lines, lang));
  // Each account manager with an e-mail address hears about their own customers.
  const managers = await books.db.users.findByIds([...new Set(lines.map((l) => l.managerId).filter(Boolean))]).exec();
  for (const manager of managers.values()) {
    if (!manager.email || shared.includes(manager.email)) continue;
    const own = lines.filter((l) => l.managerId === manager.id);
    messages.push(await noticeMessage(ctx, `overdueNotice:${runKey}:${manager.id}`, [manager.email], own, manager.language === 'en' ? 'en' : 'de'));
  }
  const queued = await ports.mail.prepare(messages, userId);
  return {
    summary,
    changes: [{ collection: 'facts', action: 'notification.created', entity: 'notification', entityId: summary.id, after: { topic: 'reminder.run', count: lines.length } }, ...queued.changes],
    insert: () => queued.insert(),
  };
}
