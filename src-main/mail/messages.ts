/**
 * The messages the events queue, filled from their templates: an issued invoice or credit note
 * with its frozen files, and a customer's thanks for a payment. Each has a dedupe key that names
 * the event and the record, so it is queued once however often its cause is told.
 */
import path from 'node:path';
import { differenceInCalendarDays, parseISO } from 'date-fns';
import type { CustomerView, InvoiceView, PartySnapshot } from '../../src-shared/contract/index.js';
import { translate, type MessageKey } from '../../src-shared/i18n/index.js';
import { formatIban } from '../../src-shared/validation/iban.js';
import { formatDate as formatDocumentDate, formatMoney } from '../../src-shared/format/document.js';
import { loadSeller, viewWithNames } from '../sales/index.js';
import type { MailContext } from './context.js';
import type { NewMessage } from './outbox.js';
import type { MailValues } from './templates.js';

export type Lang = 'de' | 'en';

/** Dates as on the documents, with ordinary spaces: mail programs wrap plain text themselves. */
export const formatDate = (iso: string, lang: Lang) => formatDocumentDate(iso, lang).replace(/\u00a0/g, ' ');

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

export async function companyValues(mail: MailContext): Promise<MailValues> {
  const seller = (await loadSeller(mail.core.books)).snapshot;
  return { companyName: seller.name, companySignature: signatureOf(seller), bankDetails: bankDetailsOf(seller) };
}

export function invoiceValues(view: InvoiceView, lang: Lang, today?: string): MailValues {
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
export async function recipientOfCustomer(mail: MailContext, customerId: string) {
  const customer = await mail.core.books.db.customers.findOne(customerId).exec();
  const to = customer?.invoiceEmails?.filter(Boolean) ?? [];
  return customer && to.length ? { customer, to, lang: (customer.language === 'en' ? 'en' : 'de') as Lang } : null;
}

/** What a credit note's template says: its own number, date and amount, and the invoice it corrects. */
async function creditNoteValues(mail: MailContext, view: InvoiceView, lang: Lang): Promise<MailValues> {
  const corrected = view.correctsInvoiceId ? await mail.core.books.db.invoices.findOne(view.correctsInvoiceId).exec() : null;
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
export async function invoiceMessage(mail: MailContext, invoiceId: string, userId: string, options: { creditNotes?: boolean } = {}): Promise<NewMessage | null> {
  const { books } = mail.core;
  const doc = await books.db.invoices.findOne(invoiceId).exec();
  if (!doc || (doc.documentType !== 'invoice' && !options.creditNotes)) return null;
  const recipient = await recipientOfCustomer(mail, doc.customerId);
  if (!recipient) return null;
  const view = await viewWithNames(books, doc.toMutableJSON());
  // The frozen files: the very bytes the audit log has the hashes of.
  const files = await mail.ports.frozenFiles(invoiceId, userId);
  const event = documentMailEvent(doc.documentType);
  const values = event === 'creditNoteIssued' ? await creditNoteValues(mail, view, recipient.lang) : invoiceValues(view, recipient.lang);
  const composed = await mail.templates.compose(event, recipient.lang, { ...(await companyValues(mail)), ...values });
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

/** A payment the customer is thanked for. */
export type ReceivedPayment = { id: string; customerId: string; amount: number; currency: string; receivedOn: string; invoiceNumber?: string };

/**
 * The customer's thanks for a payment, or null without an invoice address. The payments queue it
 * in the write that books the payment (`prepare`), so the two are never parted by a crash.
 */
export async function paymentReceivedMessage(mail: MailContext, payment: ReceivedPayment): Promise<NewMessage | null> {
  const customer = await mail.core.books.db.customers.findOne(payment.customerId).exec();
  const to = customer?.invoiceEmails?.filter(Boolean) ?? [];
  if (!customer || !to.length) return null;
  const lang: Lang = customer.language === 'en' ? 'en' : 'de';
  const composed = await mail.templates.compose('paymentReceived', lang, {
    ...(await companyValues(mail)),
    customerName: customer.name,
    customerNumber: customer.number,
    amountPaid: formatMoney(payment.amount, payment.currency, lang),
    paymentDate: formatDate(payment.receivedOn, lang),
    invoiceNumber: payment.invoiceNumber ?? '',
  });
  return { dedupeKey: `paymentReceived:${payment.id}`, event: 'paymentReceived', to, ...composed, customerId: customer.id };
}

/** What changed, line by line, in the customer's language. */
export function changesOf(before: CustomerView, after: CustomerView, lang: Lang): string[] {
  const t = (key: MessageKey) => translate(lang, key);
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
