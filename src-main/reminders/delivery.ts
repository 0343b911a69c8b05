/**
 * The letters of a run: each reminder fact's letter rendered and its mail queued, a few at a
 * time; and the letters of this device whose mail a stop held back, picked up by the next run.
 */
import { addDays } from '../../src-shared/dunning/levels.js';
import type { JobControl } from '../server/jobs.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { todayOf, type ReminderContext } from './context.js';
import { letterOf, reminderMailKey, reminderMessage } from './letters.js';
import type { ReminderMessage } from './ports.js';

/** A few letters at a time, so that every PDF worker has work while the main thread stays free. */
const PARALLEL = 4;
/** Mails queued together. */
const BATCH = 50;

async function queuedKeys({ core }: Pick<ReminderContext, 'core'>, facts: readonly FactDoc[]): Promise<Set<string>> {
  const docs = await core.books.db.outbox.find({ selector: { dedupeKey: { $in: facts.map((f) => reminderMailKey(f.id)) } } }).exec();
  return new Set(docs.map((d) => d.dedupeKey));
}

/** Renders the letters of these reminder facts and queues their mails; returns who got mail. */
export async function deliverLetters(ctx: ReminderContext, facts: readonly FactDoc[], userId: string, progress: (n: number) => void, control?: JobControl): Promise<{ mailed: Set<string> }> {
  const { core, ports, rules } = ctx;
  const { db } = core.books;
  const mailed = new Set<string>();
  if (!facts.length) return { mailed };
  const invoices = await db.invoices.findByIds([...new Set(facts.map((f) => f.reminder!.invoiceId))]).exec();
  const customers = await db.customers.findByIds([...new Set([...invoices.values()].map((i) => i.customerId))]).exec();
  const [company, overrides, seller] = await Promise.all([rules.company(), rules.overrides(), ports.seller()]);
  const queued = await queuedKeys(ctx, facts);
  let batch: ReminderMessage[] = [];
  let done = 0;
  for (let i = 0; i < facts.length; i += PARALLEL) {
    if (control?.cancelled()) break;
    const messages = await Promise.all(
      facts.slice(i, i + PARALLEL).map(async (fact) => {
        const invoice = invoices.get(fact.reminder!.invoiceId);
        const customer = invoice && customers.get(invoice.customerId);
        const to = customer?.invoiceEmails?.filter(Boolean) ?? [];
        // A letter written for printing stays a printed letter, even if an address came later.
        if (!invoice || !customer || !to.length || fact.reminder!.channel === 'print') return null;
        mailed.add(fact.id);
        if (queued.has(reminderMailKey(fact.id))) return null;
        const letter = await letterOf(ctx, fact.reminder!, invoice.toMutableJSON(), customer.toMutableJSON(), overrides.get(customer.id) ?? company, seller);
        return reminderMessage(ctx, fact.id, letter, to, invoice.id, customer.id);
      }),
    );
    batch.push(...messages.filter((m): m is ReminderMessage => m !== null));
    if (batch.length >= BATCH) {
      await ports.mail.enqueue(batch, userId);
      batch = [];
    }
    done += PARALLEL;
    progress(Math.min(done, facts.length));
  }
  await ports.mail.enqueue(batch, userId);
  return { mailed };
}

/**
 * Letters of this device from the last three days whose mail was never queued (a run stopped
 * between its records and its letters). Other devices' letters are theirs to send; older ones
 * would go out with a deadline already past, so they wait for a person (Versandte Schreiben).
 */
export async function deliverPending(ctx: ReminderContext, userId: string): Promise<number> {
  const { db, deviceId } = ctx.core.books;
  const since = addDays(todayOf(ctx.core), -3);
  const recent = await db.facts.find({ selector: { kind: 'reminder', occurredAt: { $gte: `${since}T00:00:00.000Z` } } }).exec();
  const facts = recent.map((f) => f.toMutableJSON()).filter((f) => f.deviceId === deviceId && f.reminder!.channel !== 'print' && f.reminder!.runDate >= since);
  if (!facts.length) return 0;
  const queued = await queuedKeys(ctx, facts);
  const pending = facts.filter((f) => !queued.has(reminderMailKey(f.id)));
  return (await deliverLetters(ctx, pending, userId, () => undefined)).mailed.size;
}
