/**
 * The state of overdue invoices as the reminder run needs it, read in a few queries for all of
 * them at once (the run covers 100,000 invoices): open amount from the allocation facts, the
 * reminders sent (facts), the invoice's dunning stop (latest stop fact), the customer. And the
 * proposal for one invoice: the next level if it is due, with its fees, interest and deadline.
 */
import type { ReminderProposal, ReminderSkip } from '../../src-shared/contract/index.js';
import { computeDefaultInterest, type BaseRateTable, type CustomerKind } from '../../src-shared/dunning/interest.js';
import { addDays, chargesOf, daysBetween, interestStartOf, nextLevelOf, ruleOf, type DunningRules, type SentReminder } from '../../src-shared/dunning/levels.js';
import { dec } from '../../src-shared/money/decimal.js';
import { standing } from '../payments/ledger.js';
import { Payments } from '../payments/service.js';
import type { Services } from '../services.js';
import type { CustomerDoc, InvoiceDoc } from '../store/schemas/books.js';
import type { FactDoc } from '../store/schemas/facts.js';

export type SentFact = SentReminder & { id: string; number: string; interest: number; outboxId: string };
export type DunningCase = {
  invoice: InvoiceDoc;
  customer: CustomerDoc;
  amountDue: number;
  open: number;
  /** Standing allocations: amount settled (paid + Skonto + written off) and the payment's date. */
  settlements: { date: string; amount: number }[];
  sent: SentFact[];
  stop: { reason: string } | null;
};

export function reminderOf(fact: FactDoc): SentFact {
  const r = fact.reminder!;
  return { id: fact.id, level: r.level, runDate: r.runDate, deadline: r.deadline ?? r.runDate, fee: r.fee ?? 0, flatFee: r.flatFee ?? 0, number: r.number ?? '', interest: r.interest ?? 0, outboxId: r.outboxId ?? '' };
}

/** Every reminder fact, grouped by invoice. */
export async function remindersByInvoice(services: Services, invoiceIds?: readonly string[]): Promise<Map<string, SentFact[]>> {
  const selector: Record<string, unknown> = { kind: 'reminder' };
  if (invoiceIds) selector.subjectId = { $in: [...invoiceIds] };
  const facts = await services.books.db.facts.find({ selector }).exec();
  const map = new Map<string, SentFact[]>();
  for (const f of facts) {
    const list = map.get(f.reminder!.invoiceId) ?? [];
    list.push(reminderOf(f));
    map.set(f.reminder!.invoiceId, list);
  }
  return map;
}

/** The stop that stands on each invoice: the latest stop fact, if it set one. */
export async function invoiceStops(services: Services): Promise<Map<string, { reason: string; since: string; by: string; active: boolean }>> {
  const facts = await services.books.db.facts.find({ selector: { kind: 'dunningStop' }, sort: [{ occurredAt: 'asc' }] }).exec();
  const map = new Map<string, { reason: string; since: string; by: string; active: boolean }>();
  for (const f of facts) map.set(f.dunningStop!.invoiceId, { reason: f.dunningStop!.reason ?? '', since: f.occurredAt, by: f.userId ?? '', active: f.dunningStop!.active });
  return map;
}

/** Issued invoices past their due date (or these ones), with what the run needs of each. */
export async function loadCases(services: Services, today: string, invoiceIds?: readonly string[]): Promise<DunningCase[]> {
  const { db } = services.books;
  const selector: Record<string, unknown> = { status: { $in: ['issued', 'sent'] }, dueDate: { $lt: today } };
  if (invoiceIds) selector.id = { $in: [...invoiceIds] };
  const invoices = (await db.invoices.find({ selector: selector as never }).exec()).filter((d) => d.documentType === 'invoice').map((d) => d.toMutableJSON());
  if (!invoices.length) return [];
  const ids = invoices.map((i) => i.id);
  // A few thousand ids are cheaper as one $in; beyond that, reading every fact of the kind is.
  const few = ids.length <= 2000 ? ids : undefined;
  const payments = new Payments(services);
  const [allocations, credited, sent, stops, customers] = await Promise.all([
    payments.allocations(few),
    payments.credited(ids),
    remindersByInvoice(services, few),
    invoiceStops(services),
    db.customers.findByIds([...new Set(invoices.map((i) => i.customerId))]).exec(),
  ]);
  const settlements = new Map<string, { date: string; amount: number }[]>();
  for (const a of standing(allocations)) {
    const list = settlements.get(a.invoiceId) ?? [];
    list.push({ date: a.paymentDate || a.occurredAt.slice(0, 10), amount: a.amount + a.skonto + a.writeOff });
    settlements.set(a.invoiceId, list);
  }
  const cases: DunningCase[] = [];
  for (const invoice of invoices) {
    const customer = customers.get(invoice.customerId);
    if (!customer) continue;
    const totals = invoice.totals as { amountDue?: number } | undefined;
    const amountDue = (totals?.amountDue ?? invoice.grossAmount) - (credited.get(invoice.id) ?? 0);
    const s = settlements.get(invoice.id) ?? [];
    const open = amountDue - s.reduce((sum, x) => sum + x.amount, 0);
    const stop = stops.get(invoice.id);
    cases.push({ invoice, customer: customer.toMutableJSON(), amountDue, open, settlements: s, sent: sent.get(invoice.id) ?? [], stop: stop?.active ? { reason: stop.reason } : null });
  }
  return cases;
}

export type Proposed = { proposal: ReminderProposal } | { skip: ReminderSkip } | null;

/** Interest (§ 288 BGB) on the invoice up to `today`, or none. */
export function interestOf(c: DunningCase, rules: DunningRules, level: number, today: string, baseRates: BaseRateTable) {
  const kind = c.customer.kind as CustomerKind;
  const start = rules.chargeInterest && level >= 1 ? interestStartOf(kind, c.invoice.dueDate, c.sent) : null;
  if (!start || start > today) return { amount: 0, periods: [], from: '', rate: '', assumed: false };
  // What was settled before default began lowers the principal; later payments lower it from their day on.
  const before = c.settlements.filter((s) => s.date < start).reduce((sum, s) => sum + s.amount, 0);
  const principal = c.amountDue - before;
  const during = c.settlements.filter((s) => s.date >= start && s.date <= today && s.amount > 0);
  if (principal <= 0) return { amount: 0, periods: [], from: '', rate: '', assumed: false };
  const result = computeDefaultInterest({ principal, from: start, to: today, customerKind: kind, baseRates, payments: during });
  const last = result.periods[result.periods.length - 1];
  return { amount: result.amount, periods: result.periods, from: start, rate: last?.rate ?? '', assumed: result.periods.some((p) => p.assumed) };
}

/** The next reminder of one invoice if it is due today, a skip with its reason, or nothing. */
export function propose(c: DunningCase, rules: DunningRules, today: string, baseRates: BaseRateTable): Proposed {
  if (c.open <= 0) return null;
  const next = nextLevelOf(rules, c.invoice.dueDate, c.sent);
  if (!next || next.dueOn > today) return null;
  // Twice the same day never: a letter of today stands.
  if (c.sent.some((s) => s.runDate === today)) return null;
  const base = { invoiceId: c.invoice.id, invoiceNumber: c.invoice.number, customerName: c.customer.name, level: next.level, openAmount: c.open, currency: c.invoice.currency };
  if (c.stop) return { skip: { ...base, reason: 'invoiceStop', detail: c.stop.reason } };
  if (c.customer.dunningStop) return { skip: { ...base, reason: 'customerStop', detail: c.customer.dunningStop } };
  if (c.open < rules.minimumOpen) return { skip: { ...base, reason: 'belowMinimum', detail: '' } };
  const kind = c.customer.kind as CustomerKind;
  const charges = chargesOf(rules, next.level, kind, c.sent);
  const interest = interestOf(c, rules, next.level, today, baseRates);
  const rule = ruleOf(rules, next.level)!;
  return {
    proposal: {
      ...base,
      customerId: c.customer.id,
      customerKind: kind,
      language: c.customer.language === 'en' ? 'en' : 'de',
      dueOn: next.dueOn,
      dueDate: c.invoice.dueDate,
      daysOverdue: daysBetween(c.invoice.dueDate, today),
      ...charges,
      interest: interest.amount,
      interestRate: interest.rate ? dec(interest.rate).toFixed(2) : '',
      interestFrom: interest.from,
      interestPeriods: interest.periods,
      rateAssumed: interest.assumed,
      total: c.open + charges.fee + charges.earlierFees + charges.flatFee + interest.amount,
      deadline: addDays(today, rule.deadlineDays),
      to: (c.customer.invoiceEmails ?? []).filter(Boolean),
    },
  };
}
