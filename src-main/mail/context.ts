/**
 * What the parts of mail share: the core, its options, the one queue every change of a message's
 * state goes through (so a message has exactly one writer in this process), and the sender's
 * state the screens ask about.
 */
import type { Core } from '../server/core.js';
import { SerialQueue } from '../server/serial-handlers.js';
import type { Failure, PoolOptions, SmtpTransport } from './smtp.js';
import type { MailPorts } from './ports.js';
import { MailTemplates } from './template-store.js';

export type MailOptions = {
  /** Folder with the shipped templates; default `resources/mail`. */
  templatesDir?: string;
  /** Start sending at start (default true). */
  autoStart?: boolean;
  /** How often the outbox looks for due messages when idle (default 15 s). */
  pollMs?: number;
  /** Retry delays after a transient failure: base × 2^(attempts − 1), at most `maxMs`. */
  backoff?: { baseMs: number; maxMs: number };
  pool?: PoolOptions;
};

/** The name of the outbox's task with the scheduler. */
export const OUTBOX_TASK = 'mail.outbox';

export type MailContext = {
  core: Core;
  ports: MailPorts;
  options: MailOptions;
  templates: MailTemplates;
  /** Every change of a message's state, one after another. */
  outboxQueue: SerialQueue;
  sender: SenderState;
};

export type SenderState = {
  /** The server refused our login: nothing is sent until the settings change or a retry. */
  paused: Failure | null;
  lastError: string;
  stopped: boolean;
  /** A pass of the outbox is under way. */
  running: boolean;
  /** The pooled connections for the current settings; `verified` once the server took a message. */
  transport: { key: string; smtp: SmtpTransport; verified: boolean } | null;
  /** Resolved when the next pass that starts after they were added has ended. */
  waiting: (() => void)[];
  unregister: (() => Promise<void>) | null;
};

export function mailContext(core: Core, ports: MailPorts, options: MailOptions): MailContext {
  return { core, ports, options, templates: new MailTemplates(core, options.templatesDir), outboxQueue: new SerialQueue(), sender: { paused: null, lastError: '', stopped: true, running: false, transport: null, waiting: [], unregister: null } };
}

export const outboxOf = (mail: MailContext) => mail.core.books.db.outbox;

/** Now, by the one clock. */
export const nowIso = (mail: MailContext) => mail.core.clock().toISOString();

/** Screens showing these messages reload. */
export function changed(mail: MailContext, ids: readonly string[]): void {
  if (ids.length) mail.core.bus.emit('data.changed', { collection: 'outbox', ids: [...ids] });
}

/** Look for due messages now (after queueing, going online, or a retry). */
export function kick(mail: MailContext): void {
  if (!mail.sender.stopped) mail.core.scheduler.trigger(OUTBOX_TASK);
}
