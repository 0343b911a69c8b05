/** What every bank statement parser returns: the entries as the contract describes them. */
import type { StatementEntry } from '../../../src-shared/contract/index.js';

export type { StatementEntry };

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

/** A file that cannot be imported: names the file and the line or element, and what is wrong. */
export class StatementError extends Error {
  readonly problem: string;

  constructor(
    readonly file: string,
    readonly where: string,
    problem: string,
  ) {
    // The problem quotes what the file holds: a few hundred characters of it are enough.
    const told = problem.length > 300 ? `${problem.slice(0, 300)}…` : problem;
    super(`${file}${where ? `, ${where}` : ''}: ${told}`);
    this.problem = told;
    this.name = 'StatementError';
  }
}

/** "1234,56" or "1234.56" (one decimal separator, no grouping) as cents. */
export function centsOf(text: string, decimal: ',' | '.', fail: (problem: string) => never): number {
  const t = text.trim();
  const pattern = decimal === ',' ? /^(\d+)(?:,(\d{0,2}))?$/ : /^(\d+)(?:\.(\d{0,2}))?$/;
  const m = pattern.exec(t);
  if (!m) fail(`"${text}" is not an amount`);
  const value = Number(m![1]) * 100 + Number((m![2] ?? '').padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(value)) fail(`"${text}" is too large`);
  return value;
}

/** Checks that opening balance plus the entries gives the closing balance. */
export function checkBalances(statement: Statement, fail: (where: string, problem: string) => never): void {
  if (!statement.opening || !statement.closing) return;
  const sum = statement.entries.reduce((s, e) => s + e.amount, 0);
  if (statement.opening.amount + sum !== statement.closing.amount) {
    const money = (c: number) => `${c < 0 ? '-' : ''}${Math.trunc(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, '0')}`;
    fail(
      `statement ${statement.id}`,
      `the entries do not add up: opening balance ${money(statement.opening.amount)} plus entries ${money(sum)} is ${money(statement.opening.amount + sum)}, but the closing balance is ${money(statement.closing.amount)}`,
    );
  }
}
