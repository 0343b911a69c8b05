/**
 * The GDPdU description standard (`gdpdu-01-09-2004.dtd`) as the auditor export writes it: the
 * tables' CSV files and `index.xml`, which says for each file its columns, their types and the
 * format of numbers, dates and text. Pure: values in, bytes out.
 *
 * Every table is declared alike: UTF-8, `;` between columns, CRLF between records, text in
 * double quotes (a quote inside doubled), no header line, amounts with a decimal comma and two
 * places (no digit grouping written), dates as DD.MM.YYYY. A line break or tab inside text
 * becomes a space, the one change made to a value: GDPdU readers split records at CR and LF
 * whether encapsulated or not.
 */

export const DTD_FILE = 'gdpdu-01-09-2004.dtd';
export const INDEX_FILE = 'index.xml';
export const DATE_FORMAT = 'DD.MM.YYYY';
export const DECIMAL_SYMBOL = ',';
export const DIGIT_GROUPING_SYMBOL = '.';
export const COLUMN_DELIMITER = ';';
export const RECORD_DELIMITER = '\r\n';
export const TEXT_ENCAPSULATOR = '"';

/**
 * A column: text, an amount in cents (written with two decimal places), a whole number, an ISO
 * date, or an exact decimal (a decimal string such as `2.5`, written with `accuracy` places).
 */
export type ColumnType = 'text' | 'cents' | 'integer' | 'date' | 'decimal';

export type Column = { name: string; description: string; type: ColumnType; /** Decimal places of a 'decimal' column. */ accuracy?: number };

export type TableSpec = {
  /** The logical name (Name in index.xml); the file is `<name>.csv`. */
  name: string;
  description: string;
  /** The first column is the primary key. */
  columns: readonly Column[];
  /** Columns that refer to another table's primary key. */
  foreignKeys?: readonly { column: string; references: TableSpec }[];
};

export type Cell = string | number;

/** An amount in cents as the declared numbers read: `-1234,50`, no grouping. */
export function centsText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`Not an amount in cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${DECIMAL_SYMBOL}${String(abs % 100).padStart(2, '0')}`;
}

/** The places after the point a decimal string needs (`2.50` → 1, `3` → 0), trailing zeros left out. */
export function decimalsOf(value: string): number {
  const point = value.indexOf('.');
  return point < 0 ? 0 : value.slice(point + 1).replace(/0+$/, '').length;
}

/**
 * A decimal string as the declared numbers read, exactly (no binary float in between):
 * `12.5` with 2 places → `12,50`; more places than `accuracy` (other than trailing zeros) is an error.
 */
export function decimalText(value: string, accuracy: number): string {
  if (value === '') return '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) throw new Error(`Not a decimal: ${value}`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > accuracy) throw new Error(`${value} has more than ${accuracy} decimal places`);
  const integer = m[2]!.replace(/^0+(?=\d)/, '');
  const negative = m[1] === '-' && /[1-9]/.test(integer + fraction);
  return `${negative ? '-' : ''}${integer}${accuracy > 0 ? DECIMAL_SYMBOL + fraction.padEnd(accuracy, '0') : ''}`;
}

/** `2026-11-27` → `27.11.2026`; an empty date stays empty. */
export function dateText(iso: string): string {
  if (iso === '') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return `${m[3]}.${m[2]}.${m[1]}`;
}

/** Text on one line: CRLF, CR, LF and TAB each become one space. */
export const flatText = (text: string) => text.replace(/\r\n|[\r\n\t]/g, ' ');

function cellText(column: Column, value: Cell): string {
  switch (column.type) {
    case 'cents':
      return centsText(Number(value));
    case 'integer':
      if (!Number.isSafeInteger(Number(value))) throw new Error(`${column.name}: not a whole number: ${value}`);
      return String(value);
    case 'date':
      return dateText(String(value));
    case 'decimal':
      return decimalText(String(value), column.accuracy ?? 0);
    case 'text':
      return TEXT_ENCAPSULATOR + flatText(String(value)).replaceAll(TEXT_ENCAPSULATOR, TEXT_ENCAPSULATOR + TEXT_ENCAPSULATOR) + TEXT_ENCAPSULATOR;
  }
}

/** The CSV file of a table: one record per row, every record with every column. */
export function csvOf(table: TableSpec, rows: readonly (readonly Cell[])[]): Buffer {
  let out = '';
  for (const row of rows) {
    if (row.length !== table.columns.length) throw new Error(`${table.name}: a row has ${row.length} values for ${table.columns.length} columns`);
    out += row.map((value, i) => cellText(table.columns[i]!, value)).join(COLUMN_DELIMITER) + RECORD_DELIMITER;
  }
  return Buffer.from(out, 'utf8');
}

export const fileNameOf = (table: TableSpec) => `${table.name}.csv`;

const xml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function typeXml(column: Column, indent: string): string {
  switch (column.type) {
    case 'cents':
      return `${indent}<Numeric>\r\n${indent}  <Accuracy>2</Accuracy>\r\n${indent}</Numeric>\r\n`;
    case 'integer':
      return `${indent}<Numeric/>\r\n`;
    case 'decimal':
      return column.accuracy ? `${indent}<Numeric>\r\n${indent}  <Accuracy>${column.accuracy}</Accuracy>\r\n${indent}</Numeric>\r\n` : `${indent}<Numeric/>\r\n`;
    case 'date':
      return `${indent}<Date>\r\n${indent}  <Format>${DATE_FORMAT}</Format>\r\n${indent}</Date>\r\n`;
    case 'text':
      return `${indent}<AlphaNumeric/>\r\n`;
  }
}

function columnXml(element: 'VariablePrimaryKey' | 'VariableColumn', column: Column): string {
  const i = '        ';
  return `${i}<${element}>\r\n${i}  <Name>${xml(column.name)}</Name>\r\n${i}  <Description>${xml(column.description)}</Description>\r\n${typeXml(column, `${i}  `)}${i}</${element}>\r\n`;
}

export type IndexDescription = {
  supplier: { name: string; location: string; comment: string };
  mediaName: string;
  /** ISO dates of the period every table covers. */
  from: string;
  to: string;
  tables: readonly TableSpec[];
};

/** `index.xml`: the DOCTYPE names the DTD shipped beside it. */
export function indexXml(d: IndexDescription): Buffer {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\r\n';
  out += `<!DOCTYPE DataSet SYSTEM "${DTD_FILE}">\r\n`;
  out += '<DataSet>\r\n  <Version>1.0</Version>\r\n';
  out += `  <DataSupplier>\r\n    <Name>${xml(d.supplier.name)}</Name>\r\n    <Location>${xml(d.supplier.location)}</Location>\r\n    <Comment>${xml(d.supplier.comment)}</Comment>\r\n  </DataSupplier>\r\n`;
  out += `  <Media>\r\n    <Name>${xml(d.mediaName)}</Name>\r\n`;
  for (const table of d.tables) {
    out += '    <Table>\r\n';
    out += `      <URL>${xml(fileNameOf(table))}</URL>\r\n`;
    out += `      <Name>${xml(table.name)}</Name>\r\n`;
    out += `      <Description>${xml(table.description)}</Description>\r\n`;
    out += `      <Validity>\r\n        <Range>\r\n          <From>${dateText(d.from)}</From>\r\n          <To>${dateText(d.to)}</To>\r\n        </Range>\r\n        <Format>${DATE_FORMAT}</Format>\r\n      </Validity>\r\n`;
    out += '      <UTF8/>\r\n';
    out += `      <DecimalSymbol>${DECIMAL_SYMBOL}</DecimalSymbol>\r\n      <DigitGroupingSymbol>${DIGIT_GROUPING_SYMBOL}</DigitGroupingSymbol>\r\n`;
    out += '      <VariableLength>\r\n';
    out += `        <ColumnDelimiter>${COLUMN_DELIMITER}</ColumnDelimiter>\r\n`;
    out += '        <RecordDelimiter>&#13;&#10;</RecordDelimiter>\r\n';
    out += `        <TextEncapsulator>${xml(TEXT_ENCAPSULATOR)}</TextEncapsulator>\r\n`;
    const [key, ...rest] = table.columns;
    out += columnXml('VariablePrimaryKey', key!);
    for (const column of rest) out += columnXml('VariableColumn', column);
    for (const fk of table.foreignKeys ?? []) {
      const key = fk.references.columns[0]!.name;
      const alias = key === fk.column ? '' : `          <Alias>\r\n            <From>${xml(fk.column)}</From>\r\n            <To>${xml(key)}</To>\r\n          </Alias>\r\n`;
      out += `        <ForeignKey>\r\n          <Name>${xml(fk.column)}</Name>\r\n          <References>${xml(fk.references.name)}</References>\r\n${alias}        </ForeignKey>\r\n`;
    }
    out += '      </VariableLength>\r\n    </Table>\r\n';
  }
  out += '  </Media>\r\n</DataSet>\r\n';
  return Buffer.from(out, 'utf8');
}
