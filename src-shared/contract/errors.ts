/**
 * Errors cross the process boundary as values with a code the renderer translates
 * (`errors.<CODE>` in the i18n resources); `message` is English for logs and developers.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_HANDLER',
  'NOT_AUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_CREDENTIALS',
  'LOGIN_THROTTLED',
  'LOGIN_NAME_AMBIGUOUS',
  'SETUP_ALREADY_DONE',
  'SETUP_TOKEN_INVALID',
  'LAST_ADMIN',
  'PASSWORD_CHANGE_REQUIRED',
  'ORDER_NOT_EDITABLE',
  'INSUFFICIENT_STOCK',
  'INVOICE_IMMUTABLE',
  'INVALID_STATE',
  /** The document was mailed (or its mail waits or was exported) already: asked before a second one. */
  'MAIL_REPEAT',
  /** The message is the confirmation of an order that was cancelled: it is not sent. */
  'ORDER_CANCELLED',
  'FOUR_EYES',
  'APPROVAL_OUTDATED',
  'SERIES_DATE_BACKWARDS',
  'RISK_APPROVAL_REQUIRED',
  'CUSTOMER_BLOCKED',
  'INVOICE_INCOMPLETE',
  /** An issued document lacks what its e-invoice format needs (an older one, issued before the check). */
  'EINVOICE_INCOMPLETE',
  /** The e-invoice of a document to issue breaks a fatal rule of EN 16931 or XRechnung: nothing was issued. */
  'EINVOICE_INVALID',
  /** The e-invoice of an issued document breaks a fatal rule (issued before the check, or under other rules): it is not frozen. */
  'EINVOICE_INVALID_ISSUED',
  'IMPORT_FAILED',
  'NOT_AVAILABLE',
  'STORE_FILE_UNREADABLE',
  'STORE_FOREIGN_FILE',
  'STORE_DISK_FULL',
  'STORE_READ_ONLY',
  'STORE_BUSY',
  'STORE_IN_USE',
  'TRANSPORT_CLOSED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One field that failed validation: its dotted path, an i18n key saying what is wrong and the
 * values the text names (`{ max: '99999999.99' }`: the limit that was passed).
 */
export type FieldError = { field: string; problem: string; params?: Record<string, string | number> };

export type AppErrorValue = {
  code: ErrorCode;
  message: string;
  details?: { fields?: FieldError[] } & Record<string, unknown>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorValue };

/** Thrown inside the main process; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppErrorValue['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toValue(): AppErrorValue {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}
