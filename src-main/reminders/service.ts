/**
 * Reminders and dunning. The run: find overdue invoices due for their next level, skip those
 * with a dunning stop or under the threshold, write a reminder fact for each (append-only; the
 * fact holds everything the letter prints), then render each letter and queue the customer's
 * mail with it, and tell the account manager and customer service, by mail and in the app.
 *
 * Idempotent: a level is written once per invoice, and never a second letter on the same day,
 * so a second run on the same day finds nothing. The run's notices are written with the facts;
 * letters are rendered after, and a letter whose mail is not queued yet (a crash, a cancel in
 * between) is picked up by the next run. The daily run happens on one device only (the one that
 * switched it on).
 */
import type { CustomerRiskView, DunningStopView, NotificationList, ReminderLetterPreview, ReminderRecordView, ReminderRunPreview } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { JobControl } from '../server/jobs.js';
import { SerialQueue } from '../server/serial-handlers.js';
import { baseRatesView, updateBaseRates } from './base-rates.js';
import { todayOf, type ReminderContext } from './context.js';
import { DailyRun, type ReminderOptions } from './daily.js';
import { deliverPending } from './delivery.js';
import { markNotificationsRead, notificationsOf } from './notifications.js';
import type { ReminderPorts } from './ports.js';
import { letterPreview, previewRun } from './proposals.js';
import { activeStops, printReminder, reminderHistory, setInvoiceStop } from './records.js';
import { approvalReasonsFor, assertNotBlocked, riskFactsOf, riskOfCustomer } from './risk.js';
import { DunningRulesStore } from './rules.js';
import { runReminders, type RunResult } from './run.js';

export type { ReminderOptions } from './daily.js';

export class Reminders {
  readonly rules: DunningRulesStore;
  private readonly ctx: ReminderContext;
  /** One run at a time: the daily run and one started by hand never overlap. */
  private readonly runs = new SerialQueue();
  private readonly dailyRun: DailyRun;

  constructor(core: Core, ports: ReminderPorts, options: ReminderOptions = {}) {
    this.rules = new DunningRulesStore(core);
    this.ctx = { core, ports, rules: this.rules };
    this.dailyRun = new DailyRun(this.ctx, this, options);
  }

  preview(date?: string): Promise<ReminderRunPreview> {
    return previewRun(this.ctx, date);
  }

  /** The letter and mail a proposal would send, before anything is written. */
  letterPreview(invoiceId: string): Promise<ReminderLetterPreview> {
    return letterPreview(this.ctx, invoiceId);
  }

  /** Starts the run as a cancellable job with progress in percent; `invoiceIds` empty: every proposal of today. */
  startRun(invoiceIds: readonly string[], userId: string): { jobId: string; total: number; done: Promise<void> } {
    const { jobId, done } = this.ctx.core.jobs.start('jobs.reminderRun', 100, userId, async (control) => {
      await this.run(invoiceIds, userId, control);
    });
    return { jobId, total: 100, done };
  }

  /** One run, after any run in progress. */
  run(invoiceIds: readonly string[], userId: string, control?: JobControl): Promise<RunResult> {
    return this.runs.run(() => runReminders(this.ctx, invoiceIds, userId, control));
  }

  /** Letters of this device whose mail was never queued; see `deliverPending` in delivery.ts. */
  deliverPending(userId: string): Promise<number> {
    return deliverPending(this.ctx, userId);
  }

  /** Registers the daily run with the scheduler (unless switched off in the options). */
  start(): void {
    this.dailyRun.start();
  }

  /** The daily run is unregistered; the run in progress is awaited. */
  async stop(): Promise<void> {
    await this.dailyRun.stop();
    await this.runs.run(async () => undefined);
  }

  /** Today's automatic run, if it is due on this device. */
  daily(): Promise<void> {
    return this.dailyRun.daily();
  }

  history(filter: { invoiceId: string; customerId: string }): Promise<ReminderRecordView[]> {
    return reminderHistory(this.ctx, filter);
  }

  print(reminderId: string): Promise<{ fileName: string; bytes: Buffer }> {
    return printReminder(this.ctx, reminderId);
  }

  stops(): Promise<DunningStopView[]> {
    return activeStops(this.ctx);
  }

  setInvoiceStop(input: { invoiceId: string; active: boolean; reason: string }, userId: string): Promise<DunningStopView> {
    return setInvoiceStop(this.ctx, input, userId);
  }

  riskFacts(customerId: string) {
    return riskFactsOf(this.ctx, customerId);
  }

  risk(customerId: string): Promise<CustomerRiskView> {
    return riskOfCustomer(this.ctx, customerId);
  }

  approvalReasons(customerId: string, amount: number) {
    return approvalReasonsFor(this.ctx, customerId, amount);
  }

  assertNotBlocked(customerId: string): Promise<void> {
    return assertNotBlocked(this.ctx, customerId);
  }

  notifications(userId: string): Promise<NotificationList> {
    return notificationsOf(this.ctx.core, userId);
  }

  markRead(userId: string, input: { ids: string[]; all: boolean }): Promise<NotificationList> {
    return markNotificationsRead(this.ctx.core, userId, input);
  }

  async baseRates() {
    return baseRatesView(await this.rules.baseRates(), todayOf(this.ctx.core));
  }

  updateBaseRates(content: string, userId: string) {
    return updateBaseRates(this.ctx.core, this.rules, content, userId);
  }
}
