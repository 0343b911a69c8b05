/**
 * The events that queue mail: an invoice issued (its frozen PDF, and the XRechnung XML for
 * customers who take it, attached), an order confirmed and customer data changed (to the old
 * and the new address), told on the one event bus; and, once a day with the scheduler, payments
 * due in N days and invoice mails that a crash held back. Each event queues one message at most:
 * its dedupe key names the event and the record, so a repeated event, a second run or a restart
 * never queue it twice.
 */
import { addDays } from '../../src-shared/dates.js';
import { viewWithNames } from '../sales/index.js';
import type { MailContext } from './context.js';
import { changesOf, companyValues, formatDate, invoiceMessage, invoiceValues, recipientOfCustomer, type Lang } from './messages.js';
import { enqueue, type NewMessage } from './outbox.js';
import { orderConfirmationKey } from './outbox-items.js';
import { settingsView } from './settings.js';

/** Listens to the domain events that queue mail; returns the function that stops listening. */
export function listenToEvents(mail: MailContext): () => void {
  const { bus } = mail.core;
  const off = [
    bus.on('invoices.issued', ({ ids, userId }) => void mailIssuedInvoices(mail, ids, userId).catch(() => undefined)),
    bus.on('order.confirmed', ({ orderId, userId }) => void confirmOrder(mail, orderId, userId).catch(() => undefined)),
    bus.on('customer.changed', ({ before, after, userId }) => void tellCustomerChange(mail, before, after, userId).catch(() => undefined)),
  ];
  return () => off.forEach((stop) => stop());
}

async function mailIssuedInvoices(mail: MailContext, ids: string[], userId: string): Promise<void> {
  if (!(await settingsView(mail)).autoSendInvoices) return;
  mail.core.jobs.start('jobs.mailInvoices', ids.length, userId, async (control) => {
    const batch: NewMessage[] = [];
    for (let i = 0; i < ids.length && !control.cancelled(); i++) {
      const message = await invoiceMessage(mail, ids[i]!, userId);
      if (message) batch.push(message);
      if (batch.length >= 100) await enqueue(mail, batch.splice(0), userId);
      control.progress(i + 1);
    }
    await enqueue(mail, batch, userId);
  });
}

async function confirmOrder(mail: MailContext, orderId: string, userId: string): Promise<void> {
  const { books } = mail.core;
  const order = await books.db.orders.findOne(orderId).exec();
  if (!order) return;
  const recipient = await recipientOfCustomer(mail, order.customerId);
  if (!recipient) return;
  const composed = await mail.templates.compose('orderConfirmed', recipient.lang, {
    ...(await companyValues(mail)),
    customerName: recipient.customer.name,
    customerNumber: recipient.customer.number,
    orderNumber: order.number,
    orderDate: formatDate(order.orderDate, recipient.lang),
  });
  // Cancelled meanwhile: no confirmation of an order that no longer stands.
  if ((await books.db.orders.findOne(orderId).exec())?.status === 'cancelled') return;
  await enqueue(mail, [{ dedupeKey: orderConfirmationKey(orderId), event: 'orderConfirmed', to: recipient.to, ...composed, customerId: order.customerId }], userId);
}

async function tellCustomerChange(mail: MailContext, before: Parameters<typeof changesOf>[0], after: Parameters<typeof changesOf>[1], userId: string): Promise<void> {
  const lang: Lang = after.language === 'en' ? 'en' : 'de';
  const changes = changesOf(before, after, lang);
  const to = [...new Set([...before.invoiceEmails, ...after.invoiceEmails].filter(Boolean))];
  if (!changes.length || !to.length) return;
  const composed = await mail.templates.compose('customerDataChanged', lang, {
    ...(await companyValues(mail)),
    customerName: after.name,
    customerNumber: after.number,
    changes: changes.join('\n'),
  });
  await enqueue(mail, [{ dedupeKey: `customerDataChanged:${after.id}:${after.updatedAt}`, event: 'customerDataChanged', to, ...composed, customerId: after.id }], userId);
}

/** The name of the daily mail's task with the scheduler. */
export const DAILY_MAIL_TASK = 'mail.daily';
/** How often the daily task looks whether the day has changed (a clock put forward, a laptop woken). */
const DAY_CHECK_MS = 60 * 60_000;

/**
 * At start and once a day: invoice mails a crash held back, and invoices falling due soon.
 * Registered with the scheduler while the outbox sends; returns the function that unregisters it.
 */
export function registerDailyMail(mail: MailContext): () => Promise<void> {
  let lastDay = '';
  return mail.core.scheduler.register(
    DAILY_MAIL_TASK,
    async () => {
      const now = mail.core.clock();
      const today = now.toISOString().slice(0, 10);
      if (today !== lastDay) {
        await dailyMail(mail, today);
        lastDay = today;
      }
      return { nextInMs: Date.parse(`${addDays(today, 1)}T00:00:00.000Z`) - now.getTime() };
    },
    { everyMs: DAY_CHECK_MS, firstInMs: 0 },
  );
}

/** What the day's run queues; safe to run again the same day. */
export async function dailyMail(mail: MailContext, today: string): Promise<void> {
  await queueHeldBackInvoiceMails(mail, today);
  await queueDueSoonNotices(mail, today);
}

/**
 * The mails of invoices this device issued in the last three days with "mail invoices" on, that
 * were never queued: the job that queues them after issuing runs in memory, and a crash or the app
 * closing right after issuing ends it. Settings changed since the issue leave that invoice alone
 * (whether it was to be mailed is no longer known); older ones wait for a person (Senden).
 */
export async function queueHeldBackInvoiceMails(mail: MailContext, today: string): Promise<number> {
  const settings = await settingsView(mail);
  if (!settings.autoSendInvoices) return 0;
  const { books } = mail.core;
  const since = `${addDays(today, -3)}T00:00:00.000Z`;
  const from = settings.updatedAt && settings.updatedAt > since ? settings.updatedAt : since;
  // Issued here: the audit entry is this device's.
  const entries = await books.db.facts.find({ selector: { kind: 'audit', deviceId: books.deviceId, occurredAt: { $gte: from } } }).exec();
  const issued = entries.filter((f) => f.audit?.action === 'invoice.issued').map((f) => f.audit!.entityId);
  if (!issued.length) return 0;
  const queued = new Set((await books.db.outbox.find({ selector: { dedupeKey: { $in: issued.map((id) => `invoiceIssued:${id}`) } } }).exec()).map((d) => d.dedupeKey));
  const messages: NewMessage[] = [];
  for (const id of issued.filter((i) => !queued.has(`invoiceIssued:${i}`))) {
    const message = await invoiceMessage(mail, id, 'system');
    if (message) messages.push(message);
  }
  return (await enqueue(mail, messages, 'system')).length;
}

/** Invoices that fall due within the next N days and are still open. */
async function queueDueSoonNotices(mail: MailContext, today: string): Promise<void> {
  const { dueSoonDays } = await settingsView(mail);
  if (dueSoonDays <= 0) return;
  const { books } = mail.core;
  const docs = await books.db.invoices.find({ selector: { status: { $in: ['issued', 'sent'] }, dueDate: { $gte: addDays(today, 1), $lte: addDays(today, dueSoonDays) } } }).exec();
  const messages: NewMessage[] = [];
  const company = await companyValues(mail);
  for (const doc of docs) {
    if (doc.documentType !== 'invoice') continue;
    // What is still open comes from the payments booked: a paid invoice gets no reminder of its due date.
    const open = await mail.ports.openAmount(doc.id);
    if (open <= 0) continue;
    const view = await viewWithNames(books, doc.toMutableJSON());
    view.totals = { ...view.totals, amountDue: open };
    const recipient = await recipientOfCustomer(mail, doc.customerId);
    if (!recipient) continue;
    const composed = await mail.templates.compose('paymentDueSoon', recipient.lang, { ...company, ...invoiceValues(view, recipient.lang, today) });
    messages.push({ dedupeKey: `paymentDueSoon:${doc.id}:${doc.dueDate}`, event: 'paymentDueSoon', to: recipient.to, ...composed, invoiceId: doc.id, customerId: doc.customerId });
  }
  await enqueue(mail, messages, 'system');
}
