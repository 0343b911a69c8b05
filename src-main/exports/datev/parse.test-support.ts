/**
 * Reads a DATEV file back for tests, independently of the writer: Windows-1252 decoding, lines
 * split on CRLF (a bare LF is refused), fields split on `;` outside double quotes.
 */
import iconv from 'iconv-lite';

export type ParsedDatevFile = {
  /** The first line's fields by name (quotes removed): `Formatkategorie`, `Beraternummer`, `Datum vom` … */
  header: Record<string, string>;
  /** The header's fields by position, raw (with their quotes), to check how each is written. */
  headerFields: string[];
  /** The column headings of the second line. */
  columns: string[];
  /** The data lines, each by column heading (quotes removed, doubled quotes undone). */
  rows: Record<string, string>[];
  /** Every data line's fields by position, raw. */
  rawRows: string[][];
  /** Every line's bytes without its CRLF, the header line first. */
  rawLines: Buffer[];
};

/** The header fields of DATEV-Format 700 in order (31). */
export const HEADER_FIELD_NAMES = [
  'Kennzeichen', 'Versionsnummer', 'Formatkategorie', 'Formatname', 'Formatversion', 'Erzeugt am', 'Importiert',
  'Herkunft', 'Exportiert von', 'Importiert von', 'Beraternummer', 'Mandantennummer', 'WJ-Beginn', 'Sachkontenlänge',
  'Datum vom', 'Datum bis', 'Bezeichnung', 'Diktatkürzel', 'Buchungstyp', 'Rechnungslegungszweck', 'Festschreibung',
  'WKZ', 'reserviert 23', 'Derivatskennzeichen', 'reserviert 25', 'reserviert 26', 'Sachkontenrahmen',
  'ID der Branchenlösung', 'reserviert 29', 'reserviert 30', 'Anwendungsinformation',
] as const;

/** Splits one line on `;`, keeping quoted fields whole; the fields stay raw (quotes included). */
export function splitFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') {
      if (inQuotes && line[i + 1] === '"') { current += '""'; i++; continue; }
      inQuotes = !inQuotes;
      current += char;
    } else if (char === ';' && !inQuotes) {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (inQuotes) throw new Error(`Unclosed quote in line: ${line.slice(0, 80)}`);
  fields.push(current);
  return fields;
}

/** A raw field's value: without its enclosing quotes, doubled quotes made single. */
export function unquote(field: string): string {
  if (field.length >= 2 && field.startsWith('"') && field.endsWith('"')) return field.slice(1, -1).replace(/""/g, '"');
  if (field.includes('"')) throw new Error(`Stray quote in field: ${field}`);
  return field;
}

/** Splits the bytes on CRLF; the file must end with CRLF and hold no other line break. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) throw new Error(`Bare LF at byte ${i}`);
    if (bytes[i] === 0x0d) {
      if (bytes[i + 1] !== 0x0a) throw new Error(`Bare CR at byte ${i}`);
      lines.push(bytes.subarray(start, i));
      i++;
      start = i + 1;
    }
  }
  if (start !== bytes.length) throw new Error('The last line does not end with CRLF');
  return lines;
}

export function parseDatevFile(bytes: Buffer): ParsedDatevFile {
  const rawLines = splitLines(bytes);
  if (rawLines.length < 2) throw new Error('A DATEV file has a header line and a line of column headings');
  const text = rawLines.map((line) => iconv.decode(line, 'win1252'));
  const headerFields = splitFields(text[0]!);
  const header: Record<string, string> = {};
  HEADER_FIELD_NAMES.forEach((name, i) => { header[name] = unquote(headerFields[i] ?? ''); });
  const columns = splitFields(text[1]!).map(unquote);
  const rawRows = text.slice(2).map(splitFields);
  const rows = rawRows.map((fields) => Object.fromEntries(columns.map((column, i) => [column, unquote(fields[i] ?? '')])));
  return { header, headerFields, columns, rows, rawRows, rawLines };
}
