/**
 * Everything a statement file can be refused for. Each problem has a key the screens translate
 * (`statementImport.problem.<key>` in src-shared/i18n), the values it names, and an English
 * sentence for the log. What the values quote from the file is kept short.
 */
import type { StatementPlace, StatementProblemParams } from '../../../src-shared/contract/statement-problems.js';

export type { StatementPlace, StatementProblemParams };

const q = (text: string | number) => `"${text}"`;

const PROBLEMS = {
  fileEmpty: () => 'the file is empty',
  unknownFormat: () => 'not a CAMT, MT940 or (with a column mapping) CSV statement',
  csvNeedsMapping: () => 'a CSV statement needs a column mapping',
  fileTooLarge: (p: { megabytes: number; limitMegabytes: number }) => `the file has ${p.megabytes} MB; statements are read up to ${p.limitMegabytes} MB`,
  readTimeout: (p: { seconds: number }) => `the file could not be read within ${p.seconds} s`,
  outOfMemory: () => 'the file needs more memory to read than the app may use',
  notAmount: (p: { value: string }) => `${q(p.value)} is not an amount`,
  subCentAmount: (p: { value: string }) => `${q(p.value)} has more than two decimal places; amounts are booked to the cent`,
  amountTooLarge: (p: { value: string }) => `${q(p.value)} is too large`,
  amountBeyondBooks: (p: { amountCents: number; maxCents: number; currency: string }) => `the amount ${decimal(p.amountCents)} is more than the books take (at most ${decimal(p.maxCents)})`,
  notCalendarDate: (p: { value: string }) => `${q(p.value)} is not a calendar date`,
  unbalanced: (p: { openingCents: number; entriesCents: number; sumCents: number; closingCents: number; currency: string }) =>
    `the entries do not add up: opening balance ${decimal(p.openingCents)} plus entries ${decimal(p.entriesCents)} is ${decimal(p.sumCents)}, but the closing balance is ${decimal(p.closingCents)}`,
  futureBooking: (p: { date: string }) => `the booking date ${p.date} lies in the future`,
  bankReferenceTooLong: (p: { length: number; max: number }) => `the bank reference has ${p.length} characters; at most ${p.max} are read`,
  endToEndIdTooLong: (p: { length: number; max: number }) => `the end-to-end id has ${p.length} characters; at most ${p.max} are read`,
  counterpartyIbanTooLong: (p: { length: number; max: number }) => `the counterparty’s IBAN has ${p.length} characters; at most ${p.max} are read`,
  accountTooLong: (p: { length: number; max: number }) => `the account has ${p.length} characters; at most ${p.max} are read`,
  // CAMT
  notUtf8: () => 'not UTF-8 (ISO 20022 files are UTF-8)',
  malformedXml: () => 'malformed XML',
  xmlUnclosedTag: (p: { element: string }) => `the element <${p.element}> is never closed (is the file cut off?)`,
  xmlWrongClosingTag: (p: { element: string; found: string; openedLine: number }) => `</${p.found}> stands where <${p.element}> of line ${p.openedLine} should be closed`,
  xmlBadAttribute: (p: { attribute: string }) => `the attribute ${q(p.attribute)} is not written correctly`,
  xmlBadCharacter: (p: { character: string }) => `the character ${q(p.character)} may not stand here`,
  xmlBadTagName: (p: { element: string }) => `${q(p.element)} is not a valid element name`,
  xmlTextAfterEnd: () => 'text follows the end of the document',
  xmlTooDeep: (p: { max: number }) => `the XML is nested too deeply (more than ${p.max} levels)`,
  notCamt: () => 'not a CAMT.052/053/054 message (no BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn)',
  noStatement: () => 'the message holds no statement',
  accountMissing: () => 'the account is missing',
  amountMissing: () => 'the amount is missing',
  creditDebit: (p: { value: string }) => `${q(p.value)} is neither CRDT nor DBIT`,
  bookingDateMissing: () => 'the booking date is missing',
  currencyNotAccount: (p: { currency: string; accountCurrency: string }) => `the amount is in ${p.currency}, the account in ${p.accountCurrency}`,
  // MT940
  expectedField: (p: { found: string }) => `expected a field like ":20:", found ${q(p.found)}`,
  noMt940Statement: () => 'the file holds no MT940 statement',
  noAccount: () => 'the statement has no :25: account',
  noOpeningBalance: () => 'the statement has no :60F: opening balance',
  balanceFormat: (p: { tag: string }) => `:${p.tag}: is not a balance like "C261101EUR1000,00"`,
  balanceDate: (p: { tag: string }) => `:${p.tag}: has no valid date`,
  balanceCurrency: (p: { tag: string; currency: string; accountCurrency: string }) => `:${p.tag}: is in ${p.currency}, the opening balance in ${p.accountCurrency}`,
  transactionFormat: () => ':61: is not a transaction line like "2611051105CR119,00NTRFNONREF"',
  valueDate: () => ':61: has no valid value date',
  // CSV and Stripe
  unreadableCsv: () => 'unreadable CSV',
  csvQuoteNotClosed: () => 'a quotation mark is never closed',
  csvQuoteInValue: () => 'a quotation mark stands inside a value',
  csvColumnCount: (p: { expected: number; found: number }) => `the row has ${p.found} columns, the header ${p.expected}`,
  noRows: () => 'the file holds no rows',
  columnsNotFound: (p: { missing: string; present: string }) => `columns not found: ${p.missing}; the file has ${p.present}`,
  notAmountComma: (p: { value: string }) => `${q(p.value)} is not an amount with a decimal comma (1.234,56)`,
  notAmountPoint: (p: { value: string }) => `${q(p.value)} is not an amount with a decimal point (1,234.56)`,
  notDateLike: (p: { value: string; format: string }) => `${q(p.value)} is not a date like ${p.format}`,
  amountZero: () => 'the amount is zero',
  notStripe: (p: { missing: string }) => `not a Stripe balance export: columns ${p.missing} are missing`,
  notDate: (p: { value: string }) => `${q(p.value)} is not a date`,
} satisfies Record<string, (params: never) => string>;

export type StatementProblemKey = keyof typeof PROBLEMS;
type ParamsOf<K extends StatementProblemKey> = Parameters<(typeof PROBLEMS)[K]>;

/** The i18n key of a problem. */
export const problemKey = (key: StatementProblemKey) => `statementImport.problem.${key}`;

/** Every problem's i18n key: each has a text in German and in English. */
export const STATEMENT_PROBLEM_KEYS: readonly string[] = Object.keys(PROBLEMS).map((key) => problemKey(key as StatementProblemKey));

/** What the reader made of the bank's writing, said on the entry: `statementImport.note.<key>`. */
export const STATEMENT_NOTE_KEYS = ['bookingDateFromValueDate', 'valueDateNotCalendar'].map((key) => `statementImport.note.${key}`);

/** Why a statement could not be checked: `statementImport.warning.<key>`. */
export const STATEMENT_WARNING_KEYS = ['noClosingBalance', 'noOpeningBalance', 'noBalances'].map((key) => `statementImport.warning.${key}`);

/** Every place's i18n key (see `placeKeys`). */
export const STATEMENT_PLACE_KEYS = ['line', 'column', 'columnName', 'element', 'statement', 'tag'].map((key) => `statementImport.place.${key}`);

export type StatementProblem = { key: string; params: StatementProblemParams; text: string };

/** Quoted file content is cut: a few dozen characters say what is wrong. */
const QUOTE_MAX = 120;
function short(value: string | number): string | number {
  return typeof value === 'string' && value.length > QUOTE_MAX ? `${value.slice(0, QUOTE_MAX)}…` : value;
}

/** A problem whose English sentence for the log also quotes what a library said (never shown to users). */
export function problemWithDetail<K extends StatementProblemKey>(detail: string, key: K, ...args: ParamsOf<K>): StatementProblem {
  const told = problem(key, ...args);
  return { ...told, text: `${told.text}: ${detail}` };
}

/** A problem with its values, e.g. `problem('unbalanced', { openingCents: 100000, … })`. */
export function problem<K extends StatementProblemKey>(key: K, ...args: ParamsOf<K>): StatementProblem {
  const given = (args[0] ?? {}) as StatementProblemParams;
  const params = Object.fromEntries(Object.entries(given).map(([name, value]) => [name, short(value)]));
  const text = (PROBLEMS[key] as (p: StatementProblemParams) => string)(params);
  return { key: problemKey(key), params, text };
}

/** Cents as "-1234.56": the log's amounts. */
function decimal(cents: number): string {
  return `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/** The place in English, as the log and older callers read it. */
export function whereText(place: StatementPlace): string {
  if (place.statement !== undefined) return `statement ${place.statement}`;
  if (place.element !== undefined) return place.element;
  if (place.line === undefined) return '';
  if (place.column === undefined) return `line ${place.line}`;
  return `line ${place.line}, column ${typeof place.column === 'number' ? place.column : `"${place.column}"`}`;
}

/** An entry's place: "line N" in text files, the element path in XML (see StatementEntry.at). */
export function placeOfEntry(at: string): StatementPlace {
  const line = /^line (\d+)$/.exec(at);
  return line ? { line: Number(line[1]) } : at ? { element: at } : {};
}
