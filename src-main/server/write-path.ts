import { inTransaction } from '../store/index.js';
import { SerialQueue } from './serial-handlers.js';
import type { OpenBooks } from '../store/database.js';
import { withFieldErrors } from '../store/write-errors.js';
import type { AuditLog } from '../audit/log.js';
import type { EventBus } from './events.js';

export type ChangeDescription = {
  /** The collection whose records change; screens showing it reload. */
  collection: string;
  /** `invoice.issued`, `settings.companySaved` … */
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/**
 * The one door for every change of the books: apply the change and append its audit entry in
 * one SQLite transaction (both or neither), then tell the screens. Inputs were validated by
 * the dispatcher; the store's schemas check the documents once more. Writes run one at a
 * time, so the audit chain never forks.
 */
export class WritePath {
  private readonly queue = new SerialQueue();

  constructor(
    private readonly books: OpenBooks,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
  ) {}

  /**
   * A change that is not part of the books (the outbox's sending state): in the same queue and a
   * transaction of its own, so it never lands inside, or rolls back with, another write.
   */
  quiet<T>(apply: () => Promise<T>, options: { durable?: boolean } = {}): Promise<T> {
    const run = async () => {
      let result!: T;
      await inTransaction(
        this.books.filename,
        async () => {
          result = await apply();
        },
        options,
      );
      return result;
    };
    return this.queue.run(run);
  }

  write<T>(userId: string, change: ChangeDescription | readonly ChangeDescription[], apply: () => Promise<T>): Promise<T> {
    const changes = Array.isArray(change) ? (change as readonly ChangeDescription[]) : [change as ChangeDescription];
    const run = async () => {
      let result!: T;
      try {
        await inTransaction(this.books.filename, async () => {
          result = await withFieldErrors(apply);
          await this.audit.appendMany(
            changes.map((c) => ({ userId, action: c.action, entity: c.entity, entityId: c.entityId, before: c.before, after: c.after })),
          );
        });
      } catch (error) {
        this.audit.forgetHead();
        throw error;
      }
      this.audit.committed();
      for (const collection of new Set(changes.map((c) => c.collection))) {
        this.bus.emit('data.changed', { collection, ids: changes.filter((c) => c.collection === collection).map((c) => c.entityId) });
      }
      return result;
    };
    return this.queue.run(run);
  }
}
