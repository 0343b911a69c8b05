/** The number series of a document (§ 14 Abs. 4 Nr. 4 UStG): numbers in date order, dates that never go backwards. */
import { AppError } from '../../../src-shared/contract/index.js';
import type { InvoiceDoc } from '../../store/schemas/books.js';
import { loadSeller } from '../company.js';
import { today, type SalesContext } from '../context.js';
import { seriesDateProblems, seriesPrefix } from '../rules.js';

export type SeriesPlace = ReturnType<typeof seriesOf>;

/** The number series a document is issued in, on its date (or today), and that date. */
export function seriesOf(sales: SalesContext, d: InvoiceDoc, seller: { invoicePrefix: string; seriesLetter: string }) {
  const date = d.issueDate ?? today(sales);
  const code = d.documentType === 'creditNote' ? 'GS' : seller.invoicePrefix;
  return { id: d.id, code, date, year: Number(date.slice(0, 4)), series: seriesPrefix(code, Number(date.slice(0, 4)), seller.seriesLetter) };
}

/**
 * Refuses documents dated after today, and dated before the newest issued number of their
 * series or of a later year's series of the same kind (a 2019 date after 2026 numbers): one
 * look-up per series, not per document. `docs` come in the order their numbers would be given.
 */
export async function assertSeriesDates(sales: SalesContext, docs: readonly SeriesPlace[], seriesLetter: string): Promise<void> {
  const numbers = sales.invoiceNumbers;
  const now = today(sales);
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
export function inNumberOrder(sales: SalesContext, docs: readonly InvoiceDoc[], seller: { invoicePrefix: string; seriesLetter: string }) {
  return docs.map((doc) => ({ doc, series: seriesOf(sales, doc, seller) })).sort((a, b) => a.series.date.localeCompare(b.series.date));
}

/** Approving a document dated before the newest number of its series would only be refused at issue. */
export async function assertApprovable(sales: SalesContext, docs: readonly InvoiceDoc[]): Promise<void> {
  const seller = await loadSeller(sales.core.books);
  await assertSeriesDates(sales, inNumberOrder(sales, docs, seller).map((o) => o.series), seller.seriesLetter);
}
