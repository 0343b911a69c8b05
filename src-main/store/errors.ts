export type StoreErrorCode =
  | 'STORE_FILE_UNREADABLE'
  | 'STORE_FOREIGN_FILE'
  | 'STORE_CLOSED'
  | 'STORE_DISK_FULL'
  | 'STORE_READ_ONLY'
  | 'STORE_BUSY'
  | 'STORE_IN_USE'
  | 'ATTACHMENTS_NOT_SUPPORTED'
  | 'VALIDATION_FAILED'
  | 'BACKUP_FAILED'
  | 'RESTORE_FAILED';

/** An error of the store with a code the user interface can translate and act on. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
  }
}

/** What to tell about a data file that cannot be read as books: it was left alone, a backup restores it. */
export function damagedFileMessage(filename: string, problem: string): string {
  return `The data file "${filename}" cannot be read as the books (${problem}). It was left unchanged; restore the latest backup, or check the file's access rights.`;
}

/**
 * SQLite's answers, and the file system's, that a user can act on, as store errors: a full disk,
 * books that may not be written, books locked by another program, a damaged file. Every other
 * error gives undefined. SQLite rolls back what met the error, so "nothing was saved" holds.
 */
export function storeErrorOf(error: unknown, filename = 'the books'): StoreError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  const kind = code.startsWith('SQLITE_') ? code.slice('SQLITE_'.length).split('_')[0] : FILE_SYSTEM_KINDS[code];
  const details = { filename, cause: code };
  switch (kind) {
    case 'FULL':
      return new StoreError('STORE_DISK_FULL', `The disk is full: nothing was saved to ${filename}. Free some space on the disk, then try again.`, details, error);
    case 'READONLY':
    case 'PERM':
      return new StoreError('STORE_READ_ONLY', `The books are read-only here: nothing was saved to ${filename}. Check that the data folder and its files may be written.`, details, error);
    case 'BUSY':
    case 'LOCKED':
      return new StoreError('STORE_BUSY', `The books are locked by another program or instance of the app: nothing was saved to ${filename}. Close it, then try again.`, details, error);
    case 'CORRUPT':
    case 'NOTADB':
      return new StoreError('STORE_FILE_UNREADABLE', damagedFileMessage(filename, (error as Error).message), details, error);
    default:
      return undefined;
  }
}

/** The file system's errors (files kept beside the books) that mean the same as SQLite's. */
const FILE_SYSTEM_KINDS: Record<string, string> = { ENOSPC: 'FULL', EDQUOT: 'FULL', EROFS: 'READONLY' };
