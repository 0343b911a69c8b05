/** The reminders, notifications and customer-risk handlers of the contract. */
import { createHash } from 'node:crypto';
import type { DocumentFile } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';

type ReminderHandlers = Pick<
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

export function reminderHandlers(services: Services): ReminderHandlers {
  const reminders = () => services.reminders;
  return {
    'reminders.settings': ({ customerId }) => reminders().rules.view(customerId),
    'reminders.saveSettings': (input, { session }) => reminders().rules.save(input, session.user!.id),
    'reminders.removeOverride': ({ customerId }, { session }) => reminders().rules.removeOverride(customerId, session.user!.id),
    'reminders.preview': ({ date }) => reminders().preview(date),
    'reminders.letter': ({ invoiceId }) => reminders().letterPreview(invoiceId),
    'reminders.run': async ({ invoiceIds }, { session }) => {
      const { jobId, total } = reminders().startRun(invoiceIds, session.user!.id);
      return { jobId, total };
    },
    'reminders.history': (input) => reminders().history(input),
    'reminders.print': async ({ id }): Promise<DocumentFile> => {
      const { fileName, bytes } = await reminders().print(id);
      return {
        format: 'pdf',
        fileName,
        mimeType: 'application/pdf',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
        frozenAt: '',
        dataBase64: bytes.toString('base64'),
      };
    },
    'reminders.stops': () => reminders().stops(),
    'reminders.setInvoiceStop': (input, { session }) => reminders().setInvoiceStop(input, session.user!.id),
    'reminders.baseRates': () => reminders().baseRates(),
    'reminders.updateBaseRates': ({ content }, { session }) => reminders().updateBaseRates(content, session.user!.id),
    'customers.risk': ({ customerId }) => reminders().risk(customerId),
    'notifications.list': (_input, { session }) => reminders().notifications(session.user!.id),
    'notifications.markRead': (input, { session }) => reminders().markRead(session.user!.id, input),
  };
}
