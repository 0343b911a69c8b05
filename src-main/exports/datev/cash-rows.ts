/**
 * The cash book entries as the DATEV export reads them: every committed entry of every cash book,
 * read once and then kept current by the store's change stream (as the reports keep their rows),
 * so that an export of a month does not read every fact of the books again. In the cash book's
 * own order (day, time, voucher).
 */
import { byMoment } from '../../cashbook/index.js';
import { LiveRows } from '../../reports/index.js';
import type { OpenBooks } from '../../store/database.js';
import type { BookingCashEntry } from './bookings.js';

const FIELDS = { id: '$.id', kind: '$.kind', cashBookId: '$.subjectId', entry: '$.cashEntry' } as const;

type Row = BookingCashEntry & { time: string };
type Stored = { voucher?: number; date?: string; time?: string; type?: string; direction?: string; amount?: number; vatRate?: number; text?: string; invoiceId?: string; paymentId?: string; reversesId?: string };

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function rowOf(r: Record<keyof typeof FIELDS, unknown>): Row | null {
  if (r.kind !== 'cashEntry' || r.entry === null || typeof r.entry !== 'object') return null;
  const e = r.entry as Stored;
  return {
    id: text(r.id), cashBookId: text(r.cashBookId), voucher: e.voucher ?? 0, date: text(e.date), time: text(e.time), type: text(e.type),
    direction: e.direction === 'out' ? 'out' : 'in', amount: e.amount ?? 0, vatRate: e.vatRate ?? 0, text: text(e.text), invoiceId: text(e.invoiceId),
    paymentId: text(e.paymentId), ...(e.reversesId ? { reversesId: e.reversesId } : {}),
  };
}

export type CashRows = {
  /** The entries dated from..to in the cash book's order, and the earlier entries their reversals take back, by id. */
  between(from: string, to: string): { cash: BookingCashEntry[]; reversed: Map<string, BookingCashEntry> };
};

const live = new WeakMap<object, CashRows>();

export function cashRows(books: Pick<OpenBooks, 'db' | 'filename'>): CashRows {
  const known = live.get(books.db);
  if (known) return known;
  const rows = new LiveRows(books, 'facts', FIELDS, [{ path: '$.kind', values: ['cashEntry'] }], rowOf);
  const strip = ({ time: _time, ...entry }: Row): BookingCashEntry => entry;
  const made: CashRows = {
    between(from, to) {
      const inPeriod: Row[] = [];
      const wanted = new Set<string>();
      for (const r of rows.values()) {
        if (r.date < from || r.date > to) continue;
        inPeriod.push(r);
        if (r.reversesId) wanted.add(r.reversesId);
      }
      const reversed = new Map<string, BookingCashEntry>();
      if (wanted.size) for (const r of rows.values()) if (wanted.has(r.id)) reversed.set(r.id, strip(r));
      inPeriod.sort(byMoment);
      return { cash: inPeriod.map(strip), reversed };
    },
  };
  live.set(books.db, made);
  return made;
}
