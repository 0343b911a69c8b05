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
import { AppError, type CustomerRiskView, type DunningStopView, type NotificationList, type ReminderLetterPreview, type ReminderProposal, type ReminderRecordView, type ReminderRunPreview } from '../../src-shared/contract/index.js';
import { addDays, ruleOf } from '../../src-shared/dunning/levels.js';
import { newId } from '../ids.js';
import { buyerSnapshot, loadSeller } from '../sales/company.js';
import type { NewMessage } from '../mail/service.js';
import type { JobControl } from '../server/jobs.js';
import type { Services } from '../services.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { baseRatesView, updateBaseRates } from './base-rates.js';
import { invoiceStops, loadCases, propose, type DunningCase } from './cases.js';
import { factFieldsOf, letterheadOf, letterOf, noticeMessage, reminderEventOf, reminderMailKey, reminderMessage, reminderValues, type NoticeLine } from './letters.js';
import { markNotificationsRead, notificationFact, notificationsOf } from './notifications.js';
import { approvalReasonsFor, assertNotBlocked, riskFactsOf, riskOfCustomer } from './risk.js';
import { DunningRulesStore } from './rules.js';

export type ReminderOptions = {
  logger?: { error(message: string, error?: unknown): void };
  /** Start the daily run's timer (default true). */
  autoStart?: boolean;
  /** How often the timer looks whether today's run is done (default 10 minutes). */
  checkMs?: number;
};

type RunResult = { created: number; mailed: number; toPrint: number; skipped: number };
const CHUNK = 5000;
/** Names compared without case and accents (Ä with A), as a person looks them up. */
const sortKeyOf = (name: string) => name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export class Reminders {
  readonly rules: DunningRulesStore;
  private timer: NodeJS.Timeout | null = null;
  private lastAutoRun = '';
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly services: Services,
    private readonly options: ReminderOptions = {},
  ) {
    this.rules = new DunningRulesStore(services);
  }

  private today(): string {
    return this.services.clock().toISOString().slice(0, 10);
  }

  // ---------------------------------------------------------------- proposals

  private async proposalsFor(cases: readonly DunningCase[], today: string) {
    const [company, overrides, baseRates] = await Promise.all([this.rules.company(), this.rules.overrides(), this.rules.baseRates()]);
    const proposals: ReminderProposal[] = [];
    const skipped: ReminderRunPreview['skipped'] = [];
    for (const c of cases) {
      const result = propose(c, overrides.get(c.customer.id) ?? company, today, baseRates);
      if (!result) continue;
      if ('proposal' in result) proposals.push(result.proposal);
      else skipped.push(result.skip);
    }
    // By customer, then invoice: a sort key per proposal, so 10,000 proposals sort in a blink.
    const key = new Map(proposals.map((p) => [p, `${sortKeyOf(p.customerName)}\u0000${p.invoiceNumber}`]));
    proposals.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : 1));
    return { proposals, skipped, baseRates };
  }

  async preview(date?: string): Promise<ReminderRunPreview> {
    const today = date ?? this.today();
    const { proposals, skipped, baseRates } = await this.proposalsFor(await loadCases(this.services, today), today);
    return { date: today, proposals, skipped, baseRatesValidThrough: baseRates.validThrough };
  }

  /** The letter and mail a proposal would send, before anything is written. */
  async letterPreview(invoiceId: string): Promise<ReminderLetterPreview> {
    const today = this.today();
    const [c] = await loadCases(this.services, today, [invoiceId]);
    const proposed = c ? (await this.proposalsFor([c], today)).proposals[0] : undefined;
    if (!c || !proposed) throw new AppError('NOT_FOUND', `No reminder is due for invoice ${invoiceId} today`);
    const rules = (await this.rules.overrides()).get(c.customer.id) ?? (await this.rules.company());
    const seller = (await loadSeller(this.services.books)).snapshot;
    const snapshot = { seller, buyer: buyerSnapshot(c.customer), text: ruleOf(rules, proposed.level)?.text ?? '' };
    const letter = await letterOf(this.services, factFieldsOf(proposed, today, snapshot), c.invoice, c.customer, rules);
    const pdf = await this.services.documents.renderLetter({ kind: 'reminder', letter });
    const mail = await this.services.mail.compose(reminderEventOf(letter.level), letter.language, reminderValues(letter));
    return { fileName: `${letter.number}.pdf`, dataBase64: pdf.toString('base64'), mail: { ...mail, to: proposed.to } };
  }

  // ---------------------------------------------------------------- the run

  /** Starts the run as a cancellable job with progress; `invoiceIds` empty: every proposal of today. */
  startRun(invoiceIds: readonly string[], userId: string): { jobId: string; total: number; done: Promise<void> } {
    // Progress in percent: writing the records is the first half, the letters the second.
    const { jobId, done } = this.services.jobs.start('jobs.reminderRun', 100, userId, async (control) => {
      await this.run(invoiceIds, userId, control);
    });
    return { jobId, total: 100, done };
  }

  /**
   * One run: writes the reminder facts in steps of 5,000 (each step whole or not at all), then
   * renders and queues the letters. A cancel stops between steps.
   */
  async run(invoiceIds: readonly string[], userId: string, control?: JobControl): Promise<RunResult> {
    const work = async (): Promise<RunResult> => {
      const today = this.today();
      await this.deliverPending(userId);
      const cases = await loadCases(this.services, today, invoiceIds.length ? invoiceIds : undefined);
      const { proposals, skipped } = await this.proposalsFor(cases, today);
      const byId = new Map(cases.map((c) => [c.invoice.id, c]));
      const written: { fact: FactDoc; proposal: ReminderProposal }[] = [];
      const percent = (part: number, done: number, of: number) => control?.progress(Math.floor(part * 50 + (of ? (done * 50) / of : 50)));
      for (let i = 0; i < proposals.length && !control?.cancelled(); i += CHUNK) {
        written.push(...(await this.writeReminders(proposals.slice(i, i + CHUNK), today, userId, byId)));
        percent(0, Math.min(proposals.length, i + CHUNK), proposals.length);
      }
      const facts = written.map((w) => w.fact);
      const delivered = await this.deliver(facts, userId, (n) => percent(1, n, facts.length), control);
      control?.progress(100);
      return { created: written.length, mailed: delivered.mailed.size, toPrint: written.length - delivered.mailed.size, skipped: skipped.length };
    };
    // One run at a time: the daily run and one started by hand never overlap.
    const previous = this.running ?? Promise.resolve();
    const next = previous.then(work, work);
    this.running = next.catch(() => undefined);
    return next;
  }

  private async writeReminders(proposals: readonly ReminderProposal[], today: string, userId: string, cases: Map<string, DunningCase>) {
    const { books, writes, clock } = this.services;
    // Runs in this process never overlap (see run), so the letters read at its start are all there are.
    const fresh = proposals.filter((p) => !(cases.get(p.invoiceId)?.sent ?? []).some((s) => s.level >= p.level || s.runDate === today));
    if (!fresh.length) return [];
    const now = clock().toISOString();
    const out: { fact: FactDoc; proposal: ReminderProposal }[] = [];
    const notifications: FactDoc[] = [];
    const [seller, company, overrides] = await Promise.all([loadSeller(books), this.rules.company(), this.rules.overrides()]);
    const letterhead = letterheadOf(seller.snapshot);
    const letterheadId = `letterhead-${letterhead.ref}`;
    const needsLetterhead = !(await books.db.settings.findOne(letterheadId).exec());
    for (const p of fresh) {
      const customer = cases.get(p.invoiceId)!.customer;
      const text = ruleOf(overrides.get(customer.id) ?? company, p.level)?.text ?? '';
      const reminder = factFieldsOf(p, today, { sellerRef: letterhead.ref, buyer: buyerSnapshot(customer), text });
      const fact: FactDoc = { id: newId(), kind: 'reminder', subjectId: p.invoiceId, occurredAt: now, deviceId: books.deviceId, seq: 0, userId, reminder };
      out.push({ fact, proposal: p });
      const manager = cases.get(p.invoiceId)?.customer.accountManagerId;
      if (manager) notifications.push(notificationFact(this.services, 'reminder.sent', `reminders.notification.sent${p.level}`, { invoice: p.invoiceNumber, customer: p.customerName, total: p.total, currency: p.currency }, p.invoiceId, now, userId, manager));
    }
    // The run's notice goes with its records: a crash after the commit leaves no run untold.
    const notice = await this.runNotice(out, cases, userId, now);
    await writes.write(
      userId,
      [
        ...(needsLetterhead ? [{ collection: 'settings', action: 'settings.letterheadKept', entity: 'settings', entityId: letterheadId, after: seller.snapshot }] : []),
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
    this.services.mail.kick();
    return out;
  }

  /** Renders the letters of these reminder facts and queues their mails; returns who got mail. */
  private async deliver(facts: readonly FactDoc[], userId: string, progress: (n: number) => void, control?: JobControl): Promise<{ mailed: Set<string> }> {
    const { db } = this.services.books;
    const mailed = new Set<string>();
    if (!facts.length) return { mailed };
    const invoices = await db.invoices.findByIds([...new Set(facts.map((f) => f.reminder!.invoiceId))]).exec();
    const customers = await db.customers.findByIds([...new Set([...invoices.values()].map((i) => i.customerId))]).exec();
    const [company, overrides, seller] = await Promise.all([this.rules.company(), this.rules.overrides(), loadSeller(this.services.books)]);
    const queued = new Set((await db.outbox.find({ selector: { dedupeKey: { $in: facts.map((f) => reminderMailKey(f.id)) } } }).exec()).map((d) => d.dedupeKey));
    let batch: NewMessage[] = [];
    let done = 0;
    // A few letters at a time, so that every PDF worker has work while the main thread stays free.
    const PARALLEL = 4;
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
          const letter = await letterOf(this.services, fact.reminder!, invoice.toMutableJSON(), customer.toMutableJSON(), overrides.get(customer.id) ?? company, seller.snapshot);
          return reminderMessage(this.services, fact.id, letter, to, invoice.id, customer.id);
        }),
      );
      batch.push(...messages.filter((m): m is NewMessage => m !== null));
      if (batch.length >= 50) {
        await this.services.mail.enqueue(batch, userId);
        batch = [];
      }
      done += PARALLEL;
      progress(Math.min(done, facts.length));
    }
    await this.services.mail.enqueue(batch, userId);
    return { mailed };
  }

  /**
   * Letters of this device from the last three days whose mail was never queued (a run stopped
   * between its records and its letters). Other devices' letters are theirs to send; older ones
   * would go out with a deadline already past, so they wait for a person (Versandte Schreiben).
   */
  async deliverPending(userId: string): Promise<number> {
    const { db, deviceId } = this.services.books;
    const since = addDays(this.today(), -3);
    const recent = await db.facts.find({ selector: { kind: 'reminder', occurredAt: { $gte: `${since}T00:00:00.000Z` } } }).exec();
    const facts = recent.map((f) => f.toMutableJSON()).filter((f) => f.deviceId === deviceId && f.reminder!.channel !== 'print' && f.reminder!.runDate >= since);
    if (!facts.length) return 0;
    const queued = new Set((await db.outbox.find({ selector: { dedupeKey: { $in: facts.map((f) => reminderMailKey(f.id)) } } }).exec()).map((d) => d.dedupeKey));
    const pending = facts.filter((f) => !queued.has(reminderMailKey(f.id)));
    return (await this.deliver(pending, userId, () => undefined)).mailed.size;
  }

  /**
   * The notice of a step of the run, to write with its records: in the app for everyone, by mail
   * to the account managers and customer service.
   */
  private async runNotice(written: readonly { fact: FactDoc; proposal: ReminderProposal }[], cases: Map<string, DunningCase>, userId: string, now: string) {
    const { books, mail } = this.services;
    // Mailed or for printing as written; a mail a cancel held back goes with the next run, it is not to print.
    const lines: (NoticeLine & { managerId: string })[] = written.map(({ fact, proposal: p }) => ({
      invoiceNumber: p.invoiceNumber,
      customerName: p.customerName,
      level: p.level,
      total: p.total,
      currency: p.currency,
      mailed: fact.reminder!.channel === 'mail',
      managerId: cases.get(p.invoiceId)?.customer.accountManagerId ?? '',
    }));
    const toPrint = lines.filter((l) => !l.mailed).length;
    const summary = notificationFact(this.services, 'reminder.run', 'reminders.notification.run', { count: lines.length, toPrint }, '', now, userId, '');

    const settings = await mail.settingsView();
    const runKey = summary.id;
    const messages: NewMessage[] = [];
    const lang = (await books.db.settings.findOne('company').exec())?.company?.defaultLanguage === 'en' ? 'en' : 'de';
    const shared = [...new Set([settings.accountManagerAddress, settings.customerServiceAddress].filter(Boolean))];
    if (shared.length) messages.push(await noticeMessage(this.services, `overdueNotice:${runKey}`, shared, lines, lang));
    // Each account manager with an e-mail address hears about their own customers.
    const managers = await books.db.users.findByIds([...new Set(lines.map((l) => l.managerId).filter(Boolean))]).exec();
    for (const manager of managers.values()) {
      if (!manager.email || shared.includes(manager.email)) continue;
      const own = lines.filter((l) => l.managerId === manager.id);
      messages.push(await noticeMessage(this.services, `overdueNotice:${runKey}:${manager.id}`, [manager.email], own, manager.language === 'en' ? 'en' : 'de'));
    }
    const queued = await mail.prepare(messages, userId);
    return {
      summary,
      changes: [{ collection: 'facts', action: 'notification.created', entity: 'notification', entityId: summary.id, after: { topic: 'reminder.run', count: lines.length } }, ...queued.changes],
      insert: queued.insert,
    };
  }

  // ---------------------------------------------------------------- daily run

  start(): void {
    if (this.options.autoStart === false || this.timer) return;
    const tick = () => {
      void this.daily().catch((error) => (this.options.logger ?? console).error('Reminder run failed', error));
    };
    this.timer = setInterval(tick, this.options.checkMs ?? 10 * 60_000);
    this.timer.unref();
    setTimeout(tick, 5_000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Once a day on the device that runs it: `send` runs everything; `propose` tells the users
   * in the app that reminders wait for approval.
   */
  async daily(): Promise<void> {
    const today = this.today();
    if (this.lastAutoRun === today) return;
    const company = await this.rules.company();
    if (company.autoRun === 'off' || company.runDeviceId !== this.services.books.deviceId) return;
    this.lastAutoRun = today;
    try {
      await this.dailyWork(company.autoRun, today);
    } catch (error) {
      // The next check (10 minutes by default) tries again.
      this.lastAutoRun = '';
      throw error;
    }
  }

  private async dailyWork(mode: 'propose' | 'send', today: string): Promise<void> {
    // Letters approved by hand whose mail a cancel held back go out in either mode.
    await this.deliverPending('system');
    if (mode === 'send') {
      await this.run([], 'system');
      return;
    }
    const { proposals } = await this.preview(today);
    if (!proposals.length) return;
    const key = `reminders.ready:${today}`;
    const exists = await this.services.books.db.facts.findOne({ selector: { kind: 'notification', subjectId: key } }).exec();
    if (exists) return;
    const fact = notificationFact(this.services, 'reminder.ready', 'reminders.notification.ready', { count: proposals.length }, '', this.services.clock().toISOString(), 'system', '', key);
    await this.services.writes.write('system', { collection: 'facts', action: 'notification.created', entity: 'notification', entityId: fact.id, after: { topic: 'reminder.ready', count: proposals.length } }, () =>
      this.services.books.db.facts.insert(fact),
    );
  }

  // ---------------------------------------------------------------- records and stops

  async history(filter: { invoiceId: string; customerId: string }): Promise<ReminderRecordView[]> {
    const { db } = this.services.books;
    let facts: FactDoc[];
    if (filter.invoiceId) {
      facts = (await db.facts.find({ selector: { kind: 'reminder', subjectId: filter.invoiceId }, sort: [{ occurredAt: 'desc' }] }).exec()).map((f) => f.toMutableJSON());
    } else if (filter.customerId) {
      facts = [];
      for (const invoice of await db.invoices.find({ selector: { customerId: filter.customerId } }).exec()) {
        for (const f of await db.facts.find({ selector: { kind: 'reminder', subjectId: invoice.id } }).exec()) facts.push(f.toMutableJSON());
      }
      facts.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
    } else {
      // The newest thousand, read backwards on the (kind, occurredAt) index.
      facts = (await db.facts.find({ selector: { kind: 'reminder' }, sort: [{ occurredAt: 'desc' }], limit: 1000 }).exec()).map((f) => f.toMutableJSON());
    }
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
  async print(reminderId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const { db } = this.services.books;
    const fact = await db.facts.findOne(reminderId).exec();
    if (!fact || fact.kind !== 'reminder') throw new AppError('NOT_FOUND', `Reminder ${reminderId} not found`);
    const invoice = await db.invoices.findOne(fact.reminder!.invoiceId).exec();
    const customer = invoice && (await db.customers.findOne(invoice.customerId).exec());
    if (!invoice || !customer) throw new AppError('NOT_FOUND', 'The reminder\'s invoice or customer is gone');
    const rules = (await this.rules.overrides()).get(customer.id) ?? (await this.rules.company());
    const letter = await letterOf(this.services, fact.reminder!, invoice.toMutableJSON(), customer.toMutableJSON(), rules);
    return { fileName: `${letter.number}.pdf`, bytes: await this.services.documents.renderLetter({ kind: 'reminder', letter }) };
  }

  async stops(): Promise<DunningStopView[]> {
    const stops = await invoiceStops(this.services);
    return [...stops.entries()].filter(([, s]) => s.active).map(([invoiceId, s]) => ({ invoiceId, active: true, reason: s.reason, since: s.since, by: s.by }));
  }

  async setInvoiceStop(input: { invoiceId: string; active: boolean; reason: string }, userId: string): Promise<DunningStopView> {
    const { books, writes, clock } = this.services;
    const invoice = await books.db.invoices.findOne(input.invoiceId).exec();
    if (!invoice || invoice.documentType !== 'invoice') throw new AppError('NOT_FOUND', `Invoice ${input.invoiceId} not found`);
    const now = clock().toISOString();
    const fact: FactDoc = { id: newId(), kind: 'dunningStop', subjectId: invoice.id, occurredAt: now, deviceId: books.deviceId, seq: 0, userId, dunningStop: { invoiceId: invoice.id, active: input.active, reason: input.reason } };
    await writes.write(userId, { collection: 'facts', action: input.active ? 'reminder.stopSet' : 'reminder.stopLifted', entity: 'invoice', entityId: invoice.id, after: { reason: input.reason } }, () => books.db.facts.insert(fact));
    return { invoiceId: invoice.id, active: input.active, reason: input.reason, since: now, by: userId };
  }

  // ---------------------------------------------------------------- risk and notifications

  riskFacts(customerId: string) {
    return riskFactsOf(this.services, this.rules, customerId);
  }

  risk(customerId: string): Promise<CustomerRiskView> {
    return riskOfCustomer(this.services, this.rules, customerId);
  }

  approvalReasons(customerId: string, amount: number) {
    return approvalReasonsFor(this.services, this.rules, customerId, amount);
  }

  assertNotBlocked(customerId: string): Promise<void> {
    return assertNotBlocked(this.services, this.rules, customerId);
  }

  notifications(userId: string): Promise<NotificationList> {
    return notificationsOf(this.services, userId);
  }

  markRead(userId: string, input: { ids: string[]; all: boolean }): Promise<NotificationList> {
    return markNotificationsRead(this.services, userId, input);
  }

  async baseRates() {
    return baseRatesView(await this.rules.baseRates(), this.today());
  }

  updateBaseRates(content: string, userId: string) {
    return updateBaseRates(this.services, this.rules, content, userId);
  }
}
