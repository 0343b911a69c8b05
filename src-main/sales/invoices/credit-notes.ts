import { newId } from '../../ids.js';
import { AppError, type LineView } from '../../../src-shared/contract/index.js';
import { creditNoteContent, type CreditedDocument } from '../../../src-shared/invoice/credit.js';
import { dec } from '../../../src-shared/money/decimal.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { OpenBooks } from '../../store/database.js';
import type { InvoiceDoc } from '../../store/schemas/books.js';
import { today, type In, type Out, type SalesContext } from '../context.js';
import { invoiceMayMove } from '../lifecycle.js';
import { storedLines } from '../lines.js';
import { COUNTED_UNITS } from '../rules.js';
import { loadInvoice, storedTotals, totalsOf } from './documents.js';
import { viewWithNames } from './views.js';

/**
 * A credit note on an issued invoice, for all of it that is left or for some of its lines: it
 * credits what the invoice charged for them, and never more than is left to credit.
 */
export async function createCreditNote(sales: SalesContext, input: In<'invoices.createCreditNote'>, { session }: HandlerContext): Out<'invoices.createCreditNote'> {
  const { core: { books, writes, clock } } = sales;
  const userId = session.user!.id;
  const original = (await loadInvoice(books, input.invoiceId)).toMutableJSON();
  if (original.documentType !== 'invoice' || !invoiceMayMove(original.status, 'credit')) {
    throw new AppError('INVALID_STATE', 'Only issued invoices are corrected by a credit note', { status: original.status });
  }
  const previous = await creditNotesOn(books, original.id);
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
    dueDate: today(sales),
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
    if ((await creditNotesOn(books, original.id)).length !== previous.length) throw new AppError('CONFLICT', `Another credit note on ${original.number} was written meanwhile; try again.`);
    await books.db.invoices.insert(doc);
  });
  return viewWithNames(books, doc);
}

/** The credit notes written on an invoice, with their lines and totals. */
async function creditNotesOn(books: OpenBooks, invoiceId: string): Promise<CreditedDocument[]> {
  const notes = await books.db.invoices.find({ selector: { correctsInvoiceId: invoiceId } }).exec();
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
