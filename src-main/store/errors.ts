export type StoreErrorCode =
  | 'STORE_FILE_UNREADABLE'
  | 'STORE_FOREIGN_FILE'
  | 'STORE_CLOSED'
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
