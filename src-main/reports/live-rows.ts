/**
 * Rows of a report projection kept in memory and up to date: read from SQLite on first use, then
 * changed by the collection's change stream (committed writes only; a write that rolls back
 * never reaches it). A record that no longer belongs (deleted, or no longer matching) leaves.
 */
import type { RxChangeEvent, RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import { pickFields, projectRows, type ProjectionFilter } from '../store/projection.js';
import type { BooksCollections, OpenBooks } from '../store/database.js';

export class LiveRows<F extends Record<string, string>, Row> {
  private rows: Map<string, Row> | null = null;
  private subscription: Subscription | null = null;
  private changes = 0;

  constructor(
    private readonly books: Pick<OpenBooks, 'db' | 'filename'>,
    private readonly collection: keyof BooksCollections,
    private readonly fields: F,
    private readonly filters: readonly ProjectionFilter[],
    /** The row of a record, or null when the record does not belong here. */
    private readonly rowOf: (raw: Record<keyof F, unknown>) => Row | null,
  ) {}

  values(): IterableIterator<Row> {
    return this.load().values();
  }

  /**
   * Counts the changes of these rows since they were read: what was made of them stays good while
   * it stands. A write of a record that is not one of them (and was not) leaves it as it is.
   */
  version(): number {
    this.load();
    return this.changes;
  }

  private load(): Map<string, Row> {
    if (this.rows) return this.rows;
    const rows = new Map<string, Row>();
    // Listening first: a write committed while the rows are read arrives once more, and is set again.
    const changes = (this.books.db[this.collection] as RxCollection).$;
    this.subscription = changes.subscribe((event: RxChangeEvent<unknown>) => {
      const doc = event.documentData as unknown as Record<string, unknown>;
      const row = event.operation === 'DELETE' || doc._deleted ? null : this.rowOf(pickFields<Record<keyof F, unknown>>(doc, this.fields));
      // A record of another kind (an audit or export fact beside the payments) changes none of these rows, nor their version.
      if (row === null) {
        if (rows.delete(event.documentId)) this.changes++;
        return;
      }
      rows.set(event.documentId, row);
      this.changes++;
    });
    for (const raw of projectRows<Record<keyof F, unknown>>(this.books, this.collection, this.fields as never, this.filters, { committed: true })) {
      const row = this.rowOf(raw);
      if (row !== null) rows.set(String(raw.id), row);
    }
    this.rows = rows;
    return rows;
  }
}
