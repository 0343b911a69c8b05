import { newId } from '../ids.js';
import {
  AppError,
  type ApprovalItem,
  type InvoiceView,
  type LineView,
} from '../../src-shared/contract/index.js';
import { mayApproveAsSecondPerson, participantsOf, withParticipant } from '../../src-shared/approval/four-eyes.js';
import { creditLeftAfter } from '../../src-shared/dunning/risk.js';
import { dec } from '../../src-shared/money/decimal.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';
import type { CustomerDoc, InvoiceDoc, OrderDoc } from '../store/schemas/books.js';
import { loadSeller } from './company.js';
import { assertNotNegative, buildLines, priceLists, storedLines } from './lines.js';
import type { DocumentNumbers } from './numbering.js';
import { pageOf, searchRegex } from './paging.js';
import { COUNTED_UNITS, dueDateOf, vatCaseOf } from './rules.js';
import { FROZEN, issuing, storedTotals, totalsOf } from './issuing.js';
import { creditNoteContent, type CreditedDocument } from '../../src-shared/invoice/credit.js';
import { allowancesPerRate } from '../../src-shared/invoice/document.js';
import { skontoProblem } from '../../src-shared/contract/invoicing.js';
import { summaryOf, viewWithNames } from './invoice-views.js';
export { toInvoiceView, viewWithNames } from './invoice-views.js';
export { totalsOf } from './issuing.js';

const EDITABLE = new Set(['draft', 'rejected']);
const CHUNK = 1000;

type InvoiceHandlers = Pick<
  HandlerImpls,
  | 'invoices.list'
  | 'invoices.get'
  | 'invoices.saveDraft'
  | 'invoices.createFromOrders'
  | 'invoices.submit'
  | 'invoices.approve'
  | 'invoices.reject'
  | 'invoices.issue'
  | 'invoices.issueMany'
  | 'invoices.approveMany'
  | 'invoices.createCreditNote'
  | 'approval.queue'
>;

export type InvoiceEngine = InvoiceHandlers & {
  /** Creates the draft invoice of confirmed orders of one customer (used by the batch job too). */
  invoiceOrders(orderIds: string[], userId: string): Promise<InvoiceView>;
};

export function invoiceHandlers(services: Services, numbers: DocumentNumbers): InvoiceEngine {
  const { books, writes, clock } = services;
  const invoices = books.db.invoices;
  const today = () => clock().toISOString().slice(0, 10);
  const { loadMany, replaceAll, issueMany, assertApprovable } = issuing(services, numbers);

  const load = async (id: string) => {
    const doc = await invoices.findOne(id).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Invoice ${id} not found`);
    return doc;
  };
  const customerOf = async (id: string): Promise<CustomerDoc> => {
    const doc = await books.db.customers.findOne(id).exec();
    if (!doc) throw new AppError('VALIDATION_FAILED', 'Unknown customer', { fields: [{ field: 'customerId', problem: 'validation.unknownCustomer' }] });
    return doc.toMutableJSON();
  };
  const view = (doc: InvoiceDoc) => viewWithNames(books, doc);
  const userName = async (id: string) => (id ? ((await books.db.users.findOne(id).exec())?.name ?? '') : '');

  const guardEditable = (doc: InvoiceDoc) => {
    if (FROZEN.has(doc.status)) throw new AppError('INVOICE_IMMUTABLE', `${doc.number} is issued and can no longer change; correct it with a credit note.`);
    if (!EDITABLE.has(doc.status)) throw new AppError('INVALID_STATE', `The invoice is ${doc.status}`, { status: doc.status });
  };

  /** Four eyes: whoever created, edited or submitted a document cannot approve it. */
  const assertSecondPerson = (doc: InvoiceDoc, userId: string) => {
    if (!mayApproveAsSecondPerson(doc, userId)) throw new AppError('FOUR_EYES', 'Whoever created, edited or submitted a document cannot approve it; another supervisor must.', { ids: [doc.id] });
  };

  /** A move of the lifecycle; `patchOf` sees the document as loaded for the write and may refuse it. */
  const transition = async (id: string, userId: string, from: string[], action: string, patchOf: (doc: InvoiceDoc) => Partial<InvoiceDoc>, audited: Record<string, unknown> = {}) => {
    const doc = await load(id);
    if (FROZEN.has(doc.status)) throw new AppError('INVOICE_IMMUTABLE', `${doc.number} is issued and can no longer change.`);
    if (!from.includes(doc.status)) throw new AppError('INVALID_STATE', `The invoice is ${doc.status}`, { status: doc.status });
    const patch = patchOf(doc.toMutableJSON());
    const updated = await writes.write(userId, { collection: 'invoices', action, entity: doc.documentType, entityId: id, before: { status: doc.status }, after: { ...patch, ...audited } }, () =>
      doc.incrementalPatch({ ...patch, updatedAt: clock().toISOString(), updatedBy: userId }),
    );
    return view(updated.toMutableJSON());
  };

  const draftFields = (customer: CustomerDoc, seller: Awaited<ReturnType<typeof loadSeller>>, lines: LineView[], extra: Partial<InvoiceDoc>) => {
    const base = { currency: seller.currency, lines: storedLines(lines), allowancesCharges: (extra.allowancesCharges ?? []) as never[] };
    const totals = totalsOf(base);
    const terms = extra.paymentTermsDays ?? customer.paymentTermsDays ?? seller.defaultPaymentTermsDays;
    return {
      ...base,
      // The result of the one totals function, kept with the lines it was computed from.
      totals,
      grossAmount: totals.taxInclusive,
      paymentTermsDays: terms,
      dueDate: dueDateOf(extra.issueDate ?? today(), terms),
      language: customer.language,
      vatCase: vatCaseOf(customer, seller.smallBusiness),
    };
  };

  const invoiceOrders = async (orderIds: string[], userId: string): Promise<InvoiceView> => {
    const orderDocs = [...(await books.db.orders.findByIds(orderIds).exec()).values()];
    if (orderDocs.length !== new Set(orderIds).size) throw new AppError('NOT_FOUND', 'An order was not found');
    const customers = new Set(orderDocs.map((o) => o.customerId));
    if (customers.size !== 1) {
      throw new AppError('VALIDATION_FAILED', 'Orders of different customers', { fields: [{ field: 'orderIds', problem: 'validation.sameCustomer' }] });
    }
    for (const o of orderDocs) {
      if (o.status !== 'confirmed') throw new AppError('INVALID_STATE', `Order ${o.number} is ${o.status}; only confirmed orders are invoiced`, { status: o.status, order: o.number });
    }
    const customer = await customerOf(orderDocs[0]!.customerId);
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
      ...draftFields(customer, seller, lines, { allowancesCharges }),
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
      const taken = current.find((o) => o.status !== 'confirmed');
      if (taken) throw new AppError('INVALID_STATE', `Order ${taken.number} is ${taken.status}; only confirmed orders are invoiced`, { status: taken.status, order: taken.number });
      await invoices.insert(doc);
      for (const o of current) await o.incrementalPatch({ status: 'invoiced', updatedAt: now, updatedBy: userId });
    });
    return view(doc);
  };

  return {
    invoiceOrders,

    'invoices.list': async (input) => {
      const selector: Record<string, unknown> = {};
      if (input.status) selector.status = input.status;
      if (input.customerId) selector.customerId = input.customerId;
      if (input.documentType) selector.documentType = input.documentType;
      if (input.search) selector.number = { $regex: searchRegex(input.search), $options: 'i' };
      // Newest due first, on the dueDate (or status + dueDate) index.
      const page = await pageOf(invoices, selector, [{ dueDate: 'desc' }, { id: 'desc' }], input, (d) => d.toMutableJSON());
      const ids = [...new Set(page.items.map((i) => i.customerId))];
      const customers = await books.db.customers.findByIds(ids).exec();
      return { ...page, items: page.items.map((d) => summaryOf(d, customers.get(d.customerId)?.name ?? '')) };
    },

    'invoices.get': async ({ id }) => view((await load(id)).toMutableJSON()),

    'invoices.saveDraft': async (input, { session }) => {
      const userId = session.user!.id;
      const existing = input.id ? await load(input.id) : null;
      if (existing) guardEditable(existing.toMutableJSON());
      if (existing?.documentType === 'creditNote') throw new AppError('INVALID_STATE', 'Credit notes are edited through their dialog', { status: existing.status });
      const customer = await customerOf(input.customerId);
      const seller = await loadSeller(books);
      const vatCase = vatCaseOf(customer, seller.smallBusiness);
      const date = input.issueDate ?? today();
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
        ...draftFields(customer, seller, lines, {
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
        invoices.upsert(doc),
      );
      return view(doc);
    },

    'invoices.createFromOrders': async ({ orderIds }, { session }) => invoiceOrders(orderIds, session.user!.id),

    'invoices.submit': async ({ id }, { session }) =>
      transition(id, session.user!.id, ['draft', 'rejected'], 'invoice.submitted', (d) => ({ status: 'submitted', rejectionReason: '', submittedBy: withParticipant(d.submittedBy, session.user!.id) })),

    'invoices.approve': async ({ id, acknowledgedRisks }, { session }) => {
      const userId = session.user!.id;
      const doc = await load(id);
      assertSecondPerson(doc.toMutableJSON(), userId);
      await assertApprovable([doc.toMutableJSON()]);
      // A customer over the credit limit or in the high risk class: the supervisor confirms the reasons shown.
      const risk = doc.documentType === 'invoice' ? await services.reminders.approvalReasons(doc.customerId, doc.grossAmount) : { reasons: [] };
      const unseen = risk.reasons.filter((r) => !acknowledgedRisks.includes(r.key));
      if (unseen.length) throw new AppError('RISK_APPROVAL_REQUIRED', unseen.map((r) => r.key).join(', '), { reasons: risk.reasons });
      // What the approver sees is what is issued: the seller data as of now goes with the approval.
      const approvedSeller = (await loadSeller(books)).snapshot;
      return transition(
        id,
        userId,
        ['submitted'],
        'invoice.approved',
        (d) => {
          assertSecondPerson(d, userId);
          return { status: 'approved', approvedBy: userId, approvedAt: clock().toISOString(), approvedSeller };
        },
        risk.reasons.length ? { riskAcknowledged: risk.reasons } : {},
      );
    },

    'invoices.reject': async ({ id, reason }, { session }) => transition(id, session.user!.id, ['submitted'], 'invoice.rejected', () => ({ status: 'rejected', rejectionReason: reason })),

    'invoices.issue': async ({ id }, { session }) => {
      const [issued] = await issueMany([id], session.user!.id);
      return view(issued!);
    },

    'invoices.issueMany': async ({ ids }, { session }) => {
      const numbersIssued: string[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const docs = await issueMany(ids.slice(i, i + CHUNK), session.user!.id);
        numbersIssued.push(...docs.map((d) => d.number));
      }
      return { issued: numbersIssued.length, numbers: numbersIssued };
    },

    'invoices.approveMany': async ({ ids }, { session }) => {
      const userId = session.user!.id;
      const approvedSeller = (await loadSeller(books)).snapshot;
      let approved = 0;
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const docs = await loadMany(chunk);
        const own = docs.filter((d) => !mayApproveAsSecondPerson(d, userId));
        if (own.length) throw new AppError('FOUR_EYES', `You created, edited or submitted ${own.length} of these documents; another supervisor must approve them.`, { ids: own.map((d) => d.id) });
        const wrong = docs.filter((d) => d.status !== 'submitted');
        if (wrong.length) throw new AppError('INVALID_STATE', `${wrong.length} documents are not submitted`, { ids: wrong.map((d) => d.id) });
        await assertApprovable(docs);
        // Risky customers are approved one by one, with their reasons in view.
        // Several invoices of one customer count together against the limit.
        const risky: string[] = [];
        const inBatch = new Map<string, number>();
        for (const d of docs) {
          if (d.documentType !== 'invoice') continue;
          const together = (inBatch.get(d.customerId) ?? 0) + d.grossAmount;
          inBatch.set(d.customerId, together);
          if ((await services.reminders.approvalReasons(d.customerId, together)).reasons.length) risky.push(d.id);
        }
        if (risky.length) throw new AppError('RISK_APPROVAL_REQUIRED', `${risky.length} of these invoices need their risk confirmed one by one`, { ids: risky });
        const now = clock().toISOString();
        const next = docs.map((d) => ({ ...d, status: 'approved' as const, approvedBy: userId, approvedAt: now, approvedSeller, updatedAt: now, updatedBy: userId }));
        await writes.write(
          userId,
          docs.map((d) => ({ collection: 'invoices', action: `${d.documentType}.approved`, entity: d.documentType, entityId: d.id, before: { status: d.status }, after: { status: 'approved' } })),
          () => replaceAll(next),
        );
        approved += docs.length;
      }
      return { approved };
    },

    'invoices.createCreditNote': async (input, { session }) => {
      const userId = session.user!.id;
      const original = (await load(input.invoiceId)).toMutableJSON();
      if (original.documentType !== 'invoice' || !FROZEN.has(original.status)) {
        throw new AppError('INVALID_STATE', 'Only issued invoices are corrected by a credit note', { status: original.status });
      }
      const previous = await creditNotesOn(original.id);
      const credited = creditedQuantities(previous);
      const originalLines = (original.lines ?? []) as LineView[];
      // Without lines: all that is left of the invoice (all of it when nothing was credited yet).
      const wanted = input.lines ?? originalLines.map((l) => ({ lineId: l.id, quantity: dec(l.quantity).minus(credited.get(l.id) ?? 0).toString() })).filter((w) => dec(w.quantity).greaterThan(0));
      const problems: { field: string; problem: string; params?: { unit: string } }[] = [];
      if (!input.lines && wanted.length === 0) problems.push({ field: 'lines', problem: 'validation.nothingLeftToCredit' });
      // Each invoice line once in a note; quantities of the same line given twice count together.
      const asked = new Map<string, ReturnType<typeof dec>>();
      wanted.forEach((w, i) => {
        const line = originalLines.find((l) => l.id === w.lineId);
        if (!line) return problems.push({ field: `lines.${i}.lineId`, problem: 'validation.unknownLine' });
        if (COUNTED_UNITS.has(line.unit) && !dec(w.quantity).isInteger()) return problems.push({ field: `lines.${i}.quantity`, problem: 'validation.wholeQuantity', params: { unit: line.unit } });
        const total = (asked.get(line.id) ?? dec(0)).plus(w.quantity);
        const left = dec(line.quantity).minus(credited.get(line.id) ?? 0);
        if (total.greaterThan(left)) return problems.push({ field: `lines.${i}.quantity`, problem: 'validation.creditTooMuch' });
        asked.set(line.id, total);
        return undefined;
      });
      if (!problems.length && asked.size === 0 && input.lines) problems.push({ field: 'lines', problem: 'validation.atLeastOneLine' });
      if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.field).join(', '), { fields: problems });
      const now = clock().toISOString();
      // What the invoice charged for these lines, its document allowances and charges and its VAT rounding included.
      const content = creditNoteContent(
        { currency: original.currency, lines: originalLines, allowancesCharges: (original.allowancesCharges ?? []) as never[], totals: storedTotals(original) ?? totalsOf(original) },
        previous,
        [...asked].filter(([, q]) => q.greaterThan(0)).map(([lineId, q]) => ({ lineId, quantity: q.toString() })),
        newId,
      );
      const base = { currency: original.currency, lines: storedLines(content.lines), allowancesCharges: content.allowancesCharges as never[] };
      const totals = content.totals;
      const doc: InvoiceDoc = {
        id: newId(),
        documentType: 'creditNote',
        status: 'draft',
        number: '',
        customerId: original.customerId,
        correctsInvoiceId: original.id,
        orderIds: original.orderIds ?? [],
        ...base,
        totals,
        grossAmount: totals.taxInclusive,
        paymentTermsDays: 0,
        dueDate: today(),
        currency: original.currency,
        language: original.language ?? 'de',
        vatCase: original.vatCase ?? 'domestic',
        ...(original.supplyDate ? { supplyDate: original.supplyDate } : {}),
        ...(original.servicePeriod ? { servicePeriod: original.servicePeriod } : {}),
        note: input.reason,
        // Whether goods come back to stock is decided now and carried out on issue.
        returnStock: input.returnStock,
        createdAt: now,
        createdBy: userId,
        editedBy: [userId],
        submittedBy: [],
        updatedAt: now,
        updatedBy: userId,
      };
      await writes.write(userId, { collection: 'invoices', action: 'creditNote.created', entity: 'creditNote', entityId: doc.id, after: { corrects: original.number, gross: doc.grossAmount, reason: input.reason } }, async () => {
        // Checked again inside the write: a credit note written meanwhile changes what is left.
        if ((await creditNotesOn(original.id)).length !== previous.length) throw new AppError('CONFLICT', `Another credit note on ${original.number} was written meanwhile; try again.`);
        await invoices.insert(doc);
      });
      return view(doc);
    },

    'approval.queue': async (_input, { session }) => {
      const submitted = await invoices.find({ selector: { status: 'submitted' }, sort: [{ dueDate: 'asc' }] }).exec();
      const items: ApprovalItem[] = [];
      for (const d of submitted) {
        const doc = d.toMutableJSON();
        const customer = await books.db.customers.findOne(doc.customerId).exec();
        // Open amounts after payments, plus approved invoices not yet issued.
        const exposure = (await services.reminders.riskFacts(doc.customerId)).facts.exposure;
        const limit = customer?.creditLimit ? customer.creditLimit : null;
        const totals = totalsOf(doc);
        items.push({
          ...summaryOf(doc, customer?.name ?? ''),
          createdByName: await userName(doc.createdBy ?? ''),
          netAmount: totals.taxExclusive,
          creditLimit: limit,
          exposure,
          // Approving an invoice adds to the exposure; approving a credit note takes off it.
          creditLeft: creditLeftAfter(limit, exposure, doc),
          mayApprove: mayApproveAsSecondPerson(doc, session.user!.id) && (session.user!.role === 'supervisor' || session.user!.role === 'admin'),
          ...(doc.documentType === 'invoice' ? await riskOfApproval(doc.customerId, doc.grossAmount) : { riskClass: 'low' as const, approvalReasons: [] }),
        });
      }
      return items;
    },
  };

  /** The credit notes written on an invoice, with their lines and totals. */
  async function creditNotesOn(invoiceId: string): Promise<CreditedDocument[]> {
    const notes = await invoices.find({ selector: { correctsInvoiceId: invoiceId } }).exec();
    return notes.map((n) => {
      const doc = n.toMutableJSON();
      return { lines: (doc.lines ?? []) as LineView[], totals: storedTotals(doc) ?? totalsOf(doc) };
    });
  }

  /** Quantities of each original line already credited by the credit notes. */
  function creditedQuantities(notes: readonly CreditedDocument[]): Map<string, string> {
    const map = new Map<string, string>();
    for (const n of notes) {
      for (const l of n.lines) if (l.orderLineId) map.set(l.orderLineId, dec(map.get(l.orderLineId) ?? 0).plus(l.quantity).toString());
    }
    return map;
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

  async function riskOfApproval(customerId: string, amount: number) {
    const { riskClass, reasons } = await services.reminders.approvalReasons(customerId, amount);
    return { riskClass, approvalReasons: reasons };
  }


}

export type { OrderDoc };
