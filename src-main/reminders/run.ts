/**
 * One reminder run: writes the reminder facts in steps of 5,000 (each step whole or not at all,
 * with the run's notice), then renders and queues the letters. A cancel stops between steps.
 * Idempotent: a level is written once per invoice, and never a second letter on the same day.
 */
import type { ReminderProposal } from '../../src-shared/contract/index.js';
import { ruleOf } from '../../src-shared/dunning/levels.js';
import type { JobControl } from '../server/jobs.js';
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { DunningCase } from './cases.js';
import { casesOf, todayOf, type ReminderContext } from './context.js';
import { deliverLetters, deliverPending } from './delivery.js';
import { factFieldsOf, letterheadOf } from './letters.js';
import { notificationFact } from './notifications.js';
import { proposalsFor } from './proposals.js';
import { runNotice, type WrittenReminder } from './run-notice.js';

export type RunResult = { created: number; mailed: number; toPrint: number; skipped: number };

const CHUNK = 5000;

/** The run itself; the caller makes sure that two runs never overlap. */
export async function runReminders(ctx: ReminderContext, invoiceIds: readonly string[], userId: string, control?: JobControl): Promise<RunResult> {
  const today = todayOf(ctx.core);
  await deliverPending(ctx, userId);
  const cases = await casesOf(ctx.core, today, invoiceIds.length ? invoiceIds : undefined);
  const { proposals, skipped } = await proposalsFor(ctx, cases, today);
  const byId = new Map(cases.map((c) => [c.invoice.id, c]));
  const written: WrittenReminder[] = [];
  // Progress in percent: writing the records is the first half, the letters the second.
  const percent = (part: number, done: number, of: number) => control?.progress(Math.floor(part * 50 + (of ? (done * 50) / of : 50)));
  for (let i = 0; i < proposals.length && !control?.cancelled(); i += CHUNK) {
    written.push(...(await writeReminders(ctx, proposals.slice(i, i + CHUNK), today, userId, byId)));
    percent(0, Math.min(proposals.length, i + CHUNK), proposals.length);
  }
  const facts = written.map((w) => w.fact);
  const delivered = await deliverLetters(ctx, facts, userId, (n) => percent(1, n, facts.length), control);
  control?.progress(100);
  return { created: written.length, mailed: delivered.mailed.size, toPrint: written.length - delivered.mailed.size, skipped: skipped.length };
}

/** One step of the run: its reminder facts, the account managers' notices and the run's notice, in one write. */
async function writeReminders(ctx: ReminderContext, proposals: readonly ReminderProposal[], today: string, userId: string, cases: Map<string, DunningCase>): Promise<WrittenReminder[]> {
  const { core, ports, rules } = ctx;
  const { books, writes, clock } = core;
  // Runs in this process never overlap, so the letters read at its start are all there are.
  const fresh = proposals.filter((p) => !(cases.get(p.invoiceId)?.sent ?? []).some((s) => s.level >= p.level || s.runDate === today));
  if (!fresh.length) return [];
  const now = clock().toISOString();
  const out: WrittenReminder[] = [];
  const notifications: FactDoc[] = [];
  const [seller, company, overrides] = await Promise.all([ports.seller(), rules.company(), rules.overrides()]);
  const letterhead = letterheadOf(seller);
  const letterheadId = `letterhead-${letterhead.ref}`;
  const needsLetterhead = !(await books.db.settings.findOne(letterheadId).exec());
  for (const p of fresh) {
    const customer = cases.get(p.invoiceId)!.customer;
    const text = ruleOf(overrides.get(customer.id) ?? company, p.level)?.text ?? '';
    const reminder = factFieldsOf(p, today, { sellerRef: letterhead.ref, buyer: ports.buyerOf(customer), text });
    const fact = newFact(books.deviceId, { kind: 'reminder', subjectId: p.invoiceId, occurredAt: now, userId, reminder });
    out.push({ fact, proposal: p });
    const manager = customer.accountManagerId;
    if (manager) notifications.push(notificationFact(core, 'reminder.sent', `reminders.notification.sent${p.level}`, { invoice: p.invoiceNumber, customer: p.customerName, total: p.total, currency: p.currency }, p.invoiceId, now, userId, manager));
  }
  // The run's notice goes with its records: a crash after the commit leaves no run untold.
  const notice = await runNotice(ctx, out, cases, userId, now);
  await writes.write(
    userId,
    [
      ...(needsLetterhead ? [{ collection: 'settings', action: 'settings.letterheadKept', entity: 'settings', entityId: letterheadId, after: seller }] : []),
      ...out.map(({ fact, proposal: p }) => ({ collection: 'facts', action: 'reminder.created', entity: 'invoice', entityId: p.invoiceId, after: { level: p.level, number: fact.reminder!.number, open: p.openAmount, fee: p.fee, interest: p.interest, deadline: p.deadline } })),
      ...notice.changes,
    ],
    async () => {
      // The letterhead of these letters, once (the same content has the same id on every device).
      if (needsLetterhead) {
        await books.db.settings.upsert({ id: letterheadId, kind: 'preference', preference: { key: letterheadId, value: letterhead.json }, createdAt: now, createdBy: userId, updatedAt: now, updatedBy: userId });
      }
      const result = await books.db.facts.bulkInsert([...out.map((o) => o.fact), ...notifications, notice.summary]);
      if (result.error.length) throw new Error('Reminder records could not be written');
      await notice.insert();
    },
  );
  ports.mail.kick();
  return out;
}
