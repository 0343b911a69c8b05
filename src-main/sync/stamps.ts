/**
 * Every local write of a synced record gets the next stamp of this device's hybrid logical
 * clock (`hlc`), set by the store's hooks so that no handler can forget it. Writes that sync
 * makes (pulled documents, resolved conflicts) go around these hooks and keep their stamps.
 */
import type { RxCollection } from 'rxdb';
import type { BooksDatabase } from '../store/database.js';
import type { HybridClock } from './hlc.js';

/** The synced collections whose records carry the audit stamps (facts are append-only and need none). */
const STAMPED = ['settings', 'users', 'customers', 'products', 'orders', 'invoices', 'paymentRequests'] as const;

export function stampLocalWrites(db: BooksDatabase, clock: HybridClock): void {
  for (const name of STAMPED) {
    const collection = db[name] as unknown as RxCollection<{ hlc?: string }>;
    collection.preInsert((data) => {
      data.hlc = clock.now();
    }, false);
    collection.preSave((data) => {
      data.hlc = clock.now();
    }, false);
  }
}
