/**
 * Read-only projections of a collection for reports: the few fields a report needs, taken from
 * the stored JSON by SQLite itself (`json_extract`), without building RxDB documents. Reports
 * over 100,000 invoices and 150,000 payments read in a fraction of the time a full document
 * read takes. Only committed records are seen (a write in progress elsewhere stays invisible),
 * deleted ones never; nothing is written.
 */
import { acquireConnection, committedHandle, readHandle, releaseConnection } from './sqlite-storage/connection.js';
import { getStartIndexStringFromLowerBound, getStartIndexStringFromUpperBound, INDEX_MAX, INDEX_MIN } from 'rxdb';
import { toSqlBound } from './sqlite-storage/instance.js';
import { quote, tableLayout, type TableLayout } from './sqlite-storage/table.js';
import type { BooksCollections, OpenBooks } from './database.js';

/** Alias → JSON path in the document (`$.payment.amount`). Objects and arrays come back parsed. */
export type ProjectionFields = Record<string, string>;

export type ProjectionFilter =
  | {
      /** Only records whose field at `path` equals one of `values`. */
      path: string;
      values: readonly (string | number)[];
    }
  | {
      /**
       * Only records whose field at `path` lies between `from` and `to` (both included; either
       * may be left out), compared as SQLite compares text: ISO dates and times in order. A record
       * without the field is left out.
       */
      path: string;
      from?: string;
      to?: string;
    };

/** Longer lists of values go to SQLite as one JSON array, not as one parameter each. */
const MANY_VALUES = 100;

const JSON_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function checkedPath(path: string): string {
  // Paths are written in our code, never taken from input; the check keeps it that way.
  if (!JSON_PATH.test(path)) throw new Error(`Not a plain JSON path: ${path}`);
  return path;
}

type Schema = { properties: Record<string, { type?: unknown }> };

/**
 * The range of one of the collection's indexes (an index column of the table, ordered) that holds
 * every record the filters let through: an index whose first field is asked to equal one text,
 * best one whose second field has a text range too. Null when no index fits (then every record is read).
 */
function indexRange(layout: TableLayout<unknown>, schema: Schema, filters: readonly ProjectionFilter[]): { sql: string; params: string[] } | null {
  const byPath = new Map(filters.map((f) => [f.path, f]));
  const isText = (field: string) => schema.properties[field]?.type === 'string';
  let best: { column: string; lower: string; upper: string; ranged: boolean } | null = null;
  for (const ix of layout.indexes) {
    const [first, second, ...more] = ix.fields;
    const equal = byPath.get(`$.${first}`);
    if (!first || more.length || !isText(first) || !equal || !('values' in equal) || equal.values.length !== 1 || typeof equal.values[0] !== 'string') continue;
    const range = second === undefined ? undefined : byPath.get(`$.${second}`);
    const bounds: { from?: string; to?: string } = range && !('values' in range) && isText(second!) ? range : {};
    const lowerKeys = second === undefined ? [equal.values[0]] : [equal.values[0], bounds.from ?? INDEX_MIN];
    const upperKeys = second === undefined ? [equal.values[0]] : [equal.values[0], bounds.to ?? INDEX_MAX];
    const candidate = {
      column: ix.column,
      lower: getStartIndexStringFromLowerBound(schema as never, [...ix.fields], lowerKeys),
      upper: toSqlBound(getStartIndexStringFromUpperBound(schema as never, [...ix.fields], upperKeys)),
      ranged: bounds.from !== undefined || bounds.to !== undefined,
    };
    if (!best || (candidate.ranged && !best.ranged)) best = candidate;
  }
  return best && { sql: `${best.column} >= ? AND ${best.column} <= ?`, params: [best.lower, best.upper] };
}

/**
 * The rows of one collection as objects of the given aliases. `filters` are ANDed; within an
 * equality filter the values are ORed. Values and bounds are bound as parameters.
 */
export function projectRows<T extends Record<string, unknown>>(
  books: Pick<OpenBooks, 'db' | 'filename'>,
  collection: keyof BooksCollections,
  fields: { [K in keyof T]: string },
  filters: readonly ProjectionFilter[] = [],
  options: {
    /** Committed records only, also when called inside a write (rows that outlive the call). */
    committed?: boolean;
    /**
     * Narrowed by the collection's indexes where the filters allow (the primary key, an index
     * beginning with a field asked to equal one value); the rows then come in no particular order.
     */
    indexed?: boolean;
  } = {},
): T[] {
  const schema = books.db[collection].schema.jsonSchema;
  const layout = tableLayout('books', collection, schema as never);
  const { table } = layout;
  const aliases = Object.keys(fields);
  // One json_extract with every path: SQLite walks the document once per row and answers with a
  // JSON array of the values, which one JSON.parse turns into values (objects and arrays too).
  // (A single path would answer with the bare value: it is asked twice to keep one shape.)
  const paths = aliases.map((alias) => `'${checkedPath(fields[alias as keyof T])}'`);
  const select = `json_extract(data, ${(paths.length === 1 ? [paths[0], paths[0]] : paths).join(', ')})`;
  // Indexed: `+deleted` keeps SQLite from walking the cleanup index (every record) instead of the narrower one.
  const where = [options.indexed ? '+deleted = 0' : 'deleted = 0'];
  const params: (string | number)[] = [];
  const narrowed = options.indexed ? indexRange(layout as TableLayout<unknown>, schema as unknown as Schema, filters) : null;
  if (narrowed) {
    where.push(narrowed.sql);
    params.push(...narrowed.params);
  }
  for (const filter of filters) {
    const field = options.indexed && filter.path === `$.${layout.primaryPath}` ? 'id' : `json_extract(data, '${checkedPath(filter.path)}')`;
    if ('values' in filter) {
      if (filter.values.length > MANY_VALUES) {
        where.push(`${field} IN (SELECT value FROM json_each(?))`);
        params.push(JSON.stringify(filter.values));
      } else {
        where.push(`${field} IN (${filter.values.map(() => '?').join(', ') || 'NULL'})`);
        params.push(...filter.values);
      }
      continue;
    }
    if (filter.from !== undefined && filter.to !== undefined) {
      where.push(`${field} BETWEEN ? AND ?`);
      params.push(filter.from, filter.to);
    } else if (filter.from !== undefined) {
      where.push(`${field} >= ?`);
      params.push(filter.from);
    } else if (filter.to !== undefined) {
      where.push(`${field} <= ?`);
      params.push(filter.to);
    } else {
      where.push(`${field} IS NOT NULL`);
    }
  }
  const connection = acquireConnection(books.filename);
  try {
    const handle = options.committed ? committedHandle(connection) : readHandle(connection);
    const rows = handle
      .prepare(`SELECT ${select} FROM ${quote(table)} WHERE ${where.join(' AND ')}`)
      .raw()
      .all(...params) as unknown[][];
    return rows.map((row) => {
      const values = JSON.parse(row[0] as string) as unknown[];
      const out: Record<string, unknown> = {};
      for (let i = 0; i < aliases.length; i++) out[aliases[i]!] = values[i] ?? null;
      return out as T;
    });
  } finally {
    releaseConnection(connection);
  }
}

/**
 * The same projection of one document held in memory (a document of the change stream), so that
 * a row made from it equals the row SQLite would give: missing values are null.
 */
export function pickFields<T extends Record<string, unknown>>(doc: unknown, fields: { [K in keyof T]: string }): T {
  const out: Record<string, unknown> = {};
  for (const alias of Object.keys(fields)) {
    let value: unknown = doc;
    for (const key of checkedPath(fields[alias as keyof T]).slice(2).split('.')) {
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    out[alias] = value ?? null;
  }
  return out as T;
}
