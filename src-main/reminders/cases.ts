/**
 * The state of overdue invoices as the reminder run needs it, read in a few queries for all of
 * them at once (the run covers 100,000 invoices): open amount from the allocation facts, the
 * reminders sent (facts), the invoice's dunning stop (latest stop fact), the customer. And the
 * proposal for one invoice: the next level if it is due, with its fees, interest and deadline.
 */
import { normalizeMangoQuery, prepareQuery, type RxCollection, type RxDocumentData } from 'rxdb';
import type { ReminderProposal, ReminderSkip } from '../../src-shared/contract/index.js';
import { computeDefaultInterest, type BaseRateTable, type CustomerKind } from '../../src-shared/dunning/interest.js';
import { addDays, chargesOf, daysBetween, defaultStartOf, nextLevelOf, ruleOf, type DunningRules, type SentReminder } from '../../src-shared/dunning/levels.js';
import { dec } from '../../src-shared/money/decimal.js';
import { amountDueOf, creditedBy, openAmount, settledBy, standing } from '../payments/index.js';
import type { Core } from '../server/core.js';
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

const PAGE = 5000;
/** Up to this many records are read one by one on an index; more, page by page. */
const FEW = 2000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * An index-answered query read a page at a time, with a pause between pages: a run over 100,000
 * invoices never holds the main process for long, so the screens' calls keep being answered.
 */
async function readPaged<T>(find: (skip: number, limit: number) => Promise<readonly T[]>, each: (docs: readonly T[]) => void): Promise<void> {
  for (let skip = 0; ; skip += PAGE) {
    const docs = await find(skip, PAGE);
    each(docs);
    if (docs.length < PAGE) return;
    await yieldToOthers();
  }
}

/**
 * One page of a query as the stored documents, read straight from the storage: no RxDB document
 * objects and no copies, which is most of the cost when 100,000 invoices are read once.
 */
async function storedPage<T>(collection: RxCollection<T>, selector: Record<string, unknown>, sort: { [k: string]: 'asc' | 'desc' }[], skip: number, limit: number): Promise<readonly RxDocumentData<T>[]> {
  const schema = collection.schema.jsonSchema;
  const query = normalizeMangoQuery<T>(schema, { selector: { ...selector, _deleted: { $eq: false } } as never, sort: sort as never, skip, limit });
  return (await collection.storageInstance.query(prepareQuery<T>(schema, query))).documents;
}

/** Facts of one kind: of these subjects (a few, by index), or all of them (page by page). */
async function factsOf(services: Pick<Core, 'books'>, kind: 'allocation' | 'reminder' | 'dunningStop', subjectIds?: readonly string[]): Promise<FactDoc[]> {
  const facts = services.books.db.facts;
  // By id: a page read twice (a record synced in between shifts the pages) never counts twice.
  const out = new Map<string, FactDoc>();
  if (subjectIds && subjectIds.length <= FEW) {
    for (const subjectId of subjectIds) for (const d of await facts.find({ selector: { kind, subjectId } }).exec()) out.set(d.id, d.toMutableJSON());
  } else {
    const wanted = subjectIds ? new Set(subjectIds) : null;
    await readPaged(
      (skip, limit) => storedPage(facts, { kind }, [{ kind: 'asc' }, { occurredAt: 'asc' }], skip, limit),
      (docs) => {
        for (const d of docs) if (!wanted || wanted.has(d.subjectId)) out.set(d.id, d);
      },
    );
  }
  return [...out.values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/** Every reminder fact (or those of these invoices), grouped by invoice. */
export async function remindersByInvoice(services: Pick<Core, 'books'>, invoiceIds?: readonly string[]): Promise<Map<string, SentFact[]>> {
  const map = new Map<string, SentFact[]>();
  for (const f of await factsOf(services, 'reminder', invoiceIds)) {
    const list = map.get(f.reminder!.invoiceId) ?? [];
    list.push(reminderOf(f));
    map.set(f.reminder!.invoiceId, list);
  }
  return map;
}

/** The stop that stands on each invoice: the latest stop fact, if it set one. */
export async function invoiceStops(services: Pick<Core, 'books'>): Promise<Map<string, { reason: string; since: string; by: string; active: boolean }>> {
  const map = new Map<string, { reason: string; since: string; by: string; active: boolean }>();
  for (const f of await factsOf(services, 'dunningStop')) map.set(f.dunningStop!.invoiceId, { reason: f.dunningStop!.reason ?? '', since: f.occurredAt, by: f.userId ?? '', active: f.dunningStop!.active });
  return map;
}

const issued = (d: { status: string }) => d.status === 'issued' || d.status === 'sent';
type Allocation = { id: string; reversesId?: string; a: NonNullable<FactDoc['allocation']>; occurredAt: string };
/** What an allocation settled of its invoice (paid, Skonto, written off), by the ledger's rule. */
const settledOf = (x: Allocation) => settledBy({ amount: x.a.amount, skonto: x.a.skontoAmount ?? 0, writeOff: x.a.writeOffAmount ?? 0 });

function standingAllocations(facts: readonly FactDoc[]): Allocation[] {
  return standing(facts.map((f) => ({ id: f.id, ...(f.allocation!.reversesId ? { reversesId: f.allocation!.reversesId } : {}), a: f.allocation!, occurredAt: f.occurredAt })));
}

/** A few invoices (a customer's, one letter's), each read on an index, with the credit notes on them. */
async function fewInvoices(services: Pick<Core, 'books'>, invoiceIds: readonly string[]) {
  const { invoices, facts } = services.books.db;
  const byId = new Map<string, InvoiceDoc>();
  for (let i = 0; i < invoiceIds.length; i += PAGE) {
    for (const d of (await invoices.findByIds(invoiceIds.slice(i, i + PAGE)).exec()).values()) if (issued(d) && d.documentType === 'invoice') byId.set(d.id, d.toMutableJSON());
  }
  const notes: InvoiceDoc[] = [];
  for (const customerId of new Set([...byId.values()].map((d) => d.customerId))) {
    for (const d of await invoices.find({ selector: { customerId } }).exec()) if (d.documentType === 'creditNote' && issued(d) && d.correctsInvoiceId && byId.has(d.correctsInvoiceId)) notes.push(d.toMutableJSON());
  }
  const allocationFacts: FactDoc[] = [];
  for (const id of byId.keys()) for (const f of await facts.find({ selector: { kind: 'allocation', subjectId: id } }).exec()) allocationFacts.push(f.toMutableJSON());
  return { invoices: [...byId.values()], credited: creditedBy(notes), allocations: standingAllocations(allocationFacts) };
}

/**
 * Many invoices: the credit notes (their own series `GS-…` on the number index) and every
 * allocation first, then the invoices due before today page by page, keeping only those still
 * open (or those asked for): a run over 100,000 invoices holds the few thousand it needs.
 */
async function manyInvoices(services: Pick<Core, 'books'>, today: string, invoiceIds?: readonly string[]) {
  const { invoices } = services.books.db;
  const ids = invoiceIds ? new Set(invoiceIds) : null;
  const notes = new Map<string, InvoiceDoc>();
  await readPaged(
    (skip, limit) => storedPage(invoices, { number: { $gte: 'GS-', $lt: 'GS-\uffff' } }, [{ number: 'asc' }], skip, limit),
    (docs) => {
      for (const d of docs) if (d.documentType === 'creditNote' && issued(d)) notes.set(d.id, d);
    },
  );
  const credited = creditedBy([...notes.values()]);
  const allocations = standingAllocations(await factsOf(services, 'allocation'));
  const settled = new Map<string, number>();
  for (const x of allocations) settled.set(x.a.invoiceId, (settled.get(x.a.invoiceId) ?? 0) + settledOf(x));
  // By id: a page read twice (a record synced in between shifts the pages) never counts twice.
  const kept = new Map<string, InvoiceDoc>();
  for (const status of ['issued', 'sent'] as const) {
    await readPaged(
      (skip, limit) => storedPage(invoices, { status, dueDate: { $lt: today } }, [{ status: 'asc' }, { dueDate: 'asc' }], skip, limit),
      (docs) => {
        for (const d of docs) {
          if (d.documentType !== 'invoice' || (ids && !ids.has(d.id))) continue;
          if (ids || openAmount(amountDueOf(d), credited.get(d.id) ?? 0, settled.get(d.id) ?? 0) > 0) kept.set(d.id, d);
        }
      },
    );
  }
  return { invoices: [...kept.values()], credited, allocations: allocations.filter((x) => kept.has(x.a.invoiceId)) };
}

/**
 * Issued invoices past their due date (or these ones, due or not), with what the run needs of
 * each: open amount, settlements with their payment dates, letters sent, stops, the customer.
 */
export async function loadCases(services: Pick<Core, 'books'>, today: string, invoiceIds?: readonly string[]): Promise<DunningCase[]> {
  const { db } = services.books;
  const few = invoiceIds && invoiceIds.length <= FEW;
  const found = few ? await fewInvoices(services, invoiceIds) : await manyInvoices(services, today, invoiceIds);
  const invoices = found.invoices.filter((d) => d.dueDate < today);
  if (!invoices.length) return [];
  const ids = invoices.map((i) => i.id);
  const [sent, stops, customers] = await Promise.all([remindersByInvoice(services, few ? ids : undefined), invoiceStops(services), db.customers.findByIds([...new Set(invoices.map((i) => i.customerId))]).exec()]);
  const wanted = new Set(ids);
  const allocations = found.allocations.filter((x) => wanted.has(x.a.invoiceId));
  const payments = await db.facts.findByIds([...new Set(allocations.map((x) => x.a.paymentId))]).exec();
  const settlements = new Map<string, { date: string; amount: number }[]>();
  for (const x of allocations) {
    const list = settlements.get(x.a.invoiceId) ?? [];
    list.push({ date: payments.get(x.a.paymentId)?.payment?.date ?? x.occurredAt.slice(0, 10), amount: settledOf(x) });
    settlements.set(x.a.invoiceId, list);
  }
  const cases: DunningCase[] = [];
  const customerData = new Map([...customers.values()].map((c) => [c.id, c.toMutableJSON()]));
  for (const invoice of invoices) {
    const customer = customerData.get(invoice.customerId);
    if (!customer) continue;
    const amountDue = amountDueOf(invoice) - (found.credited.get(invoice.id) ?? 0);
    const s = settlements.get(invoice.id) ?? [];
    const open = openAmount(amountDue, 0, s.reduce((sum, x) => sum + x.amount, 0));
    const stop = stops.get(invoice.id);
    cases.push({ invoice, customer, amountDue, open, settlements: s, sent: sent.get(invoice.id) ?? [], stop: stop?.active ? { reason: stop.reason } : null });
  }
  return cases;
}

export type Proposed = { proposal: ReminderProposal } | { skip: ReminderSkip } | null;

/** Interest (§ 288 BGB) on the invoice up to `today`, or none. */
export function interestOf(c: DunningCase, rules: DunningRules, level: number, today: string, baseRates: BaseRateTable) {
  const kind = c.customer.kind as CustomerKind;
  const start = rules.chargeInterest && level >= 1 ? defaultStartOf(rules, kind, c.invoice.dueDate, c.sent) : null;
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
  const defaultFrom = defaultStartOf(rules, kind, c.invoice.dueDate, c.sent);
  const charges = chargesOf(rules, next.level, kind, c.sent, defaultFrom !== null && defaultFrom <= today);
  const interest = interestOf(c, rules, next.level, today, baseRates);
  const rule = ruleOf(rules, next.level)!;
  // Written out field by field: this runs for every invoice due (10,000 in a large run).
  const proposal: ReminderProposal = {
    invoiceId: base.invoiceId,
    invoiceNumber: base.invoiceNumber,
    customerId: c.customer.id,
    customerName: base.customerName,
    customerKind: kind,
    language: c.customer.language === 'en' ? 'en' : 'de',
    level: base.level,
    dueOn: next.dueOn,
    dueDate: c.invoice.dueDate,
    daysOverdue: daysBetween(c.invoice.dueDate, today),
    currency: base.currency,
    openAmount: base.openAmount,
    fee: charges.fee,
    earlierFees: charges.earlierFees,
    flatFee: charges.flatFee,
    interest: interest.amount,
    interestRate: interest.rate ? dec(interest.rate).toFixed(2) : '',
    interestFrom: interest.from,
    interestPeriods: interest.periods,
    rateAssumed: interest.assumed,
    total: c.open + charges.fee + charges.earlierFees + charges.flatFee + interest.amount,
    deadline: addDays(today, rule.deadlineDays),
    to: (c.customer.invoiceEmails ?? []).filter(Boolean),
  };
  return { proposal };
}
