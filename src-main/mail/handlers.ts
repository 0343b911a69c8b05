/** The mail handlers of the contract: settings, test message, outbox, templates. */
import { AppError } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';
import { invoiceMessage } from './events.js';
import { itemOf } from './outbox-items.js';

type MailHandlers = Pick<
  HandlerImpls,
  | 'mail.getSettings'
  | 'mail.saveSettings'
  | 'mail.sendTest'
  | 'mail.state'
  | 'mail.outbox'
  | 'mail.message'
  | 'mail.retry'
  | 'mail.cancel'
  | 'mail.exportEml'
  | 'mail.exportWaiting'
  | 'mail.templates'
  | 'mail.saveTemplate'
  | 'mail.resetTemplate'
  | 'mail.preview'
  | 'mail.sendInvoice'
  | 'mail.forInvoice'
>;

export function mailHandlers(services: Services): MailHandlers {
  const mail = () => services.mail;
  return {
    'mail.getSettings': () => mail().settingsView(),
    'mail.saveSettings': (input, { session }) => mail().saveSettings(input, session.user!.id),
    'mail.sendTest': ({ to }) => mail().sendTest(to),
    'mail.state': () => mail().state(),
    'mail.outbox': (input) => mail().list(input),
    'mail.message': ({ id }) => mail().message(id),
    'mail.retry': ({ id }, { session }) => mail().retry(id, session.user!.id),
    'mail.cancel': ({ id }, { session }) => mail().cancel(id, session.user!.id),
    'mail.exportEml': ({ id }) => mail().eml(id),
    'mail.exportWaiting': () => mail().exportWaiting(),
    'mail.templates': () => mail().templates.templateViews(),
    'mail.saveTemplate': (input, { session }) => mail().templates.saveTemplate(input, session.user!.id),
    'mail.resetTemplate': ({ event, language }, { session }) => mail().templates.resetTemplate(event, language, session.user!.id),
    'mail.forInvoice': ({ invoiceId }) => mail().forInvoice(invoiceId),
    /** Mails an issued invoice now (again, if it went out before: the message is new). */
    'mail.sendInvoice': async ({ invoiceId }, { session }) => {
      const userId = session.user!.id;
      const invoice = await services.books.db.invoices.findOne(invoiceId).exec();
      if (!invoice) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
      if (invoice.documentType !== 'invoice') throw new AppError('VALIDATION_FAILED', 'Only invoices are mailed from here', { fields: [{ field: 'invoiceId', problem: 'validation.mailInvoicesOnly' }] });
      const message = await invoiceMessage(services, mail(), invoiceId, userId);
      if (!message) throw new AppError('VALIDATION_FAILED', 'The customer has no invoice e-mail address', { fields: [{ field: 'invoiceEmails', problem: 'validation.noInvoiceEmail' }] });
      const earlier = await mail().forInvoice(invoiceId);
      const sent = earlier.filter((m) => m.event === 'invoiceIssued').length;
      const [queued] = await mail().enqueue([{ ...message, dedupeKey: sent ? `invoiceIssued:${invoiceId}:${sent + 1}` : message.dedupeKey }], userId);
      if (queued) return itemOf(queued);
      // The same click twice: the message queued by the first one.
      return (await mail().forInvoice(invoiceId))[0]!;
    },
    'mail.preview': async ({ language, subject, html, text }) => mail().templates.preview({ subject, html, text }, language),
  };
}
