import { AppError, type LineView, type PartySnapshot } from '../../../src-shared/contract/index.js';
import { dec } from '../../../src-shared/money/decimal.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import { insertFacts } from '../../store/bulk-insert.js';
import type { OpenBooks } from '../../store/database.js';
import type { InvoiceDoc } from '../../store/schemas/books.js';
import type { FactDoc } from '../../store/schemas/facts.js';
import { movement } from '../catalogue/stock.js';
import { buyerSnapshot, loadSeller } from '../company.js';
import type { In, Out, SalesContext } from '../context.js';
import { invoiceMayMove, isFrozen } from '../lifecycle.js';
import { assertNotNegative } from '../lines.js';
import { documentNumber, dueDateOf, quantityProblems, sellerChanges } from '../rules.js';
import { loadInvoices, replaceInvoices, storedTotals, totalsOf } from './documents.js';
import { assertSeriesDates, inNumberOrder } from './series.js';
import { viewWithNames } from './views.js';

/** Documents issued in one transaction when many are issued at once. */
const CHUNK = 1000;

export async function issueInvoice(sales: SalesContext, { id }: In<'invoices.issue'>, { session }: HandlerContext): Out<'invoices.issue'> {
  const [issued] = await issueMany(sales, [id], session.user!.id);
  return viewWithNames(sales.core.books, issued!);
}

export async function issueInvoices(sales: SalesContext, { ids: given }: In<'invoices.issueMany'>, { session }: HandlerContext): Out<'invoices.issueMany'> {
  const userId = session.user!.id;
  // In date order over the whole batch, so that no later chunk goes back in a series' dates.
  const { ids, eInvoices } = given.length > CHUNK ? await inIssueOrder(sales, given) : { ids: given, eInvoices: false };
  // Each chunk is written before the next is numbered. A batch of several chunks with e-invoices
  // is first taken through everything but the writes, with the numbers it will get, so that a
  // broken e-invoice rule (or an outdated approval) leaves the whole batch unissued; the
  // e-invoices judged then are not judged again.
  if (eInvoices) {
    const counters = new Map<string, number>();
    for (let i = 0; i < ids.length; i += CHUNK) await issueMany(sales, ids.slice(i, i + CHUNK), userId, { checkOnly: true, counters });
  }
  const numbersIssued: string[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const docs = await issueMany(sales, ids.slice(i, i + CHUNK), userId);
    numbersIssued.push(...docs.map((d) => d.number));
  }
  return { issued: numbersIssued.length, numbers: numbersIssued };
}

/** The batch in the order its numbers will be given, and whether any of it goes out as an e-invoice. */
async function inIssueOrder(sales: SalesContext, ids: readonly string[]): Promise<{ ids: string[]; eInvoices: boolean }> {
  const { books } = sales.core;
  const seller = await loadSeller(books);
  const docs = await loadInvoices(books, ids);
  const customers = await books.db.customers.findByIds([...new Set(docs.map((d) => d.customerId))]).exec();
  const eInvoices = [...customers.values()].some((c) => (c.eInvoiceFormat ?? 'pdf') !== 'pdf');
  return { ids: inNumberOrder(sales, docs, seller).map((o) => o.doc.id), eInvoices };
}

/**
 * Issues approved documents in one transaction: each gets the next number of its series,
 * its totals, seller and buyer are frozen, stock is booked, and each gets its audit entry.
 * Either all of them are issued or none; a number never exists without its document.
 * `checkOnly`: everything up to the judging of the e-invoices, then nothing is issued; `counters`
 * carries the next number of each series from one such chunk to the next.
 */
export async function issueMany(sales: SalesContext, ids: readonly string[], userId: string, { checkOnly = false, counters = new Map<string, number>() } = {}): Promise<InvoiceDoc[]> {
  const { core: { books, writes, clock, bus }, invoiceNumbers: numbers } = sales;
  const docs = await loadInvoices(books, ids);
  for (const d of docs) {
    if (isFrozen(d.status)) throw new AppError('INVOICE_IMMUTABLE', `${d.number} is already issued.`);
    if (!invoiceMayMove(d.status, 'issue')) throw new AppError('INVALID_STATE', `Only approved documents are issued; this one is ${d.status}`, { status: d.status, id: d.id });
    const badQuantities = quantityProblems((d.lines ?? []) as LineView[]);
    if (badQuantities.length) throw new AppError('VALIDATION_FAILED', `${badQuantities.map((p) => p.field).join(', ')} must be greater than 0`, { fields: badQuantities, id: d.id });
    // Drafts saved before amounts had to stay at or above zero are checked again here.
    if (d.documentType === 'invoice') assertNotNegative({ lines: (d.lines ?? []) as LineView[], allowancesCharges: (d.allowancesCharges ?? []) as never[] }, storedTotals(d) ?? totalsOf(d), `Invoice ${d.id}`);
  }
  const seller = await loadSeller(books);
  const outdated = docs.map((d) => ({ doc: d, changed: sellerChanges(d.approvedSeller as PartySnapshot | undefined, seller.snapshot) })).filter((o) => o.changed.length);
  // Also when only checking: the approvals are voided and nothing is issued.
  if (outdated.length) await voidApprovals(sales, outdated, userId);
  const customerDocs = await books.db.customers.findByIds([...new Set(docs.map((d) => d.customerId))]).exec();
  const missing = new Set(seller.missing);
  for (const d of docs) {
    const customer = customerDocs.get(d.customerId);
    if (!customer?.billingAddress?.street || !customer.billingAddress.city) missing.add('issue.missing.customerAddress');
    if (customer?.publicBuyer && !customer.buyerReference) missing.add('issue.missing.buyerReference');
    if ((d.vatCase === 'reverseCharge13b' || d.vatCase === 'intraEu') && !customer?.vatId) missing.add('issue.missing.customerVatId');
    // XRechnung needs more than § 14 UStG (BR-DE-6, BR-DE-7, BT-49): said before the number is taken.
    if (customer?.eInvoiceFormat?.startsWith('xrechnung')) {
      if (!seller.snapshot.phone?.trim()) missing.add('issue.missing.companyPhone');
      if (!seller.snapshot.email?.trim()) missing.add('issue.missing.companyEmail');
      if (!customer.invoiceEmails?.[0]?.trim()) missing.add('issue.missing.customerEmail');
    }
  }
  if (missing.size) {
    throw new AppError('INVOICE_INCOMPLETE', `Missing for § 14 UStG: ${[...missing].join(', ')}`, { fields: [...missing].map((m) => ({ field: m.split('.').pop()!, problem: m })) });
  }
  const ordered = inNumberOrder(sales, docs, seller);
  await assertSeriesDates(sales, ordered.map((o) => o.series), seller.seriesLetter);
  const now = clock().toISOString();
  const newest = new Map<string, { number: string; date: string }>();
  const issued: InvoiceDoc[] = [];
  const facts: FactDoc[] = [];
  const changes = [];
  const tracked = await trackedProductsOf(books, docs);
  const buyers = new Map([...customerDocs.values()].map((c) => [c.id, buyerSnapshot(c.toMutableJSON())]));
  for (const { doc: d, series } of ordered) {
    const { date: issueDate, year, code, series: prefix } = series;
    const counter = counters.get(prefix) ?? (await numbers.next(prefix));
    counters.set(prefix, counter + 1);
    const number = documentNumber(code, year, seller.seriesLetter, counter);
    newest.set(prefix, { number, date: issueDate });
    const totals = storedTotals(d) ?? totalsOf(d);
    const supplyDate = d.supplyDate ?? (d.servicePeriod ? undefined : issueDate);
    const stock = stockMovementsOnIssue(sales, d, userId, tracked);
    facts.push(...stock);
    issued.push({
      ...d,
      status: 'issued',
      number,
      issueDate,
      dueDate: dueDateOf(issueDate, d.paymentTermsDays ?? 14),
      ...(supplyDate ? { supplyDate } : {}),
      totals,
      grossAmount: totals.taxInclusive,
      seller: seller.snapshot,
      buyer: buyers.get(d.customerId)!,
      eInvoiceFormat: customerDocs.get(d.customerId)?.eInvoiceFormat ?? 'pdf',
      issuedBy: userId,
      issuedAt: now,
      updatedAt: now,
      updatedBy: userId,
    });
    changes.push({ collection: 'invoices', action: `${d.documentType}.issued`, entity: d.documentType, entityId: d.id, before: { status: 'approved' }, after: { number, gross: totals.taxInclusive, vat: totals.vatTotal, stockMovements: stock.length } });
  }
  try {
    // The e-invoices are judged with their final numbers before anything is written.
    const eInvoiceItems = [];
    for (const doc of issued) {
      const eInvoiceFormat = doc.eInvoiceFormat ?? 'pdf';
      if (eInvoiceFormat !== 'pdf') eInvoiceItems.push({ view: await viewWithNames(books, doc), eInvoiceFormat });
    }
    if (eInvoiceItems.length) await sales.ports.eInvoices.checkBeforeIssue(eInvoiceItems);
    if (checkOnly) {
      numbers.forget();
      return issued;
    }
    await writes.write(userId, changes, async () => {
      await insertFacts(books.db.facts, facts, 'stock movements');
      await replaceInvoices(books, issued);
    });
  } catch (error) {
    numbers.forget();
    throw error;
  }
  for (const [prefix, next] of counters) numbers.confirm(prefix, next - 1, newest.get(prefix));
  bus.publish('invoices.issued', { ids: issued.map((d) => d.id), userId });
  return issued;
}

/**
 * What is issued is what its approver saw: a document whose seller data (name, address, tax
 * ids, bank details …) changed since its approval goes back to approval, and nothing is issued.
 */
async function voidApprovals({ core: { writes, clock, books } }: SalesContext, outdated: readonly { doc: InvoiceDoc; changed: string[] }[], userId: string): Promise<never> {
  const now = clock().toISOString();
  const next = outdated.map(({ doc }) => {
    const { approvedBy: _by, approvedAt: _at, approvedSeller: _seen, ...rest } = doc;
    return { ...rest, status: 'submitted' as const, updatedAt: now, updatedBy: userId };
  });
  await writes.write(
    userId,
    outdated.map(({ doc, changed }) => ({ collection: 'invoices', action: `${doc.documentType}.approvalVoided`, entity: doc.documentType, entityId: doc.id, before: { status: 'approved', approvedBy: doc.approvedBy }, after: { status: 'submitted', sellerChanged: changed } })),
    () => replaceInvoices(books, next),
  );
  const fields = [...new Set(outdated.flatMap((o) => o.changed))];
  throw new AppError('APPROVAL_OUTDATED', `The company data printed on ${outdated.length} document(s) changed since approval (${fields.join(', ')}); they wait for approval again.`, {
    ids: outdated.map((o) => o.doc.id),
    fields: fields.map((field) => ({ field, problem: 'approval.sellerChanged' })),
  });
}

async function trackedProductsOf(books: OpenBooks, docs: readonly InvoiceDoc[]): Promise<Set<string>> {
  const ids = [...new Set(docs.flatMap((d) => ((d.lines ?? []) as LineView[]).map((l) => l.productId)).filter(Boolean))];
  if (!ids.length) return new Set();
  return new Set([...(await books.db.products.findByIds(ids).exec()).values()].filter((p) => p.stockTracked).map((p) => p.id));
}

/** On issue: goods leave stock (invoice) or come back (credit note); reservations are released. */
function stockMovementsOnIssue({ core: { books, clock } }: SalesContext, doc: InvoiceDoc, userId: string, tracked: Set<string>): FactDoc[] {
  const lines = (doc.lines ?? []) as LineView[];
  const at = clock();
  const facts: FactDoc[] = [];
  for (const l of lines) {
    if (!l.productId || !tracked.has(l.productId)) continue;
    if (doc.documentType === 'creditNote') {
      if (doc.returnStock !== false) facts.push(movement(books, at, userId, { productId: l.productId, quantity: l.quantity, reason: 'return', invoiceId: doc.id }));
      continue;
    }
    facts.push(movement(books, at, userId, { productId: l.productId, quantity: dec(l.quantity).negated().toString(), reason: 'delivery', invoiceId: doc.id, ...(l.orderId ? { orderId: l.orderId } : {}) }));
    if (l.orderId) facts.push(movement(books, at, userId, { productId: l.productId, quantity: dec(l.quantity).negated().toString(), reason: 'reservationRelease', orderId: l.orderId, invoiceId: doc.id }));
  }
  return facts;
}
