import type { AuditLog } from '../audit/log.js';
import type { SecretBox } from '../store/secret-box.js';
import type { OpenBooks } from '../store/database.js';
import type { Logger } from './dispatcher.js';
import type { EventBus } from './events.js';
import type { Jobs } from './jobs.js';
import type { Scheduler } from './scheduler.js';
import type { WritePath } from './write-path.js';

/**
 * What every capability stands on, and nothing more: the books, the one write path, the audit
 * log, the one event bus, the one scheduler and its clock, background jobs and sealed secrets.
 * A capability gets this plus the few functions it needs from others (its ports), never the
 * other capabilities themselves.
 */
export type Core = {
  books: OpenBooks;
  writes: WritePath;
  audit: AuditLog;
  bus: EventBus;
  scheduler: Scheduler;
  /** Now, by the scheduler's clock. */
  clock: () => Date;
  jobs: Jobs;
  secrets: SecretBox;
  logger: Logger;
};
