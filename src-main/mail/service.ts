/**
 * The mail service: SMTP settings (password sealed by this device's key store), templates, the
 * outbox and the scheduler that sends it.
 *
 * Every message is an outbox document that moves queued → sending → sent | failed. A message
 * saved as .eml for another mail program becomes `exported`: handled, and sent from here only
 * when a person asks (`sendAnyway`). Only the
 * device that queued a message sends it, and in this process every change of a message's state
 * goes through one queue, so a message has exactly one writer. A message is marked `sending`
 * before it is handed to the server; after a crash, messages found in `sending` are queued again.
 * So a message is sent at least once and never silently dropped; a duplicate is possible only
 * when the process died between the server's 250 and our write, and its fixed Message-ID lets
 * mail programs show the two as one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  AppError,
  OUTBOX_STATUSES,
  type MailFile,
  type MailState,
  type MailEvent,
  type MailPreview,
  type MailSettingsView,
  type MailTestResult,
  type OutboxItem,
  type OutboxMessage,
  type OutboxStatus,
  type Page,
  type ParsedInputOf,
} from '../../src-shared/contract/index.js';
import { newId } from '../ids.js';
import type { Services } from '../services.js';
import type { ChangeDescription } from '../server/write-path.js';
import { ensurePrivateDir, writePrivateFile } from '../store/private-files.js';
import type { SettingsDoc } from '../store/schemas/config.js';
import type { OutboxDoc } from '../store/schemas/workflow.js';
import { classify, createSmtpTransport, emlOf, mailOf, serverUnreachable, type Failure, type PoolOptions, type SmtpSettings, type SmtpTransport } from './smtp.js';
import { domainOf, itemOf, orderConfirmationKey, orderOfMessage, rejectionOf, safeFileName, senderOf } from './outbox-items.js';
import { MailTemplates } from './template-store.js';
import type { MailValues } from './templates.js';

export type MailOptions = {
  /** Folder with the shipped templates; default `resources/mail`. */
  templatesDir?: string;
  /** Start the scheduler (default true). */
  autoStart?: boolean;
  /** How often the scheduler looks for due messages when idle (default 15 s). */
  pollMs?: number;
  /** Retry delays after a transient failure: base × 2^(attempts − 1), at most `maxMs`. */
  backoff?: { baseMs: number; maxMs: number };
  pool?: PoolOptions;
  /** The outbox's clock; retries are real waits, so this is the wall clock by default. */
  now?: () => Date;
};

/** A message to queue; `dedupeKey` makes queueing idempotent (the same event queues one message). */
export type NewMessage = {
  dedupeKey: string;
  event: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; file: string; contentType: string; sha256: string }[];
  invoiceId?: string;
  customerId?: string;
};

type MailSettingsDoc = NonNullable<SettingsDoc['mail']>;

const BATCH = 40;
/** 4xx answers are retried this often; an unreachable server is retried for as long as it takes. */
const MAX_TEMPORARY_ATTEMPTS = 10;

export class MailService {
  /** The templates: the shipped ones and the company's own. */
  readonly templates: MailTemplates;
  private readonly now: () => Date;
  private readonly backoff: { baseMs: number; maxMs: number };
  private chain: Promise<unknown> = Promise.resolve();
  private transport: { key: string; smtp: SmtpTransport; verified: boolean } | null = null;
  private paused: Failure | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private lastDueScan = '';
  private lastError = '';
  /** Producers that run on each scheduler pass (payment due soon). */
  readonly periodic: ((today: string) => Promise<void>)[] = [];

  constructor(
    private readonly services: Services,
    private readonly options: MailOptions = {},
  ) {
    this.templates = new MailTemplates(services, options.templatesDir);
    this.now = options.now ?? (() => new Date());
    this.backoff = options.backoff ?? { baseMs: 30_000, maxMs: 30 * 60_000 };
  }

  private get outbox() {
    return this.services.books.db.outbox;
  }

  private get settingsId(): string {
    return `mail-${this.services.books.deviceId}`;
  }

  /** Runs outbox state changes one after another. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private changed(ids: string[]): void {
    if (ids.length) this.services.bus.emit('data.changed', { collection: 'outbox', ids });
  }

  // ---------------------------------------------------------------- settings

  private async settingsDoc(): Promise<MailSettingsDoc | null> {
    const doc = await this.services.books.db.settings.findOne(this.settingsId).exec();
    return doc?.mail ?? null;
  }

  async settingsView(): Promise<MailSettingsView> {
    const doc = await this.services.books.db.settings.findOne(this.settingsId).exec();
    const m = doc?.mail;
    return {
      host: m?.host ?? '',
      port: m?.port ?? 587,
      security: m?.security ?? 'starttls',
      user: m?.user ?? '',
      passwordSet: Boolean(m?.passwordSealed),
      fromName: m?.fromName ?? '',
      fromAddress: m?.fromAddress ?? '',
      replyTo: m?.replyTo ?? '',
      bccSelf: m?.bccSelf ?? false,
      accountManagerAddress: m?.accountManagerAddress ?? '',
      customerServiceAddress: m?.customerServiceAddress ?? '',
      dueSoonDays: m?.dueSoonDays ?? 0,
      autoSendInvoices: m?.autoSendInvoices ?? true,
      configured: Boolean(m?.host && m.fromAddress),
      updatedAt: doc?.updatedAt ?? null,
    };
  }

  async saveSettings(input: ParsedInputOf<'mail.saveSettings'>, userId: string): Promise<MailSettingsView> {
    const { books, writes, secrets, clock } = this.services;
    const existing = await books.db.settings.findOne(this.settingsId).exec();
    const before = existing ? await this.settingsView() : undefined;
    // The stored password belongs to one server and user: it is not sent to another.
    const sameAccount = existing?.mail?.host === input.host && (existing?.mail?.user ?? '') === input.user && existing?.mail?.port === input.port;
    let passwordSealed = sameAccount ? (existing?.mail?.passwordSealed ?? '') : '';
    if (input.clearPassword) passwordSealed = '';
    if (input.password) passwordSealed = secrets.encrypt(input.password);
    const now = clock().toISOString();
    const mail: MailSettingsDoc = {
      deviceId: books.deviceId,
      host: input.host,
      port: input.port,
      security: input.security,
      user: input.user,
      ...(passwordSealed ? { passwordSealed } : {}),
      fromName: input.fromName,
      fromAddress: input.fromAddress,
      replyTo: input.replyTo,
      bccSelf: input.bccSelf,
      accountManagerAddress: input.accountManagerAddress,
      customerServiceAddress: input.customerServiceAddress,
      dueSoonDays: input.dueSoonDays,
      autoSendInvoices: input.autoSendInvoices,
    };
    const doc: SettingsDoc = {
      id: this.settingsId,
      kind: 'mail',
      mail,
      createdAt: existing?.createdAt ?? now,
      createdBy: existing?.createdBy ?? userId,
      updatedAt: now,
      updatedBy: userId,
    };
    // The audit keeps whether a password is set, never the password or its sealed form.
    const after = { ...mail, passwordSealed: undefined, passwordSet: Boolean(passwordSealed) };
    await writes.write(userId, { collection: 'settings', action: 'mail.settingsSaved', entity: 'settings', entityId: this.settingsId, before, after }, () => books.db.settings.upsert(doc));
    // New settings: a new connection pool, and a paused queue (wrong password) goes again,
    // with the messages the refused login failed.
    this.paused = null;
    await this.closeTransport();
    await this.serial(async () => {
      const refused = (await this.outbox.find({ selector: { status: 'failed', lastErrorCode: 'EAUTH' } }).exec()).filter((d) => d.deviceId === books.deviceId);
      if (!refused.length) return;
      const at = this.now().toISOString();
      await this.services.writes.quiet(() => this.outbox.bulkUpsert(refused.map((d) => ({ ...d.toMutableJSON(), status: 'queued' as const, nextAttemptAt: at, updatedAt: at }))));
      this.changed(refused.map((d) => d.id));
    });
    this.kick();
    return this.settingsView();
  }

  /** The settings for sending, with the password unsealed; null while host or sender is missing. */
  private async smtpSettings(): Promise<SmtpSettings | null> {
    const m = await this.settingsDoc();
    if (!m?.host || !m.fromAddress) return null;
    let password = '';
    if (m.passwordSealed) {
      try {
        password = this.services.secrets.decrypt(m.passwordSealed);
      } catch {
        // Sealed on another device or with a lost key: the user must enter it again.
        throw new AppError('VALIDATION_FAILED', 'The stored SMTP password cannot be unsealed on this device', { fields: [{ field: 'password', problem: 'validation.passwordUnreadable' }] });
      }
    }
    return {
      host: m.host,
      port: m.port,
      security: m.security,
      user: m.user ?? '',
      password,
      fromName: m.fromName ?? '',
      fromAddress: m.fromAddress,
      replyTo: m.replyTo ?? '',
      bccSelf: m.bccSelf ?? false,
    };
  }

  /** Sends one message straight away (not through the outbox) and returns the server's exact answer. */
  async sendTest(to: string): Promise<MailTestResult> {
    const smtp = await this.smtpSettings();
    if (!smtp) throw new AppError('VALIDATION_FAILED', 'Mail is not set up', { fields: [{ field: 'host', problem: 'validation.required' }] });
    const transport = createSmtpTransport(smtp, { ...this.options.pool, maxConnections: 1 });
    try {
      const company = await this.services.books.db.settings.findOne('company').exec();
      const name = company?.company?.name ?? 'Rechnungswerk';
      const info = await transport.sendMail(
        mailOf(
          {
            messageId: `<${newId()}@${domainOf(smtp.fromAddress)}>`,
            to: [to || smtp.fromAddress],
            cc: [],
            bcc: [],
            subject: `Rechnungswerk: Testnachricht / test message (${name})`,
            text: 'Diese Testnachricht zeigt, dass der Versand funktioniert.\nThis test message shows that sending works.',
            html: '<p>Diese Testnachricht zeigt, dass der Versand funktioniert.<br>This test message shows that sending works.</p>',
            attachments: [],
          },
          { ...smtp, bccSelf: false },
        ),
      );
      if (info.rejected.length) return { ok: false, code: 'EREJECTED', reply: rejectionOf(info) };
      return { ok: true, code: '', reply: String(info.response ?? '') };
    } catch (error) {
      const failure = classify(error);
      return { ok: false, code: failure.code, reply: failure.reply };
    } finally {
      transport.close();
    }
  }

  /** The message of `event` in `language` filled with `values`. */
  compose(event: MailEvent, language: 'de' | 'en', values: MailValues): Promise<MailPreview> {
    return this.templates.compose(event, language, values);
  }

  // ---------------------------------------------------------------- outbox

  /** Queues messages; one whose `dedupeKey` is queued already is skipped. Returns the new ones. */
  async enqueue(messages: readonly NewMessage[], userId: string): Promise<OutboxDoc[]> {
    if (!messages.length) return [];
    return this.serial(async () => {
      const prepared = await this.prepare(messages, userId);
      if (!prepared.docs.length) return [];
      await this.services.writes.write(userId, prepared.changes, prepared.insert);
      this.kick();
      return prepared.docs;
    });
  }

  /**
   * New messages as outbox documents with their audit changes, for the write that records what
   * they report (a payment and its thank-you): inserted by `insert` inside that write, a message
   * exists exactly when its cause does, even when the process dies right after the commit. Meant
   * for dedupe keys of records that write creates; `kick` after the commit sends them.
   */
  async prepare(messages: readonly NewMessage[], userId: string): Promise<{ docs: OutboxDoc[]; changes: ChangeDescription[]; insert(): Promise<void> }> {
    const { books } = this.services;
    const keys = [...new Set(messages.map((m) => m.dedupeKey))];
    const known = new Set(keys.length ? (await this.outbox.find({ selector: { dedupeKey: { $in: keys } } }).exec()).map((d) => d.dedupeKey) : []);
    const settings = await this.settingsDoc();
    const company = await books.db.settings.findOne('company').exec();
    const domain = domainOf(settings?.fromAddress || company?.company?.email || '');
    const now = this.now().toISOString();
    const docs: OutboxDoc[] = [];
    for (const m of messages) {
      if (known.has(m.dedupeKey) || !m.to.length) continue;
      known.add(m.dedupeKey);
      const id = newId();
      docs.push({
        id,
        status: 'queued',
        deviceId: books.deviceId,
        dedupeKey: m.dedupeKey,
        messageId: `<${id.toLowerCase()}@${domain}>`,
        event: m.event,
        to: m.to,
        cc: m.cc ?? [],
        bcc: m.bcc ?? [],
        subject: m.subject,
        html: m.html,
        text: m.text,
        attachments: m.attachments ?? [],
        ...(m.invoiceId ? { invoiceId: m.invoiceId } : {}),
        ...(m.customerId ? { customerId: m.customerId } : {}),
        attempts: 0,
        nextAttemptAt: now,
        lastErrorCode: '',
        serverReply: '',
        createdAt: now,
        createdBy: userId,
        updatedAt: now,
        updatedBy: userId,
      });
    }
    return {
      docs,
      changes: docs.map((d) => ({ collection: 'outbox', action: 'mail.queued', entity: 'outbox', entityId: d.id, after: { event: d.event, to: d.to, subject: d.subject, messageId: d.messageId } })),
      insert: async () => {
        if (!docs.length) return;
        const result = await this.outbox.bulkInsert(docs);
        if (result.error.length) throw new Error('Outbox messages could not be written');
      },
    };
  }

  async list(input: ParsedInputOf<'mail.outbox'>): Promise<Page<OutboxItem>> {
    const selector = input.status ? { status: input.status } : {};
    const [docs, total] = await Promise.all([
      this.outbox.find({ selector, sort: [{ createdAt: 'desc' }], skip: input.page * input.pageSize, limit: input.pageSize }).exec(),
      this.outbox.count({ selector }).exec(),
    ]);
    return { items: await this.itemsOf(docs.map((d) => d.toMutableJSON())), total, page: input.page, pageSize: input.pageSize };
  }

  /** The messages of one invoice, newest first. */
  async forInvoice(invoiceId: string): Promise<OutboxItem[]> {
    const docs = await this.outbox.find({ selector: { invoiceId }, sort: [{ createdAt: 'desc' }] }).exec();
    return this.itemsOf(docs.map((d) => d.toMutableJSON()));
  }

  /** The messages as the screens show them, with the names of who exported them. */
  private async itemsOf(docs: OutboxDoc[]): Promise<OutboxItem[]> {
    const ids = [...new Set(docs.map((d) => d.exportedBy).filter((id): id is string => !!id))];
    const users = ids.length ? await this.services.books.db.users.findByIds(ids).exec() : new Map();
    const names = new Map([...users.values()].map((u: { id: string; name: string }) => [u.id, u.name] as const));
    return docs.map((d) => itemOf(d, names));
  }

  async counts(): Promise<Record<OutboxStatus, number>> {
    const statuses = OUTBOX_STATUSES;
    const counts = await Promise.all(statuses.map((status) => this.outbox.count({ selector: { status } }).exec()));
    return Object.fromEntries(statuses.map((s, i) => [s, counts[i]!])) as Record<OutboxStatus, number>;
  }

  async message(id: string): Promise<OutboxMessage> {
    const doc = await this.outbox.findOne(id).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Message ${id} not found`);
    const d = doc.toMutableJSON();
    const [item] = await this.itemsOf([d]);
    return { ...item!, bcc: d.bcc ?? [], html: d.html ?? '', text: d.text ?? '' };
  }

  /** A failed or waiting message goes out at the next pass; a paused queue goes again. */
  async retry(id: string, userId: string): Promise<OutboxItem> {
    const item = await this.transition(id, userId, ['failed', 'queued', 'cancelled'], (d) => ({ ...d, status: 'queued', nextAttemptAt: this.now().toISOString(), lastErrorCode: d.lastErrorCode ?? '' }), undefined, true);
    this.paused = null;
    this.kick();
    return item;
  }

  /** An exported message is sent after all, because a person asked for it (recorded in the audit log). */
  async sendAnyway(id: string, userId: string): Promise<OutboxItem> {
    const item = await this.transition(id, userId, ['exported'], (d) => ({ ...d, status: 'queued', nextAttemptAt: this.now().toISOString() }), 'mail.sendAnyway', true);
    this.paused = null;
    this.kick();
    return item;
  }

  async cancel(id: string, userId: string): Promise<OutboxItem> {
    return this.transition(id, userId, ['queued', 'failed'], (d) => ({ ...d, status: 'cancelled' }));
  }

  /**
   * `action`: the change is recorded in the audit log under this name. `sends`: the message is
   * put back into the queue, which the confirmation of a cancelled order never is.
   */
  private transition(id: string, userId: string, from: readonly OutboxStatus[], change: (d: OutboxDoc) => OutboxDoc, action?: string, sends = false): Promise<OutboxItem> {
    return this.serial(async () => {
      const doc = await this.outbox.findOne(id).exec();
      if (!doc) throw new AppError('NOT_FOUND', `Message ${id} not found`);
      if (doc.deviceId !== this.services.books.deviceId) throw new AppError('INVALID_STATE', 'This message belongs to another device; it is sent from there', { status: doc.status });
      if (!from.includes(doc.status)) throw new AppError('INVALID_STATE', `A ${doc.status} message cannot be changed this way`, { status: doc.status });
      if (sends) await this.refuseCancelledOrder(doc.dedupeKey);
      const next = { ...change(doc.toMutableJSON()), updatedAt: this.now().toISOString(), updatedBy: userId };
      if (action) {
        const audit = { collection: 'outbox', action, entity: 'outbox', entityId: id, before: { status: doc.status }, after: { status: next.status } };
        await this.services.writes.write(userId, audit, () => this.outbox.upsert(next));
      } else {
        await this.services.writes.quiet(() => this.outbox.upsert(next));
      }
      this.changed([id]);
      return (await this.itemsOf([next]))[0]!;
    });
  }

  /** The confirmation of a cancelled order is not sent: checked while the outbox is held, so a cancel cannot slip in between. */
  private async refuseCancelledOrder(dedupeKey: string | undefined): Promise<void> {
    const orderId = orderOfMessage(dedupeKey);
    if (!orderId) return;
    const order = await this.services.books.db.orders.findOne(orderId).exec();
    if (order?.status === 'cancelled') throw new AppError('ORDER_CANCELLED', `Order ${order.number} is cancelled; its confirmation is not sent`, { orderId });
  }

  /**
   * Runs `work` while no message of this device changes its state: a write that cancels messages
   * (an order cancelled) reads them and writes them without the scheduler in between.
   */
  holdingOutbox<T>(work: () => Promise<T>): Promise<T> {
    return this.serial(work);
  }

  /**
   * The cancellation of an order's confirmation that is not sent (waiting, failed or exported),
   * for the write that cancels the order: call inside `holdingOutbox`, add `changes` to the write
   * and run `apply` in it.
   */
  async orderMailsCancellation(orderId: string, userId: string): Promise<{ changes: ChangeDescription[]; apply(): Promise<void> }> {
    const docs = await this.outbox.find({ selector: { dedupeKey: orderConfirmationKey(orderId) } }).exec();
    const now = this.now().toISOString();
    const waiting = docs.filter((d) => (d.status === 'queued' || d.status === 'failed' || d.status === 'exported') && d.deviceId === this.services.books.deviceId);
    const cancelled = waiting.map((d) => ({ ...d.toMutableJSON(), status: 'cancelled' as const, updatedAt: now, updatedBy: userId }));
    return {
      changes: waiting.map((d) => ({ collection: 'outbox', action: 'mail.cancelled', entity: 'outbox', entityId: d.id, before: { status: d.status }, after: { status: 'cancelled', reason: 'order.cancelled' } })),
      apply: async () => {
        if (!cancelled.length) return;
        const result = await this.outbox.bulkUpsert(cancelled);
        if (result.error.length) throw new Error('The order\'s messages could not be cancelled');
      },
    };
  }

  /** The message as a whole .eml file (From, Date, Message-ID, To, Subject, parts), for any mail program. */
  private async emlFile(d: OutboxDoc): Promise<MailFile> {
    const settings = await this.settingsDoc();
    const company = (await this.services.books.db.settings.findOne('company').exec())?.company ?? null;
    const bytes = await emlOf(
      mailOf(
        { ...(await this.outgoing(d)), date: new Date(d.createdAt) },
        {
          ...senderOf(settings, company),
          replyTo: settings?.replyTo ?? '',
          bccSelf: false,
        },
      ),
    );
    return { fileName: `${safeFileName(d.subject) || d.id}.eml`, mimeType: 'message/rfc822', bytes: bytes.length, dataBase64: bytes.toString('base64') };
  }

  /**
   * The message as an .eml file, to send from any mail program. A waiting or failed message of
   * this device is then `exported` (when, by whom): handled, not sent from here unless asked.
   */
  async eml(id: string, userId: string): Promise<MailFile> {
    const doc = await this.outbox.findOne(id).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Message ${id} not found`);
    const file = await this.emlFile(doc.toMutableJSON());
    await this.markExported([id], userId);
    return file;
  }

  /** Writes every waiting message of this device as .eml into a new folder under `<data>/exports/`; they are then `exported`. */
  async exportWaiting(userId: string): Promise<{ folder: string; count: number }> {
    const docs = (await this.outbox.find({ selector: { status: { $in: ['queued', 'failed'] } }, sort: [{ createdAt: 'asc' }] }).exec()).filter((d) => d.deviceId === this.services.books.deviceId);
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const folder = path.join(this.services.books.dataDir, 'exports', `outbox-${stamp}`);
    ensurePrivateDir(path.dirname(folder));
    ensurePrivateDir(folder);
    for (const [i, doc] of docs.entries()) {
      const file = await this.emlFile(doc.toMutableJSON());
      writePrivateFile(path.join(folder, `${String(i + 1).padStart(4, '0')}-${file.fileName}`), Buffer.from(file.dataBase64, 'base64'));
    }
    await this.markExported(
      docs.map((d) => d.id),
      userId,
    );
    return { folder, count: docs.length };
  }

  /** Waiting and failed messages of this device become `exported`; one that went to the server meanwhile is left as it is. */
  private markExported(ids: string[], userId: string): Promise<void> {
    if (!ids.length) return Promise.resolve();
    return this.serial(async () => {
      const current = await this.outbox.findByIds(ids).exec();
      const now = this.now().toISOString();
      const marked = [...current.values()]
        .filter((d) => (d.status === 'queued' || d.status === 'failed') && d.deviceId === this.services.books.deviceId)
        .map((d) => ({ ...d.toMutableJSON(), status: 'exported' as const, exportedAt: now, exportedBy: userId, updatedAt: now, updatedBy: userId }));
      if (!marked.length) return;
      const changes = marked.map((d) => ({ collection: 'outbox', action: 'mail.exported', entity: 'outbox', entityId: d.id, before: { status: current.get(d.id)!.status }, after: { status: 'exported' } }));
      await this.services.writes.write(userId, changes, async () => {
        const result = await this.outbox.bulkUpsert(marked);
        if (result.error.length) throw new Error('Exported messages could not be marked');
      });
      this.changed(marked.map((d) => d.id));
    });
  }

  /** The message with its attachments read from the data folder; a changed file is refused. */
  private async outgoing(d: OutboxDoc) {
    const attachments = (d.attachments ?? []).map((a) => {
      const content = fs.readFileSync(path.join(this.services.books.dataDir, a.file));
      if (a.sha256 && createHash('sha256').update(content).digest('hex') !== a.sha256) {
        throw Object.assign(new Error(`The attachment ${a.filename} does not match its recorded checksum`), { code: 'EATTACHMENT' });
      }
      return { filename: a.filename, content, contentType: a.contentType };
    });
    return { messageId: d.messageId, to: d.to, cc: d.cc ?? [], bcc: d.bcc ?? [], subject: d.subject, html: d.html ?? '', text: d.text ?? '', attachments };
  }

  // ---------------------------------------------------------------- scheduler

  /** Puts messages left in `sending` by a crash back in the queue, then starts sending. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.serial(async () => {
      const stuck = (await this.outbox.find({ selector: { status: 'sending' } }).exec()).filter((d) => d.deviceId === this.services.books.deviceId);
      if (!stuck.length) return;
      const now = this.now().toISOString();
      await this.services.writes.quiet(() => this.outbox.bulkUpsert(stuck.map((d) => ({ ...d.toMutableJSON(), status: 'queued' as const, nextAttemptAt: now, updatedAt: now }))));
      this.changed(stuck.map((d) => d.id));
    });
    this.kick();
  }

  /** Look for due messages now (after queueing, going online, or a retry). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Why the queue is not sending, if it is not: no settings, or the server refused the login. */
  async state(): Promise<MailState> {
    const m = await this.settingsDoc();
    return {
      configured: Boolean(m?.host && m.fromAddress),
      paused: this.paused ? { code: this.paused.code, reply: this.paused.reply } : null,
      lastError: this.lastError,
      counts: await this.counts(),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A delivery the server holds up ends now, not at its timeout; its message goes back to the queue.
    await this.closeTransport(true);
    await this.running;
    await this.chain;
  }

  /** Resolves once the scheduler has nothing due (tests and the benchmark wait on this). */
  async drained(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      await this.running;
      const due = await this.outbox.count({ selector: { status: { $in: ['queued', 'sending'] }, nextAttemptAt: { $lte: this.now().toISOString() } } }).exec();
      if (due === 0 && !this.running) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('The outbox did not drain in time');
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.pass().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        } else {
          void this.scheduleNext();
        }
      });
    }, ms);
    this.timer.unref();
  }

  /** Sleeps until the next message is due, or the poll interval, whichever comes first. */
  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const poll = this.options.pollMs ?? 15_000;
    let wait = poll;
    try {
      const next = await this.outbox.findOne({ selector: { status: 'queued' }, sort: [{ nextAttemptAt: 'asc' }] }).exec();
      if (next && !this.paused && next.deviceId === this.services.books.deviceId) wait = Math.min(poll, Math.max(0, Date.parse(next.nextAttemptAt) - this.now().getTime()));
    } catch {
      // The books are closing.
    }
    if (!this.running && !this.timer) this.schedule(wait);
  }

  private async pass(): Promise<void> {
    try {
      const today = this.services.clock().toISOString().slice(0, 10);
      if (today !== this.lastDueScan) {
        this.lastDueScan = today;
        for (const produce of this.periodic) await produce(today);
      }
      // The next batch is taken while the one before hands over its last messages, so that the
      // connections never wait for the book-keeping between batches. At most two batches are in
      // flight, the earlier one only with its last few deliveries.
      let earlier: Promise<void> | null = null;
      try {
        for (;;) {
          if (this.stopped || this.paused) return;
          const smtp = await this.smtpSettings().catch(() => null);
          if (!smtp) return;
          const due = await this.outbox
            .find({ selector: { status: 'queued', nextAttemptAt: { $lte: this.now().toISOString() } }, sort: [{ nextAttemptAt: 'asc' }], limit: BATCH })
            .exec();
          const mine = due.filter((d) => d.deviceId === this.services.books.deviceId).map((d) => d.toMutableJSON());
          if (!mine.length) return;
          const batch = await this.sendBatch(mine, smtp);
          await batch.handedOver;
          if (earlier) await earlier;
          earlier = batch.done;
          // A server that stopped answering: the rest waits for its retry, not for the next batch.
          if (batch.held()) {
            await batch.done;
            earlier = null;
          }
        }
      } finally {
        if (earlier) await earlier;
      }
    } catch (error) {
      // Kept for the mail screen; the next pass tries again.
      if (!this.stopped) this.lastError = error instanceof Error ? error.message : String(error);
    }
  }

  private async transportFor(smtp: SmtpSettings) {
    const key = JSON.stringify(smtp);
    if (this.transport?.key !== key) {
      await this.closeTransport();
      this.transport = { key, smtp: createSmtpTransport(smtp, this.options.pool), verified: false };
    }
    return this.transport!;
  }

  /** `force`: deliveries in progress end as well (nodemailer's pool takes it; its types do not say so). */
  private async closeTransport(force = false): Promise<void> {
    const close = this.transport?.smtp.close as ((options?: { force: boolean }) => void) | undefined;
    close?.(force ? { force } : undefined);
    this.transport = null;
  }

  /**
   * Marks `docs` as sending and starts delivering them. `handedOver`: every message is with a
   * connection (or held back); `done`: every result is written; `held`: a server that could not be
   * reached holds the rest of the batch.
   */
  private async sendBatch(docs: OutboxDoc[], smtp: SmtpSettings): Promise<{ handedOver: Promise<void>; done: Promise<void>; held(): boolean }> {
    const transport = await this.transportFor(smtp);
    const start = this.now().toISOString();
    // Marked before the server sees them: after a crash they are found and sent again. Read once
    // more in the queue of state changes: a message cancelled meanwhile stays cancelled.
    const sending = await this.serial(async () => {
      const current = await this.outbox.findByIds(docs.map((d) => d.id)).exec();
      const still = docs.filter((d) => current.get(d.id)?.status === 'queued').map((d) => ({ ...current.get(d.id)!.toMutableJSON(), status: 'sending' as const, attempts: d.attempts + 1, updatedAt: start }));
      if (still.length) await this.services.writes.quiet(() => this.outbox.bulkUpsert(still));
      return still;
    });
    if (!sending.length) return { handedOver: Promise.resolve(), done: Promise.resolve(), held: () => false };
    this.changed(sending.map((d) => d.id));

    const results = new Map<string, OutboxDoc>();
    let next = 0;
    // A server that cannot be reached, or stopped answering, holds the rest of the batch until the
    // retry of the first message it failed, instead of each message waiting out its own timeout.
    let retryAt: string | null = null;
    let handOver!: () => void;
    const handedOver = new Promise<void>((resolve) => (handOver = resolve));
    const worker = async (untilVerified: boolean) => {
      while (next < sending.length && !this.paused && !this.stopped && !retryAt && !(untilVerified && transport.verified)) {
        const doc = sending[next++]!;
        const done = await this.sendOne(doc, transport.smtp, smtp);
        results.set(doc.id, done);
        if (done.status === 'sent') transport.verified = true;
        if (done.status === 'queued' && serverUnreachable(done.lastErrorCode ?? '')) retryAt ??= done.nextAttemptAt;
      }
      if (!untilVerified) handOver();
    };
    const deliver = async () => {
      // Until the server has accepted one message, one at a time: a wrong password costs one login.
      if (!transport.verified) await worker(true);
      const width = (this.options.pool?.maxConnections ?? 3) * 2;
      await Promise.all(Array.from({ length: width }, () => worker(false)));

      const now = this.now().toISOString();
      const final = sending.map((d) => results.get(d.id) ?? { ...d, status: 'queued' as const, attempts: d.attempts - 1, nextAttemptAt: retryAt ?? now, updatedAt: now });
      await this.serial(() => this.services.writes.quiet(() => this.outbox.bulkUpsert(final)));
      this.changed(final.map((d) => d.id));
    };
    const done = deliver();
    // A failure of the delivery ends the hand-over too; `done` reports it.
    done.catch(() => handOver());
    return { handedOver, done, held: () => retryAt !== null || this.paused !== null || this.stopped };
  }

  private async sendOne(doc: OutboxDoc, transport: SmtpTransport, smtp: SmtpSettings): Promise<OutboxDoc> {
    try {
      const info = await transport.sendMail(mailOf(await this.outgoing(doc), smtp));
      const now = this.now().toISOString();
      // A recipient refused while others were accepted: nodemailer reports it only here.
      if (info.rejected.length) return { ...doc, status: 'failed', lastErrorCode: 'EREJECTED', serverReply: rejectionOf(info), updatedAt: now };
      return { ...doc, status: 'sent', lastErrorCode: '', serverReply: String(info.response ?? '').slice(0, 2000), sentAt: now, updatedAt: now };
    } catch (error) {
      const failure = classify(error);
      const now = this.now();
      if (failure.auth) this.paused = failure;
      const retry = failure.transient && (doc.attempts < MAX_TEMPORARY_ATTEMPTS || !/^[45]\d\d/.test(failure.reply));
      if (retry) {
        const delay = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** Math.max(0, doc.attempts - 1));
        return { ...doc, status: 'queued', lastErrorCode: failure.code, serverReply: failure.reply, nextAttemptAt: new Date(now.getTime() + delay).toISOString(), updatedAt: now.toISOString() };
      }
      return { ...doc, status: 'failed', lastErrorCode: failure.code, serverReply: failure.reply, updatedAt: now.toISOString() };
    }
  }
}
