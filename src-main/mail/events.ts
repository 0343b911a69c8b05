/**
 * The events that queue mail: an invoice issued (its frozen PDF, and the XRechnung XML for
 * customers who take it, attached), a credit note mailed on request (the same attachments of the
 * credit note, its own template), an order confirmed, a payment received, a payment due in N
 * days, and customer data changed (to the old and the new address). Each event queues one
 * message at most: its dedupe key names the event and the record, so a retried hook, a second
 * pass of the scheduler or a restart never queue it twice.
 */
import path from 'node:path';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import type { CustomerView, InvoiceView, PartySnapshot } from '../../src-shared/contract/index.js';
import { translate } from '../../src-shared/i18n/index.js';
import { formatIban } from '../../src-shared/validation/iban.js';
import { addDays } from '../../src-shared/dates.js';
import { formatDate as formatDocumentDate, formatMoney } from '../../src-shared/format/document.js';
import { loadSeller } from '../sales/company.js';
import { viewWithNames } from '../sales/invoices.js';
import type { Services } from '../services.js';
import type { MailService, NewMessage } from './service.js';
import { orderConfirmationKey } from './outbox-items.js';
import type { MailValues } from './templates.js';

type Lang = 'de' | 'en';

/** Dates as on the documents, with ordinary spaces: mail programs wrap plain text themselves. */
const formatDate = (iso: string, lang: Lang) => formatDocumentDate(iso, lang).replace(/\u00a0/g, ' ');

export function signatureOf(seller: PartySnapshot): string {
  const a = seller.address;
  return [
    seller.name,
    [a.street, `${a.postalCode} ${a.city}`.trim()].filter(Boolean).join(', '),
    [seller.phone, seller.email, seller.website].filter(Boolean).join(' · '),
    seller.register ?? '',
    seller.managingDirectors ?? '',
    seller.vatId ? `USt-IdNr. / VAT ID ${seller.vatId}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function bankDetailsOf(seller: PartySnapshot): string {
  return [seller.bankName, seller.iban ? `IBAN ${formatIban(seller.iban)}` : '', seller.bic ? `BIC ${seller.bic}` : ''].filter(Boolean).join(', ');
}

async function companyValues(services: Services): Promise<MailValues> {
  const seller = (await loadSeller(services.books)).snapshot;
  return { companyName: seller.name, companySignature: signatureOf(seller), bankDetails: bankDetailsOf(seller) };
}

function invoiceValues(view: InvoiceView, lang: Lang, today?: string): MailValues {
  const buyer = view.buyer;
  const values: MailValues = {
    customerName: buyer?.name || view.customerName,
    customerNumber: buyer?.customerNumber ?? '',
    invoiceNumber: view.number,
    invoiceDate: view.issueDate ? formatDate(view.issueDate, lang) : '',
    amountDue: formatMoney(view.totals.amountDue, view.currency, lang),
    dueDate: view.dueDate ? formatDate(view.dueDate, lang) : '',
  };
  if (today && view.dueDate) {
    const days = differenceInCalendarDays(parseISO(view.dueDate), parseISO(today));
    values.daysUntilDue = String(Math.max(0, days));
    values.daysOverdue = String(Math.max(0, -days));
  }
  if (view.seller) {
    values.bankDetails = bankDetailsOf(view.seller);
    values.companySignature = signatureOf(view.seller);
    values.companyName = view.seller.name;
  }
  return values;
}

/** The customer's invoice addresses and language, or null when there is nobody to write to. */
async function recipientOfCustomer(services: Services, customerId: string) {
  const customer = await services.books.db.customers.findOne(customerId).exec();
  const to = customer?.invoiceEmails?.filter(Boolean) ?? [];
  return customer && to.length ? { customer, to, lang: (customer.language === 'en' ? 'en' : 'de') as Lang } : null;
}

/** What a credit note's template says: its own number, date and amount, and the invoice it corrects. */
async function creditNoteValues(services: Services, view: InvoiceView, lang: Lang): Promise<MailValues> {
  const corrected = view.correctsInvoiceId ? await services.books.db.invoices.findOne(view.correctsInvoiceId).exec() : null;
  return {
    ...invoiceValues(view, lang),
    creditNoteNumber: view.number,
    creditNoteDate: view.issueDate ? formatDate(view.issueDate, lang) : '',
    creditAmount: formatMoney(Math.abs(view.totals.amountDue), view.currency, lang),
    invoiceNumber: view.correctsNumber,
    invoiceDate: corrected?.issueDate ? formatDate(corrected.issueDate, lang) : '',
    amountDue: '',
    dueDate: '',
  };
}

/** The mail event of a document: invoices and credit notes each have their own template. */
export const documentMailEvent = (documentType: string) => (documentType === 'creditNote' ? 'creditNoteIssued' : 'invoiceIssued');

/**
 * The message of an issued invoice or credit note with its frozen files; null without an invoice
 * address. Invoices are mailed at issue; credit notes when a person sends them (`creditNotes`).
 */
export async function invoiceMessage(services: Services, mail: MailService, invoiceId: string, userId: string, options: { creditNotes?: boolean } = {}): Promise<NewMessage | null> {
  const { books } = services;
  const doc = await books.db.invoices.findOne(invoiceId).exec();
  if (!doc || (doc.documentType !== 'invoice' && !options.creditNotes)) return null;
  const recipient = await recipientOfCustomer(services, doc.customerId);
  if (!recipient) return null;
  const view = await viewWithNames(books, doc.toMutableJSON());
  // The frozen files: the very bytes the audit log has the hashes of.
  const files = await services.documents.ensure(invoiceId, userId);
  const event = documentMailEvent(doc.documentType);
  const values = event === 'creditNoteIssued' ? await creditNoteValues(services, view, recipient.lang) : invoiceValues(view, recipient.lang);
  const composed = await mail.compose(event, recipient.lang, { ...(await companyValues(services)), ...values });
  return {
    dedupeKey: `${event}:${invoiceId}`,
    event,
    to: recipient.to,
    ...composed,
    attachments: files.map((f) => ({ filename: f.fileName, file: `documents/${f.sha256}${path.extname(f.fileName)}`, contentType: f.mimeType, sha256: f.sha256 })),
    invoiceId,
    customerId: doc.customerId,
  };
}

export function registerMailEvents(services: Services, mail: MailService): void {
  const { books, jobs } = services;
  const recipientOf = (customerId: string) => recipientOfCustomer(services, customerId);

  services.hooks.issued.push((ids, userId) => {
    void (async () => {
      if (!(await mail.settingsView()).autoSendInvoices) return;
      jobs.start('jobs.mailInvoices', ids.length, userId, async (control) => {
        const batch: NewMessage[] = [];
        for (let i = 0; i < ids.length && !control.cancelled(); i++) {
          const message = await invoiceMessage(services, mail, ids[i]!, userId);
          if (message) batch.push(message);
          if (batch.length >= 100) await mail.enqueue(batch.splice(0), userId);
          control.progress(i + 1);
        }
        await mail.enqueue(batch, userId);
      });
    })();
  });

  services.hooks.orderConfirmed.push((orderId, userId) => {
    void (async () => {
      const order = await books.db.orders.findOne(orderId).exec();
      if (!order) return;
      const recipient = await recipientOf(order.customerId);
      if (!recipient) return;
      const composed = await mail.compose('orderConfirmed', recipient.lang, {
        ...(await companyValues(services)),
        customerName: recipient.customer.name,
        customerNumber: recipient.customer.number,
        orderNumber: order.number,
        orderDate: formatDate(order.orderDate, recipient.lang),
      });
      // Cancelled meanwhile: no confirmation of an order that no longer stands.
      if ((await books.db.orders.findOne(orderId).exec())?.status === 'cancelled') return;
      await mail.enqueue([{ dedupeKey: orderConfirmationKey(orderId), event: 'orderConfirmed', to: recipient.to, ...composed, customerId: order.customerId }], userId);
    })().catch(() => undefined);
  });

  services.hooks.customerChanged.push((before, after, userId) => {
    void (async () => {
      const lang: Lang = after.language === 'en' ? 'en' : 'de';
      const changes = changesOf(before, after, lang);
      const to = [...new Set([...before.invoiceEmails, ...after.invoiceEmails].filter(Boolean))];
      if (!changes.length || !to.length) return;
      const composed = await mail.compose('customerDataChanged', lang, {
        ...(await companyValues(services)),
        customerName: after.name,
        customerNumber: after.number,
        changes: changes.join('\n'),
      });
      await mail.enqueue([{ dedupeKey: `customerDataChanged:${after.id}:${after.updatedAt}`, event: 'customerDataChanged', to, ...composed, customerId: after.id }], userId);
    })().catch(() => undefined);
  });

  // At start (and once a day): invoice mails that a crash or a shutdown held back after issuing.
  mail.periodic.push(async (today) => {
    await queueHeldBackInvoiceMails(services, mail, today);
  });

  // Once a day (and at start): invoices that fall due within the next N days.
  mail.periodic.push(async (today) => {
    const { dueSoonDays } = await mail.settingsView();
    if (dueSoonDays <= 0) return;
    const until = addDays(today, dueSoonDays);
    const tomorrow = addDays(today, 1);
    const docs = await books.db.invoices.find({ selector: { status: { $in: ['issued', 'sent'] }, dueDate: { $gte: tomorrow, $lte: until } } }).exec();
    const messages: NewMessage[] = [];
    const company = await companyValues(services);
    // What is still open comes from the payments booked: a paid invoice gets no reminder of its due date.
    const { Payments } = await import('../payments/service.js');
    const payments = new Payments(services);
    for (const doc of docs) {
      if (doc.documentType !== 'invoice') continue;
      const { item } = await payments.forInvoice(doc.id);
      if (item.open <= 0) continue;
      const view = await viewWithNames(books, doc.toMutableJSON());
      view.totals = { ...view.totals, amountDue: item.open };
      const recipient = await recipientOf(doc.customerId);
      if (!recipient) continue;
      const composed = await mail.compose('paymentDueSoon', recipient.lang, { ...company, ...invoiceValues(view, recipient.lang, today) });
      messages.push({ dedupeKey: `paymentDueSoon:${doc.id}:${doc.dueDate}`, event: 'paymentDueSoon', to: recipient.to, ...composed, invoiceId: doc.id, customerId: doc.customerId });
    }
    await mail.enqueue(messages, 'system');
  });
}

/**
 * The mails of invoices this device issued in the last three days with "mail invoices" on, that
 * were never queued: the job that queues them after issuing runs in memory, and a crash or the app
 * closing right after issuing ends it. Settings changed since the issue leave that invoice alone
 * (whether it was to be mailed is no longer known); older ones wait for a person (Senden).
 */
export async function queueHeldBackInvoiceMails(services: Services, mail: MailService, today: string): Promise<number> {
  const settings = await mail.settingsView();
  if (!settings.autoSendInvoices) return 0;
  const { books } = services;
  const since = `${addDays(today, -3)}T00:00:00.000Z`;
  const from = settings.updatedAt && settings.updatedAt > since ? settings.updatedAt : since;
  // Issued here: the issue's audit entry is this device's.
  const entries = await books.db.facts.find({ selector: { kind: 'audit', deviceId: books.deviceId, occurredAt: { $gte: from } } }).exec();
  const issued = entries.filter((f) => f.audit?.action === 'invoice.issued').map((f) => f.audit!.entityId);
  if (!issued.length) return 0;
  const queued = new Set((await books.db.outbox.find({ selector: { dedupeKey: { $in: issued.map((id) => `invoiceIssued:${id}`) } } }).exec()).map((d) => d.dedupeKey));
  const messages: NewMessage[] = [];
  for (const id of issued.filter((i) => !queued.has(`invoiceIssued:${i}`))) {
    const message = await invoiceMessage(services, mail, id, 'system');
    if (message) messages.push(message);
  }
  return (await mail.enqueue(messages, 'system')).length;
}

/**
 * The customer's thanks for a payment, or null without an invoice address. The payments queue it
 * in the write that books the payment (`mail.prepare`), so the two are never parted by a crash.
 */
export async function paymentReceivedMessage(
  services: Services,
  mail: MailService,
  payment: { id: string; customerId: string; amount: number; currency: string; receivedOn: string; invoiceNumber?: string },
): Promise<NewMessage | null> {
  const customer = await services.books.db.customers.findOne(payment.customerId).exec();
  const to = customer?.invoiceEmails?.filter(Boolean) ?? [];
  if (!customer || !to.length) return null;
  const lang: Lang = customer.language === 'en' ? 'en' : 'de';
  const composed = await mail.compose('paymentReceived', lang, {
    ...(await companyValues(services)),
    customerName: customer.name,
    customerNumber: customer.number,
    amountPaid: formatMoney(payment.amount, payment.currency, lang),
    paymentDate: formatDate(payment.receivedOn, lang),
    invoiceNumber: payment.invoiceNumber ?? '',
  });
  return { dedupeKey: `paymentReceived:${payment.id}`, event: 'paymentReceived', to, ...composed, customerId: customer.id };
}

/** What changed, line by line, in the customer's language. */
function changesOf(before: CustomerView, after: CustomerView, lang: Lang): string[] {
  const t = (key: string) => translate(lang, key);
  const address = (c: CustomerView) => [c.billingAddress.street, `${c.billingAddress.postalCode} ${c.billingAddress.city}`.trim(), c.billingAddress.country].filter(Boolean).join(', ');
  const fields: [label: string, from: string, to: string][] = [
    [t('customers.name'), before.name, after.name],
    [t('mail.change.billingAddress'), address(before), address(after)],
    [t('customers.invoiceEmails'), before.invoiceEmails.join(', '), after.invoiceEmails.join(', ')],
    [t('customers.vatId'), before.vatId, after.vatId],
    [t('customers.buyerReference'), before.buyerReference, after.buyerReference],
  ];
  const none = t('mail.change.none');
  return fields.filter(([, from, to]) => from !== to).map(([label, from, to]) => `${label}: ${from || none} → ${to || none}`);
}
