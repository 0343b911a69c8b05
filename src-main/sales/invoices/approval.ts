import { AppError, type ApprovalItem } from '../../../src-shared/contract/index.js';
import { mayApproveAsSecondPerson, withParticipant } from '../../../src-shared/approval/four-eyes.js';
import { creditLeftAfter } from '../../../src-shared/dunning/risk.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { OpenBooks } from '../../store/database.js';
import type { InvoiceDoc } from '../../store/schemas/books.js';
import { loadSeller } from '../company.js';
import type { In, Out, SalesContext } from '../context.js';
import { invoiceMayMove, isFrozen, type InvoiceMove } from '../lifecycle.js';
import type { SalesPorts } from '../ports.js';
import { loadInvoice, loadInvoices, replaceInvoices, totalsOf } from './documents.js';
import { assertApprovable } from './series.js';
import { summaryOf, viewWithNames } from './views.js';

/** Documents approved per storage write when many are approved at once. */
const CHUNK = 1000;

export async function submitInvoice(sales: SalesContext, { id }: In<'invoices.submit'>, { session }: HandlerContext): Out<'invoices.submit'> {
  return transition(sales, id, session.user!.id, 'submit', 'invoice.submitted', (d) => ({ status: 'submitted', rejectionReason: '', submittedBy: withParticipant(d.submittedBy, session.user!.id) }));
}

/** Approval by a second person (four eyes), with the customer's risk reasons acknowledged. */
export async function approveInvoice(sales: SalesContext, { id, acknowledgedRisks }: In<'invoices.approve'>, { session }: HandlerContext): Out<'invoices.approve'> {
  const { core: { books, clock }, ports } = sales;
  const userId = session.user!.id;
  const doc = await loadInvoice(books, id);
  assertSecondPerson(doc.toMutableJSON(), userId);
  await assertApprovable(sales, [doc.toMutableJSON()]);
  // A customer over the credit limit or in the high risk class: the supervisor confirms the reasons shown.
  const risk = doc.documentType === 'invoice' ? await ports.risk.approvalReasons(doc.customerId, doc.grossAmount) : { reasons: [] };
  const unseen = risk.reasons.filter((r) => !acknowledgedRisks.includes(r.key));
  if (unseen.length) throw new AppError('RISK_APPROVAL_REQUIRED', unseen.map((r) => r.key).join(', '), { reasons: risk.reasons });
  // What the approver sees is what is issued: the seller data as of now goes with the approval.
  const approvedSeller = (await loadSeller(books)).snapshot;
  return transition(
    sales,
    id,
    userId,
    'approve',
    'invoice.approved',
    (d) => {
      assertSecondPerson(d, userId);
      return { status: 'approved', approvedBy: userId, approvedAt: clock().toISOString(), approvedSeller };
    },
    risk.reasons.length ? { riskAcknowledged: risk.reasons } : {},
  );
}

export async function rejectInvoice(sales: SalesContext, { id, reason }: In<'invoices.reject'>, { session }: HandlerContext): Out<'invoices.reject'> {
  // An approval taken back is gone: the corrected document is approved again before it is issued.
  return transition(sales, id, session.user!.id, 'reject', 'invoice.rejected', (d) => ({ status: 'rejected', rejectionReason: reason, ...(d.approvedBy ? { approvedBy: '', approvedAt: '' } : {}) }));
}

/** Approves many at once; a risky customer's invoices are approved one by one instead. */
export async function approveInvoices(sales: SalesContext, { ids }: In<'invoices.approveMany'>, { session }: HandlerContext): Out<'invoices.approveMany'> {
  const { core: { books, writes, clock }, ports } = sales;
  const userId = session.user!.id;
  const approvedSeller = (await loadSeller(books)).snapshot;
  let approved = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const docs = await loadInvoices(books, chunk);
    const own = docs.filter((d) => !mayApproveAsSecondPerson(d, userId));
    if (own.length) throw new AppError('FOUR_EYES', `You created, edited or submitted ${own.length} of these documents; another supervisor must approve them.`, { ids: own.map((d) => d.id) });
    const wrong = docs.filter((d) => !invoiceMayMove(d.status, 'approve'));
    if (wrong.length) throw new AppError('INVALID_STATE', `${wrong.length} documents are not submitted`, { ids: wrong.map((d) => d.id) });
    await assertApprovable(sales, docs);
    // Risky customers are approved one by one, with their reasons in view.
    // Several invoices of one customer count together against the limit.
    const risky: string[] = [];
    const inBatch = new Map<string, number>();
    for (const d of docs) {
      if (d.documentType !== 'invoice') continue;
      const together = (inBatch.get(d.customerId) ?? 0) + d.grossAmount;
      inBatch.set(d.customerId, together);
      if ((await ports.risk.approvalReasons(d.customerId, together)).reasons.length) risky.push(d.id);
    }
    if (risky.length) throw new AppError('RISK_APPROVAL_REQUIRED', `${risky.length} of these invoices need their risk confirmed one by one`, { ids: risky });
    const now = clock().toISOString();
    const next = docs.map((d) => ({ ...d, status: 'approved' as const, approvedBy: userId, approvedAt: now, approvedSeller, updatedAt: now, updatedBy: userId }));
    await writes.write(
      userId,
      docs.map((d) => ({ collection: 'invoices', action: `${d.documentType}.approved`, entity: d.documentType, entityId: d.id, before: { status: d.status }, after: { status: 'approved' } })),
      () => replaceInvoices(books, next),
    );
    approved += docs.length;
  }
  return { approved };
}

/** The submitted documents with what the approver weighs: exposure, credit left and risk. */
export async function approvalQueue({ core: { books }, ports }: SalesContext, _input: In<'approval.queue'>, { session }: HandlerContext): Out<'approval.queue'> {
  const submitted = await books.db.invoices.find({ selector: { status: 'submitted' }, sort: [{ dueDate: 'asc' }] }).exec();
  const items: ApprovalItem[] = [];
  for (const d of submitted) {
    const doc = d.toMutableJSON();
    const customer = await books.db.customers.findOne(doc.customerId).exec();
    // Open amounts after payments, plus approved invoices not yet issued.
    const exposure = await ports.risk.exposure(doc.customerId);
    const limit = customer?.creditLimit ? customer.creditLimit : null;
    const totals = totalsOf(doc);
    items.push({
      ...summaryOf(doc, customer?.name ?? ''),
      createdByName: await userName(books, doc.createdBy ?? ''),
      netAmount: totals.taxExclusive,
      creditLimit: limit,
      exposure,
      // Approving an invoice adds to the exposure; approving a credit note takes off it.
      creditLeft: creditLeftAfter(limit, exposure, doc),
      mayApprove: mayApproveAsSecondPerson(doc, session.user!.id) && (session.user!.role === 'supervisor' || session.user!.role === 'admin'),
      ...(doc.documentType === 'invoice' ? await riskOfApproval(ports, doc.customerId, doc.grossAmount) : { riskClass: 'low' as const, approvalReasons: [] }),
    });
  }
  return items;
}

function assertSecondPerson(doc: InvoiceDoc, userId: string) {
  if (!mayApproveAsSecondPerson(doc, userId)) throw new AppError('FOUR_EYES', 'Whoever created, edited or submitted a document cannot approve it; another supervisor must.', { ids: [doc.id] });
}

/** A move of the lifecycle; `patchOf` sees the document as loaded for the write and may refuse it. */
async function transition({ core: { books, writes, clock } }: SalesContext, id: string, userId: string, move: InvoiceMove, action: string, patchOf: (doc: InvoiceDoc) => Partial<InvoiceDoc>, audited: Record<string, unknown> = {}) {
  const doc = await loadInvoice(books, id);
  if (isFrozen(doc.status)) throw new AppError('INVOICE_IMMUTABLE', `${doc.number} is issued and can no longer change.`);
  if (!invoiceMayMove(doc.status, move)) throw new AppError('INVALID_STATE', `The invoice is ${doc.status}`, { status: doc.status });
  const patch = patchOf(doc.toMutableJSON());
  const updated = await writes.write(userId, { collection: 'invoices', action, entity: doc.documentType, entityId: id, before: { status: doc.status }, after: { ...patch, ...audited } }, () =>
    doc.incrementalPatch({ ...patch, updatedAt: clock().toISOString(), updatedBy: userId }),
  );
  return viewWithNames(books, updated.toMutableJSON());
}

async function riskOfApproval(ports: SalesPorts, customerId: string, amount: number) {
  const { riskClass, reasons } = await ports.risk.approvalReasons(customerId, amount);
  return { riskClass, approvalReasons: reasons };
}

async function userName(books: OpenBooks, id: string): Promise<string> {
  return id ? ((await books.db.users.findOne(id).exec())?.name ?? '') : '';
}
