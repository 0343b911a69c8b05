/**
 * How much of a statement is read. The file: at most STATEMENT_MAX_BYTES (the contract's limit).
 * Fields that tell one entry from another (bank reference, end-to-end id, the counterparty's
 * IBAN, the account) are never cut: two entries that differ only after the cut would be taken for
 * one and the second skipped as a duplicate. Such a field longer than IDENTITY_MAX refuses the
 * file, naming the field and its line or element. Text written for people (the counterparty's
 * name, the remittance text) is cut to what a payment keeps; no standard allows more (ISO 20022
 * names have 140 characters, unstructured remittance 140 per line, additional entry information
 * 500; an MT940 :86: field 390). Everything after these bounds is linear in the input.
 */
import { MAX_AMOUNT } from '../../../src-shared/contract/bounds.js';
import { STATEMENT_MAX_BYTES } from '../../../src-shared/contract/file-limits.js';
import { placeOfEntry, problem } from './problems.js';
import { StatementError, type ParsedStatementFile, type Statement, type StatementEntry } from './types.js';

export { STATEMENT_MAX_BYTES };

/** Far above ISO 20022's 35 characters for references and MT940's 16, yet bounded. */
export const IDENTITY_MAX = 500;
/** Where text for people is cut: what a payment keeps of it. */
export const TEXT_MAX = { counterpartyName: 200, remittance: 1000, statementId: 100 } as const;

const IDENTITY_FIELDS = [
  ['bankReference', 'bankReferenceTooLong'],
  ['endToEndId', 'endToEndIdTooLong'],
  ['counterpartyIban', 'counterpartyIbanTooLong'],
] as const satisfies readonly (readonly [keyof StatementEntry, string])[];

/** The number of bytes a base64 text decodes to (exact for base64 without line breaks). */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** Refuses a file over the limit before anything reads it. */
export function checkFileSize(bytes: number, file: string): void {
  if (bytes > STATEMENT_MAX_BYTES) {
    throw new StatementError(file, {}, problem('fileTooLarge', { megabytes: Number(megabytes(bytes)), limitMegabytes: Number(megabytes(STATEMENT_MAX_BYTES)) }));
  }
}

export function megabytes(bytes: number): string {
  return (Math.ceil(bytes / 100_000) / 10).toFixed(1).replace(/\.0$/, '');
}

function cut(text: string, max: number): string {
  return text.length > max ? text.slice(0, max).trimEnd() : text;
}

/** The largest amount the books take, in cents (the contract's MAX_AMOUNT). */
export const MAX_ENTRY_CENTS = Number(MAX_AMOUNT.replace('.', ''));

function boundEntry(e: StatementEntry, file: string): StatementEntry {
  if (Math.abs(e.amount) > MAX_ENTRY_CENTS) throw new StatementError(file, placeOfEntry(e.at), problem('amountBeyondBooks', { amountCents: e.amount, maxCents: MAX_ENTRY_CENTS, currency: e.currency }));
  for (const [field, key] of IDENTITY_FIELDS) {
    const value = e[field];
    if (value.length > IDENTITY_MAX) throw new StatementError(file, placeOfEntry(e.at), problem(key, { length: value.length, max: IDENTITY_MAX }));
  }
  if (e.counterpartyName.length <= TEXT_MAX.counterpartyName && e.remittance.length <= TEXT_MAX.remittance) return e;
  return { ...e, counterpartyName: cut(e.counterpartyName, TEXT_MAX.counterpartyName), remittance: cut(e.remittance, TEXT_MAX.remittance) };
}

function boundStatement(s: Statement, file: string): Statement {
  const account = s.account.iban || s.account.number;
  if (account.length > IDENTITY_MAX) throw new StatementError(file, { statement: cut(s.id, TEXT_MAX.statementId) }, problem('accountTooLong', { length: account.length, max: IDENTITY_MAX }));
  return { ...s, id: cut(s.id, TEXT_MAX.statementId), entries: s.entries.map((e) => boundEntry(e, file)) };
}

/** The parsed file within the bounds above: text cut, over-long identities refused. */
export function boundStatementFile(parsed: ParsedStatementFile, file: string): ParsedStatementFile {
  return { ...parsed, statements: parsed.statements.map((s) => boundStatement(s, file)) };
}
