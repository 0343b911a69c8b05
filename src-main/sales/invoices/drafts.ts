import { newId } from '../../ids.js';
import { AppError, type InvoiceView, type LineView } from '../../../src-shared/contract/index.js';
import { skontoProblem } from '../../../src-shared/contract/invoicing.js';
import { participantsOf, withParticipant } from '../../../src-shared/approval/four-eyes.js';
import { allowancesPerRate } from '../../../src-shared/invoice/document.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { CustomerDoc, InvoiceDoc } from '../../store/schemas/books.js';
import { loadSeller, type Seller } from '../company.js';
import { today, type In, type Out, type SalesContext } from '../context.js';
import { customerOf } from '../customers/customers.js';
import { invoiceMayMove, isFrozen, orderMayMove } from '../lifecycle.js';
import { assertNotNegative, buildLines, priceLists, storedLines } from '../lines.js';
import { pageOf, searchRegex } from '../paging.js';
import { dueDateOf, vatCaseOf } from '../rules.js';
import { loadInvoice, totalsOf } from './documents.js';
import { summaryOf, viewWithNames } from './views.js';

export async function listInvoices({ core: { books } }: SalesContext, input: In<'invoices.list'>): Out<'invoices.list'> {
  const selector: Record<string, unknown> = {};
  if (input.status) selector.status = input.status;
  if (input.customerId) selector.customerId = input.customerId;
  if (input.documentType) selector.documentType = input.documentType;
  if (input.search) selector.number = { $regex: searchRegex(input.search), $options: 'i' };
  // Newest due first, on the dueDate (or status + dueDate) index.
  const page = await pageOf(books.db.invoices, selector, [{ dueDate: 'desc' }, { id: 'desc' }], input, (d) => d.toMutableJSON());
  const ids = [...new Set(page.items.map((i) => i.customerId))];
  const customers = await books.db.customers.findByIds(ids).exec();
  return { ...page, items: page.items.map((d) => summaryOf(d, customers.get(d.customerId)?.name ?? '')) };
}

export async function getInvoice({ core: { books } }: SalesContext, { id }: In<'invoices.get'>): Out<'invoices.get'> {
  return viewWithNames(books, (await loadInvoice(books, id)).toMutableJSON());
}

/** Creates or changes a draft invoice; whoever saves it takes part and does not approve it. */
export async function saveInvoiceDraft(sales: SalesContext, input: In<'invoices.saveDraft'>, { session }: HandlerContext): Out<'invoices.saveDraft'> {
  const { core: { books, writes, clock } } = sales;
  const userId = session.user!.id;
  const existing = input.id ? await loadInvoice(books, input.id) : null;
  if (existing) assertEditable(existing.toMutableJSON());
  if (existing?.documentType === 'creditNote') throw new AppError('INVALID_STATE', 'Credit notes are edited through their dialog', { status: existing.status });
  const customer = await customerOf(books, input.customerId);
  const seller = await loadSeller(books);
  const vatCase = vatCaseOf(customer, seller.smallBusiness);
  const date = input.issueDate ?? today(sales);
  const built = await buildLines(books, input.lines, { customer, vatCase, date, lists: await priceLists(books) });
  // Lines that came from an order keep their link, so issuing books that order's stock.
  const origin = new Map(((existing?.lines ?? []) as LineView[]).filter((l) => l.orderLineId).map((l) => [l.id, l]));
  const lines = built.map((l) => {
    const from = origin.get(l.id);
    return from?.orderId && from.orderLineId && from.productId === l.productId ? { ...l, orderId: from.orderId, orderLineId: from.orderLineId } : l;
  });
  const skonto = effectiveSkonto(input, customer, seller.defaultPaymentTermsDays);
  const now = clock().toISOString();
  const doc: InvoiceDoc = {
    id: existing?.id ?? newId(),
    documentType: 'invoice',
    status: 'draft',
    number: '',
    customerId: customer.id,
    orderIds: existing?.orderIds ?? [],
    ...draftFields(sales, customer, seller, lines, {
      allowancesCharges: allowancesPerRate(lines, input.allowancesCharges) as never[],
      ...(input.issueDate ? { issueDate: input.issueDate } : {}),
      ...(input.paymentTermsDays !== undefined ? { paymentTermsDays: input.paymentTermsDays } : {}),
    }),
    ...(input.issueDate ? { issueDate: input.issueDate } : {}),
    ...(input.supplyDate ? { supplyDate: input.supplyDate } : {}),
    ...(input.servicePeriodFrom && input.servicePeriodTo ? { servicePeriod: { from: input.servicePeriodFrom, to: input.servicePeriodTo } } : {}),
    ...(skonto ? { skonto } : {}),
    ...(input.note ? { note: input.note } : {}),
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? userId,
    // Everyone who saved the draft, and who submitted it before a rejection, stays a participant.
    editedBy: withParticipant(existing?.editedBy ?? (existing?.createdBy ? [existing.createdBy] : []), userId),
    submittedBy: [...(existing?.submittedBy ?? [])],
    updatedAt: now,
    updatedBy: userId,
  };
  assertNotNegative(doc, doc.totals as InvoiceView['totals'], 'The invoice');
  await writes.write(userId, { collection: 'invoices', action: existing ? 'invoice.draftUpdated' : 'invoice.created', entity: 'invoice', entityId: doc.id, before: existing ? { gross: existing.grossAmount, lines: existing.lines.length } : undefined, after: { gross: doc.grossAmount, lines: lines.length } }, () =>
    books.db.invoices.upsert(doc),
  );
  return viewWithNames(books, doc);
}

export async function createInvoiceFromOrders(sales: SalesContext, { orderIds }: In<'invoices.createFromOrders'>, { session }: HandlerContext): Out<'invoices.createFromOrders'> {
  return invoiceOrders(sales, orderIds, session.user!.id);
}

/** Creates the draft invoice of confirmed orders of one customer (used by the batch job too). */
export async function invoiceOrders(sales: SalesContext, orderIds: string[], userId: string): Promise<InvoiceView> {
  const { core: { books, writes, clock } } = sales;
  const orderDocs = [...(await books.db.orders.findByIds(orderIds).exec()).values()];
  if (orderDocs.length !== new Set(orderIds).size) throw new AppError('NOT_FOUND', 'An order was not found');
  const customers = new Set(orderDocs.map((o) => o.customerId));
  if (customers.size !== 1) {
    throw new AppError('VALIDATION_FAILED', 'Orders of different customers', { fields: [{ field: 'orderIds', problem: 'validation.sameCustomer' }] });
  }
  for (const o of orderDocs) {
    if (!orderMayMove(o.status, 'invoice')) throw new AppError('INVALID_STATE', `Order ${o.number} is ${o.status}; only confirmed orders are invoiced`, { status: o.status, order: o.number });
  }
  const customer = await customerOf(books, orderDocs[0]!.customerId);
  const seller = await loadSeller(books);
  const lines: LineView[] = orderDocs.flatMap((o) =>
    ((o.lines ?? []) as LineView[]).map((l) => ({ ...l, id: newId(), orderId: o.id, orderLineId: l.id })),
  );
  const allowancesCharges = orderDocs.flatMap((o) => (o.allowancesCharges ?? []) as never[]);
  const now = clock().toISOString();
  const orderDates = orderDocs.map((o) => o.orderDate).sort();
  const doc: InvoiceDoc = {
    id: newId(),
    documentType: 'invoice',
    status: 'draft',
    number: '',
    customerId: customer.id,
    orderIds: orderDocs.map((o) => o.id),
    ...draftFields(sales, customer, seller, lines, { allowancesCharges }),
    supplyDate: orderDates[orderDates.length - 1]!,
    ...(customer.skonto ? { skonto: customer.skonto } : {}),
    ...(orderDocs.some((o) => o.customerReference) ? { note: orderDocs.map((o) => o.customerReference).filter(Boolean).map((r) => `Ihre Bestellung: ${r}`).join('\n') } : {}),
    createdAt: now,
    createdBy: userId,
    // Whoever wrote or changed the orders chose lines and prices: none of them approves the invoice.
    editedBy: withParticipant([...new Set(orderDocs.flatMap((o) => [...participantsOf({ ...o.toMutableJSON(), editedBy: [...(o.editedBy ?? []), o.updatedBy ?? ''] })]))], userId),
    submittedBy: [],
    updatedAt: now,
    updatedBy: userId,
  };
  assertNotNegative(doc, doc.totals as InvoiceView['totals'], `The invoice of ${orderDocs.map((o) => o.number).join(', ')}`);
  await writes.write(userId, { collection: 'invoices', action: 'invoice.createdFromOrders', entity: 'invoice', entityId: doc.id, after: { orders: orderDocs.map((o) => o.number), gross: doc.grossAmount } }, async () => {
    // Checked again inside the write: a batch job and a user may reach for the same order at once.
    const current = [...(await books.db.orders.findByIds(orderIds).exec()).values()];
    const taken = current.find((o) => !orderMayMove(o.status, 'invoice'));
    if (taken) throw new AppError('INVALID_STATE', `Order ${taken.number} is ${taken.status}; only confirmed orders are invoiced`, { status: taken.status, order: taken.number });
    await books.db.invoices.insert(doc);
    for (const o of current) await o.incrementalPatch({ status: 'invoiced', updatedAt: now, updatedBy: userId });
  });
  return viewWithNames(books, doc);
}

/** Only a draft or a rejected invoice is edited; an issued one is corrected by a credit note. */
function assertEditable(doc: InvoiceDoc) {
  if (isFrozen(doc.status)) throw new AppError('INVOICE_IMMUTABLE', `${doc.number} is issued and can no longer change; correct it with a credit note.`);
  if (!invoiceMayMove(doc.status, 'edit')) throw new AppError('INVALID_STATE', `The invoice is ${doc.status}`, { status: doc.status });
}

function draftFields(sales: SalesContext, customer: CustomerDoc, seller: Seller, lines: LineView[], extra: Partial<InvoiceDoc>) {
  const base = { currency: seller.currency, lines: storedLines(lines), allowancesCharges: (extra.allowancesCharges ?? []) as never[] };
  const totals = totalsOf(base);
  const terms = extra.paymentTermsDays ?? customer.paymentTermsDays ?? seller.defaultPaymentTermsDays;
  return {
    ...base,
    // The result of the one totals function, kept with the lines it was computed from.
    totals,
    grossAmount: totals.taxInclusive,
    paymentTermsDays: terms,
    dueDate: dueDateOf(extra.issueDate ?? today(sales), terms),
    language: customer.language,
    vatCase: vatCaseOf(customer, seller.smallBusiness),
  };
}

/**
 * The Skonto a draft carries (its own, else the customer's) checked against the payment term
 * it carries (its own, else the customer's, else the company's): the same rule as on the
 * customer, on the values that end up on the invoice.
 */
function effectiveSkonto(input: { paymentTermsDays?: number; skontoPercent?: string; skontoDays?: number }, customer: CustomerDoc, defaultTerms: number) {
  const own = input.skontoPercent !== undefined && input.skontoDays !== undefined;
  const skonto = own ? { percent: input.skontoPercent!, days: input.skontoDays! } : customer.skonto;
  if (!skonto) return undefined;
  const terms = input.paymentTermsDays ?? customer.paymentTermsDays ?? defaultTerms;
  const problem = skontoProblem(skonto.percent, skonto.days, terms);
  if (problem) {
    const field = own || input.paymentTermsDays === undefined ? 'skontoDays' : 'paymentTermsDays';
    throw new AppError('VALIDATION_FAILED', `${field}: a Skonto of ${skonto.percent} % within ${skonto.days} days needs a payment term longer than that (${terms} days)`, {
      fields: [{ field, problem: problem.message, ...(problem.params ? { params: problem.params } : {}) }],
    });
  }
  return skonto;
}
