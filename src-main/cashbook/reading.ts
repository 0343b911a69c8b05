/**
 * Reading the cash books: the books, their entries and closings as facts, and the day and month
 * views with running balances. Works on every device; only writing is kept to the book's own.
 */
import { AppError, type CashBookView, type CashClosingView, type CashDayView, type CashEntryType, type CashEntryView, type CashMonthView, type CashTotals, type CashWrittenText } from '../../src-shared/contract/index.js';
import { reversalReason } from '../../src-shared/cashbook/text.js';
import type { Core } from '../server/core.js';
import { projectRows } from '../store/projection.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { byMoment, nextVoucher, signedAmount, vatLines, withBalances, type CashEntryFact } from './rules.js';

/** A cash entry fact with what the views name besides the rules' fields. */
export type StoredEntry = CashEntryFact & {
  category: string;
  text: string;
  invoiceId: string;
  paymentId: string;
  closingId: string;
  userId: string;
  recordedAt: string;
  cashBookId: string;
};

export type StoredClosing = { id: string; date: string; expected: number; counted: number; difference: number; differenceEntryId: string; userId: string; closedAt: string };

export function entryOf(doc: FactDoc): StoredEntry {
  const e = doc.cashEntry!;
  return {
    id: doc.id,
    cashBookId: doc.subjectId,
    voucher: e.voucher,
    date: e.date,
    time: e.time,
    type: e.type as CashEntryType,
    direction: e.direction as 'in' | 'out',
    amount: e.amount,
    vatRate: e.vatRate,
    vat: e.vat,
    category: e.category,
    text: e.text,
    invoiceId: e.invoiceId ?? '',
    paymentId: e.paymentId ?? '',
    reversesId: e.reversesId ?? '',
    closingId: e.closingId ?? '',
    userId: doc.userId ?? '',
    recordedAt: doc.occurredAt,
  };
}

function closingOf(doc: FactDoc): StoredClosing {
  const c = doc.cashClosing!;
  return { id: doc.id, date: c.date, expected: c.expected, counted: c.counted, difference: c.difference, differenceEntryId: c.differenceEntryId ?? '', userId: doc.userId ?? '', closedAt: doc.occurredAt };
}

const monthEnd = (month: string) => `${month}-31`;

export class CashReading {
  constructor(private readonly core: Pick<Core, 'books'>) {}

  private get facts() {
    return this.core.books.db.facts;
  }

  async bookFact(id: string): Promise<FactDoc> {
    const doc = await this.facts.findOne(id).exec();
    if (!doc?.cashBook) throw new AppError('VALIDATION_FAILED', `Cash book ${id} not found`, { fields: [{ field: 'cashBookId', problem: 'validation.cashUnknownBook' }] });
    return doc.toMutableJSON() as FactDoc;
  }

  async entries(cashBookId: string): Promise<StoredEntry[]> {
    const docs = await this.facts.find({ selector: { kind: 'cashEntry', subjectId: cashBookId } }).exec();
    return docs.map((d) => entryOf(d)).sort(byMoment);
  }

  async closings(cashBookId: string): Promise<StoredClosing[]> {
    const docs = await this.facts.find({ selector: { kind: 'cashClosing', subjectId: cashBookId } }).exec();
    return docs.map((d) => closingOf(d)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /**
   * Every committed cash entry of every book dated within [from, to], for the reports: read as a
   * SQLite projection of the stored facts, without building store documents.
   */
  async entriesBetween(from: string, to: string): Promise<StoredEntry[]> {
    type Row = { id: string; subjectId: string; occurredAt: string; userId: string | null; cashEntry: FactDoc['cashEntry'] };
    const rows = projectRows<Row>(this.core.books, 'facts', { id: '$.id', subjectId: '$.subjectId', occurredAt: '$.occurredAt', userId: '$.userId', cashEntry: '$.cashEntry' }, [{ path: '$.kind', values: ['cashEntry'] }]);
    return rows
      .filter((r) => r.cashEntry && r.cashEntry.date >= from && r.cashEntry.date <= to)
      .map((r) => entryOf({ ...r, userId: r.userId ?? '' } as FactDoc))
      .sort(byMoment);
  }

  bookView(doc: FactDoc, entries: readonly StoredEntry[], closings: readonly StoredClosing[]): CashBookView {
    const b = doc.cashBook!;
    return {
      id: doc.id,
      name: b.name,
      location: b.location ?? '',
      deviceId: doc.deviceId,
      ownDevice: doc.deviceId === this.core.books.deviceId,
      openingDate: b.openingDate,
      openingBalance: b.openingBalance,
      currency: b.currency,
      balance: entries.reduce((sum, e) => sum + signedAmount(e), 0),
      closedUntil: closings.at(-1)?.date ?? '',
      nextVoucher: nextVoucher(entries),
      createdAt: doc.occurredAt,
    };
  }

  async list(): Promise<CashBookView[]> {
    const docs = await this.facts.find({ selector: { kind: 'cashBook' } }).exec();
    const views = await Promise.all(docs.map(async (d) => this.bookView(d.toMutableJSON() as FactDoc, await this.entries(d.id), await this.closings(d.id))));
    return views.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
  }

  async book(cashBookId: string): Promise<CashBookView> {
    return this.bookView(await this.bookFact(cashBookId), await this.entries(cashBookId), await this.closings(cashBookId));
  }

  /** Entries from..to with their balances, their names and the closings, as the views show them. */
  private async entryViews(all: readonly StoredEntry[], closings: readonly StoredClosing[], from: string, to: string): Promise<CashEntryView[]> {
    const shown = withBalances(all).filter(({ entry }) => entry.date >= from && entry.date <= to);
    const byId = new Map(all.map((e) => [e.id, e]));
    const reversedBy = new Map(all.filter((e) => e.reversesId).map((e) => [e.reversesId!, e]));
    const names = await this.userNames(shown.map(({ entry }) => entry.userId));
    const numbers = await this.invoiceNumbers(shown.map(({ entry }) => entry.invoiceId).filter(Boolean));
    return shown.map(({ entry: e, balance }) => {
      const sign = e.direction === 'in' ? 1 : -1;
      const reverses = e.reversesId ? byId.get(e.reversesId) : undefined;
      const reversal = reversedBy.get(e.id);
      return {
        id: e.id,
        voucher: e.voucher,
        date: e.date,
        time: e.time,
        type: e.type,
        amount: sign * e.amount,
        vatRate: e.vatRate,
        vat: sign * e.vat,
        net: sign * (e.amount - e.vat),
        category: e.category,
        text: e.text,
        invoiceId: e.invoiceId,
        invoiceNumber: numbers.get(e.invoiceId) ?? '',
        paymentId: e.paymentId,
        reversesId: e.reversesId ?? '',
        reversesVoucher: reverses?.voucher ?? null,
        reversedById: reversal?.id ?? '',
        reversedByVoucher: reversal?.voucher ?? null,
        userId: e.userId,
        userName: names.get(e.userId) ?? '',
        recordedAt: e.recordedAt,
        balance,
        written: writtenOf(e, reverses, closings),
      };
    });
  }

  private async closingView(c: StoredClosing | undefined): Promise<CashClosingView | null> {
    if (!c) return null;
    const names = await this.userNames([c.userId]);
    return { ...c, userName: names.get(c.userId) ?? '' };
  }

  async day(cashBookId: string, date: string): Promise<CashDayView> {
    const [doc, all, closings] = await Promise.all([this.bookFact(cashBookId), this.entries(cashBookId), this.closings(cashBookId)]);
    return this.dayOf(this.bookView(doc, all, closings), all, closings, date);
  }

  private async dayOf(cashBook: CashBookView, all: readonly StoredEntry[], closings: readonly StoredClosing[], date: string): Promise<CashDayView> {
    const opening = all.filter((e) => e.date < date).reduce((sum, e) => sum + signedAmount(e), 0);
    const entries = await this.entryViews(all, closings, date, date);
    const closing = opening + entries.reduce((sum, e) => sum + e.amount, 0);
    return { cashBook, date, opening, entries, closing, closed: await this.closingView(closings.find((c) => c.date === date)) };
  }

  async month(cashBookId: string, month: string): Promise<CashMonthView> {
    const [doc, all, closings] = await Promise.all([this.bookFact(cashBookId), this.entries(cashBookId), this.closings(cashBookId)]);
    const cashBook = this.bookView(doc, all, closings);
    const from = `${month}-01`;
    const inMonth = all.filter((e) => e.date >= from && e.date <= monthEnd(month));
    const dates = [...new Set([...inMonth.map((e) => e.date), ...closings.filter((c) => c.date.startsWith(month)).map((c) => c.date)])].sort();
    const days = await Promise.all(dates.map((date) => this.dayOf(cashBook, all, closings, date)));
    // The month opens with the balance before its first movement: in the month the book was opened
    // in, that is the opening balance (Anfangsbestand), so opening + movements = closing.
    const opening = all.filter((e) => e.date < from || (e.type === 'opening' && e.date <= monthEnd(month))).reduce((sum, e) => sum + signedAmount(e), 0);
    const closing = opening + inMonth.filter((e) => e.type !== 'opening').reduce((sum, e) => sum + signedAmount(e), 0);
    return { cashBook, month, opening, days, closing, totals: totalsOf(inMonth) };
  }

  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const docs = await this.core.books.db.users.findByIds(unique).exec();
    return new Map([...docs.values()].map((u) => [u.id, u.name]));
  }

  async invoiceNumbers(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const docs = await this.core.books.db.invoices.findByIds(unique).exec();
    return new Map([...docs.values()].map((d) => [d.id, d.number ?? '']));
  }
}

/** The facts a text the app wrote was made from, so the views show it in the reader's language. */
function writtenOf(e: StoredEntry, reverses: StoredEntry | undefined, closings: readonly StoredClosing[]): CashWrittenText | null {
  if (e.type === 'opening') return { kind: 'opening' };
  if (reverses) {
    const reason = reversalReason(e.text, reverses.voucher);
    return reason === null ? null : { kind: 'reversal', voucher: reverses.voucher, reason };
  }
  if (e.type === 'difference') {
    const closing = closings.find((c) => c.differenceEntryId === e.id);
    return closing ? { kind: 'difference', counted: closing.counted, expected: closing.expected } : null;
  }
  return null;
}

/** What came in and went out by kind in a period; each kind netted with its reversals. */
export function totalsOf(entries: readonly CashEntryFact[]): CashTotals {
  const sum = (type: CashEntryType, inward: boolean) => entries.filter((e) => e.type === type).reduce((s, e) => s + (inward ? signedAmount(e) : -signedAmount(e)), 0);
  return {
    income: sum('income', true),
    expense: sum('expense', false),
    privateDeposits: sum('privateDeposit', true),
    privateWithdrawals: sum('privateWithdrawal', false),
    transitIn: sum('transitIn', true),
    transitOut: sum('transitOut', false),
    differences: sum('difference', true),
    vat: vatLines(entries),
  };
}
