/** The reminders, notifications and customer-risk handlers of the contract, one line each. */
import { createHash } from 'node:crypto';
import type { DocumentFile } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Reminders } from './service.js';

export type ReminderHandlers = Pick<
  HandlerImpls,
  | 'reminders.settings'
  | 'reminders.saveSettings'
  | 'reminders.removeOverride'
  | 'reminders.preview'
  | 'reminders.letter'
  | 'reminders.run'
  | 'reminders.history'
  | 'reminders.print'
  | 'reminders.stops'
  | 'reminders.setInvoiceStop'
  | 'reminders.baseRates'
  | 'reminders.updateBaseRates'
  | 'customers.risk'
  | 'notifications.list'
  | 'notifications.markRead'
>;

/** The letter of a reminder sent, as a PDF file for the screen to print or save. */
export async function reminderFile(reminders: Reminders, id: string): Promise<DocumentFile> {
  const { fileName, bytes } = await reminders.print(id);
  return {
    format: 'pdf',
    fileName,
    mimeType: 'application/pdf',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    frozenAt: '',
    dataBase64: bytes.toString('base64'),
  };
}

/** Starts a run as a job; the screen follows its progress. */
export function startReminderRun(reminders: Reminders, invoiceIds: readonly string[], userId: string): { jobId: string; total: number } {
  const { jobId, total } = reminders.startRun(invoiceIds, userId);
  return { jobId, total };
}

export function reminderHandlers(reminders: Reminders): ReminderHandlers {
  const r = reminders;
  return {
    'reminders.settings': ({ customerId }) => r.rules.view(customerId),
    'reminders.saveSettings': (input, { session }) => r.rules.save(input, session.user!.id),
    'reminders.removeOverride': ({ customerId }, { session }) => r.rules.removeOverride(customerId, session.user!.id),
    'reminders.preview': ({ date }) => r.preview(date),
    'reminders.letter': ({ invoiceId }) => r.letterPreview(invoiceId),
    'reminders.run': async ({ invoiceIds }, { session }) => startReminderRun(r, invoiceIds, session.user!.id),
    'reminders.history': (input) => r.history(input),
    'reminders.print': ({ id }) => reminderFile(r, id),
    'reminders.stops': () => r.stops(),
    'reminders.setInvoiceStop': (input, { session }) => r.setInvoiceStop(input, session.user!.id),
    'reminders.baseRates': () => r.baseRates(),
    'reminders.updateBaseRates': ({ content }, { session }) => r.updateBaseRates(content, session.user!.id),
    'customers.risk': ({ customerId }) => r.risk(customerId),
    'notifications.list': (_input, { session }) => r.notifications(session.user!.id),
    'notifications.markRead': (input, { session }) => r.markRead(session.user!.id, input),
  };
}
