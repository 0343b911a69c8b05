/**
 * The customer's account statement (Kontoauszug): the balance before the period, then every
 * invoice (debit), credit note, payment, Skonto and write-off (credit), refund and returned
 * payment (debit) in the period by date with the running balance, and the closing balance.
 * The balance is what the customer owes: their open items less their credit.
 */
import type { CustomerStatement, StatementLine, StatementLineKind } from '../../src-shared/contract/index.js';
import type { MessageKey } from '../../src-shared/i18n/index.js';
import type { ReportCustomer } from './data.js';
import { bookedOn, isCreditNote, isInvoice, type AllocationRow, type InvoiceRow, type PaymentRow } from './receivables.js';
import { column, type Words } from './table.js';

export type StatementSource = {
  customer: Pick<ReportCustomer, 'id' | 'number' | 'name'>;
  docs: readonly InvoiceRow[];
  payments: readonly PaymentRow[];
  allocations: readonly AllocationRow[];
};

type Entry = Omit<StatementLine, 'balance'>;

/** The order of entries on one day: what was billed first, then what settled it. */
const ORDER: Record<StatementLineKind, number> = { invoice: 0, creditNote: 1, payment: 2, skonto: 3, writeOff: 4, refund: 5, reversal: 6, skontoReversed: 7, writeOffReversed: 8 };

/** What an account is worked out from: the issued documents, the payments and the allocations. */
export type AccountSource = Omit<StatementSource, 'customer'>;

type OwnedEntry = Entry & { customerId: string };

/**
 * Every entry of the customers' accounts in this currency (of `customerId` only, when given),
 * undated order, each with its customer. Payments booked to no customer are nobody's account.
 */
/** The last entries made, with what they were made of: the books' lists stay the same objects until they change. */
let lastEntries: { docs: unknown; payments: unknown; allocations: unknown; currency: string; customerId: string; entries: readonly OwnedEntry[] } | null = null;

/** The account entries, made once per state of the books and filter (every report of the same state shares them). */
function entriesOf(source: AccountSource, currency: string, customerId: string): readonly OwnedEntry[] {
  const last = lastEntries;
  if (last && last.docs === source.docs && last.payments === source.payments && last.allocations === source.allocations && last.currency === currency && last.customerId === customerId) return last.entries;
  const entries = Object.freeze(madeEntries(source, currency, customerId));
  lastEntries = { docs: source.docs, payments: source.payments, allocations: source.allocations, currency, customerId, entries };
  return entries;
}

function madeEntries(source: AccountSource, currency: string, customerId: string): OwnedEntry[] {
  const mine = (id: string) => id !== '' && (!customerId || id === customerId);
  const entries: OwnedEntry[] = [];
  const numbers = new Map<string, { number: string; customerId: string }>();
  for (const d of source.docs) {
    if (!mine(d.customerId) || d.currency !== currency || !d.issueDate) continue;
    numbers.set(d.id, { number: d.number, customerId: d.customerId });
    if (isInvoice(d)) entries.push({ customerId: d.customerId, date: d.issueDate, kind: 'invoice', number: d.number, reference: '', debit: d.amountDue, credit: 0 });
    else if (isCreditNote(d)) entries.push({ customerId: d.customerId, date: d.issueDate, kind: 'creditNote', number: d.number, reference: d.correctsInvoiceId, debit: 0, credit: d.amountDue });
  }
  const settledBy = new Map<string, string[]>();
  for (const a of source.allocations) {
    const doc = numbers.get(a.invoiceId);
    if (doc === undefined) continue;
    const { number: invoice, customerId: owner } = doc;
    if (!a.reversesId && a.amount > 0) {
      const list = settledBy.get(a.paymentId) ?? [];
      list.push(invoice);
      settledBy.set(a.paymentId, list);
    }
    // Skonto and write-offs lower what is owed as of the payment; taking one back raises it again from the day it was booked.
    if (a.skonto) entries.push(a.reversesId ? { customerId: owner, date: bookedOn(a), kind: 'skontoReversed', number: invoice, reference: '', debit: a.skonto, credit: 0 } : { customerId: owner, date: a.paymentDate, kind: 'skonto', number: invoice, reference: '', debit: 0, credit: a.skonto });
    if (a.writeOff) entries.push(a.reversesId ? { customerId: owner, date: bookedOn(a), kind: 'writeOffReversed', number: invoice, reference: '', debit: a.writeOff, credit: 0 } : { customerId: owner, date: a.paymentDate, kind: 'writeOff', number: invoice, reference: '', debit: 0, credit: a.writeOff });
  }
  for (const e of entries) if (e.kind === 'creditNote') e.reference = numbers.get(e.reference)?.number ?? '';
  for (const p of source.payments) {
    if (!mine(p.customerId) || p.currency !== currency) continue;
    const reference = [...new Set(settledBy.get(p.id) ?? [])].join(', ');
    const owner = p.customerId;
    if (p.direction === 'incoming') entries.push({ customerId: owner, date: p.date, kind: 'payment', number: '', reference, debit: 0, credit: p.amount });
    // As the ledger's credit counts them: a refund pays credit back, a bank's reversal takes a payment back.
    else if (p.purpose === 'refund') entries.push({ customerId: owner, date: p.date, kind: 'refund', number: '', reference, debit: p.amount, credit: 0 });
    else if (p.purpose === 'reversal') entries.push({ customerId: owner, date: p.date, kind: 'reversal', number: '', reference, debit: p.amount, credit: 0 });
  }
  return entries;
}

/** Every entry of the customer's account in this currency, undated order. */
export function accountEntries(source: StatementSource, currency: string): Entry[] {
  return entriesOf(source, currency, source.customer.id).map(({ customerId: _owner, ...entry }) => entry);
}

/**
 * The receivables balance at the end of `asOf` by customer (of `customerId` only, when given),
 * as the statement counts it: invoices − credit notes − incoming payments − Skonto − write-offs
 * + refunds and returned payments, each dated by then. What a statement to `asOf` closes at.
 */
export function balancesAsOf(source: AccountSource, asOf: string, currency: string, customerId = ''): Map<string, number> {
  const balances = new Map<string, number>();
  for (const e of entriesOf(source, currency, customerId)) {
    if (e.date <= asOf) balances.set(e.customerId, (balances.get(e.customerId) ?? 0) + e.debit - e.credit);
  }
  return balances;
}

/** The statement of one customer's account from `from` to `to`. */
export function statementOf(source: StatementSource, from: string, to: string, currency: string, words: Words): CustomerStatement {
  let opening = 0;
  const inPeriod: Entry[] = [];
  for (const e of accountEntries(source, currency)) {
    if (e.date < from) opening += e.debit - e.credit;
    else if (e.date <= to) inPeriod.push(e);
  }
  inPeriod.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : ORDER[a.kind] - ORDER[b.kind] || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)));
  let balance = opening;
  let debitTotal = 0;
  let creditTotal = 0;
  const lines: StatementLine[] = inPeriod.map((e) => {
    balance += e.debit - e.credit;
    debitTotal += e.debit;
    creditTotal += e.credit;
    return { ...e, balance };
  });
  const view = { customerId: source.customer.id, customerNumber: source.customer.number, customerName: source.customer.name, from, to, currency, opening, lines, debitTotal, creditTotal, closing: balance };
  return { ...view, table: statementTable(view, words) };
}

function statementTable(s: Omit<CustomerStatement, 'table'>, words: Words): CustomerStatement['table'] {
  return {
    title: 'reports.title.statement',
    columns: [
      column('date', 'reports.column.date', 'date'),
      column('kind', 'reports.column.kind', 'text'),
      column('number', 'reports.column.number', 'text'),
      column('reference', 'reports.column.reference', 'text'),
      column('debit', 'reports.column.debit', 'money'),
      column('credit', 'reports.column.credit', 'money'),
      column('balance', 'reports.column.balance', 'money'),
    ],
    rows: [
      { date: s.from, kind: words('reports.row.opening'), number: null, reference: null, debit: null, credit: null, balance: s.opening },
      ...s.lines.map((l) => ({ date: l.date, kind: words(`reports.line.${l.kind}` as MessageKey), number: l.number, reference: l.reference, debit: l.debit || null, credit: l.credit || null, balance: l.balance })),
    ],
    totals: { date: s.to, kind: words('reports.row.closing'), debit: s.debitTotal, credit: s.creditTotal, balance: s.closing },
    currency: s.currency,
  };
}
