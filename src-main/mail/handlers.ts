/** The mail handlers of the contract: settings, test message, outbox, templates. */
import { AppError } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';
import { documentMailEvent, invoiceMessage } from './events.js';
import { itemOf, REPEAT_STATUSES } from './outbox-items.js';

type MailHandlers = Pick<
  HandlerImpls,
  | 'mail.getSettings'
  | 'mail.saveSettings'
  | 'mail.sendTest'
  | 'mail.state'
  | 'mail.outbox'
  | 'mail.message'
  | 'mail.retry'
  | 'mail.sendAnyway'
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
    'mail.sendAnyway': ({ id }, { session }) => mail().sendAnyway(id, session.user!.id),
    'mail.cancel': ({ id }, { session }) => mail().cancel(id, session.user!.id),
    'mail.exportEml': ({ id }, { session }) => mail().eml(id, session.user!.id),
    'mail.exportWaiting': (_input, { session }) => mail().exportWaiting(session.user!.id),
    'mail.templates': () => mail().templates.templateViews(),
    'mail.saveTemplate': (input, { session }) => mail().templates.saveTemplate(input, session.user!.id),
    'mail.resetTemplate': ({ event, language }, { session }) => mail().templates.resetTemplate(event, language, session.user!.id),
    'mail.forInvoice': ({ invoiceId }) => mail().forInvoice(invoiceId),
    /**
     * Mails an issued invoice or credit note now. While its mail waits, or once it was sent or
     * exported, a second one is refused with MAIL_REPEAT until the user confirms (`confirmRepeat`).
     */
    'mail.sendInvoice': async ({ invoiceId, confirmRepeat }, { session }) => {
      const userId = session.user!.id;
      const invoice = await services.books.db.invoices.findOne(invoiceId).exec();
      if (!invoice) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
      if (invoice.status !== 'issued' && invoice.status !== 'sent') throw new AppError('INVALID_STATE', 'Only issued documents are mailed', { status: invoice.status });
      const event = documentMailEvent(invoice.documentType);
      const earlier = (await mail().forInvoice(invoiceId)).filter((m) => m.event === event);
      const handled = earlier.find((m) => REPEAT_STATUSES.has(m.status));
      if (handled && !confirmRepeat) {
        throw new AppError('MAIL_REPEAT', `${invoice.number} was mailed before (${handled.status}); confirm to mail it again`, {
          earlier: { id: handled.id, status: handled.status, at: handled.sentAt ?? handled.exportedAt ?? handled.createdAt, to: handled.to },
        });
      }
      const message = await invoiceMessage(services, mail(), invoiceId, userId, { creditNotes: true });
      if (!message) throw new AppError('VALIDATION_FAILED', 'The customer has no invoice e-mail address', { fields: [{ field: 'invoiceEmails', problem: 'validation.noInvoiceEmail' }] });
      const sent = earlier.length;
      const [queued] = await mail().enqueue([{ ...message, dedupeKey: sent ? `${message.dedupeKey}:${sent + 1}` : message.dedupeKey }], userId);
      if (queued) return itemOf(queued);
      // The same click twice: the message queued by the first one.
      return (await mail().forInvoice(invoiceId))[0]!;
    },
    'mail.preview': async ({ language, subject, html, text }) => mail().templates.preview({ subject, html, text }, language),
  };
}
