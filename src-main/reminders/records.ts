/** The reminders sent (read back and printed again from their facts) and the dunning stops of invoices. */
import { AppError, type DunningStopView, type ReminderRecordView } from '../../src-shared/contract/index.js';
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { stopsOf, type ReminderContext } from './context.js';
import { letterOf, reminderMailKey } from './letters.js';

async function reminderFacts({ core }: Pick<ReminderContext, 'core'>, filter: { invoiceId: string; customerId: string }): Promise<FactDoc[]> {
  const { db } = core.books;
  if (filter.invoiceId) {
    return (await db.facts.find({ selector: { kind: 'reminder', subjectId: filter.invoiceId }, sort: [{ occurredAt: 'desc' }] }).exec()).map((f) => f.toMutableJSON());
  }
  if (filter.customerId) {
    const facts: FactDoc[] = [];
    for (const invoice of await db.invoices.find({ selector: { customerId: filter.customerId } }).exec()) {
      for (const f of await db.facts.find({ selector: { kind: 'reminder', subjectId: invoice.id } }).exec()) facts.push(f.toMutableJSON());
    }
    return facts.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  }
  // The newest thousand, read backwards on the (kind, occurredAt) index.
  return (await db.facts.find({ selector: { kind: 'reminder' }, sort: [{ occurredAt: 'desc' }], limit: 1000 }).exec()).map((f) => f.toMutableJSON());
}

export async function reminderHistory(ctx: Pick<ReminderContext, 'core'>, filter: { invoiceId: string; customerId: string }): Promise<ReminderRecordView[]> {
  const { db } = ctx.core.books;
  const facts = await reminderFacts(ctx, filter);
  const invoices = await db.invoices.findByIds([...new Set(facts.map((f) => f.reminder!.invoiceId))]).exec();
  const mails = new Map((await db.outbox.find({ selector: { dedupeKey: { $in: facts.map((f) => reminderMailKey(f.id)) } } }).exec()).map((d) => [d.dedupeKey, d.status]));
  return facts.map((f) => {
    const r = f.reminder!;
    const fees = (r.fee ?? 0) + (r.earlierFees ?? 0) + (r.flatFee ?? 0);
    return {
      id: f.id,
      invoiceId: r.invoiceId,
      invoiceNumber: invoices.get(r.invoiceId)?.number ?? '',
      customerId: r.customerId ?? '',
      number: r.number ?? '',
      level: r.level,
      runDate: r.runDate,
      deadline: r.deadline ?? '',
      currency: r.currency ?? 'EUR',
      openAmount: r.openAmount ?? 0,
      fee: r.fee ?? 0,
      earlierFees: r.earlierFees ?? 0,
      flatFee: r.flatFee ?? 0,
      interest: r.interest ?? 0,
      total: (r.openAmount ?? 0) + fees + (r.interest ?? 0),
      channel: r.channel === 'print' ? 'print' : 'mail',
      mailStatus: mails.get(reminderMailKey(f.id)) ?? '',
    };
  });
}

/** The letter of a reminder sent, rendered again from its fact (for printing). */
export async function printReminder(ctx: ReminderContext, reminderId: string): Promise<{ fileName: string; bytes: Buffer }> {
  const { core, ports, rules: store } = ctx;
  const { db } = core.books;
  const fact = await db.facts.findOne(reminderId).exec();
  if (!fact || fact.kind !== 'reminder') throw new AppError('NOT_FOUND', `Reminder ${reminderId} not found`);
  const invoice = await db.invoices.findOne(fact.reminder!.invoiceId).exec();
  const customer = invoice && (await db.customers.findOne(invoice.customerId).exec());
  if (!invoice || !customer) throw new AppError('NOT_FOUND', 'The reminder\'s invoice or customer is gone');
  const rules = (await store.overrides()).get(customer.id) ?? (await store.company());
  const letter = await letterOf(ctx, fact.reminder!, invoice.toMutableJSON(), customer.toMutableJSON(), rules);
  return { fileName: `${letter.number}.pdf`, bytes: await ports.renderLetter({ kind: 'reminder', letter }) };
}

export async function activeStops({ core }: Pick<ReminderContext, 'core'>): Promise<DunningStopView[]> {
  const stops = await stopsOf(core);
  return [...stops.entries()].filter(([, s]) => s.active).map(([invoiceId, s]) => ({ invoiceId, active: true, reason: s.reason, since: s.since, by: s.by }));
}

export async function setInvoiceStop({ core }: Pick<ReminderContext, 'core'>, input: { invoiceId: string; active: boolean; reason: string }, userId: string): Promise<DunningStopView> {
  const { books, writes, clock } = core;
  const invoice = await books.db.invoices.findOne(input.invoiceId).exec();
  if (!invoice || invoice.documentType !== 'invoice') throw new AppError('NOT_FOUND', `Invoice ${input.invoiceId} not found`);
  const now = clock().toISOString();
  const fact = newFact(books.deviceId, { kind: 'dunningStop', subjectId: invoice.id, occurredAt: now, userId, dunningStop: { invoiceId: invoice.id, active: input.active, reason: input.reason } });
  await writes.write(userId, { collection: 'facts', action: input.active ? 'reminder.stopSet' : 'reminder.stopLifted', entity: 'invoice', entityId: invoice.id, after: { reason: input.reason } }, () => books.db.facts.insert(fact));
  return { invoiceId: invoice.id, active: input.active, reason: input.reason, since: now, by: userId };
}
