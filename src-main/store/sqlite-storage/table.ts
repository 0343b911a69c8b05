import type Database from 'better-sqlite3';
import {
  getIndexableStringMonad,
  getPrimaryFieldOfPrimaryKey,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';

/**
 * How one RxDB collection lies in SQLite: a table with the document as JSON, the columns
 * RxDB's cleanup and checkpoints need, and one column per RxDB index holding RxDB's
 * indexable string of that index, each with its own SQLite index. Range queries of the
 * query plan then become `ix BETWEEN lower AND upper ORDER BY ix` on a B-tree.
 */
export type TableLayout<RxDocType> = {
  readonly table: string;
  readonly primaryPath: string;
  /** One entry per RxDB index, in the order of `schema.indexes`. */
  readonly indexes: readonly IndexColumn<RxDocType>[];
};

export type IndexColumn<RxDocType> = {
  readonly fields: readonly string[];
  readonly key: string;
  readonly column: string;
  readonly toIndexString: (doc: RxDocumentData<RxDocType>) => string;
};

export function tableLayout<RxDocType>(
  databaseName: string,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
): TableLayout<RxDocType> {
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
  const table = `rx__${safeName(databaseName)}__${safeName(collectionName)}__v${schema.version}`;
  const indexes = (schema.indexes ?? []).map((index, position) => {
    const fields = (Array.isArray(index) ? index : [index]) as string[];
    return {
      fields,
      key: indexKey(fields),
      column: `ix${position}`,
      toIndexString: getIndexableStringMonad(schema, fields) as (doc: RxDocumentData<RxDocType>) => string,
    };
  });
  return { table, primaryPath, indexes };
}

export function indexKey(fields: readonly string[]): string {
  return fields.join(',');
}

export function createTable(db: Database.Database, layout: TableLayout<unknown>): void {
  const t = quote(layout.table);
  const indexColumns = layout.indexes.map((ix) => `, ${ix.column} TEXT NOT NULL`).join('');
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY NOT NULL, deleted INTEGER NOT NULL, lwt REAL NOT NULL, data TEXT NOT NULL${indexColumns})`,
  );
  for (const ix of layout.indexes) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`${layout.table}__${ix.column}`)} ON ${t} (${ix.column})`);
  }
  db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`${layout.table}__cleanup`)} ON ${t} (deleted, lwt)`);
}

export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}
