/**
 * The DATEV export: its settings, the preview (lines, sums per account, warnings and errors,
 * earlier exports of the period) and the export itself (Buchungsstapel and Debitoren files,
 * recorded as a `taxExport` fact). An export with any error is refused with every error listed.
 */
import { createHash } from 'node:crypto';
import { format, parseISO } from 'date-fns';
import {
  AppError,
  DATEV_ACCOUNT_KEYS,
  type DatevExportResult,
  type DatevIssue,
  type DatevPreview,
  type DatevSettingsView,
  type DocumentFile,
  type ParsedInputOf,
  type PublicUser,
} from '../../../src-shared/contract/index.js';
import { vatEntries, type ReportAllocation, type ReportInvoice, type VatSource } from '../../reports/index.js';
import type { Core } from '../../server/core.js';
import type { FactDoc } from '../../store/schemas/facts.js';
import type { TaxExportPorts } from '../ports.js';
import { exportedDebitors, recordTaxExport, taxExportsOf } from '../record.js';
import { ACCOUNT_NAMES } from './accounts.js';
import { datevBookings, type BookingIssue, type BookingResult } from './bookings.js';
import { cashRows } from './cash-rows.js';
import { buchungsstapelFiles, datevProblems, debitorenFile, debitorProblems, type DatevBatchHeader, type DatevDebitor, type DatevProblem } from './format.js';
import { unrepresentable } from './encode.js';
import { readDatevSettings, saveDatevSettings as save } from './settings.js';

const PREVIEW_LINES = 500;
const MAX_LINES_PER_FILE = 99_999;

export function datevSettings(core: Core): Promise<DatevSettingsView> {
  return readDatevSettings(core);
}

export function saveDatevSettings(core: Core, input: ParsedInputOf<'exports.saveDatevSettings'>, user: PublicUser): Promise<DatevSettingsView> {
  return save(core, input, user);
}

/** The first day of the fiscal year `date` falls in, for a fiscal year starting in `month`. */
export function fiscalYearStartOf(date: string, month: number): string {
  const year = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return `${m >= month ? year : year - 1}-${String(month).padStart(2, '0')}-01`;
}

/**
 * A text the app fills itself (the user's name as "exportiert von") in Windows-1252: accents
 * taken off what the code page lacks (NFD), a few letters without a decomposition spelled
 * plainly, anything else left out; it never blocks an export.
 */
export function windows1252Of(text: string): string {
  const PLAIN: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't' };
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (unrepresentable(ch) === null) out += ch;
    else for (const part of (PLAIN[ch] ?? ch).normalize('NFD')) if (unrepresentable(part) === null && !/\p{M}/u.test(part)) out += part;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, shortened on purpose (a header field the app fills, never a document's value). */
const fitted = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

type Prepared = BookingResult & { header: DatevBatchHeader; settings: DatevSettingsView; problems: DatevProblem[] };

async function cashBookNumbers(core: Core): Promise<Map<string, number>> {
  const docs = await core.books.db.facts.find({ selector: { kind: 'cashBook' } }).exec();
  const books = docs.map((d) => d.toJSON() as FactDoc).sort((a, b) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? -1 : 1) : a.occurredAt < b.occurredAt ? -1 : 1));
  return new Map(books.map((b, i) => [b.subjectId, i + 1]));
}

/**
 * What the VAT summary needs for the Soll entries of from..to, and nothing more: the documents
 * issued in the period, the invoices whose Skonto or write-off falls in it (with their credit
 * notes and every reduction of theirs and its reversal, which the rounding of each part counts), in the
 * order of the books, so that the entries are the same as over the whole history.
 */
export function sollSourceOf(from: string, to: string, invoices: readonly ReportInvoice[], allocations: readonly ReportAllocation[]): VatSource {
  const inPeriod = (date: string) => date >= from && date <= to;
  // A reduction taken back still counts on its own date, its reversal (which names its figures) on the day booked (recognition.ts): both are kept.
  const reductions = reductionsOf(allocations);
  const index = documentIndex(invoices);
  const wanted = new Set<string>();
  for (const a of reductions) if (a.reversesId ? a.occurredAt >= from : inPeriod(a.paymentDate)) wanted.add(a.invoiceId);
  // The documents issued in the period, found by date (the index is sorted by issue date).
  let lo = 0;
  let hi = index.byIssue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (invoices[index.byIssue[mid]!]!.issueDate < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < index.byIssue.length && invoices[index.byIssue[i]!]!.issueDate <= to; i++) wanted.add(invoices[index.byIssue[i]!]!.id);
  // In the order of the books: each wanted document and the credit notes of each.
  const at = new Set<number>();
  for (const id of wanted) {
    for (const i of index.byId.get(id) ?? []) at.add(i);
    for (const i of index.notes.get(id) ?? []) at.add(i);
  }
  return {
    invoices: [...at].sort((a, b) => a - b).map((i) => invoices[i]!),
    allocations: reductions.filter((a) => wanted.has(a.invoiceId)),
    cash: [],
  };
}

/** Made once per list of the books (the report data hands out the same list until the books change). */
const made = new WeakMap<object, unknown>();
function once<L extends object, T>(list: L, make: (list: L) => T): T {
  if (!made.has(list)) made.set(list, make(list));
  return made.get(list) as T;
}

/** The allocations that take Skonto or write off (and their reversals), in the order of the list. */
const reductionsOf = (allocations: readonly ReportAllocation[]) => once(allocations, (list) => list.filter((a) => a.skonto !== 0 || a.writeOff !== 0));

/** Positions in the list: by issue date, by id, and of the credit notes of each invoice. */
const documentIndex = (invoices: readonly ReportInvoice[]) =>
  once(invoices, (list) => {
    const byId = new Map<string, number[]>();
    const notes = new Map<string, number[]>();
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const own = map.get(key);
      if (own) own.push(i);
      else map.set(key, [i]);
    };
    list.forEach((d, i) => {
      add(byId, d.id, i);
      if (d.documentType === 'creditNote') add(notes, d.correctsInvoiceId, i);
    });
    const byIssue = list.map((_, i) => i).sort((a, b) => (list[a]!.issueDate < list[b]!.issueDate ? -1 : list[a]!.issueDate > list[b]!.issueDate ? 1 : a - b));
    return { byId, notes, byIssue };
  });

/** Reads the books and builds the batch of from..to with every problem of it. */
async function prepare(core: Core, ports: TaxExportPorts, input: ParsedInputOf<'exports.datev'>, user: PublicUser): Promise<Prepared> {
  const settings = await readDatevSettings(core);
  const data = ports.reportData();
  const invoices = data.invoices();
  const allocations = data.allocations();
  const { entries: vat } = vatEntries(input.from, input.to, 'soll', sollSourceOf(input.from, input.to, invoices, allocations));
  // The cash entries of the period, and of the earlier ones only those a reversal of the period takes back.
  const { cash, reversed: cashById } = cashRows(core.books).between(input.from, input.to);
  const result = datevBookings(
    {
      from: input.from,
      to: input.to,
      invoices,
      allocations,
      payments: data.payments(),
      customers: new Map(data.customers().map((c) => [c.id, c])),
      vat,
      cash,
      cashById,
      cashBookNumbers: await cashBookNumbers(core),
      exported: await exportedDebitors(core),
    },
    settings,
  );
  const header: DatevBatchHeader = {
    createdAt: core.clock(),
    beraterNummer: settings.beraterNummer,
    mandantNummer: settings.mandantNummer,
    fiscalYearStart: fiscalYearStartOf(input.from, settings.fiscalYearStartMonth),
    accountLength: settings.accountLength,
    from: input.from,
    to: input.to,
    batchName: `Buchungen ${format(parseISO(input.from), 'dd.MM.yy')}-${format(parseISO(input.to), 'dd.MM.yy')}`,
    chart: settings.chart,
    festgeschrieben: input.festgeschrieben,
    exportedBy: fitted(windows1252Of(user.name), 25),
  };
  // A line without its Debitor is already an error of that customer; the empty account is not named again.
  const problems = datevProblems(header, result.bookings).filter((p) => !((p.field === 'account' || p.field === 'contraAccount') && p.values.value === ''));
  return { ...result, header, settings, problems };
}

/** An issue and the field it is about (the refusal names it). */
type FieldIssue = DatevIssue & { field: string };

function issueOf(p: DatevProblem): FieldIssue {
  // A customer's problem (Debitoren file) names the customer in its text; it is no document.
  if (p.source?.kind === 'customer') return { field: p.field, code: p.code, documentNumber: '', subject: 'customer', problem: p.problem, values: p.values };
  return { field: p.field, code: p.code, documentNumber: p.source?.number ?? '', problem: p.problem, values: { ...p.values, document: p.values.document ?? p.source?.number ?? '' } };
}
/** A customer's Debitor (none, out of range, another's, kept from an earlier export): its text names the customer; it is no document. */
const CUSTOMER_CODES = new Set(['noDebitor', 'debitorRange', 'debitorTaken', 'debitorKept']);
const issue = ({ code, documentNumber, problem, values }: BookingIssue): FieldIssue =>
  CUSTOMER_CODES.has(code)
    ? { field: 'customerId', code, documentNumber: '', subject: 'customer', problem, values }
    : { field: code === 'noAccount' ? 'vatCase' : code === 'encoding' ? 'text' : 'customerId', code, documentNumber, problem, values };
const plain = ({ field: _field, ...rest }: FieldIssue): DatevIssue => rest;

function errorsOf(prepared: Prepared): FieldIssue[] {
  // A period without a single booking is no batch: nothing to hand over, nothing recorded.
  const nothing: FieldIssue[] = prepared.bookings.length === 0 && prepared.errors.length === 0
    ? [{ field: 'from', code: 'nothing', documentNumber: '', problem: 'validation.datevNothing', values: { from: prepared.header.from, to: prepared.header.to } }]
    : [];
  return [...nothing, ...prepared.errors.map(issue), ...prepared.problems.map(issueOf)];
}

/** Sums per account (Konto and Gegenkonto), debit and credit in cents, by account number. */
function accountSums(prepared: Prepared, customerNames: ReadonlyMap<string, string>): DatevPreview['accounts'] {
  const names = new Map<string, string>();
  for (const key of DATEV_ACCOUNT_KEYS) if (!names.has(prepared.settings.accounts[key])) names.set(prepared.settings.accounts[key], ACCOUNT_NAMES[key]);
  for (const [customerId, account] of prepared.debitors) names.set(account, customerNames.get(customerId) ?? '');
  const sums = new Map<string, { debit: number; credit: number }>();
  const add = (account: string, debit: number, credit: number) => {
    const s = sums.get(account) ?? { debit: 0, credit: 0 };
    s.debit += debit;
    s.credit += credit;
    sums.set(account, s);
  };
  for (const b of prepared.bookings) {
    add(b.account, b.side === 'S' ? b.amount : 0, b.side === 'H' ? b.amount : 0);
    add(b.contraAccount, b.side === 'H' ? b.amount : 0, b.side === 'S' ? b.amount : 0);
  }
  return [...sums]
    .sort(([a], [b]) => (a.length === b.length ? (a < b ? -1 : 1) : a.length - b.length))
    .map(([account, s]) => ({ account, name: names.get(account) ?? '', debit: s.debit, credit: s.credit }));
}

export async function datevPreview(core: Core, ports: TaxExportPorts, input: ParsedInputOf<'exports.datevPreview'>, user: PublicUser): Promise<DatevPreview> {
  const prepared = await prepare(core, ports, input, user);
  const customerNames = new Map(ports.reportData().customers().map((c) => [c.id, c.name]));
  const debitorIssues = debitorProblems(prepared.header, await debitorsOf(core, prepared.debitors)).map(issueOf);
  return {
    from: input.from,
    to: input.to,
    lineCount: prepared.bookings.length,
    files: Math.max(1, Math.ceil(prepared.bookings.length / MAX_LINES_PER_FILE)),
    lines: prepared.bookings.slice(0, PREVIEW_LINES).map((b) => ({
      amount: b.amount, side: b.side, account: b.account, contraAccount: b.contraAccount, buKey: b.buKey, date: b.date, document: b.document, text: b.text, dueDate: b.dueDate,
    })),
    accounts: accountSums(prepared, customerNames),
    warnings: prepared.warnings.map(issue).map(plain),
    errors: [...errorsOf(prepared), ...debitorIssues].map(plain),
    earlier: await taxExportsOf(core, 'datev', input.from, input.to),
  };
}

function fileOf(fileName: string, bytes: Buffer, madeAt: Date): DocumentFile {
  return {
    format: 'csv' as DocumentFile['format'],
    fileName,
    mimeType: 'text/csv',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    frozenAt: madeAt.toISOString(),
    dataBase64: bytes.toString('base64'),
  };
}

async function debitorsOf(core: Core, debitors: ReadonlyMap<string, string>): Promise<DatevDebitor[]> {
  const docs = await core.books.db.customers.findByIds([...debitors.keys()]).exec();
  return [...debitors]
    .map(([customerId, account]) => {
      const c = docs.get(customerId);
      const address = c?.billingAddress;
      return {
        account,
        name: c?.name ?? '',
        isCompany: c?.kind !== 'consumer',
        street: address?.street ?? '',
        postalCode: address?.postalCode ?? '',
        city: address?.city ?? '',
        countryCode: address?.country ?? '',
        vatId: (c?.vatId ?? '').replace(/\s+/g, '').toUpperCase(),
        email: c?.invoiceEmails?.[0] ?? '',
        iban: '',
        customerNumber: c?.number ?? '',
      };
    })
    .sort((a, b) => Number(a.account) - Number(b.account));
}

function refuse(errors: readonly FieldIssue[]): never {
  throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.documentNumber || e.field}: ${e.problem}`).join('; '), {
    fields: errors.map((e) => ({ field: e.field, problem: e.problem, params: e.values })),
  });
}

export async function datevExport(core: Core, ports: TaxExportPorts, input: ParsedInputOf<'exports.datev'>, user: PublicUser): Promise<DatevExportResult> {
  const prepared = await prepare(core, ports, input, user);
  const debitors = await debitorsOf(core, prepared.debitors);
  const errors = [...errorsOf(prepared), ...debitorProblems(prepared.header, debitors).map(issueOf)];
  if (errors.length) refuse(errors);
  const earlier = await taxExportsOf(core, 'datev', input.from, input.to);
  const written = [...buchungsstapelFiles(prepared.header, prepared.bookings), debitorenFile(prepared.header, debitors)];
  const madeAt = core.clock();
  const files = written.map((f) => fileOf(f.fileName, f.bytes, madeAt));
  const record = await recordTaxExport(
    core,
    {
      type: 'datev', from: input.from, to: input.to, festgeschrieben: input.festgeschrieben, files: written.map((f, i) => ({ fileName: f.fileName, sha256: files[i]!.sha256, lines: f.lines })),
      debitors: [...prepared.debitors].map(([customerId, account]) => ({ customerId, account })),
    },
    user.id,
  );
  return { files, record, earlier };
}
