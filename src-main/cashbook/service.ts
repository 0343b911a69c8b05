/**
 * Writing the cash books: opening a book with its opening balance, recording an entry, reversing
 * one, closing a day. Every write goes through the one write path; the voucher number and every
 * check that depends on the other entries (closed days, the balance at each moment) run inside
 * that serialized write, so two quick records never take the same number. Append-only (GoBD):
 * nothing is edited or deleted.
 */
import { format } from 'date-fns';
import { AppError, type CashBookView, type CashDayView, type CashEntryView, type FieldError, type ParsedInputOf, type PublicUser } from '../../src-shared/contract/index.js';
import { translate } from '../../src-shared/i18n/index.js';
import { formatMoney } from '../../src-shared/format/document.js';
import { dec, toMinorUnits } from '../../src-shared/money/decimal.js';
import { newId } from '../ids.js';
import type { Core } from '../server/core.js';
import type { ChangeDescription } from '../server/write-path.js';
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { CashbookPorts } from './ports.js';
import { CashReading, type StoredEntry } from './reading.js';
import { balanceAt, balanceProblems, carriesOwnVat, dateProblems, DIRECTION_OF, nextVoucher, reversalProblems, splitGross, vatProblems } from './rules.js';

const cents = (text: string) => toMinorUnits(dec(text || '0'));

function refuse(problems: readonly FieldError[]): never {
  throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), { fields: [...problems] });
}

type EntryFields = NonNullable<FactDoc['cashEntry']>;

export class Cashbook {
  readonly reading: CashReading;

  constructor(
    private readonly core: Core,
    private readonly ports: CashbookPorts,
  ) {
    this.reading = new CashReading(core);
  }

  private get facts() {
    return this.core.books.db.facts;
  }

  /**
   * Today and now as the cash book reads them: the local wall date and time of this device (the
   * one that keeps the book), the way the entry form fills in date and time and an entry's own
   * date and time are meant. (Elsewhere the app takes "today" in UTC; comparing a local time of
   * day with UTC would refuse an entry typed at the current time east of Greenwich.)
   */
  private today(): string {
    return format(this.core.clock(), 'yyyy-MM-dd');
  }

  private nowTime(): string {
    return format(this.core.clock(), 'HH:mm');
  }

  /** The book, if this device keeps it: another device's book is read here, never written. */
  private async ownBook(cashBookId: string, field = 'cashBookId'): Promise<FactDoc> {
    const book = await this.reading.bookFact(cashBookId);
    if (book.deviceId !== this.core.books.deviceId) refuse([{ field, problem: 'validation.cashOtherDevice' }]);
    return book;
  }

  private entryFact(cashBookId: string, user: PublicUser, id: string, entry: EntryFields): FactDoc {
    return newFact(this.core.books.deviceId, { id, kind: 'cashEntry', subjectId: cashBookId, occurredAt: this.core.clock().toISOString(), userId: user.id, cashEntry: entry });
  }

  /** The entries and the latest closed day as they stand inside the write. */
  private async state(book: FactDoc) {
    const [entries, closings] = await Promise.all([this.reading.entries(book.id), this.reading.closings(book.id)]);
    // An entry later today than now is refused like one on a later day (local wall time, see `today`).
    const dates = { openingDate: book.cashBook!.openingDate, closedUntil: closings.at(-1)?.date ?? '', today: this.today(), now: this.nowTime() };
    return { entries, closings, dates };
  }

  async create(input: ParsedInputOf<'cashbook.create'>, user: PublicUser): Promise<CashBookView> {
    if (input.openingDate > this.today()) refuse([{ field: 'openingDate', problem: 'validation.futureDate' }]);
    const id = newId();
    const now = this.core.clock().toISOString();
    const balance = cents(input.openingBalance);
    const book = newFact(this.core.books.deviceId, {
      id,
      kind: 'cashBook',
      subjectId: id,
      occurredAt: now,
      userId: user.id,
      cashBook: { name: input.name, location: input.location, openingDate: input.openingDate, openingBalance: balance, currency: 'EUR' },
    });
    // The opening balance (Anfangsbestand) is the book's first entry, voucher 1.
    const opening = this.entryFact(id, user, newId(), {
      voucher: 1,
      date: input.openingDate,
      time: '00:00',
      type: 'opening',
      direction: 'in',
      amount: balance,
      vatRate: 0,
      vat: 0,
      category: translate(user.language, 'cash.texts.opening'),
      text: translate(user.language, 'cash.texts.opening'),
    });
    await this.core.writes.write(
      user.id,
      [
        { collection: 'facts', action: 'cashbook.created', entity: 'cashBook', entityId: id, after: book.cashBook },
        { collection: 'facts', action: 'cashbook.recorded', entity: 'cashBook', entityId: id, after: opening.cashEntry },
      ],
      async () => {
        const result = await this.facts.bulkInsert([book, opening]);
        if (result.error.length) throw new Error('The cash book could not be written');
      },
    );
    return this.reading.book(id);
  }

  async record(input: ParsedInputOf<'cashbook.record'>, user: PublicUser): Promise<CashEntryView> {
    const book = await this.ownBook(input.cashBookId);
    const early: FieldError[] = [...vatProblems(input.type, input.vatRate)];
    if (input.invoiceId && input.type !== 'income') early.push({ field: 'invoiceId', problem: 'validation.cashInvoiceIncomeOnly' });
    if (early.length) refuse(early);

    const amount = cents(input.amount);
    // A receipt that settles an invoice has no VAT of its own: the invoice carries it.
    const vatRate = carriesOwnVat({ invoiceId: input.invoiceId }) ? input.vatRate : 0;
    const { vat } = splitGross(amount, vatRate);
    const id = newId();
    const paymentId = input.invoiceId ? newId() : '';
    const fields: Omit<EntryFields, 'voucher'> = {
      date: input.date,
      time: input.time,
      type: input.type,
      direction: DIRECTION_OF[input.type],
      amount,
      vatRate,
      vat,
      category: input.category,
      text: input.text,
      ...(input.invoiceId ? { invoiceId: input.invoiceId, paymentId } : {}),
    };
    // The audit entry names the voucher, known only inside the write: it is filled in there.
    const change: ChangeDescription = { collection: 'facts', action: 'cashbook.recorded', entity: 'cashBook', entityId: book.id };
    const write = async () => {
      const { entries, dates } = await this.state(book);
      const fact = this.entryFact(book.id, user, id, { ...fields, voucher: nextVoucher(entries) });
      const problems = dateProblems(input.date, dates, 'date', input.time);
      if (!problems.length) problems.push(...balanceProblems(entries, [asRuleEntry(fact)]));
      if (problems.length) refuse(problems);
      await this.facts.insert(fact);
      change.after = fact.cashEntry;
    };
    if (input.invoiceId) {
      await this.ports
        .settleInvoice({ paymentId, invoiceId: input.invoiceId, date: input.date, amount: input.amount, currency: 'EUR', reference: input.text }, user, { changes: [change], write })
        .catch((error: unknown) => {
          // The payment's allocation problems are the invoice field's problems here.
          if (error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.details?.fields) {
            refuse(error.details.fields.map((f) => (f.field.startsWith('allocations') ? { ...f, field: 'invoiceId' } : f)));
          }
          throw error;
        });
    } else {
      await this.core.writes.write(user.id, change, write);
    }
    return this.entryView(book.id, id);
  }

  /**
   * Reverses an entry with one in the other direction, dated now. An entry that settled an
   * invoice takes its payment's allocation back and reverses the payment in the same write, so
   * the invoice is open again and the customer keeps no credit of it.
   */
  async reverse(input: ParsedInputOf<'cashbook.reverse'>, user: PublicUser): Promise<CashEntryView> {
    const doc = await this.facts.findOne(input.entryId).exec();
    if (!doc?.cashEntry) refuse([{ field: 'entryId', problem: 'validation.cashUnknownEntry' }]);
    const book = await this.ownBook(doc.subjectId, 'entryId');
    const original = doc.cashEntry;
    const id = newId();
    const change: ChangeDescription = { collection: 'facts', action: 'cashbook.reversed', entity: 'cashBook', entityId: book.id, before: original };
    const write = async () => {
      const { entries, dates } = await this.state(book);
      const target = entries.find((e) => e.id === doc.id)!;
      const problems = reversalProblems(target, entries);
      if (problems.length) refuse(problems);
      const date = this.today();
      const dateProblem = dateProblems(date, dates).map((p) => ({ ...p, field: 'entryId' }));
      if (dateProblem.length) refuse(dateProblem);
      const fact = this.entryFact(book.id, user, id, {
        voucher: nextVoucher(entries),
        date,
        time: this.nowTime(),
        type: original.type,
        direction: original.direction === 'in' ? 'out' : 'in',
        amount: original.amount,
        vatRate: original.vatRate,
        vat: original.vat,
        category: original.category,
        text: translate(user.language, 'cash.texts.reversal', { voucher: original.voucher, reason: input.reason }).slice(0, 600),
        reversesId: doc.id,
        // The reversal of a settling receipt names the invoice too: neither carries VAT of its own.
        ...(original.invoiceId ? { invoiceId: original.invoiceId, vatRate: 0, vat: 0 } : {}),
      });
      const negative = balanceProblems(entries, [asRuleEntry(fact)], 'entryId');
      if (negative.length) refuse(negative);
      await this.facts.insert(fact);
      change.after = fact.cashEntry;
    };
    if (original.paymentId) await this.ports.takeBackSettlement(original.paymentId, user, { changes: [change], write });
    else await this.core.writes.write(user.id, change, write);
    return this.entryView(book.id, id);
  }

  /**
   * The daily closing (Kassensturz): the balance expected at the end of the day against the cash
   * counted; a difference becomes a documented difference entry in the same write. The day and
   * every earlier one take no entries afterwards.
   */
  async close(input: ParsedInputOf<'cashbook.close'>, user: PublicUser): Promise<CashDayView> {
    const book = await this.ownBook(input.cashBookId);
    const counted = cents(input.counted);
    const closingId = newId();
    const change: ChangeDescription = { collection: 'facts', action: 'cashbook.closed', entity: 'cashBook', entityId: book.id };
    const changes: ChangeDescription[] = [change];
    const differenceChange: ChangeDescription = { collection: 'facts', action: 'cashbook.recorded', entity: 'cashBook', entityId: book.id };
    await this.core.writes.write(user.id, changes, async () => {
      const { entries, dates } = await this.state(book);
      const problems = dateProblems(input.date, dates);
      if (problems.length) refuse(problems.map((p) => (p.problem === 'validation.cashDayClosed' ? { field: 'date', problem: 'validation.cashClosedAlready' } : p)));
      const expected = balanceAt(entries, input.date);
      const difference = counted - expected;
      const written: FactDoc[] = [];
      let differenceEntryId = '';
      if (difference !== 0) {
        differenceEntryId = newId();
        const language = user.language;
        const entry = this.entryFact(book.id, user, differenceEntryId, {
          voucher: nextVoucher(entries),
          date: input.date,
          time: '23:59',
          type: 'difference',
          direction: difference > 0 ? 'in' : 'out',
          amount: Math.abs(difference),
          vatRate: 0,
          vat: 0,
          category: translate(language, 'cash.types.difference'),
          text: translate(language, 'cash.texts.difference', { counted: formatMoney(counted, 'EUR', language), expected: formatMoney(expected, 'EUR', language) }),
          closingId,
        });
        const negative = balanceProblems(entries, [asRuleEntry(entry)], 'counted');
        if (negative.length) refuse(negative);
        written.push(entry);
        differenceChange.after = entry.cashEntry;
        changes.push(differenceChange);
      }
      const closing = newFact(this.core.books.deviceId, {
        id: closingId,
        kind: 'cashClosing',
        subjectId: book.id,
        occurredAt: this.core.clock().toISOString(),
        userId: user.id,
        cashClosing: { date: input.date, expected, counted, difference, ...(differenceEntryId ? { differenceEntryId } : {}) },
      });
      written.push(closing);
      change.after = closing.cashClosing;
      const result = await this.facts.bulkInsert(written);
      if (result.error.length) throw new Error('The closing could not be written');
    });
    return this.reading.day(book.id, input.date);
  }

  private async entryView(cashBookId: string, entryId: string): Promise<CashEntryView> {
    const doc = await this.facts.findOne(entryId).exec();
    const day = await this.reading.day(cashBookId, doc!.cashEntry!.date);
    return day.entries.find((e) => e.id === entryId)!;
  }
}

function asRuleEntry(fact: FactDoc): StoredEntry {
  const e = fact.cashEntry!;
  return { id: fact.id, cashBookId: fact.subjectId, voucher: e.voucher, date: e.date, time: e.time, type: e.type as StoredEntry['type'], direction: e.direction as 'in' | 'out', amount: e.amount, vatRate: e.vatRate, vat: e.vat, category: e.category, text: e.text, invoiceId: e.invoiceId ?? '', paymentId: '', closingId: '', userId: '', recordedAt: fact.occurredAt, ...(e.reversesId ? { reversesId: e.reversesId } : {}) };
}
