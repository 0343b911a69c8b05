/**
 * Bank statements as CSV, read with a column mapping the user saves per bank: which column
 * holds the date, the amount (one signed column, or credit and debit columns), the counterparty,
 * the remittance text; the delimiter, the decimal separator and the date format. Amounts are read
 * strictly by the mapping's locale: with a decimal comma "1.234,56" is an amount and "1,234.56"
 * is an error, and the other way round. Pure; every problem names the line and the column.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { isValid } from 'date-fns/isValid';
import { parse as parseDate } from 'date-fns/parse';
import type { CsvMappingView } from '../../../src-shared/contract/index.js';
import { decodeBankText } from './mt940.js';
import { problem, problemWithDetail, type StatementProblem } from './problems.js';
import { StatementError, type ParsedStatementFile, type StatementEntry } from './types.js';

/** The mapping as the contract checks it (`CsvMappingInput`): the parser takes it parsed. */
export type CsvMapping = CsvMappingView;

function amountOf(text: string, decimal: ',' | '.', fail: (what: StatementProblem) => never): number {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return 0;
  const pattern = decimal === ',' ? /^([+-])?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/ : /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
  const m = pattern.exec(t);
  if (!m) fail(problem(decimal === ',' ? 'notAmountComma' : 'notAmountPoint', { value: text }));
  const whole = Number(m![2]!.replace(/[.,]/g, ''));
  const cents = whole * 100 + Number((m![3] ?? '').padEnd(2, '0') || '0');
  return m![1] === '-' ? -cents : cents;
}

/** What the CSV reader says, as a problem the screens can say in their language. */
export function csvProblem(error: unknown): StatementProblem {
  const e = error as { code?: string; message?: string; record?: unknown[]; columns?: unknown[] };
  const detail = e.message ?? String(error);
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return problemWithDetail(detail, 'csvQuoteNotClosed');
  if (e.code === 'INVALID_OPENING_QUOTE' || e.code === 'CSV_INVALID_CLOSING_QUOTE') return problemWithDetail(detail, 'csvQuoteInValue');
  if ((e.code === 'CSV_RECORD_INCONSISTENT_COLUMNS' || e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') && Array.isArray(e.record) && Array.isArray(e.columns)) {
    return problemWithDetail(detail, 'csvColumnCount', { expected: e.columns.length, found: e.record.length });
  }
  return problemWithDetail(detail, 'unreadableCsv');
}

export function parseCsvStatement(bytes: Buffer, file: string, mapping: CsvMapping): ParsedStatementFile {
  const source = decodeBankText(bytes).replace(/^\uFEFF/, '');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(source, { columns: true, delimiter: mapping.delimiter, skip_empty_lines: true, trim: true, info: true, relax_column_count: false }) as typeof records;
  } catch (error) {
    throw new StatementError(file, (error as { lines?: number }).lines ? { line: (error as { lines: number }).lines } : {}, csvProblem(error));
  }
  if (!records.length) throw new StatementError(file, {}, problem('noRows'));
  const headers = Object.keys(records[0]!.record);
  const wanted = Object.entries(mapping.columns).filter(([, column]) => column);
  const missing = wanted.filter(([, column]) => !headers.includes(column));
  if (missing.length) throw new StatementError(file, { line: 1 }, problem('columnsNotFound', { missing: missing.map(([, column]) => `"${column}"`).join(', '), present: headers.map((h) => `"${h}"`).join(', ') }));
  const c = mapping.columns;
  const entries: StatementEntry[] = records.map(({ record, info }) => {
    const line = info.lines;
    const fail = (column: string) => (what: StatementProblem): never => {
      throw new StatementError(file, { line, column }, what);
    };
    const day = (column: string) => {
      const value = record[column] ?? '';
      const d = parseDate(value, mapping.dateFormat, new Date(2000, 0, 1));
      if (!isValid(d)) fail(column)(problem('notDateLike', { value, format: mapping.dateFormat }));
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const amount = c.amount
      ? amountOf(record[c.amount] ?? '', mapping.decimal, fail(c.amount))
      : Math.abs(amountOf(record[c.credit] ?? '', mapping.decimal, fail(c.credit))) - Math.abs(amountOf(record[c.debit] ?? '', mapping.decimal, fail(c.debit)));
    if (amount === 0) fail(c.amount || c.credit)(problem('amountZero'));
    const date = day(c.date);
    return {
      date,
      valueDate: c.valueDate ? day(c.valueDate) : date,
      amount,
      currency: (c.currency && record[c.currency]) || mapping.currency,
      counterpartyName: c.name ? (record[c.name] ?? '') : '',
      counterpartyIban: c.iban ? (record[c.iban] ?? '').replace(/\s+/g, '').toUpperCase() : '',
      remittance: c.remittance ? (record[c.remittance] ?? '') : '',
      endToEndId: '',
      bankReference: c.reference ? (record[c.reference] ?? '') : '',
      reversal: false,
      at: `line ${line}`,
    };
  });
  return { format: 'csv', statements: [{ id: file, account: { iban: '', number: '' }, currency: mapping.currency, opening: null, closing: null, entries }] };
}
