/** How large a file the app reads; the contract refuses larger ones, the readers check again. */

/** The largest bank statement file read, in bytes (a busy account's month in CAMT.053 is a few MB). */
export const STATEMENT_MAX_BYTES = 20_000_000;
