/** Invoices and credit notes as the screens see them, with the names they refer to. */
import type { InvoiceSummary, InvoiceView, LineView, PartySnapshot, VatCase } from '../../../src-shared/contract/index.js';
import type { OpenBooks } from '../../store/database.js';
import type { InvoiceDoc } from '../../store/schemas/books.js';
import { legalNoteKeys } from '../rules.js';
import { storedTotals, totalsOf } from './documents.js';

export function toInvoiceView(doc: InvoiceDoc, customerName: string, correctsNumber = ''): InvoiceView {
  // Issued documents show their frozen totals; drafts are computed from their lines.
  const totals = storedTotals(doc) ?? totalsOf(doc);
  const vatCase = (doc.vatCase ?? 'domestic') as VatCase;
  return {
    id: doc.id,
    documentType: doc.documentType,
    status: doc.status,
    number: doc.number,
    customerId: doc.customerId,
    customerName: (doc.buyer as PartySnapshot | undefined)?.name || customerName,
    orderIds: [...(doc.orderIds ?? [])],
    correctsInvoiceId: doc.correctsInvoiceId ?? '',
    correctsNumber,
    issueDate: doc.issueDate ?? '',
    dueDate: doc.dueDate,
    supplyDate: doc.supplyDate ?? '',
    servicePeriod: doc.servicePeriod ? { ...doc.servicePeriod } : null,
    currency: doc.currency,
    language: doc.language ?? 'de',
    vatCase,
    legalNotes: legalNoteKeys(vatCase, totals.vatBreakdown.map((b) => b.category)),
    lines: (doc.lines ?? []) as LineView[],
    allowancesCharges: (doc.allowancesCharges ?? []) as InvoiceView['allowancesCharges'],
    totals,
    paymentTermsDays: doc.paymentTermsDays ?? 14,
    skonto: doc.skonto ? { ...doc.skonto } : null,
    note: doc.note ?? '',
    returnStock: doc.returnStock ?? doc.documentType === 'creditNote',
    rejectionReason: doc.rejectionReason ?? '',
    createdBy: doc.createdBy ?? '',
    editedBy: [...(doc.editedBy ?? [])],
    submittedBy: [...(doc.submittedBy ?? [])],
    approvedBy: doc.approvedBy ?? '',
    issuedBy: doc.issuedBy ?? '',
    issuedAt: doc.issuedAt ?? '',
    seller: (doc.seller as PartySnapshot | undefined) ?? null,
    buyer: (doc.buyer as PartySnapshot | undefined) ?? null,
    updatedAt: doc.updatedAt,
  };
}

export function summaryOf(doc: InvoiceDoc, customerName: string): InvoiceSummary {
  return {
    id: doc.id,
    documentType: doc.documentType,
    status: doc.status,
    number: doc.number,
    customerId: doc.customerId,
    customerName: (doc.buyer as PartySnapshot | undefined)?.name || customerName,
    issueDate: doc.issueDate ?? '',
    dueDate: doc.dueDate,
    currency: doc.currency,
    grossAmount: doc.grossAmount,
  };
}

/** The view of a stored document with the names it refers to. */
export async function viewWithNames(books: OpenBooks, doc: InvoiceDoc): Promise<InvoiceView> {
  const customer = await books.db.customers.findOne(doc.customerId).exec();
  const corrected = doc.correctsInvoiceId ? await books.db.invoices.findOne(doc.correctsInvoiceId).exec() : null;
  return toInvoiceView(doc, customer?.name ?? '', corrected?.number ?? '');
}

