/** Invoices and credit notes as stored: their totals, and loading and replacing them. */
import { AppError, type InvoiceView, type LineView } from '../../../src-shared/contract/index.js';
import { computeInvoiceTotals } from '../../../src-shared/invoice/totals.js';
import type { OpenBooks } from '../../store/database.js';
import type { InvoiceDoc } from '../../store/schemas/books.js';
import { totalsInputOf } from '../rules.js';

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

export async function loadInvoice(books: OpenBooks, id: string) {
  const doc = await books.db.invoices.findOne(id).exec();
  if (!doc) throw new AppError('NOT_FOUND', `Invoice ${id} not found`);
  return doc;
}

export async function loadInvoices(books: OpenBooks, ids: readonly string[]): Promise<InvoiceDoc[]> {
  const found = await books.db.invoices.findByIds([...ids]).exec();
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new AppError('NOT_FOUND', `Not found: ${missing.join(', ')}`);
  return ids.map((id) => found.get(id)!.toMutableJSON(true) as InvoiceDoc);
}

/**
 * Writes new states of loaded documents in one storage write, each against the revision it
 * was loaded with: if any changed in between, all of them stay as they were.
 */
export async function replaceInvoices(books: OpenBooks, next: readonly InvoiceDoc[]): Promise<void> {
  const rows = next.map((doc) => {
    const previous = doc as InvoiceDoc & { _rev: string; _meta: { lwt: number }; _deleted: boolean; _attachments: object };
    return { previous, document: { ...previous, _deleted: false, _attachments: {} } };
  });
  const result = await books.db.invoices.storageInstance.bulkWrite(rows as never, 'invoices-replace');
  if (result.error.length) throw new AppError('CONFLICT', 'A document changed meanwhile; reload and try again.');
}
