/**
 * Mail, the one entry: SMTP settings, templates, the outbox and its task with the scheduler, the
 * .eml export, and the events that queue mail. Others get the handlers and the few functions
 * below, never the files behind them.
 */
import type { MailEvent, MailPreview, MailSettingsView, MailState, ParsedInputOf } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { ChangeDescription } from '../server/write-path.js';
import type { OutboxDoc } from '../store/schemas/workflow.js';
import { kick, mailContext, type MailOptions } from './context.js';
import { dailyMail, listenToEvents, registerDailyMail } from './events.js';
import { exportWaiting } from './export.js';
import { mailHandlers, type MailHandlers } from './handlers.js';
import { paymentReceivedMessage, type ReceivedPayment } from './messages.js';
import { enqueue, orderMailsCancellation, prepare, type NewMessage, type PreparedMessages } from './outbox.js';
import type { MailPorts } from './ports.js';
import { drained, senderState, startSending, stopSending } from './sender.js';
import { saveSettings, settingsView } from './settings.js';
import type { MailValues } from './templates.js';

export type { MailOptions } from './context.js';
export type { MailPorts } from './ports.js';
export type { NewMessage, PreparedMessages } from './outbox.js';
export type { ReceivedPayment } from './messages.js';
export type { MailHandlers } from './handlers.js';
export { signatureOf } from './messages.js';
export { itemOf } from './outbox-items.js';
export { OUTBOX_TASK } from './context.js';
export { DAILY_MAIL_TASK } from './events.js';

export type Mail = {
  handlers: MailHandlers;
  /** The message of `event` in `language` filled with `values`. */
  compose(event: MailEvent, language: 'de' | 'en', values: MailValues): Promise<MailPreview>;
  /** Queues messages; one whose dedupe key is queued already is skipped. Returns the new ones. */
  enqueue(messages: readonly NewMessage[], userId: string): Promise<OutboxDoc[]>;
  /** Messages to queue in the caller's own write: its audit changes and the insert to run inside it; `kick` after the commit. */
  prepare(messages: readonly NewMessage[], userId: string): Promise<PreparedMessages>;
  /** The customers' thanks for these payments (none without an invoice address), prepared for the payments' write. */
  paymentNotices(payments: readonly ReceivedPayment[], userId: string): Promise<PreparedMessages>;
  /** The thanks for one payment, or null without an invoice address. */
  paymentReceivedMessage(payment: ReceivedPayment): Promise<NewMessage | null>;
  /** New mail waits: the outbox looks now. */
  kick(): void;
  settingsView(): Promise<MailSettingsView>;
  saveSettings(input: ParsedInputOf<'mail.saveSettings'>, userId: string): Promise<MailSettingsView>;
  state(): Promise<MailState>;
  /** Runs `work` while no message of this device changes its state (an order cancelled with its confirmation). */
  holdingOutbox<T>(work: () => Promise<T>): Promise<T>;
  /** The changes that cancel an order's waiting confirmation, for the order's write (inside `holdingOutbox`). */
  orderMailsCancellation(orderId: string, userId: string): Promise<{ changes: ChangeDescription[]; apply(): Promise<void> }>;
  exportWaiting(userId: string): Promise<{ folder: string; count: number }>;
  /** What the daily run queues for `today` (held-back invoice mails, payments due soon). */
  dailyMail(today: string): Promise<void>;
  /** Sending starts: messages a crash left in `sending` go back to the queue; the outbox and the daily run register with the scheduler. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once nothing is due and no run of the outbox is under way. */
  drained(timeoutMs?: number): Promise<void>;
};

export function createMail(core: Core, ports: MailPorts, options: MailOptions = {}): Mail {
  const mail = mailContext(core, ports, options);
  listenToEvents(mail);
  let unregisterDaily: (() => Promise<void>) | null = null;
  return {
    handlers: mailHandlers(mail),
    compose: (event, language, values) => mail.templates.compose(event, language, values),
    enqueue: (messages, userId) => enqueue(mail, messages, userId),
    prepare: (messages, userId) => prepare(mail, messages, userId),
    paymentNotices: async (payments, userId) => {
      const messages = await Promise.all(payments.map((p) => paymentReceivedMessage(mail, p)));
      return prepare(
        mail,
        messages.filter((m): m is NewMessage => m !== null),
        userId,
      );
    },
    paymentReceivedMessage: (payment) => paymentReceivedMessage(mail, payment),
    kick: () => kick(mail),
    settingsView: () => settingsView(mail),
    saveSettings: (input, userId) => saveSettings(mail, input, userId),
    state: () => senderState(mail),
    holdingOutbox: (work) => mail.outboxQueue.run(work),
    orderMailsCancellation: (orderId, userId) => orderMailsCancellation(mail, orderId, userId),
    exportWaiting: (userId) => exportWaiting(mail, userId),
    dailyMail: (today) => dailyMail(mail, today),
    start: async () => {
      if (!mail.sender.stopped) return;
      await startSending(mail);
      unregisterDaily = registerDailyMail(mail);
    },
    stop: async () => {
      const daily = unregisterDaily;
      unregisterDaily = null;
      await daily?.();
      await stopSending(mail);
    },
    drained: (timeoutMs) => drained(mail, timeoutMs),
  };
}
