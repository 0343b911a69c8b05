/**
 * Why a statement file was not imported, in the screen's language: the file, the place in it and
 * the problem, with amounts, dates and numbers written the language's way (1.000,00 € in German).
 */
import type { AppErrorValue } from '../../../src-shared/contract/index.js';
import { statementProblemOf, type StatementPlace, type StatementProblemDetails, type StatementProblemParams } from '../../../src-shared/contract/statement-problems.js';
import { formatDate } from '../../format.js';
import { errorText } from '../../state/errors.js';
import { textOfKey, type Translate } from '../../translate.js';

type Format = { money(minor: number, currency?: string): string; decimal(text: string): string; date(iso: string): string };

/** The params as the text shows them: cents as money, ISO dates as dates, numbers grouped. */
function shownParams(params: StatementProblemParams, f: Format): Record<string, string> {
  const currency = typeof params.currency === 'string' && /^[A-Z]{3}$/.test(params.currency) ? params.currency : 'EUR';
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value === 'number' && name.endsWith('Cents') && Number.isSafeInteger(value)) return [name, f.money(value, currency)];
      if (typeof value === 'number') return [name, f.decimal(String(value))];
      if (name === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return [name, f.date(value)];
      return [name, value];
    }),
  );
}

/** "Zeile 5, Spalte „Betrag“", "Kontoauszug 2026-11-30-0001", "Element Stmt[1]/Ntry[3]/Amt". */
export function placeText(t: Translate, place: StatementPlace): string {
  const parts: string[] = [];
  if (place.statement !== undefined) parts.push(t('statementImport.place.statement', { statement: place.statement }));
  if (place.element !== undefined) parts.push(t('statementImport.place.element', { element: place.element }));
  if (place.line !== undefined) parts.push(t('statementImport.place.line', { line: place.line }));
  if (typeof place.column === 'number') parts.push(t('statementImport.place.column', { column: place.column }));
  if (typeof place.column === 'string') parts.push(t('statementImport.place.columnName', { column: place.column }));
  if (place.tag !== undefined) parts.push(t('statementImport.place.tag', { tag: place.tag }));
  return parts.join(', ');
}

export function statementProblemText(t: Translate, f: Format, details: StatementProblemDetails): string {
  const where = placeText(t, details.place);
  const told = textOfKey(t, details.key, shownParams(details.params, f));
  // A problem without a text here (a newer main process): the general message, never the key or the log's English.
  const what = told === details.key ? t('errors.IMPORT_FAILED') : told;
  return `${details.file}${where ? `, ${where}` : ''}: ${what}`;
}

/**
 * A date as the bank wrote it, which need not be a calendar day ("30 February"), written the
 * language's way: a real day of that month formatted, its day replaced by the bank's.
 */
export function writtenDate(language: string, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const stand = m[1]!.includes('28') ? '27' : '28';
  return formatDate(`${m[1]}-${m[2]}-${stand}`, language).replace(stand, m[3]!);
}

/** A remark on a statement entry (`statementImport.note.*`), in the screen's language. */
export function entryNoteText(t: Translate, language: string, note: { key: string; params: Record<string, string> }): string {
  const params = { ...note.params, ...(note.params.written ? { written: writtenDate(language, note.params.written) } : {}) };
  return textOfKey(t, note.key, params);
}

/** Why an import or its preview failed: the file's problem, the fields refused, or the error's code. */
export function importProblemText(t: Translate, f: Format, error: AppErrorValue): string {
  const statement = error.code === 'IMPORT_FAILED' ? statementProblemOf(error.details) : null;
  if (statement) return statementProblemText(t, f, statement);
  if (error.code === 'VALIDATION_FAILED' && error.details?.fields?.length) return error.details.fields.map((field) => textOfKey(t, field.problem)).join('; ');
  return errorText(t, error);
}
