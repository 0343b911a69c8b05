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

/** Every entry of the customer's account in this currency, undated order. */
export function accountEntries(source: StatementSource, currency: string): Entry[] {
  const { customer } = source;
  const entries: Entry[] = [];
  const numbers = new Map<string, string>();
  for (const d of source.docs) {
    if (d.customerId !== customer.id || d.currency !== currency || !d.issueDate) continue;
    numbers.set(d.id, d.number);
    if (isInvoice(d)) entries.push({ date: d.issueDate, kind: 'invoice', number: d.number, reference: '', debit: d.amountDue, credit: 0 });
    else if (isCreditNote(d)) entries.push({ date: d.issueDate, kind: 'creditNote', number: d.number, reference: d.correctsInvoiceId, debit: 0, credit: d.amountDue });
  }
  const settledBy = new Map<string, string[]>();
  for (const a of source.allocations) {
    const invoice = numbers.get(a.invoiceId);
    if (invoice === undefined) continue;
    if (!a.reversesId && a.amount > 0) {
      const list = settledBy.get(a.paymentId) ?? [];
      list.push(invoice);
      settledBy.set(a.paymentId, list);
    }
    // Skonto and write-offs lower what is owed as of the payment; taking one back raises it again from the day it was booked.
    if (a.skonto) entries.push(a.reversesId ? { date: bookedOn(a), kind: 'skontoReversed', number: invoice, reference: '', debit: a.skonto, credit: 0 } : { date: a.paymentDate, kind: 'skonto', number: invoice, reference: '', debit: 0, credit: a.skonto });
    if (a.writeOff) entries.push(a.reversesId ? { date: bookedOn(a), kind: 'writeOffReversed', number: invoice, reference: '', debit: a.writeOff, credit: 0 } : { date: a.paymentDate, kind: 'writeOff', number: invoice, reference: '', debit: 0, credit: a.writeOff });
  }
  for (const e of entries) if (e.kind === 'creditNote') e.reference = numbers.get(e.reference) ?? '';
  for (const p of source.payments) {
    if (p.customerId !== customer.id || p.currency !== currency) continue;
    const reference = [...new Set(settledBy.get(p.id) ?? [])].join(', ');
    if (p.direction === 'incoming') entries.push({ date: p.date, kind: 'payment', number: '', reference, debit: 0, credit: p.amount });
    // As the ledger's credit counts them: a refund pays credit back, a bank's reversal takes a payment back.
    else if (p.purpose === 'refund') entries.push({ date: p.date, kind: 'refund', number: '', reference, debit: p.amount, credit: 0 });
    else if (p.purpose === 'reversal') entries.push({ date: p.date, kind: 'reversal', number: '', reference, debit: p.amount, credit: 0 });
  }
  return entries;
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
