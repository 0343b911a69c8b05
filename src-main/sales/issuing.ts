import { AppError, type InvoiceView, type LineView, type PartySnapshot } from '../../src-shared/contract/index.js';
import { dec } from '../../src-shared/money/decimal.js';
import type { Services } from '../services.js';
import type { InvoiceDoc } from '../store/schemas/books.js';
import { insertFacts } from '../store/bulk-insert.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { buyerSnapshot, loadSeller } from './company.js';
import type { DocumentNumbers } from './numbering.js';
import { documentNumber, dueDateOf, quantityProblems, sellerChanges, seriesDateProblems, seriesPrefix, totalsInputOf } from './rules.js';
import { movement } from './stock.js';
import { assertNotNegative } from './lines.js';
import { computeInvoiceTotals } from '../../src-shared/invoice/totals.js';

export const FROZEN = new Set(['issued', 'sent']);

export function totalsOf(doc: { currency: string; lines?: readonly unknown[]; allowancesCharges?: readonly unknown[]; prepaid?: number }) {
  return computeInvoiceTotals(totalsInputOf({ currency: doc.currency, lines: (doc.lines ?? []) as LineView[], allowancesCharges: (doc.allowancesCharges ?? []) as never[], prepaid: doc.prepaid ?? 0 }));
}

/**
 * Totals are computed whenever lines are written and kept with them; documents written before
 * that (or by hand) are computed again.
 */
export function storedTotals(doc: InvoiceDoc): InvoiceView['totals'] | undefined {
  const t = doc.totals as Partial<InvoiceView['totals']> | undefined;
  return t?.amountDue !== undefined && t.lines?.length === (doc.lines ?? []).length ? (t as InvoiceView['totals']) : undefined;
}

/** Loading and replacing documents in bulk, and issuing: numbers, frozen totals, stock, audit. */
export function issuing(services: Services, numbers: DocumentNumbers) {
  const { books, writes, clock } = services;
  const invoices = books.db.invoices;
  const today = () => clock().toISOString().slice(0, 10);

  async function loadMany(ids: readonly string[]): Promise<InvoiceDoc[]> {
    const found = await invoices.findByIds([...ids]).exec();
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new AppError('NOT_FOUND', `Not found: ${missing.join(', ')}`);
    return ids.map((id) => found.get(id)!.toMutableJSON(true) as InvoiceDoc);
  }

  /**
   * Writes new states of loaded documents in one storage write, each against the revision it
   * was loaded with: if any changed in between, all of them stay as they were.
   */
  async function replaceAll(next: readonly InvoiceDoc[]): Promise<void> {
    const rows = next.map((doc) => {
      const previous = doc as InvoiceDoc & { _rev: string; _meta: { lwt: number }; _deleted: boolean; _attachments: object };
      return { previous, document: { ...previous, _deleted: false, _attachments: {} } };
    });
    const result = await invoices.storageInstance.bulkWrite(rows as never, 'invoices-replace');
    if (result.error.length) throw new AppError('CONFLICT', 'A document changed meanwhile; reload and try again.');
  }

  /** The number series a document is issued in, on its date (or today), and that date. */
  function seriesOf(d: InvoiceDoc, seller: { invoicePrefix: string; seriesLetter: string }) {
    const date = d.issueDate ?? today();
    const code = d.documentType === 'creditNote' ? 'GS' : seller.invoicePrefix;
    return { id: d.id, code, date, year: Number(date.slice(0, 4)), series: seriesPrefix(code, Number(date.slice(0, 4)), seller.seriesLetter) };
  }

  /**
   * Refuses documents dated after today, and dated before the newest issued number of their
   * series or of a later year's series of the same kind (a 2019 date after 2026 numbers): one
   * look-up per series, not per document. `docs` come in the order their numbers would be given.
   */
  async function assertSeriesDates(docs: readonly ReturnType<typeof seriesOf>[], seriesLetter: string): Promise<void> {
    const now = today();
    const future = docs.filter((d) => d.date > now);
    if (future.length) {
      throw new AppError('VALIDATION_FAILED', `${future[0]!.date} is after today (${now}): documents are issued with a date up to today (${future.length} document(s))`, {
        fields: [{ field: 'issueDate', problem: 'validation.issueDateInFuture' }],
        ids: future.map((d) => d.id),
        date: future[0]!.date,
        today: now,
      });
    }
    const ends = new Map<string, { number: string; date: string }>();
    const thisYear = Number(now.slice(0, 4));
    for (const { series, code, year } of new Map(docs.map((d) => [d.series, d])).values()) {
      // The newest number of the kind in this year's series or a later year's (each cached per series).
      let newest = await numbers.end(series);
      for (let later = year + 1; later <= thisYear; later++) {
        const end = await numbers.end(seriesPrefix(code, later, seriesLetter));
        if (end.date && end.date > newest.date) newest = end;
      }
      ends.set(series, newest);
    }
    const problems = seriesDateProblems(docs, ends);
    if (!problems.length) return;
    const first = problems[0]!;
    throw new AppError('SERIES_DATE_BACKWARDS', `${first.date} is before ${first.previousNumber} of ${first.previousDate}: dates within a number series must not go backwards (${problems.length} document(s))`, {
      fields: [{ field: 'issueDate', problem: 'validation.issueDateBeforeSeries' }],
      ids: problems.map((p) => p.id),
      date: first.date,
      previousNumber: first.previousNumber,
      previousDate: first.previousDate,
    });
  }

  /** Documents in the order their numbers are given: by date, so that numbers follow the dates. */
  function inNumberOrder(docs: readonly InvoiceDoc[], seller: { invoicePrefix: string; seriesLetter: string }) {
    return docs.map((doc) => ({ doc, series: seriesOf(doc, seller) })).sort((a, b) => a.series.date.localeCompare(b.series.date));
  }

  /**
   * Issues approved documents in one transaction: each gets the next number of its series,
   * its totals, seller and buyer are frozen, stock is booked, and each gets its audit entry.
   * Either all of them are issued or none; a number never exists without its document.
   */
  async function issueMany(ids: readonly string[], userId: string): Promise<InvoiceDoc[]> {
    const docs = await loadMany(ids);
    for (const d of docs) {
      if (FROZEN.has(d.status)) throw new AppError('INVOICE_IMMUTABLE', `${d.number} is already issued.`);
      if (d.status !== 'approved') throw new AppError('INVALID_STATE', `Only approved documents are issued; this one is ${d.status}`, { status: d.status, id: d.id });
      const badQuantities = quantityProblems((d.lines ?? []) as LineView[]);
      if (badQuantities.length) throw new AppError('VALIDATION_FAILED', `${badQuantities.map((p) => p.field).join(', ')} must be greater than 0`, { fields: badQuantities, id: d.id });
      // Drafts saved before amounts had to stay at or above zero are checked again here.
      if (d.documentType === 'invoice') assertNotNegative({ lines: (d.lines ?? []) as LineView[], allowancesCharges: (d.allowancesCharges ?? []) as never[] }, storedTotals(d) ?? totalsOf(d), `Invoice ${d.id}`);
    }
    const seller = await loadSeller(books);
    const outdated = docs.map((d) => ({ doc: d, changed: sellerChanges(d.approvedSeller as PartySnapshot | undefined, seller.snapshot) })).filter((o) => o.changed.length);
    if (outdated.length) await voidApprovals(outdated, userId);
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
    const ordered = inNumberOrder(docs, seller);
    await assertSeriesDates(ordered.map((o) => o.series), seller.seriesLetter);
    const now = clock().toISOString();
    const counters = new Map<string, number>();
    const newest = new Map<string, { number: string; date: string }>();
    const issued: InvoiceDoc[] = [];
    const facts: FactDoc[] = [];
    const changes = [];
    const tracked = await trackedProductsOf(docs);
    const buyers = new Map([...customerDocs.values()].map((c) => [c.id, buyerSnapshot(c.toMutableJSON())]));
    for (const { doc: d, series } of ordered) {
      const { date: issueDate, year, code, series: prefix } = series;
      const counter = counters.get(prefix) ?? (await numbers.next(prefix));
      counters.set(prefix, counter + 1);
      const number = documentNumber(code, year, seller.seriesLetter, counter);
      newest.set(prefix, { number, date: issueDate });
      const totals = storedTotals(d) ?? totalsOf(d);
      const supplyDate = d.supplyDate ?? (d.servicePeriod ? undefined : issueDate);
      const stock = stockMovementsOnIssue(d, userId, tracked);
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
        issuedBy: userId,
        issuedAt: now,
        updatedAt: now,
        updatedBy: userId,
      });
      changes.push({ collection: 'invoices', action: `${d.documentType}.issued`, entity: d.documentType, entityId: d.id, before: { status: 'approved' }, after: { number, gross: totals.taxInclusive, vat: totals.vatTotal, stockMovements: stock.length } });
    }
    try {
      await writes.write(userId, changes, async () => {
        await insertFacts(books.db.facts, facts, 'stock movements');
        await replaceAll(issued);
      });
    } catch (error) {
      numbers.forget();
      throw error;
    }
    for (const [prefix, next] of counters) numbers.confirm(prefix, next - 1, newest.get(prefix));
    for (const listener of services.hooks.issued) listener(issued.map((d) => d.id), userId);
    return issued;
  }

  /**
   * What is issued is what its approver saw: a document whose seller data (name, address, tax
   * ids, bank details …) changed since its approval goes back to approval, and nothing is issued.
   */
  async function voidApprovals(outdated: readonly { doc: InvoiceDoc; changed: string[] }[], userId: string): Promise<never> {
    const now = clock().toISOString();
    const next = outdated.map(({ doc }) => {
      const { approvedBy: _by, approvedAt: _at, approvedSeller: _seen, ...rest } = doc;
      return { ...rest, status: 'submitted' as const, updatedAt: now, updatedBy: userId };
    });
    await writes.write(
      userId,
      outdated.map(({ doc, changed }) => ({ collection: 'invoices', action: `${doc.documentType}.approvalVoided`, entity: doc.documentType, entityId: doc.id, before: { status: 'approved', approvedBy: doc.approvedBy }, after: { status: 'submitted', sellerChanged: changed } })),
      () => replaceAll(next),
    );
    const fields = [...new Set(outdated.flatMap((o) => o.changed))];
    throw new AppError('APPROVAL_OUTDATED', `The company data printed on ${outdated.length} document(s) changed since approval (${fields.join(', ')}); they wait for approval again.`, {
      ids: outdated.map((o) => o.doc.id),
      fields: fields.map((field) => ({ field, problem: 'approval.sellerChanged' })),
    });
  }

  async function trackedProductsOf(docs: readonly InvoiceDoc[]): Promise<Set<string>> {
    const ids = [...new Set(docs.flatMap((d) => ((d.lines ?? []) as LineView[]).map((l) => l.productId)).filter(Boolean))];
    if (!ids.length) return new Set();
    return new Set([...(await books.db.products.findByIds(ids).exec()).values()].filter((p) => p.stockTracked).map((p) => p.id));
  }

  /** On issue: goods leave stock (invoice) or come back (credit note); reservations are released. */
  function stockMovementsOnIssue(doc: InvoiceDoc, userId: string, tracked: Set<string>): FactDoc[] {
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
  /** Approving a document dated before the newest number of its series would only be refused at issue. */
  async function assertApprovable(docs: readonly InvoiceDoc[]): Promise<void> {
    const seller = await loadSeller(books);
    await assertSeriesDates(inNumberOrder(docs, seller).map((o) => o.series), seller.seriesLetter);
  }

  return { loadMany, replaceAll, issueMany, assertApprovable };
}
