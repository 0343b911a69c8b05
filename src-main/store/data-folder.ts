import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { damagedFileMessage, StoreError } from './errors.js';

/** Beside the books; one running instance of the app holds SQLite's exclusive lock on it. */
export const LOCK_FILE = 'books.lock';

const NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * The data folder and the books in it may be written (a read-only mount stops root too; modes
 * stop everyone else). A folder that is missing is created. Refused with STORE_READ_ONLY
 * before anything in the folder is touched.
 */
export function ensureWritable(dataDir: string, files: readonly string[]): void {
  const refuse = (target: string, cause: unknown) =>
    new StoreError('STORE_READ_ONLY', `The data folder "${dataDir}" is read-only here (${target} cannot be written). Nothing was changed; check that the folder and its files may be written.`, { dataDir }, cause);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    if (NOT_WRITABLE.has((cause as NodeJS.ErrnoException).code ?? '')) throw refuse(dataDir, cause);
    throw cause;
  }
  for (const target of [dataDir, ...files]) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT') continue;
      if (NOT_WRITABLE.has(code)) throw refuse(target, cause);
      throw cause;
    }
  }
}

/**
 * An empty data file in a folder that held books before (its device id is there) is not a new
 * start: the books were lost, say by a copy that failed. Opening it would create empty books
 * over it, so it is refused and left as it is. The first start of a folder, or a data file whose
 * committed writes still wait in its journal (`-wal`), is no such case.
 */
export function refuseEmptiedBooks(filename: string, deviceFile: string): void {
  const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : -1);
  if (sizeOf(filename) !== 0 || !fs.existsSync(deviceFile) || sizeOf(`${filename}-wal`) > 0) return;
  throw new StoreError('STORE_FILE_UNREADABLE', damagedFileMessage(filename, 'it is empty, although this folder held books before'), { filename });
}

/**
 * Claims the data folder for this instance of the app: SQLite's exclusive lock on the lock
 * file, held until `release`. A second instance (another process, or a second start in this
 * one) is refused with STORE_IN_USE. The operating system drops the lock with the process that
 * held it, so the folder of an instance that crashed or was killed opens again at once.
 */
export function claimDataFolder(dataDir: string): { release(): void } {
  const file = path.join(dataDir, LOCK_FILE);
  const lock = new Database(file, { timeout: 0 });
  try {
    // Nothing is ever written to it: no journal file beside it.
    lock.pragma('journal_mode = MEMORY');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (cause) {
    lock.close();
    if (/^SQLITE_BUSY/.test(String((cause as { code?: unknown }).code))) {
      throw new StoreError('STORE_IN_USE', `The data folder "${dataDir}" is open in another instance of the app. Close that one first.`, { dataDir }, cause);
    }
    throw cause;
  }
  return {
    release: () => {
      if (!lock.open) return;
      if (lock.inTransaction) lock.exec('ROLLBACK');
      lock.close();
    },
  };
}
