/**
 * SWIFT MT940 account statements, with the German banks' structured :86: field (DK format,
 * subfields ?00 … ?63 and the SEPA tokens EREF+, SVWZ+ …). German banks write them in
 * ISO-8859-1 more often than in UTF-8; the encoding is detected (UTF-8 if the bytes are valid
 * UTF-8, else ISO-8859-1). Pure; every problem names the line.
 */
import { problem } from './problems.js';
import { centsOf, checkBalances, isCalendarDate, note, StatementError, type Balance, type ParsedStatementFile, type Statement, type StatementEntry } from './types.js';

type Field = { tag: string; value: string; line: number };

export function decodeBankText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** A SWIFT envelope's blocks before the text block ("{1:…}{2:…}{3:{…}}{4:") or after it ("-}{5:{…}}"). */
const ENVELOPE_BLOCK = /\{[1235S]:(?:[^{}]|\{[^{}]*\})*\}/g;
/** A field's tag: two digits and an option letter, or the bank's own :NS: (non-SWIFT) field. */
const FIELD = /^:(\d{2}[A-Z]?|NS):(.*)$/;

/**
 * The line as the statement reads it: a SWIFT envelope around the statement removed, so that
 * "{1:…}{2:…}{4:" is nothing and "-}{5:…}" ends the statement like a lone "-".
 */
function withoutEnvelope(line: string): string {
  if (!/^[{}]|^-\}/.test(line)) return line;
  const rest = line.replace(ENVELOPE_BLOCK, '').replace(/^\{4:/, '');
  if (/^-\}/.test(rest)) return '-';
  return rest.replace(/^\}+/, '');
}

/** The file's fields (":tag:value", continued on following lines), with their first line number. */
function fieldsOf(source: string, file: string): Field[][] {
  const statements: Field[][] = [];
  let current: Field[] = [];
  let field: Field | null = null;
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    // trimEnd, not /\s+$/: the pattern is retried from every space of a long run (quadratic).
    // A field's value keeps its trailing spaces: a wrapped :86: line may end between two words.
    const line = withoutEnvelope(raw.trimEnd());
    const kept = line && raw.startsWith(line) ? raw : line;
    const number = index + 1;
    if (!line) return;
    if (line === '-') {
      if (current.length) statements.push(current);
      current = [];
      field = null;
      return;
    }
    const m = FIELD.exec(line);
    if (m) {
      if (m[1] === '20' && current.length) {
        statements.push(current);
        current = [];
      }
      field = { tag: m[1]!, value: FIELD.exec(kept)?.[2] ?? m[2]!, line: number };
      current.push(field);
    } else if (field) {
      field.value += `\n${kept}`;
    } else if (line === ':940:' || /^[\x00-\x1f]+$/.test(line)) {
      // What some banks write before the first statement: the message type, control characters.
      return;
    } else {
      throw new StatementError(file, { line: number }, problem('expectedField', { found: line.slice(0, 40) }));
    }
  });
  if (current.length) statements.push(current);
  return statements;
}

const date6 = (yymmdd: string) => `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;

function validDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}

/**
 * A date as German banks write it in interest and fee settlements, which count every month with
 * 30 days ("30 February"): a day past the month's end is the month's last day. Null when the
 * month or the day cannot be one at all.
 */
export function bankDate(iso: string): { date: string; adjusted: boolean } | null {
  if (validDate(iso)) return { date: iso, adjusted: false };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { date: `${m[1]}-${m[2]}-${String(Math.min(day, last)).padStart(2, '0')}`, adjusted: true };
}

function balanceOf(f: Field, file: string): { balance: Balance; currency: string } {
  const m = /^([CD])(\d{6})([A-Z]{3})([\d,]+)$/.exec(f.value.trim());
  if (!m) throw new StatementError(file, { line: f.line }, problem('balanceFormat', { tag: f.tag }));
  const date = bankDate(date6(m[2]!));
  if (!date) throw new StatementError(file, { line: f.line }, problem('balanceDate', { tag: f.tag }));
  const cents = centsOf(m[4]!, ',', (what) => {
    throw new StatementError(file, { line: f.line, tag: f.tag }, { ...what, text: `:${f.tag}: ${what.text}` });
  });
  return { balance: { amount: m[1] === 'D' ? -cents : cents, date: date.date }, currency: m[3]! };
}

/** The :86: field: DK subfields when it starts with a three-digit code and "?", else free text. */
function detailsOf(value: string): { name: string; iban: string; remittance: string; endToEnd: string } {
  const flat = value.replace(/\n/g, '');
  if (!/^\d{3}\?/.test(flat)) return { name: '', iban: '', remittance: flat.trim(), endToEnd: '' };
  const parts = new Map<string, string>();
  for (const m of flat.slice(3).matchAll(/\?(\d{2})([^?]*)/g)) parts.set(m[1]!, (parts.get(m[1]!) ?? '') + m[2]!);
  const purpose = [...Array.from({ length: 10 }, (_, i) => `2${i}`), '60', '61', '62', '63'].map((k) => parts.get(k) ?? '').join('');
  // SEPA tokens inside the purpose: EREF+ end-to-end id, SVWZ+ the remittance text proper.
  const tokens = new Map<string, string>();
  const tokenPattern = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE)\+/g;
  const marks = [...purpose.matchAll(tokenPattern)];
  marks.forEach((m, i) => tokens.set(m[1]!, purpose.slice(m.index! + m[0].length, marks[i + 1]?.index ?? purpose.length).trim()));
  const remittance = tokens.get('SVWZ') ?? (marks.length ? '' : purpose.trim());
  const endToEnd = tokens.get('EREF') ?? '';
  return {
    name: `${parts.get('32') ?? ''}${parts.get('33') ?? ''}`.trim(),
    iban: (parts.get('31') ?? '').trim(),
    remittance: remittance || purpose.trim(),
    endToEnd: endToEnd === 'NOTPROVIDED' ? '' : endToEnd,
  };
}

/**
 * The pages of a statement block: a statement over several pages carries intermediate balances
 * (:60M: opening a page, :62M: closing it), mostly each page with its own :20:, sometimes all in
 * one block. Each page is checked on its own.
 */
function pagesOf(fields: Field[]): Field[][] {
  const pages: Field[][] = [];
  let page: Field[] = [];
  for (const f of fields) {
    if (/^60[FM]$/.test(f.tag) && page.some((g) => g.tag === '61' || /^6[02][FM]$/.test(g.tag))) {
      pages.push(page);
      page = fields.filter((g) => /^(20|25|28C?)$/.test(g.tag) && g.line < f.line);
    }
    page.push(f);
  }
  pages.push(page);
  return pages;
}

function statementOf(fields: Field[], page: number, pages: number, file: string): Statement {
  const first = fields[0]!;
  const get = (tag: string) => fields.find((f) => f.tag === tag);
  const account = get('25');
  if (!account) throw new StatementError(file, { line: first.line }, problem('noAccount'));
  const opening = get('60F') ?? get('60M');
  const closing = get('62F') ?? get('62M');
  if (!opening) throw new StatementError(file, { line: first.line }, problem('noOpeningBalance'));
  const open = balanceOf(opening, file);
  const close = closing ? balanceOf(closing, file) : null;
  // One statement, one account, one currency: the entries are booked in the opening balance's.
  if (close && close.currency !== open.currency) throw new StatementError(file, { line: closing!.line, tag: closing!.tag }, problem('balanceCurrency', { tag: closing!.tag, currency: close.currency, accountCurrency: open.currency }));
  const entries: StatementEntry[] = [];
  fields.forEach((f, i) => {
    if (f.tag !== '61') return;
    const m = /^(\d{6})(\d{4})?(R?[CD])([A-Z])?([\d,]+)([NSF][A-Z0-9]{3})([^/\n]*)(?:\/\/([^\n]*))?/.exec(f.value);
    if (!m) throw new StatementError(file, { line: f.line }, problem('transactionFormat'));
    const written = date6(m[1]!);
    const value = bankDate(written);
    if (!value) throw new StatementError(file, { line: f.line }, problem('valueDate'));
    const valueDate = value.date;
    let date = valueDate;
    if (m[2]) {
      // The booking date has no year: the value date's, or the next/previous one around New Year.
      // It is the day the bank booked, a day of the calendar (the 30-day months are the value date's).
      const year = Number(valueDate.slice(0, 4));
      const monthDay = `${m[2]!.slice(0, 2)}-${m[2]!.slice(2, 4)}`;
      const candidates = [year - 1, year, year + 1].map((y) => `${y}-${monthDay}`).filter(isCalendarDate);
      if (!candidates.length) throw new StatementError(file, { line: f.line, tag: '61' }, problem('notCalendarDate', { value: `${year}-${monthDay}` }));
      date = candidates.sort((a, b) => Math.abs(Date.parse(a) - Date.parse(valueDate)) - Math.abs(Date.parse(b) - Date.parse(valueDate)))[0]!;
    }
    const mark = m[3]!;
    const cents = centsOf(m[5]!, ',', (what) => {
      throw new StatementError(file, { line: f.line, tag: '61' }, { ...what, text: `:61: ${what.text}` });
    });
    // RC (reversal of a credit) takes money out, RD (reversal of a debit) puts it back.
    const credit = mark === 'C' || mark === 'RD';
    const next = fields.slice(i + 1).find((g) => g.tag !== 'NS');
    const details = next?.tag === '86' ? detailsOf(next.value) : { name: '', iban: '', remittance: '', endToEnd: '' };
    entries.push({
      date,
      valueDate,
      amount: credit ? cents : -cents,
      currency: open.currency,
      counterpartyName: details.name,
      counterpartyIban: details.iban,
      remittance: details.remittance,
      endToEndId: details.endToEnd,
      bankReference: (m[8] ?? '').trim() || (m[7] ?? '').trim(),
      reversal: mark.startsWith('R'),
      at: `line ${f.line}`,
      ...(value.adjusted ? { notes: [note('valueDateNotCalendar', { written })] } : {}),
    });
  });
  const accountId = account.value.trim();
  const isIban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(accountId.replace(/\s+/g, ''));
  const id = (get('28C')?.value ?? get('28')?.value ?? get('20')?.value ?? '').trim();
  return {
    id: pages > 1 ? `${id} (${page})` : id,
    account: { iban: isIban ? accountId.replace(/\s+/g, '') : '', number: isIban ? '' : accountId },
    currency: open.currency,
    opening: open.balance,
    closing: close?.balance ?? null,
    entries,
  };
}

export function parseMt940(bytes: Buffer, file: string): ParsedStatementFile {
  const blocks = fieldsOf(decodeBankText(bytes), file);
  if (!blocks.length) throw new StatementError(file, {}, problem('noMt940Statement'));
  const statements = blocks.flatMap((fields) => {
    const pages = pagesOf(fields);
    return pages.map((page, i) => statementOf(page, i + 1, pages.length, file));
  });
  for (const s of statements) checkBalances(s, (place, what) => {
    throw new StatementError(file, place, what);
  });
  return { format: 'mt940', statements };
}
