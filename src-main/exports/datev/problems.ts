/**
 * Every field rule of the DATEV files, checked before a byte is written: a value DATEV would cut
 * or refuse is a problem naming the field and the document, never a shortened value.
 * Lengths and character sets as in DATEV's format description (DATEV-Format 700).
 */
import { unrepresentable, isIsoDate } from './encode.js';
import type { DatevBatchHeader, DatevBooking, DatevDebitor, DatevProblem } from './types.js';

/** Belegfeld 1 holds letters, digits and `$ & % * + - /` only (no spaces, umlauts, dots). */
const DOCUMENT_CHARS = /^[A-Za-z0-9$&%*+\-/]*$/;
/** At most 10 digits before the decimal comma: below 10,000,000,000.00. */
const MAX_AMOUNT = 999_999_999_999;

export const LIMITS = { document: 36, document2: 12, text: 60, batchName: 30, exportedBy: 25, euVatId: 15 } as const;
export const DEBITOR_LIMITS = {
  companyName: 50, personName: 30, street: 36, postalCode: 10, city: 30, email: 60, iban: 34, customerNumber: 15, vatId: 13,
} as const;

type Source = DatevBooking['source'] | null;
type Add = (code: string, field: string, problem: string, values?: Record<string, string | number>) => void;

function collector(problems: DatevProblem[], source: Source): Add {
  const document = source?.number ?? '';
  return (code, field, problem, values = {}) => problems.push({ code, field, source, problem, values: { document, ...values } });
}

/** A text field: every character fits Windows-1252, and it is no longer than DATEV keeps. */
function checkText(add: Add, field: string, value: string, max: number): void {
  const char = unrepresentable(value);
  if (char !== null) add('encoding', field, 'validation.datevText', { char, value });
  if (value.length > max) add('tooLong', field, 'validation.datevTooLong', { length: value.length, max, value });
}

function checkAmount(add: Add, field: string, cents: number): void {
  if (!Number.isSafeInteger(cents) || cents <= 0 || cents > MAX_AMOUNT) add('amount', field, 'validation.datevAmount', { value: cents });
}

/** Sachkonto: `accountLength` digits; Personenkonto (Debitor, Kreditor): one digit more, not starting with 0. */
function checkAccount(add: Add, field: string, value: string, accountLength: number, personalOnly = false): void {
  const fits = /^\d+$/.test(value) && (
    (!personalOnly && value.length === accountLength) || (value.length === accountLength + 1 && value[0] !== '0')
  );
  if (!fits) add('account', field, 'validation.datevAccount', { value, accountLength, personalLength: accountLength + 1 });
}

/** The batch's own fields: the numbers of advisor and client, account length, period within one fiscal year. */
export function headerProblems(header: DatevBatchHeader): DatevProblem[] {
  const problems: DatevProblem[] = [];
  const add = collector(problems, null);
  const berater = /^\d{1,7}$/.test(header.beraterNummer) ? Number(header.beraterNummer) : 0;
  if (berater < 1001) add('beraterNummer', 'beraterNummer', 'validation.datevBeraterNummer', { value: header.beraterNummer });
  const mandant = /^\d{1,5}$/.test(header.mandantNummer) ? Number(header.mandantNummer) : 0;
  if (mandant < 1) add('mandantNummer', 'mandantNummer', 'validation.datevMandantNummer', { value: header.mandantNummer });
  if (!Number.isInteger(header.accountLength) || header.accountLength < 4 || header.accountLength > 8) {
    add('accountLength', 'accountLength', 'validation.datevAccountLength', { value: header.accountLength });
  }
  checkText(add, 'batchName', header.batchName, LIMITS.batchName);
  checkText(add, 'exportedBy', header.exportedBy, LIMITS.exportedBy);
  const { from, to, fiscalYearStart } = header;
  for (const [field, value] of [['from', from], ['to', to], ['fiscalYearStart', fiscalYearStart]] as const) {
    if (!isIsoDate(value)) add('date', field, 'validation.datevDate', { value });
  }
  if (!isIsoDate(from) || !isIsoDate(to) || !isIsoDate(fiscalYearStart)) return problems;
  if (from > to) add('period', 'to', 'validation.datevPeriod', { from, to });
  // One fiscal year per batch: [fiscalYearStart, the same day a year later).
  const nextStart = `${Number(fiscalYearStart.slice(0, 4)) + 1}${fiscalYearStart.slice(4)}`;
  // Name the fiscal year's boundary the period crosses: its start, or the start of the next one.
  if (from < fiscalYearStart) add('fiscalYear', 'from', 'validation.datevFiscalYear', { from, to, fiscalYearStart });
  else if (to >= nextStart) add('fiscalYear', 'to', 'validation.datevFiscalYear', { from, to, fiscalYearStart: nextStart });
  return problems;
}

/** Every problem of one booking line. */
export function bookingProblems(header: DatevBatchHeader, booking: DatevBooking): DatevProblem[] {
  const problems: DatevProblem[] = [];
  const add = collector(problems, booking.source);
  checkAmount(add, 'amount', booking.amount);
  if (booking.skonto !== 0) checkAmount(add, 'skonto', booking.skonto);
  if (booking.side !== 'S' && booking.side !== 'H') add('side', 'side', 'validation.datevSide', { value: String(booking.side) });
  checkAccount(add, 'account', booking.account, header.accountLength);
  checkAccount(add, 'contraAccount', booking.contraAccount, header.accountLength);
  if (!/^\d{0,4}$/.test(booking.buKey)) add('buKey', 'buKey', 'validation.datevBuKey', { value: booking.buKey });
  if (!isIsoDate(booking.date)) add('date', 'date', 'validation.datevDate', { value: booking.date });
  else if (booking.date < header.from || booking.date > header.to) {
    add('dateOutside', 'date', 'validation.datevDateOutside', { date: booking.date, from: header.from, to: header.to });
  }
  if (booking.dueDate !== '' && !isIsoDate(booking.dueDate)) add('date', 'dueDate', 'validation.datevDate', { value: booking.dueDate });
  checkText(add, 'document', booking.document, LIMITS.document);
  if (!DOCUMENT_CHARS.test(booking.document)) add('documentChars', 'document', 'validation.datevDocumentChars', { value: booking.document });
  checkText(add, 'document2', booking.document2, LIMITS.document2);
  checkText(add, 'text', booking.text, LIMITS.text);
  if (booking.euVatId) {
    checkText(add, 'euVatId', booking.euVatId, LIMITS.euVatId);
    if (!/^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(booking.euVatId)) add('vatId', 'euVatId', 'validation.datevVatId', { value: booking.euVatId });
  }
  return problems;
}

/** Every rule of the batch and of each of its lines; an export with any problem is refused. */
export function datevProblems(header: DatevBatchHeader, bookings: readonly DatevBooking[]): DatevProblem[] {
  const problems = headerProblems(header);
  for (const booking of bookings) {
    const found = bookingProblems(header, booking);
    if (found.length > 0) problems.push(...found);
  }
  return problems;
}

/** The Debitoren file's fields that are the customer's own data, as the texts name them (`datev.field.*`). */
const CUSTOMER_PROBLEMS: Record<string, string> = {
  'validation.datevText': 'validation.datevCustomerText',
  'validation.datevTooLong': 'validation.datevCustomerTooLong',
  'validation.datevAccount': 'validation.datevCustomerAccount',
  'validation.datevCountry': 'validation.datevCustomerCountry',
  'validation.datevVatId': 'validation.datevCustomerVatId',
};

/**
 * Every problem of the Debitoren file: the personal account, the lengths DATEV keeps, Windows-1252.
 * A problem names the customer (number and name) and the field in words (`label`, a key under
 * `datev.field`), and is fixed in the customer, not in a document.
 */
export function debitorProblems(header: DatevBatchHeader, debitors: readonly DatevDebitor[]): DatevProblem[] {
  const problems: DatevProblem[] = [];
  for (const debitor of debitors) {
    const customer = debitor.customerNumber ? `${debitor.customerNumber} (${debitor.name})` : debitor.name;
    const source = { kind: 'customer', id: debitor.customerNumber, number: debitor.customerNumber || debitor.name };
    const add: Add = (code, field, problem, values = {}) => {
      const label = field === 'name' ? (debitor.isCompany ? 'nameCompany' : 'namePerson') : field;
      problems.push({ code, field, source, problem: CUSTOMER_PROBLEMS[problem] ?? problem, values: { customer, label, ...values } });
    };
    checkAccount(add, 'account', debitor.account, header.accountLength, true);
    checkText(add, 'name', debitor.name, debitor.isCompany ? DEBITOR_LIMITS.companyName : DEBITOR_LIMITS.personName);
    checkText(add, 'street', debitor.street, DEBITOR_LIMITS.street);
    checkText(add, 'postalCode', debitor.postalCode, DEBITOR_LIMITS.postalCode);
    checkText(add, 'city', debitor.city, DEBITOR_LIMITS.city);
    checkText(add, 'email', debitor.email, DEBITOR_LIMITS.email);
    checkText(add, 'iban', debitor.iban, DEBITOR_LIMITS.iban);
    checkText(add, 'customerNumber', debitor.customerNumber, DEBITOR_LIMITS.customerNumber);
    if (debitor.countryCode !== '' && !/^[A-Z]{2}$/.test(debitor.countryCode)) {
      add('country', 'countryCode', 'validation.datevCountry', { value: debitor.countryCode });
    }
    if (debitor.vatId !== '' && !/^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(debitor.vatId)) add('vatId', 'vatId', 'validation.datevVatId', { value: debitor.vatId });
  }
  return problems;
}
