/**
 * The daily run, on the one device that runs it: `send` runs everything; `propose` tells the
 * users in the app that reminders wait for approval. The scheduler looks every few minutes
 * (10 by default, the first time 5 seconds after the start) whether today's run is done.
 */
import type { ReminderRunPreview } from '../../src-shared/contract/index.js';
import { todayOf, type ReminderContext } from './context.js';
import { notificationFact } from './notifications.js';

export type ReminderOptions = {
  logger?: { error(message: string, error?: unknown): void };
  /** Register the daily run with the scheduler (default true). */
  autoStart?: boolean;
  /** How often the scheduler looks whether today's run is done (default 10 minutes). */
  checkMs?: number;
};

/** The scheduler's name of the daily run. */
export const DAILY_TASK = 'reminders.daily';
const FIRST_CHECK_MS = 5_000;
const CHECK_MS = 10 * 60_000;

/** What the daily run does, from the reminders service. */
export type DailyWork = {
  run(invoiceIds: readonly string[], userId: string): Promise<unknown>;
  deliverPending(userId: string): Promise<number>;
  preview(date?: string): Promise<ReminderRunPreview>;
};

export class DailyRun {
  private lastAutoRun = '';
  private unregister: (() => Promise<void>) | null = null;

  constructor(
    private readonly ctx: ReminderContext,
    private readonly work: DailyWork,
    private readonly options: ReminderOptions,
  ) {}

  start(): void {
    if (this.options.autoStart === false || this.unregister) return;
    this.unregister = this.ctx.core.scheduler.register(DAILY_TASK, () => this.check(), { everyMs: this.options.checkMs ?? CHECK_MS, firstInMs: FIRST_CHECK_MS });
  }

  /** No more checks; a check in progress is awaited. */
  async stop(): Promise<void> {
    const unregister = this.unregister;
    this.unregister = null;
    await unregister?.();
  }

  private async check(): Promise<void> {
    try {
      await this.daily();
    } catch (error) {
      (this.options.logger ?? this.ctx.core.logger).error('Reminder run failed', error);
    }
  }

  /** Today's run, once a day; a run that failed is tried again at the next check. */
  async daily(): Promise<void> {
    const { core, rules } = this.ctx;
    const today = todayOf(core);
    if (this.lastAutoRun === today) return;
    const company = await rules.company();
    if (company.autoRun === 'off' || company.runDeviceId !== core.books.deviceId) return;
    this.lastAutoRun = today;
    try {
      await this.dailyWork(company.autoRun, today);
    } catch (error) {
      this.lastAutoRun = '';
      throw error;
    }
  }

  private async dailyWork(mode: 'propose' | 'send', today: string): Promise<void> {
    // Letters approved by hand whose mail a cancel held back go out in either mode.
    await this.work.deliverPending('system');
    if (mode === 'send') {
      await this.work.run([], 'system');
      return;
    }
    const { proposals } = await this.work.preview(today);
    if (!proposals.length) return;
    await this.tellReady(proposals.length, today);
  }

  /** Everyone hears once a day that reminders wait for approval. */
  private async tellReady(count: number, today: string): Promise<void> {
    const { books, writes, clock } = this.ctx.core;
    const key = `reminders.ready:${today}`;
    const exists = await books.db.facts.findOne({ selector: { kind: 'notification', subjectId: key } }).exec();
    if (exists) return;
    const fact = notificationFact(this.ctx.core, 'reminder.ready', 'reminders.notification.ready', { count }, '', clock().toISOString(), 'system', '', key);
    await writes.write('system', { collection: 'facts', action: 'notification.created', entity: 'notification', entityId: fact.id, after: { topic: 'reminder.ready', count } }, () => books.db.facts.insert(fact));
  }
}
