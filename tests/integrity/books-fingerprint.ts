/**
 * Whether anything was written to the books file: SQLite's `PRAGMA data_version`, read on a
 * read-only handle of our own, changes exactly when another connection (the app's) commits a
 * change to the file. The tables written since a moment say what changed, for the failure message.
 */
import Database from 'better-sqlite3';

export type BooksWatch = {
  /** Changes whenever the app committed a change to the file since the last call. */
  version(): number;
  /** The tables with rows written at or after `sinceMs` (RxDB's write time), to show what a change touched. */
  writtenSince(sinceMs: number): string[];
  /** The documents written at or after `sinceMs`, with their table. */
  rowsWrittenSince(sinceMs: number): { table: string; doc: Record<string, unknown> }[];
  close(): void;
};

export function watchBooks(filename: string): BooksWatch {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const tables = () =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rx\\_\\_%' ESCAPE '\\'").all() as { name: string }[]).map((t) => t.name);
  return {
    version: () => db.pragma('data_version', { simple: true }) as number,
    writtenSince: (sinceMs) =>
      tables().filter((table) => {
        const row = db.prepare(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}" WHERE lwt >= ?`).get(sinceMs) as { n: number };
        return row.n > 0;
      }),
    rowsWrittenSince: (sinceMs) =>
      tables().flatMap((table) =>
        (db.prepare(`SELECT data FROM "${table.replaceAll('"', '""')}" WHERE lwt >= ?`).all(sinceMs) as { data: string }[]).map((row) => ({ table, doc: JSON.parse(row.data) as Record<string, unknown> })),
      ),
    close: () => db.close(),
  };
}
