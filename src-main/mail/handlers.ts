/** The mail handlers of the contract: settings, test message, outbox, templates. */
import { AppError, type OutboxItem, type ParsedInputOf } from '../../src-shared/contract/index.js';
import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { MailContext } from './context.js';
import { eml, exportWaiting } from './export.js';
import { documentMailEvent, invoiceMessage } from './messages.js';
import { itemOf, REPEAT_STATUSES } from './outbox-items.js';
import { cancel, enqueue, retry, sendAnyway } from './outbox.js';
import { listOutbox, messagesOfInvoice, outboxMessage } from './outbox-views.js';
import { senderState } from './sender.js';
import { saveSettings, sendTest, settingsView } from './settings.js';

export type MailHandlers = Pick<HandlerImpls, Extract<keyof HandlerImpls, `mail.${string}`>>;

const userOf = (context: HandlerContext) => context.session.user!.id;

/**
 * Mails an issued invoice or credit note now. While its mail waits, or once it was sent or
 * exported, a second one is refused with MAIL_REPEAT until the user confirms (`confirmRepeat`).
 */
export async function sendInvoiceMail(mail: MailContext, { invoiceId, confirmRepeat }: ParsedInputOf<'mail.sendInvoice'>, userId: string): Promise<OutboxItem> {
  const invoice = await mail.core.books.db.invoices.findOne(invoiceId).exec();
  if (!invoice) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
  if (invoice.status !== 'issued' && invoice.status !== 'sent') throw new AppError('INVALID_STATE', 'Only issued documents are mailed', { status: invoice.status });
  const event = documentMailEvent(invoice.documentType);
  const earlier = (await messagesOfInvoice(mail, invoiceId)).filter((m) => m.event === event);
  const handled = earlier.find((m) => REPEAT_STATUSES.has(m.status));
  if (handled && !confirmRepeat) {
    throw new AppError('MAIL_REPEAT', `${invoice.number} was mailed before (${handled.status}); confirm to mail it again`, {
      earlier: { id: handled.id, status: handled.status, at: handled.sentAt ?? handled.exportedAt ?? handled.createdAt, to: handled.to },
    });
  }
  const message = await invoiceMessage(mail, invoiceId, userId, { creditNotes: true });
  if (!message) throw new AppError('VALIDATION_FAILED', 'The customer has no invoice e-mail address', { fields: [{ field: 'invoiceEmails', problem: 'validation.noInvoiceEmail' }] });
  const sent = earlier.length;
  const [queued] = await enqueue(mail, [{ ...message, dedupeKey: sent ? `${message.dedupeKey}:${sent + 1}` : message.dedupeKey }], userId);
  if (queued) return itemOf(queued);
  // The same click twice: the message queued by the first one.
  return (await messagesOfInvoice(mail, invoiceId))[0]!;
}

export function mailHandlers(mail: MailContext): MailHandlers {
  const { templates } = mail;
  return {
    'mail.getSettings': () => settingsView(mail),
    'mail.saveSettings': (input, context) => saveSettings(mail, input, userOf(context)),
    'mail.sendTest': ({ to }) => sendTest(mail, to),
    'mail.state': () => senderState(mail),
    'mail.outbox': (input) => listOutbox(mail, input),
    'mail.message': ({ id }) => outboxMessage(mail, id),
    'mail.retry': ({ id }, context) => retry(mail, id, userOf(context)),
    'mail.sendAnyway': ({ id }, context) => sendAnyway(mail, id, userOf(context)),
    'mail.cancel': ({ id }, context) => cancel(mail, id, userOf(context)),
    'mail.exportEml': ({ id }, context) => eml(mail, id, userOf(context)),
    'mail.exportWaiting': (_input, context) => exportWaiting(mail, userOf(context)),
    'mail.templates': () => templates.templateViews(),
    'mail.saveTemplate': (input, context) => templates.saveTemplate(input, userOf(context)),
    'mail.resetTemplate': ({ event, language }, context) => templates.resetTemplate(event, language, userOf(context)),
    'mail.forInvoice': ({ invoiceId }) => messagesOfInvoice(mail, invoiceId),
    'mail.sendInvoice': (input, context) => sendInvoiceMail(mail, input, userOf(context)),
    'mail.preview': async ({ language, subject, html, text }) => templates.preview({ subject, html, text }, language),
  };
}
