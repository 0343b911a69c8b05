/**
 * The DATEV files, written from values the books have already turned into booking lines:
 * Buchungsstapel (EXTF category 21, version 13) and Debitoren/Kreditoren (category 16, version 5).
 * Windows-1252, `;`, CRLF after every line, text in double quotes, amounts with a decimal comma.
 * Nothing is cut or replaced: a value that does not fit is a problem (see ./problems.ts), and
 * writing a batch with problems throws the same problems as a validation error.
 */
import { AppError } from '../../../src-shared/contract/index.js';
import {
  BUCHUNGSSTAPEL_CATEGORY, BUCHUNGSSTAPEL_COLUMNS, BUCHUNGSSTAPEL_VERSION, DEBITOREN_CATEGORY, DEBITOREN_COLUMNS,
  DEBITOREN_VERSION, columnIndex,
} from './columns.js';
import { amountText, createdStamp, ddmm, ddmmyyyy, fileBytes, quoted, yyyymmdd } from './encode.js';
import { datevProblems, debitorProblems } from './problems.js';
import type { DatevBatchHeader, DatevBooking, DatevDebitor, DatevFile, DatevProblem } from './types.js';

export type { DatevBatchHeader, DatevBooking, DatevDebitor, DatevFile, DatevProblem } from './types.js';
export { datevProblems, debitorProblems } from './problems.js';

/** DATEV reads at most 99,999 data lines from one file; a longer batch goes into several files. */
export const MAX_LINES_PER_FILE = 99_999;

type HeaderKind = { category: number; formatName: string; version: number; batch: boolean };

/**
 * The first line, 31 fields: Kennzeichen, Versionsnummer, Formatkategorie, Formatname,
 * Formatversion, erzeugt am, importiert, Herkunft, exportiert von, importiert von, Beraternummer,
 * Mandantennummer, WJ-Beginn, Sachkontenlänge, Datum vom, Datum bis, Bezeichnung, Diktatkürzel,
 * Buchungstyp, Rechnungslegungszweck, Festschreibung, WKZ, reserviert, Derivatskennzeichen,
 * reserviert, reserviert, Sachkontenrahmen, ID der Branchenlösung, reserviert, reserviert,
 * Anwendungsinformation. Master data leave the batch's own fields (period, name, type) empty.
 */
function headerLine(header: DatevBatchHeader, kind: HeaderKind): string {
  const batch = kind.batch;
  return [
    quoted('EXTF'), '700', String(kind.category), quoted(kind.formatName), String(kind.version),
    createdStamp(header.createdAt), '', quoted('RE'), quoted(header.exportedBy), quoted(''),
    header.beraterNummer, header.mandantNummer, yyyymmdd(header.fiscalYearStart), String(header.accountLength),
    batch ? yyyymmdd(header.from) : '', batch ? yyyymmdd(header.to) : '',
    quoted(batch ? header.batchName : ''), quoted(''), batch ? '1' : '', batch ? '0' : '',
    batch ? (header.festgeschrieben ? '1' : '0') : '', quoted(batch ? 'EUR' : ''),
    '', quoted(''), '', '', quoted(header.chart === 'SKR04' ? '04' : '03'), '', '', quoted(''), quoted(''),
  ].join(';');
}

function refuseProblems(problems: readonly DatevProblem[]): void {
  if (problems.length === 0) return;
  throw new AppError('VALIDATION_FAILED', 'The DATEV export has values DATEV cannot take', {
    fields: problems.map((p) => ({ field: p.field, problem: p.problem, params: p.values })),
  });
}

const COLUMN_COUNT = BUCHUNGSSTAPEL_COLUMNS.length;
const FESTSCHREIBUNG = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'Festschreibung');
const FAELLIGKEIT = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'Fälligkeit');
const BUCHUNGSTEXT = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'Buchungstext');
const EU_VAT_ID = columnIndex(BUCHUNGSSTAPEL_COLUMNS, 'EU-Land u. UStID (Bestimmung)');

/**
 * One booking line: Umsatz … Buchungstext (the first 14 columns), EU-Land u. UStID (Bestimmung), Festschreibung and Fälligkeit;
 * every other column of the version stays empty, so the line has as many fields as the headings.
 */
function bookingLine(booking: DatevBooking, festschreibung: string): string {
  const head = [
    amountText(booking.amount), quoted(booking.side), quoted('EUR'), '', '', '',
    booking.account, booking.contraAccount, quoted(booking.buKey), ddmm(booking.date),
    quoted(booking.document), quoted(booking.document2), booking.skonto === 0 ? '' : amountText(booking.skonto),
    quoted(booking.text),
  ].join(';');
  const due = booking.dueDate === '' ? '' : ddmmyyyy(booking.dueDate);
  const euVatId = booking.euVatId ? quoted(booking.euVatId) : '';
  return head + GAP_TO_EU_VAT_ID + euVatId + GAP_TO_FESTSCHREIBUNG + festschreibung + GAP_TO_FAELLIGKEIT + due + GAP_TO_END;
}
const GAP_TO_EU_VAT_ID = ';'.repeat(EU_VAT_ID - BUCHUNGSTEXT);
const GAP_TO_FESTSCHREIBUNG = ';'.repeat(FESTSCHREIBUNG - EU_VAT_ID);
const GAP_TO_FAELLIGKEIT = ';'.repeat(FAELLIGKEIT - FESTSCHREIBUNG);
const GAP_TO_END = ';'.repeat(COLUMN_COUNT - 1 - FAELLIGKEIT);

/**
 * The Buchungsstapel file(s) of a batch: header, column headings and at most 99,999 booking lines
 * per file, every file with the same header. Named `EXTF_Buchungsstapel_<from>_<to>.csv`, and
 * `…_1.csv`, `…_2.csv` … when the batch needs several files. Throws a validation error when the
 * batch has problems (the caller shows them from `datevProblems` first).
 */
export function buchungsstapelFiles(header: DatevBatchHeader, bookings: readonly DatevBooking[]): DatevFile[] {
  refuseProblems(datevProblems(header, bookings));
  const first = headerLine(header, { category: BUCHUNGSSTAPEL_CATEGORY, formatName: 'Buchungsstapel', version: BUCHUNGSSTAPEL_VERSION, batch: true });
  const headings = BUCHUNGSSTAPEL_COLUMNS.join(';');
  const festschreibung = header.festgeschrieben ? '1' : '0';
  const fileCount = Math.max(1, Math.ceil(bookings.length / MAX_LINES_PER_FILE));
  const baseName = `EXTF_Buchungsstapel_${yyyymmdd(header.from)}_${yyyymmdd(header.to)}`;
  const files: DatevFile[] = [];
  for (let n = 0; n < fileCount; n++) {
    const part = bookings.slice(n * MAX_LINES_PER_FILE, (n + 1) * MAX_LINES_PER_FILE);
    const lines = [first, headings];
    for (const booking of part) lines.push(bookingLine(booking, festschreibung));
    files.push({ fileName: fileCount === 1 ? `${baseName}.csv` : `${baseName}_${n + 1}.csv`, bytes: fileBytes(lines), lines: part.length });
  }
  return files;
}

const DEBITOR_COLUMN = {
  account: columnIndex(DEBITOREN_COLUMNS, 'Konto'),
  company: columnIndex(DEBITOREN_COLUMNS, 'Name (Adressattyp Unternehmen)'),
  person: columnIndex(DEBITOREN_COLUMNS, 'Name (Adressattyp natürl. Person)'),
  addresseeType: columnIndex(DEBITOREN_COLUMNS, 'Adressattyp'),
  euCountry: columnIndex(DEBITOREN_COLUMNS, 'EU-Land'),
  euVatId: columnIndex(DEBITOREN_COLUMNS, 'EU-UStID'),
  street: columnIndex(DEBITOREN_COLUMNS, 'Straße'),
  postalCode: columnIndex(DEBITOREN_COLUMNS, 'Postleitzahl'),
  city: columnIndex(DEBITOREN_COLUMNS, 'Ort'),
  country: columnIndex(DEBITOREN_COLUMNS, 'Land'),
  email: columnIndex(DEBITOREN_COLUMNS, 'E-Mail'),
  ibanCountry: columnIndex(DEBITOREN_COLUMNS, 'Länderkennzeichen 1'),
  iban: columnIndex(DEBITOREN_COLUMNS, 'IBAN-Nr. 1'),
  mainBank: columnIndex(DEBITOREN_COLUMNS, 'Kennz. Hauptbankverb. 1'),
  customerNumber: columnIndex(DEBITOREN_COLUMNS, 'Kunden-/Lief.-Nr.'),
} as const;

/** One debitor's master data line; Adressattyp 1 = natürliche Person, 2 = Unternehmen. */
function debitorLine(debitor: DatevDebitor): string {
  const cells: string[] = new Array<string>(DEBITOREN_COLUMNS.length).fill('');
  const text = (column: number, value: string) => { if (value !== '') cells[column] = quoted(value); };
  cells[DEBITOR_COLUMN.account] = debitor.account;
  text(debitor.isCompany ? DEBITOR_COLUMN.company : DEBITOR_COLUMN.person, debitor.name);
  text(DEBITOR_COLUMN.addresseeType, debitor.isCompany ? '2' : '1');
  text(DEBITOR_COLUMN.euCountry, debitor.vatId.slice(0, 2));
  text(DEBITOR_COLUMN.euVatId, debitor.vatId.slice(2));
  text(DEBITOR_COLUMN.street, debitor.street);
  text(DEBITOR_COLUMN.postalCode, debitor.postalCode);
  text(DEBITOR_COLUMN.city, debitor.city);
  text(DEBITOR_COLUMN.country, debitor.countryCode);
  text(DEBITOR_COLUMN.email, debitor.email);
  if (debitor.iban !== '') {
    text(DEBITOR_COLUMN.ibanCountry, debitor.iban.slice(0, 2));
    text(DEBITOR_COLUMN.iban, debitor.iban);
    text(DEBITOR_COLUMN.mainBank, '1');
  }
  text(DEBITOR_COLUMN.customerNumber, debitor.customerNumber);
  return cells.join(';');
}

/**
 * DATEV "Debitoren/Kreditoren" master data for the customers in the batch, one line per debitor,
 * named `EXTF_Debitoren_Kreditoren_<from>_<to>.csv`. Throws a validation error on problems
 * (`debitorProblems`).
 */
export function debitorenFile(header: DatevBatchHeader, debitors: readonly DatevDebitor[]): DatevFile {
  refuseProblems(debitorProblems(header, debitors));
  const lines = [
    headerLine(header, { category: DEBITOREN_CATEGORY, formatName: 'Debitoren/Kreditoren', version: DEBITOREN_VERSION, batch: false }),
    DEBITOREN_COLUMNS.join(';'),
    ...debitors.map(debitorLine),
  ];
  return { fileName: `EXTF_Debitoren_Kreditoren_${yyyymmdd(header.from)}_${yyyymmdd(header.to)}.csv`, bytes: fileBytes(lines), lines: debitors.length };
}
