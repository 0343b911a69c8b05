/**
 * One door for bank statement files: `parseStatement(bytes, { format?, csv? })` tells the format
 * from the content when it is not given (XML with a CAMT namespace, ":20:" for MT940) and returns
 * the statements with their balances and entries. Each parser is a pure function; a file that
 * cannot be read whole throws a StatementError naming the file and the line or element.
 */
import { parseCamt } from './camt.js';
import { parseCsvStatement, type CsvMapping } from './csv.js';
import { boundStatementFile, checkFileSize } from './limits.js';
import { parseMt940 } from './mt940.js';
import { problem } from './problems.js';
import { looksLikeStripe, parseStripe } from './stripe.js';
import { StatementError, type ParsedStatementFile, type StatementFormat } from './types.js';

export * from './types.js';
export { STATEMENT_PROBLEM_KEYS, STATEMENT_PLACE_KEYS, STATEMENT_NOTE_KEYS, STATEMENT_WARNING_KEYS } from './problems.js';
export type { CsvMapping } from './csv.js';
export { STATEMENT_MAX_BYTES } from './limits.js';

export function detectFormat(bytes: Buffer): StatementFormat | null {
  const head = bytes.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^ï»¿/, '').trimStart();
  if (head.startsWith('<')) {
    if (/camt\.052/.test(head)) return 'camt.052';
    if (/camt\.054/.test(head)) return 'camt.054';
    return 'camt.053';
  }
  if (/^(\{1:[^}]*\}\s*\{2:[^}]*\}\s*\{4:\s*)?:20:/m.test(head) || /^:20:/m.test(head)) return 'mt940';
  if (looksLikeStripe(head)) return 'stripe';
  return null;
}

export type ParseOptions = { format?: StatementFormat; csv?: CsvMapping; fileName?: string };

/** The file's statements, within the bounds of `limits.ts`. */
export function parseStatement(bytes: Buffer, options: ParseOptions = {}): ParsedStatementFile {
  const file = options.fileName ?? 'statement';
  checkFileSize(bytes.length, file);
  return boundStatementFile(parseFormat(bytes, file, options), file);
}

function parseFormat(bytes: Buffer, file: string, options: ParseOptions): ParsedStatementFile {
  if (!bytes.length) throw new StatementError(file, {}, problem('fileEmpty'));
  const format = options.format ?? detectFormat(bytes) ?? (options.csv ? 'csv' : null);
  if (!format) throw new StatementError(file, {}, problem('unknownFormat'));
  if (format === 'mt940') return parseMt940(bytes, file);
  if (format === 'stripe') return parseStripe(bytes, file);
  if (format === 'csv') {
    if (!options.csv) throw new StatementError(file, {}, problem('csvNeedsMapping'));
    return parseCsvStatement(bytes, file, options.csv);
  }
  const parsed = parseCamt(bytes, file);
  return { ...parsed, format: options.format ?? parsed.format };
}
