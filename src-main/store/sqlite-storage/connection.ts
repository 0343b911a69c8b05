import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { damagedFileMessage, storeErrorOf, StoreError } from '../errors.js';

/**
 * Marks a SQLite file as ours (`PRAGMA application_id`), so that opening some other
 * program's database is refused instead of silently adding tables to it.
 * The value spells "RWK1" in ASCII.
 */
export const APPLICATION_ID = 0x52574b31;

export type Connection = {
  readonly filename: string;
  readonly db: Database.Database;
  refCount: number;
  /** A second, read-only handle: reads outside an open write see the last committed state. */
  reader?: Database.Database;
  /** The write transaction open on `db`, if any. */
  transaction?: Transaction;
  /** Called after a ROLLBACK with the ids each collection wrote inside it. */
  readonly rollbackListeners: Set<(touched: ReadonlyMap<string, ReadonlySet<string>>) => void>;
};

/**
 * One write transaction on a file. Change events of the writes inside it wait here and are
 * emitted after COMMIT, or dropped on ROLLBACK, so nothing that listens (RxDB's caches,
 * replication) ever sees a document that is not in the file.
 */
export type Transaction = {
  readonly connection: Connection;
  /** Emitters of the change events, in write order. */
  readonly pendingEvents: (() => void)[];
  /** Ids written inside, per collection. */
  readonly touched: Map<string, Set<string>>;
  /** Settles when the transaction has committed or rolled back. */
  readonly finished: Promise<void>;
};

const CURRENT = new AsyncLocalStorage<Transaction>();
/**
 * Open transactions of this process. While none is open the context is switched off: on Node 20
 * it costs every promise of the process a hook, which a batch of thousands of documents feels.
 */
let openTransactions = 0;
function transactionEnded(): void {
  if (--openTransactions === 0) CURRENT.disable();
}

/** The write transaction open on a connection, if any. */
export function openTransaction(connection: Connection): Transaction | undefined {
  return connection.transaction;
}

/** True when the calling code runs inside `transaction` (the write that opened it). */
export function runsInside(transaction: Transaction): boolean {
  return CURRENT.getStore() === transaction;
}

/**
 * The open transaction when the caller is not part of it: writes then wait for it to end, reads
 * go to the read-only handle.
 */
export function foreignTransaction(connection: Connection): Transaction | undefined {
  const transaction = connection.transaction;
  return transaction && CURRENT.getStore() !== transaction ? transaction : undefined;
}

/**
 * Before a write from the storage: what it has to wait for (another caller's open transaction),
 * or nothing when it may write now; a transaction SQLite has open that `inTransaction` does not
 * know of is refused. Synchronous on purpose: written as
 * `for (let wait = turnOf(c); wait; wait = turnOf(c)) await wait;` directly before the write, the
 * check that ends the wait and the write run in one turn, so the write cannot slip into a
 * transaction opened meanwhile.
 */
export function turnOf(connection: Connection): Promise<void> | undefined {
  const open = foreignTransaction(connection);
  if (open) return open.finished;
  if (connection.db.inTransaction && !connection.transaction) {
    throw new Error('A transaction is open on the data file outside inTransaction; writes must go through it.');
  }
  return undefined;
}

/** The handle a read should use now: the writer's own view inside a write, else the committed state. */
export function readHandle(connection: Connection): Database.Database {
  if (!foreignTransaction(connection)) return connection.db;
  return readerOf(connection);
}

/** A handle that sees the committed state only, also from inside a write. */
export function committedHandle(connection: Connection): Database.Database {
  return connection.db.inTransaction ? readerOf(connection) : connection.db;
}

function readerOf(connection: Connection): Database.Database {
  if (!connection.reader?.open) {
    const reader = new Database(connection.filename, { readonly: true, fileMustExist: true });
    reader.pragma('busy_timeout = 5000');
    connection.reader = reader;
  }
  return connection.reader;
}

const OPEN: Map<string, Connection> = new Map();

/**
 * One better-sqlite3 handle per file and process, shared by every storage instance
 * (RxDB opens one instance per collection plus its internal store).
 */
export function acquireConnection(filename: string): Connection {
  const existing = OPEN.get(filename);
  if (existing) {
    existing.refCount++;
    return existing;
  }
  const db = openChecked(filename);
  const connection: Connection = { filename, db, refCount: 1, rollbackListeners: new Set() };
  OPEN.set(filename, connection);
  return connection;
}

export function releaseConnection(connection: Connection): void {
  connection.refCount--;
  if (connection.refCount > 0) return;
  OPEN.delete(connection.filename);
  if (connection.reader?.open) connection.reader.close();
  // Closing the last connection checkpoints the WAL into the main file and deletes it.
  if (connection.db.open) {
    connection.db.close();
    recordCleanClose(connection.filename);
  }
}

/**
 * The file as the app left it when it closed it cleanly: size, modification time and inode. An
 * open that finds the file exactly so skips the check of every page, which would otherwise read
 * the whole file at every start; after a crash, or when anything else wrote the file, the
 * check runs.
 */
type CleanClose = { size: number; mtimeMs: number; ino: number };

const cleanCloseFile = (filename: string) => `${filename}.closed`;

function fileState(filename: string): CleanClose | undefined {
  try {
    const stat = fs.statSync(filename);
    return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  } catch {
    return undefined;
  }
}

function recordCleanClose(filename: string): void {
  const state = fileState(filename);
  if (!state || fs.existsSync(`${filename}-wal`)) return;
  try {
    fs.writeFileSync(cleanCloseFile(filename), JSON.stringify(state), { mode: 0o600 });
  } catch {
    // Without the record the next start checks every page; nothing is lost.
  }
}

/** True when the file is as the app closed it (the record is removed once the file is open). */
function closedCleanly(filename: string): boolean {
  const record = cleanCloseFile(filename);
  let recorded: Partial<CleanClose> | undefined;
  try {
    recorded = JSON.parse(fs.readFileSync(record, 'utf8')) as Partial<CleanClose>;
  } catch {
    return false;
  }
  const now = fileState(filename);
  return !!now && recorded.size === now.size && recorded.mtimeMs === now.mtimeMs && recorded.ino === now.ino;
}

function openChecked(filename: string): Database.Database {
  const unchanged = closedCleanly(filename);
  let db: Database.Database;
  try {
    db = new Database(filename);
  } catch (cause) {
    throw openFailure(filename, cause);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tableCount = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (appId !== 0 || tableCount > 0)) {
      throw new StoreError(
        'STORE_FOREIGN_FILE',
        `The data file "${filename}" belongs to another program and was not changed.`,
        { filename, applicationId: appId },
      );
    }
    // Damage is found before anything is written, so a damaged file stays as it was found.
    if (appId === APPLICATION_ID && !unchanged) checkPages(db, filename);
    db.pragma('journal_mode = WAL');
    // FULL: a committed transaction survives a power cut, not only a crash of the app.
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    // From here on the app writes the file: the next start trusts it only after a clean close.
    fs.rmSync(cleanCloseFile(filename), { force: true });
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof StoreError) throw cause;
    throw openFailure(filename, cause);
  }
}

/**
 * SQLite's structural check of every page (`quick_check`, a few milliseconds per megabyte):
 * garbage in the middle of the file is found when the books open, not by a write later.
 */
function checkPages(db: Database.Database, filename: string): void {
  const result = db.pragma('quick_check(1)', { simple: true });
  if (result !== 'ok') throw new StoreError('STORE_FILE_UNREADABLE', damagedFileMessage(filename, `the check of its pages failed: ${String(result)}`), { filename });
}

/** Why a data file could not be opened, in the store's words: locked, read-only, damaged … */
function openFailure(filename: string, cause: unknown): StoreError {
  return storeErrorOf(cause, filename) ?? new StoreError('STORE_FILE_UNREADABLE', damagedFileMessage(filename, messageOf(cause)), { filename }, cause);
}

/** How long a write waits for another program's write lock on the file. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Takes the file's write lock. While another program (or another instance of the app) holds
 * it, the wait happens between turns of the event loop, not in SQLite's busy handler, which
 * would stop the whole process; after BUSY_TIMEOUT_MS the write is refused with STORE_BUSY.
 */
async function beginImmediate(db: Database.Database, filename: string): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      db.pragma('busy_timeout = 0');
      db.exec('BEGIN IMMEDIATE');
      return;
    } catch (error) {
      const busy = /^SQLITE_BUSY/.test(String((error as { code?: unknown }).code));
      if (!busy || Date.now() >= deadline) throw storeErrorOf(error, filename) ?? error;
    } finally {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** The shared connection of a file, if this process has it open. */
export function openConnection(filename: string): Connection | undefined {
  return OPEN.get(filename);
}

/** The live handle on a file, if this process has it open (for online backups). */
export function openHandle(filename: string): Database.Database | undefined {
  return OPEN.get(filename)?.db;
}

/**
 * Checks that a file is one of our databases and undamaged, without changing it.
 * Returns the problem in words, or undefined when the file is sound.
 */
export function inspectDatabaseFile(filename: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(filename, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) return 'it is not a data file of this application';
    const check = db.pragma('integrity_check', { simple: true }) as string;
    return check === 'ok' ? undefined : `the integrity check failed: ${check}`;
  } catch (cause) {
    return `it cannot be read as a database (${messageOf(cause)})`;
  } finally {
    db?.close();
  }
}

/**
 * Runs `work` inside one SQLite transaction on the file's shared connection, so that several
 * RxDB writes (a change and its audit entry) commit together or not at all; each bulkWrite
 * inside becomes a savepoint. Change events of the writes are emitted after COMMIT and dropped
 * on ROLLBACK. Callers serialize their writes; a write from outside `work` waits until the
 * transaction has ended, and reads from outside see the last committed state.
 *
 * `durable: false` commits without waiting for the disk (SQLite's `synchronous = NORMAL` in WAL
 * mode): the change survives a crash of the program but may be lost, whole, to a power failure.
 * Only for bookkeeping of our own whose loss a restart handles anyway (an outbox message marked
 * as being sent); the books themselves always commit durably.
 */
export async function inTransaction<T>(filename: string, work: () => Promise<T>, options: { durable?: boolean } = {}): Promise<T> {
  const connection = OPEN.get(filename);
  if (!connection) throw new StoreError('STORE_CLOSED', `No open database at ${filename}`);
  const db = connection.db;
  if (db.inTransaction || connection.transaction) throw new Error('Nested write transactions are not supported; serialize writes.');
  let settle!: () => void;
  const transaction: Transaction = {
    connection,
    pendingEvents: [],
    touched: new Map(),
    finished: new Promise<void>((resolve) => (settle = resolve)),
  };
  // Claimed before BEGIN, which may wait for another program's lock: from here on a write from
  // outside waits for this transaction instead of slipping into it.
  connection.transaction = transaction;
  // SQLite takes the safety level only outside a transaction; it is put back once this one ends.
  const relaxed = options.durable === false;
  if (relaxed) db.pragma('synchronous = NORMAL');
  const restore = () => {
    if (relaxed && !db.inTransaction) db.pragma('synchronous = FULL');
  };
  try {
    await beginImmediate(db, filename);
  } catch (error) {
    restore();
    connection.transaction = undefined;
    settle();
    throw error;
  }
  let result: T;
  openTransactions++;
  try {
    result = await CURRENT.run(transaction, work);
    db.exec('COMMIT');
    restore();
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    restore();
    connection.transaction = undefined;
    transactionEnded();
    try {
      for (const listener of connection.rollbackListeners) listener(transaction.touched);
    } finally {
      settle();
    }
    throw storeErrorOf(error, filename) ?? error;
  }
  connection.transaction = undefined;
  transactionEnded();
  try {
    for (const emit of transaction.pendingEvents) emit();
  } finally {
    settle();
  }
  return result;
}
