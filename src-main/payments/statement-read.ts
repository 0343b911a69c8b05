/**
 * Reading a statement file for the import: the size limit, the parse in the worker thread, the
 * refusal of bookings in the future, and which statements no balance vouches for.
 */
import { AppError, type StatementUnchecked } from '../../src-shared/contract/index.js';
import { addDays } from '../../src-shared/dates.js';
import { StatementError, STATEMENT_MAX_BYTES, uncheckedReason, type CsvMapping, type ParsedStatementFile, type StatementFormat } from './import/index.js';
import { base64ByteLength } from './import/limits.js';
import { placeOfEntry, problem } from './import/problems.js';
import type { StatementReader } from './import/reader.js';

export type ImportSource = { fileName: string; dataBase64: string; format?: StatementFormat; csv?: CsvMapping };

/** A file refused: its problem, with the key and values the screens translate, is the error's details. */
function refusal(error: StatementError): AppError {
  return new AppError('IMPORT_FAILED', error.message, error.details());
}

/**
 * The statements whose entries cannot be checked against their balances (a bank statement without
 * opening or closing balance, a notification without any). CSV exports and provider exports carry
 * no balances by their kind; the user's column mapping stands for them.
 */
export function uncheckedStatements(parsed: ParsedStatementFile): StatementUnchecked[] {
  if (parsed.format === 'csv' || parsed.format === 'stripe') return [];
  return parsed.statements.flatMap((s) => {
    const reason = uncheckedReason(s);
    return reason ? [{ statementId: s.id, key: `statementImport.warning.${reason}` }] : [];
  });
}

/** A function to await between entries: it lets the event loop take a turn every `ms` of work. */
export function turns(ms = 20): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

/** The file parsed whole, or refused naming its problem; a booking cannot lie in the future (a day of slack for banks in other time zones). */
export async function readStatement(reader: StatementReader, source: ImportSource, today: string): Promise<ParsedStatementFile> {
  const parsed = await parseFile(reader, source);
  const latest = addDays(today, 1);
  for (const statement of parsed.statements) {
    const late = statement.entries.find((e) => e.date > latest);
    if (late) throw refusal(new StatementError(source.fileName, placeOfEntry(late.at), problem('futureBooking', { date: late.date })));
  }
  return parsed;
}

async function parseFile(reader: StatementReader, source: ImportSource): Promise<ParsedStatementFile> {
  if (base64ByteLength(source.dataBase64) > STATEMENT_MAX_BYTES) {
    throw new AppError('VALIDATION_FAILED', `dataBase64: the file is larger than ${STATEMENT_MAX_BYTES / 1_000_000} MB`, { fields: [{ field: 'dataBase64', problem: 'validation.statementTooLarge' }] });
  }
  try {
    return await reader.read({ fileName: source.fileName, dataBase64: source.dataBase64, ...(source.format ? { format: source.format } : {}), ...(source.csv ? { csv: source.csv } : {}) });
  } catch (error) {
    if (error instanceof StatementError) throw refusal(error);
    throw error;
  }
}
