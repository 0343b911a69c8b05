/**
 * Sales orders from CSV, one row per order line, all or nothing: every problem in the file is
 * collected and no order is returned while any remains, so a bad file never half-imports.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { dec } from '../../../src-shared/money/decimal.js';
import { boundProblem, MAX_AMOUNT, MAX_DECIMALS, MAX_QUANTITY, type Sign } from '../../../src-shared/contract/bounds.js';

export type CsvOrderLine = { line: number; sku: string; quantity: string; netUnitPrice?: string; discountPercent?: string };
export type CsvOrder = {
  number: string;
  customerNumber: string;
  orderDate: string /* YYYY-MM-DD */;
  customerReference?: string;
  note?: string;
  lines: CsvOrderLine[];
  firstLine: number;
};
export type CsvProblem = { line: number; field: string; problem: string; value?: string; params?: Record<string, string | number> };
export type CsvOrdersResult = { ok: true; orders: CsvOrder[] } | { ok: false; problems: CsvProblem[] };

type Separator = ',' | '.';
type Column = keyof typeof ALIASES;
type Columns = Map<Column, number>;
type Row = { line: number; cells: string[] };
type OrderHead = { customerNumber: string; orderDate: string; customerReference?: string; note?: string };
type Draft = { number: string; head: OrderHead; line: CsvOrderLine; reader: RowReader };
/** The contract's bound of the column; a value of the wrong sign is reported with the column's own problem. */
type NumberRule = { unit?: RegExp; bound: { max: string; decimals: number; sign: Sign }; problem: string };

const ALIASES = {
  order_number: 'auftragsnummer',
  customer_number: 'kundennummer',
  order_date: 'datum',
  sku: 'artikelnummer',
  quantity: 'menge',
  unit_price: 'einzelpreis',
  discount_percent: 'rabatt',
  customer_reference: 'bestellreferenz',
  note: 'notiz',
} as const;
const COLUMNS = Object.keys(ALIASES) as Column[];
const REQUIRED: readonly Column[] = ['order_number', 'customer_number', 'order_date', 'sku', 'quantity'];
const HEAD_COLUMNS = { customerNumber: 'customer_number', orderDate: 'order_date', customerReference: 'customer_reference', note: 'note' } as const;
const FILE = '(file)';
const ROW = '(row)';

// Excel writes currency-formatted cells as displayed, e.g. "12,50 €".
// The bounds are the contract's (bounds.ts), so an imported order is one the order form would accept.
const QUANTITY: NumberRule = { bound: { max: MAX_QUANTITY, decimals: MAX_DECIMALS, sign: 'positive' }, problem: 'import.quantity' };
const PRICE: NumberRule = { unit: /\s*(€|eur)$/i, bound: { max: MAX_AMOUNT, decimals: MAX_DECIMALS, sign: 'notNegative' }, problem: 'import.price' };
const PERCENT: NumberRule = { unit: /\s*%$/, bound: { max: '100', decimals: MAX_DECIMALS, sign: 'notNegative' }, problem: 'import.percent' };
const SIGN_PROBLEMS = new Set(['validation.positive', 'validation.notNegative', 'validation.nonZero']);

export function parseOrdersCsv(bytes: Uint8Array, options: { decimalSeparator?: Separator } = {}): CsvOrdersResult {
  const text = decode(bytes);
  if (text === undefined) return failed({ line: 1, field: FILE, problem: 'import.encoding' });
  const rows = readRows(text);
  if (!Array.isArray(rows)) return failed(rows);
  const [header, ...body] = rows;
  if (!header || body.length === 0) return failed({ line: header?.line ?? 1, field: FILE, problem: 'import.empty' });
  const problems: CsvProblem[] = [];
  const columns = readHeader(header, problems);
  const drafts = body.map((row) => readRow(new RowReader(row, columns, options.decimalSeparator, problems), header.cells.length));
  const orders = groupOrders(drafts);
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, orders };
}

function failed(problem: CsvProblem): CsvOrdersResult {
  return { ok: false, problems: [problem] };
}

/** UTF-8, else windows-1252 (Excel's default in Germany); UTF-16 only with a BOM ("Unicode text"). */
function decode(bytes: Uint8Array): string | undefined {
  const text = decodeBytes(bytes).replace(/^\uFEFF/, '');
  return text.includes('\0') ? undefined : text;
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (char) => CP1252_C1[char.charCodeAt(0) - 0x80] ?? char);
  }
}

// Node >= 20.18.3 decodes windows-1252 as Latin-1 (nodejs/node#60888), which loses € and „“.
const CP1252_C1 = [
  '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
  '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
];

/** Non-blank records with the physical line each starts on. */
function readRows(text: string): Row[] | CsvProblem {
  // One kind of line break, so that csv-parse's line count is the physical one.
  const { body, delimiter, offset } = splitSepHint(text.replace(/\r\n?/g, '\n'));
  const rows: Row[] = [];
  let lastLine = 0;
  try {
    parse(body, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      // A quote inside an unquoted field, as in 5" Rohr, can only be meant literally.
      relax_quotes: true,
      trim: true,
      on_record: (cells, { lines }) => {
        lastLine = lines;
        const start = offset + lines - (cells.join('').split('\n').length - 1);
        if (cells.some((cell) => cell.trim() !== '')) rows.push({ line: start, cells });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse reports an unclosed quote at the end of the file; the record's start is where to look.
    return { line: offset + lastLine + 1, field: FILE, problem: 'import.malformed' };
  }
  return rows;
}

/** Excel's "sep=;" first line names the delimiter; otherwise the header line's most frequent one. */
function splitSepHint(text: string): { body: string; delimiter: string; offset: number } {
  const hint = /^sep=([;,\t])\n/i.exec(text);
  if (hint?.[1]) return { body: text.slice(hint[0].length), delimiter: hint[1], offset: 1 };
  return { body: text, delimiter: detectDelimiter(text), offset: 0 };
}

function detectDelimiter(text: string): string {
  const header = text.replace(/^\s*\n/, '').split('\n', 1)[0] ?? '';
  const count = (delimiter: string) => header.split(delimiter).length;
  return [';', '\t', ','].reduce((best, delimiter) => (count(delimiter) > count(best) ? delimiter : best));
}

function readHeader(header: Row, problems: CsvProblem[]): Columns {
  const columns: Columns = new Map();
  const report = (field: string, problem: string, value?: string) => problems.push(compact({ line: header.line, field, problem, value }));
  header.cells.forEach((cell, index) => {
    const label = cell.trim();
    if (label === '') return;
    const column = columnFor(label);
    if (!column) report(label, 'import.unknownColumn');
    else if (columns.has(column)) report(column, 'import.duplicateColumn', label);
    else columns.set(column, index);
  });
  for (const column of REQUIRED) if (!columns.has(column)) report(column, 'import.missingColumn');
  return columns;
}

function columnFor(label: string): Column | undefined {
  const key = label.toLowerCase().replace(/[\s-]+/g, '_');
  return COLUMNS.find((column) => column === key || ALIASES[column] === key);
}

class RowReader {
  constructor(
    readonly row: Row,
    private readonly columns: Columns,
    private readonly separator: Separator | undefined,
    private readonly problems: CsvProblem[],
  ) {}

  report(field: string, problem: string, value?: string, params?: Record<string, string | number>): void {
    this.problems.push(compact({ line: this.row.line, field, problem, value, params }));
  }

  text(column: Column): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (this.row.cells[index] ?? '').trim();
  }

  /** A missing column is reported once for the header, not again for every row. */
  required(column: Column): string {
    const value = this.text(column);
    if (value === '' && this.columns.has(column)) this.report(column, 'import.required');
    return value;
  }

  date(column: Column): string | undefined {
    const value = this.text(column);
    const date = parseDate(value);
    if (value !== '' && date === undefined) this.report(column, 'import.date', value);
    return date;
  }

  number(column: Column, rule: NumberRule): string | undefined {
    const value = this.text(column);
    if (value === '') return undefined;
    const parsed = parseNumber(rule.unit ? value.replace(rule.unit, '') : value, this.separator);
    if ('problem' in parsed) return this.reject(column, parsed.problem, value);
    const found = boundProblem(parsed.value, rule.bound);
    if (found) return this.reject(column, SIGN_PROBLEMS.has(found.problem) || rule === PERCENT ? rule.problem : found.problem, value, found.params);
    return dec(parsed.value).toFixed();
  }

  private reject(column: Column, problem: string, value: string, params?: Record<string, string | number>): undefined {
    this.report(column, problem, value, problem.startsWith('validation.') ? params : undefined);
    return undefined;
  }

  /** More cells than header columns usually means an unquoted delimiter, e.g. "12,50" in a comma file. */
  checkWidth(width: number): void {
    if (this.row.cells.slice(width).some((cell) => cell.trim() !== '')) this.report(ROW, 'import.columnCount');
  }
}

function readRow(reader: RowReader, width: number): Draft {
  reader.checkWidth(width);
  const number = reader.required('order_number');
  const customerNumber = reader.required('customer_number');
  const orderDate = reader.required('order_date') && reader.date('order_date');
  const sku = reader.required('sku');
  const quantity = reader.required('quantity') && reader.number('quantity', QUANTITY);
  const netUnitPrice = reader.number('unit_price', PRICE);
  const discountPercent = reader.number('discount_percent', PERCENT);
  const customerReference = reader.text('customer_reference') || undefined;
  const note = reader.text('note') || undefined;
  return {
    number,
    head: compact({ customerNumber, orderDate: orderDate ?? '', customerReference, note }),
    line: compact({ line: reader.row.line, sku, quantity: quantity ?? '', netUnitPrice, discountPercent }),
    reader,
  };
}

function groupOrders(drafts: Draft[]): CsvOrder[] {
  const orders = new Map<string, CsvOrder>();
  for (const draft of drafts) {
    if (draft.number === '') continue;
    const order = orders.get(draft.number);
    if (order) mergeLine(order, draft);
    else orders.set(draft.number, { number: draft.number, ...draft.head, lines: [draft.line], firstLine: draft.line.line });
  }
  return [...orders.values()];
}

/** Order fields repeat on every line; blanks on later lines are fine, a different value is not. */
function mergeLine(order: CsvOrder, draft: Draft): void {
  for (const [key, column] of Object.entries(HEAD_COLUMNS) as [keyof OrderHead, Column][]) {
    const value = draft.head[key];
    if (!value) continue;
    if (!order[key]) order[key] = value;
    else if (order[key] !== value) draft.reader.report(column, 'import.inconsistentOrder', draft.reader.text(column));
  }
  order.lines.push(draft.line);
}

function parseDate(text: string): string | undefined {
  const parts = dateParts(text);
  if (!parts) return undefined;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dateParts(text: string): [number, number, number] | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (german) return [Number(german[3]), Number(german[2]), Number(german[1])];
  return undefined;
}

const GROUPED: Record<Separator, RegExp> = { ',': /^-?\d{1,3}(\.\d{3})+(,\d+)?$/, '.': /^-?\d{1,3}(,\d{3})+(\.\d+)?$/ };
const PLAIN: Record<Separator, RegExp> = { ',': /^-?\d+(,\d+)?$/, '.': /^-?\d+(\.\d+)?$/ };
// "1.234" is 1234 to a German and 1.234 to everyone else.
const AMBIGUOUS = /^-?[1-9]\d{0,2}\.\d{3}$/;

/** Normalizes "1.234,56", "1,234.56", "1234,56" and "1234.56" to "1234.56". */
function parseNumber(text: string, separator: Separator | undefined): { value: string } | { problem: string } {
  const decimal = separator ?? guessSeparator(text);
  if (decimal === undefined) return { problem: 'import.decimalAmbiguous' };
  if (!GROUPED[decimal].test(text) && !PLAIN[decimal].test(text)) return { problem: 'import.decimal' };
  const grouping = decimal === ',' ? '.' : ',';
  // Kept as written (only the separators changed), so that its decimals are counted against the bound.
  return { value: text.replaceAll(grouping, '').replace(decimal, '.') };
}

function guessSeparator(text: string): Separator | undefined {
  const comma = text.lastIndexOf(',');
  const dot = text.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) return comma > dot ? ',' : '.';
  if (comma >= 0) return ',';
  if (AMBIGUOUS.test(text)) return undefined;
  // Several dots can only be thousands grouping.
  return text.indexOf('.') === dot ? '.' : ',';
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
