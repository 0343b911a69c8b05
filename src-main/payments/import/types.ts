/** What every bank statement parser returns: the entries as the contract describes them. */
import type { StatementEntry } from '../../../src-shared/contract/index.js';
import type { StatementProblemDetails } from '../../../src-shared/contract/statement-problems.js';
import { problem, whereText, type StatementPlace, type StatementProblem, type StatementProblemParams } from './problems.js';

export type { StatementEntry, StatementPlace, StatementProblem };

export type Balance = { amount: number; date: string };

export type Statement = {
  id: string;
  account: { iban: string; number: string };
  currency: string;
  opening: Balance | null;
  closing: Balance | null;
  entries: StatementEntry[];
};

export type StatementFormat = 'camt.053' | 'camt.052' | 'camt.054' | 'mt940' | 'csv' | 'stripe';

export type ParsedStatementFile = { format: StatementFormat; statements: Statement[] };

/** A file that cannot be imported: names the file, the line or element, and what is wrong (problems.ts). */
export class StatementError extends Error {
  /** Where, in English (for the log): "line 5", "line 2, column \"Betrag\"", "Stmt[1]/Ntry[3]/Amt". */
  readonly where: string;
  /** What is wrong, in English (for the log). */
  readonly problem: string;
  readonly key: string;
  readonly params: StatementProblemParams;

  constructor(
    readonly file: string,
    readonly place: StatementPlace,
    what: StatementProblem,
  ) {
    const where = whereText(place);
    // The problem quotes what the file holds: a few hundred characters of it are enough.
    const told = what.text.length > 300 ? `${what.text.slice(0, 300)}…` : what.text;
    super(`${file}${where ? `, ${where}` : ''}: ${told}`);
    this.where = where;
    this.problem = told;
    this.key = what.key;
    this.params = what.params;
    this.name = 'StatementError';
  }

  /** What the screens are told: the details of the IMPORT_FAILED error. */
  details(): StatementProblemDetails {
    return { file: this.file, where: this.where, problem: this.problem, key: this.key, params: this.params, place: this.place };
  }

  /** The error again from its details (as they come back from the worker thread). */
  static from(details: StatementProblemDetails): StatementError {
    return new StatementError(details.file, details.place, { key: details.key, params: details.params, text: details.problem });
  }
}

/**
 * "1234,56" or "1234.56" (one decimal separator, no grouping) as cents. ISO 20022 allows five
 * decimals ("5442.09000"): digits after the cent are accepted when they are zeros; an amount of
 * a fraction of a cent is refused, since payments are booked to the cent.
 */
export function centsOf(text: string, decimal: ',' | '.', fail: (what: StatementProblem) => never): number {
  const t = text.trim();
  const pattern = decimal === ',' ? /^(\d+)(?:,(\d{0,5}))?$/ : /^(\d+)(?:\.(\d{0,5}))?$/;
  const m = pattern.exec(t);
  if (!m) fail(problem('notAmount', { value: text }));
  const fraction = m![2] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) fail(problem('subCentAmount', { value: text }));
  const value = Number(m![1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(value)) fail(problem('amountTooLarge', { value: text }));
  return value;
}

/** "2026-11-28" when it is a day of the calendar: not "2026-02-30", "2026-11-00" or "2026-13-01". */
export function isCalendarDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}

/** The statement's entries can be checked against its balances only when it has both. */
export function uncheckedReason(statement: Statement): 'noBalances' | 'noOpeningBalance' | 'noClosingBalance' | null {
  if (!statement.opening && !statement.closing) return 'noBalances';
  if (!statement.opening) return 'noOpeningBalance';
  if (!statement.closing) return 'noClosingBalance';
  return null;
}

/** A remark on an entry (`statementImport.note.<key>`). */
export function note(key: 'bookingDateFromValueDate' | 'valueDateNotCalendar', params: Record<string, string> = {}): { key: string; params: Record<string, string> } {
  return { key: `statementImport.note.${key}`, params };
}

/** Checks that opening balance plus the entries gives the closing balance. */
export function checkBalances(statement: Statement, fail: (place: StatementPlace, what: StatementProblem) => never): void {
  if (!statement.opening || !statement.closing) return;
  const sum = statement.entries.reduce((s, e) => s + e.amount, 0);
  if (statement.opening.amount + sum !== statement.closing.amount) {
    fail(
      { statement: statement.id },
      problem('unbalanced', { openingCents: statement.opening.amount, entriesCents: sum, sumCents: statement.opening.amount + sum, closingCents: statement.closing.amount, currency: statement.currency }),
    );
  }
}
