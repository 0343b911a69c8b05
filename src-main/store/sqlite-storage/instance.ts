import type Database from 'better-sqlite3';
import { Subject, type Observable } from 'rxjs';
import {
  categorizeBulkWriteRows,
  getQueryMatcher,
  getSortComparator,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  INDEX_MAX,
  INDEX_MIN,
  now,
  type BulkWriteRow,
  type EventBulk,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageCountResult,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
  type RxStorageQueryResult,
} from 'rxdb';
import { StoreError } from '../errors.js';
import { openTransaction, readHandle, releaseConnection, turnOf, type Connection } from './connection.js';
import { createTable, indexKey, quote, type IndexColumn, type TableLayout } from './table.js';

export type SQLiteInternals = {
  readonly connection: Connection;
  readonly layout: TableLayout<unknown>;
};

export type SQLiteInstanceOptions = Record<string, never>;

type ChangeBulk<T> = EventBulk<RxStorageChangeEvent<RxDocumentData<T>>, RxStorageDefaultCheckpoint>;

/**
 * Change events of one table, shared by every instance on it within this process, so that
 * two RxDB databases opened on the same file see each other's writes.
 */
const CHANGES: Map<string, Subject<ChangeBulk<any>>> = new Map();

type Statements = {
  insert: Database.Statement;
  update: Database.Statement;
  byIds: Database.Statement;
  deleteOld: Database.Statement;
};

/**
 * SQLite text compares UTF-8 bytes; RxDB's index strings use U+FFFF as "greater than any
 * character", which in UTF-8 sorts below characters outside the BMP. U+10FFFF is the largest
 * code point, so the bound stays above every real value.
 */
const UPPER_SENTINEL = String.fromCharCode(0xffff);
const UTF8_MAX = String.fromCodePoint(0x10ffff);
export function toSqlBound(bound: string): string {
  return bound.includes(UPPER_SENTINEL) ? bound.replaceAll(UPPER_SENTINEL, UTF8_MAX) : bound;
}

export class RxStorageInstanceSQLite<RxDocType>
  implements RxStorageInstance<RxDocType, SQLiteInternals, SQLiteInstanceOptions, RxStorageDefaultCheckpoint>
{
  readonly internals: SQLiteInternals;
  private readonly db: Database.Database;
  private readonly layout: TableLayout<RxDocType>;
  private readonly primaryPath: string;
  private readonly changes$: Subject<ChangeBulk<RxDocType>>;
  private readonly statements: Statements;
  private readonly indexByKey: Map<string, IndexColumn<RxDocType>>;
  private readonly changesIndex: IndexColumn<RxDocType>;
  private closed = false;
  /** Prepared statements per handle (the writer's and the read-only one) and SQL text. */
  private readonly cachedStatements: WeakMap<Database.Database, Map<string, Database.Statement>> = new WeakMap();

  constructor(
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    connection: Connection,
    layout: TableLayout<RxDocType>,
    readonly options: Readonly<SQLiteInstanceOptions>,
  ) {
    this.internals = { connection, layout: layout as TableLayout<unknown> };
    this.db = connection.db;
    this.layout = layout;
    this.primaryPath = layout.primaryPath;
    this.indexByKey = new Map(layout.indexes.map((ix) => [ix.key, ix]));
    const changesIndex = this.indexByKey.get(indexKey(['_meta.lwt', this.primaryPath]));
    if (!changesIndex) throw new Error(`Collection ${collectionName} lacks RxDB's checkpoint index`);
    this.changesIndex = changesIndex;
    createTable(this.db, layout as TableLayout<unknown>);
    this.statements = this.prepareStatements();
    const changesKey = `${connection.filename}\u0000${layout.table}`;
    let changes = CHANGES.get(changesKey);
    if (!changes) {
      changes = new Subject();
      CHANGES.set(changesKey, changes);
    }
    this.changes$ = changes;
  }

  private prepareStatements(): Statements {
    const t = quote(this.layout.table);
    const ixColumns = this.layout.indexes.map((ix) => ix.column);
    const insertColumns = ['id', 'deleted', 'lwt', 'data', ...ixColumns];
    const placeholders = insertColumns.map(() => '?').join(', ');
    const setters = ['deleted', 'lwt', 'data', ...ixColumns].map((c) => `${c} = ?`).join(', ');
    return {
      insert: this.db.prepare(`INSERT INTO ${t} (${insertColumns.join(', ')}) VALUES (${placeholders})`),
      update: this.db.prepare(`UPDATE ${t} SET ${setters} WHERE id = ?`),
      byIds: this.db.prepare(`SELECT data FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`).pluck(),
      deleteOld: this.db.prepare(`DELETE FROM ${t} WHERE deleted = 1 AND lwt < ?`),
    };
  }

  private rowValues(doc: RxDocumentData<RxDocType>): unknown[] {
    const values: unknown[] = [doc._deleted ? 1 : 0, doc._meta.lwt, JSON.stringify(doc)];
    for (const ix of this.layout.indexes) values.push(ix.toIndexString(doc));
    return values;
  }

  async bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    this.ensureOpen();
    // RxDB's replication chains the writes of a pulled batch (documents, their meta, the
    // checkpoint) without a pause: each lets the event loop turn first, so a screen's call is
    // answered between them instead of behind the whole batch.
    if (context.startsWith('replication')) await new Promise<void>((resolve) => setImmediate(resolve));
    for (let wait = turnOf(this.internals.connection); wait; wait = turnOf(this.internals.connection)) await wait;
    const primaryPath = this.primaryPath as keyof RxDocType & string;
    // One transaction per bulkWrite: a crash leaves all of it or none of it.
    const write = this.db.transaction(() => {
      const ids = documentWrites.map((row) => (row.document as Record<string, unknown>)[primaryPath] as string);
      const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
      for (const json of this.statements.byIds.all(JSON.stringify(ids)) as string[]) {
        const doc = JSON.parse(json) as RxDocumentData<RxDocType>;
        docsInDb.set((doc as Record<string, unknown>)[primaryPath] as string, doc);
      }
      const categorized = categorizeBulkWriteRows<RxDocType>(this, primaryPath as never, docsInDb, documentWrites, context);
      for (const row of categorized.bulkInsertDocs) {
        const doc = row.document;
        this.statements.insert.run((doc as Record<string, unknown>)[primaryPath], ...this.rowValues(doc));
      }
      for (const row of categorized.bulkUpdateDocs) {
        const doc = row.document;
        this.statements.update.run(...this.rowValues(doc), (doc as Record<string, unknown>)[primaryPath]);
      }
      return categorized;
    });
    const categorized = write();
    const events = categorized.eventBulk;
    if (events.events.length > 0 && categorized.newestRow) {
      const newest = categorized.newestRow.document;
      events.checkpoint = { id: (newest as Record<string, unknown>)[primaryPath] as string, lwt: newest._meta.lwt };
      const emit = () => this.changes$.next(events as ChangeBulk<RxDocType>);
      const transaction = openTransaction(this.internals.connection);
      if (transaction) {
        // Inside an open write: the events wait for its COMMIT and vanish with a ROLLBACK.
        let touched = transaction.touched.get(this.collectionName);
        if (!touched) transaction.touched.set(this.collectionName, (touched = new Set()));
        for (const event of events.events) touched.add(event.documentId);
        transaction.pendingEvents.push(emit);
      } else {
        emit();
      }
    }
    return { error: categorized.errors };
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    this.ensureOpen();
    const t = quote(this.layout.table);
    const sql = withDeleted
      ? `SELECT data FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`
      : `SELECT data FROM ${t} WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0`;
    const rows = this.statement(sql).all(JSON.stringify(ids)) as string[];
    return rows.map((json) => JSON.parse(json) as RxDocumentData<RxDocType>);
  }

  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    this.ensureOpen();
    const { query, queryPlan } = preparedQuery;
    const skip = query.skip ?? 0;
    const limit = typeof query.limit === 'number' ? query.limit : Infinity;
    const range = this.rangeOf(preparedQuery);
    const sortByIndex = queryPlan.sortSatisfiedByIndex && range.indexed;

    if (queryPlan.selectorSatisfiedByIndex && range.indexed && sortByIndex) {
      // Everything is answered by the B-tree: let SQLite skip and limit.
      const sql = `${range.sql} LIMIT ? OFFSET ?`;
      const rows = this.statement(sql).all(...range.params, limit === Infinity ? -1 : limit, skip) as string[];
      return { documents: rows.map((json) => JSON.parse(json) as RxDocumentData<RxDocType>) };
    }

    const matches = getQueryMatcher(this.schema, query);
    const wanted = skip + limit;
    const reverse = sortByIndex ? undefined : this.reverseScanFor(preparedQuery);
    if (reverse) {
      // Newest-first lists: walk an index backwards and stop after skip + limit matches.
      const found: RxDocumentData<RxDocType>[] = [];
      for (const json of this.statement(reverse.sql).iterate(...reverse.params) as Iterable<string>) {
        const doc = JSON.parse(json) as RxDocumentData<RxDocType>;
        if (!matches(doc)) continue;
        found.push(doc);
        if (found.length >= wanted) break;
      }
      return { documents: found.slice(skip, wanted) };
    }
    let documents: RxDocumentData<RxDocType>[] = [];
    for (const json of this.statement(range.sql).iterate(...range.params) as Iterable<string>) {
      const doc = JSON.parse(json) as RxDocumentData<RxDocType>;
      if (!matches(doc)) continue;
      documents.push(doc);
      if (sortByIndex && documents.length >= wanted) break;
    }
    if (!sortByIndex) documents.sort(getSortComparator(this.schema, query));
    if (skip > 0 || documents.length > wanted) documents = documents.slice(skip, wanted);
    return { documents };
  }

  async count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    this.ensureOpen();
    const range = this.rangeOf(preparedQuery);
    if (preparedQuery.queryPlan.selectorSatisfiedByIndex && range.indexed) {
      const count = this.statement(range.countSql).get(...range.params) as number;
      return { count, mode: 'fast' };
    }
    const matches = getQueryMatcher(this.schema, preparedQuery.query);
    let count = 0;
    for (const json of this.statement(range.sql).iterate(...range.params) as Iterable<string>) {
      if (matches(JSON.parse(json) as RxDocumentData<RxDocType>)) count++;
    }
    return { count, mode: 'fast' };
  }

  /**
   * A query sorted only descending, on the fields of one of our indexes that follow fields the
   * selector fixes with equality, is that index read backwards (RxDB's plan re-sorts every
   * descending query in memory). Returns the SQL, or undefined when no index fits.
   */
  private reverseScanFor(preparedQuery: PreparedQuery<RxDocType>): { sql: string; params: string[] } | undefined {
    const sort = preparedQuery.query.sort.map((part) => Object.entries(part)[0] as [string, 'asc' | 'desc']);
    if (sort.length === 0 || sort.some(([, direction]) => direction !== 'desc')) return undefined;
    const selector = preparedQuery.query.selector as Record<string, unknown>;
    const equal = (field: string): { value: unknown } | undefined => {
      const condition = selector[field];
      if (condition === undefined) return undefined;
      if (condition === null || typeof condition !== 'object') return { value: condition };
      const keys = Object.keys(condition);
      return keys.length === 1 && keys[0] === '$eq' ? { value: (condition as { $eq: unknown }).$eq } : undefined;
    };
    for (const ix of this.layout.indexes) {
      const prefixLength = ix.fields.length - sort.length;
      if (prefixLength < 0 || !sort.every(([field], i) => ix.fields[prefixLength + i] === field)) continue;
      const prefix = ix.fields.slice(0, prefixLength).map((field) => equal(field));
      if (prefix.some((p) => p === undefined || !['string', 'number', 'boolean'].includes(typeof p.value))) continue;
      const values = prefix.map((p) => p!.value as string | number | boolean);
      const fields = ix.fields as string[];
      const lower = getStartIndexStringFromLowerBound(this.schema, fields, [...values, ...sort.map(() => INDEX_MIN)]);
      const upper = toSqlBound(getStartIndexStringFromUpperBound(this.schema, fields, [...values, ...sort.map(() => INDEX_MAX)]));
      const t = quote(this.layout.table);
      return { sql: `SELECT data FROM ${t} WHERE ${ix.column} >= ? AND ${ix.column} <= ? ORDER BY ${ix.column} DESC`, params: [lower, upper] };
    }
    return undefined;
  }

  /** SQLite's plan for a query, as `EXPLAIN QUERY PLAN` details: shows which index serves it. */
  explainQuery(preparedQuery: PreparedQuery<RxDocType>): string[] {
    const reverse = preparedQuery.queryPlan.sortSatisfiedByIndex ? undefined : this.reverseScanFor(preparedQuery);
    if (reverse) {
      const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${reverse.sql}`).all(...reverse.params) as { detail: string }[];
      return ['reverse index scan', ...rows.map((row) => row.detail)];
    }
    const range = this.rangeOf(preparedQuery);
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${range.sql}`).all(...range.params) as { detail: string }[];
    return rows.map((row) => row.detail);
  }

  /** The SQL range scan for a query plan's index and bounds. */
  private rangeOf(preparedQuery: PreparedQuery<RxDocType>): {
    indexed: boolean;
    sql: string;
    countSql: string;
    params: string[];
  } {
    const t = quote(this.layout.table);
    const plan = preparedQuery.queryPlan;
    const ix = this.indexByKey.get(indexKey(plan.index));
    if (!ix) {
      // An index forced by the query that the schema does not declare: scan in id order.
      return { indexed: false, sql: `SELECT data FROM ${t} ORDER BY id`, countSql: '', params: [] };
    }
    const lower = getStartIndexStringFromLowerBound(this.schema, plan.index, plan.startKeys);
    const upper = toSqlBound(getStartIndexStringFromUpperBound(this.schema, plan.index, plan.endKeys));
    const where = `${ix.column} ${plan.inclusiveStart ? '>=' : '>'} ? AND ${ix.column} ${plan.inclusiveEnd ? '<=' : '<'} ?`;
    return {
      indexed: true,
      sql: `SELECT data FROM ${t} WHERE ${where} ORDER BY ${ix.column}`,
      countSql: `SELECT count(*) FROM ${t} WHERE ${where}`,
      params: [lower, upper],
    };
  }

  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    this.ensureOpen();
    const ix = this.changesIndex;
    const t = quote(this.layout.table);
    let rows: string[];
    if (checkpoint) {
      const after = getStartIndexStringFromLowerBound(this.schema, ix.fields as string[], [checkpoint.lwt, checkpoint.id]);
      rows = this.statement(`SELECT data FROM ${t} WHERE ${ix.column} > ? ORDER BY ${ix.column} LIMIT ?`).all(
        after,
        limit,
      ) as string[];
    } else {
      rows = this.statement(`SELECT data FROM ${t} ORDER BY ${ix.column} LIMIT ?`).all(limit) as string[];
    }
    const documents = rows.map((json) => JSON.parse(json) as RxDocumentData<RxDocType>);
    const last = documents[documents.length - 1];
    const next = last
      ? { id: (last as Record<string, unknown>)[this.primaryPath] as string, lwt: last._meta.lwt }
      : (checkpoint ?? { id: '', lwt: 0 });
    return { documents, checkpoint: next };
  }

  changeStream(): Observable<ChangeBulk<RxDocType>> {
    this.ensureOpen();
    return this.changes$.asObservable();
  }

  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    this.ensureOpen();
    for (let wait = turnOf(this.internals.connection); wait; wait = turnOf(this.internals.connection)) await wait;
    this.statements.deleteOld.run(now() - minimumDeletedTime);
    return true;
  }

  getAttachmentData(): Promise<Blob> {
    return Promise.reject(
      new StoreError('ATTACHMENTS_NOT_SUPPORTED', 'The SQLite storage keeps no attachments; store files beside the database.'),
    );
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    releaseConnection(this.internals.connection);
    return Promise.resolve();
  }

  async remove(): Promise<void> {
    this.ensureOpen();
    for (let wait = turnOf(this.internals.connection); wait; wait = turnOf(this.internals.connection)) await wait;
    this.db.exec(`DROP TABLE IF EXISTS ${quote(this.layout.table)}`);
    await this.close();
  }

  /**
   * A read statement, prepared once per SQL text and handle; returns the `data` column (or a
   * count) as plain values. Inside a write it reads the writer's own view; outside an open
   * write, the last committed state.
   */
  private statement(sql: string): Database.Statement {
    const db = readHandle(this.internals.connection);
    let byText = this.cachedStatements.get(db);
    if (!byText) this.cachedStatements.set(db, (byText = new Map()));
    let statement = byText.get(sql);
    if (!statement) {
      statement = db.prepare(sql).pluck();
      byText.set(sql, statement);
    }
    return statement;
  }



  private ensureOpen(): void {
    if (this.closed) {
      throw new StoreError('STORE_CLOSED', `Collection ${this.collectionName} of ${this.databaseName} is closed.`);
    }
  }
}
