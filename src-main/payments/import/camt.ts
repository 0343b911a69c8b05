/**
 * ISO 20022 bank-to-customer messages: CAMT.053 (statement), CAMT.052 (intraday report) and
 * CAMT.054 (debit/credit notification), in every version. The document's namespace
 * (`urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN`) says which message and version it is, and
 * the version which element names to read (see `mappingOf`); a version newer than the ones known
 * is read like the latest. Pure: bytes in, statements out; the file must be well-formed UTF-8 XML,
 * and booked entries must add up from the opening to the closing balance where both are given.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { problem, problemWithDetail, type StatementProblem } from './problems.js';
import { decodeXmlText } from './xml-text.js';
import { centsOf, checkBalances, isCalendarDate, note, StatementError, type Balance, type ParsedStatementFile, type Statement, type StatementEntry } from './types.js';

type Node = Record<string, unknown>;
/** Refuses the file at an element below the statement. */
type Fail = (where: string, what: StatementProblem) => never;
const ARRAYS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'Bal', 'NtryDtls', 'TxDtls', 'Ustrd']);

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as Node)['#text']);
  return decodeXmlText(String(value)).trim();
};
const child = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, key) => {
    const one = Array.isArray(n) ? n[0] : n;
    return one && typeof one === 'object' ? (one as Node)[key] : undefined;
  }, node);
const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : []);
/** The first of several paths that holds text. */
const first = (node: unknown, paths: readonly (readonly string[])[]): string => {
  for (const path of paths) {
    const found = text(child(node, ...path));
    if (found) return found;
  }
  return '';
};

type CamtMessage = 'camt.052' | 'camt.053' | 'camt.054';
const MESSAGES: Record<CamtMessage, { root: string; block: string }> = {
  'camt.053': { root: 'BkToCstmrStmt', block: 'Stmt' },
  'camt.052': { root: 'BkToCstmrAcctRpt', block: 'Rpt' },
  'camt.054': { root: 'BkToCstmrDbtCdtNtfctn', block: 'Ntfctn' },
};

/**
 * Where a version keeps what is read. Version 01 (2008) names the message after its version
 * (`BkToCstmrStmtV01`), types a balance as `Tp/Cd`, a non-IBAN account as `PrtryAcct` and puts
 * `TxDtls` right into the entry; version 02 brought `Tp/CdOrPrtry`, `Othr` and `NtryDtls`;
 * version 09 put a party's name into `Pty` and the entry status into `Sts/Cd`. Banks do not
 * always follow their version to the letter, so the other spelling is read after the version's own.
 */
type CamtMapping = {
  message: CamtMessage;
  version: number;
  roots: string[];
  block: string;
  balanceType: string[][];
  otherAccount: string[][];
  transactions: (ntry: Node) => Node[];
  partyName: string[][];
};

function mappingOf(message: CamtMessage, version: number): CamtMapping {
  const { root, block } = MESSAGES[message];
  const v01 = version <= 1;
  const nested = (ntry: Node) => list(ntry.NtryDtls).flatMap((d) => list(d.TxDtls));
  const direct = (ntry: Node) => list(ntry.TxDtls);
  return {
    message,
    version,
    roots: v01 ? [`${root}V01`, root] : [root, `${root}V01`],
    block,
    balanceType: v01 ? [['Tp', 'Cd'], ['Tp', 'CdOrPrtry', 'Cd']] : [['Tp', 'CdOrPrtry', 'Cd'], ['Tp', 'Cd']],
    otherAccount: v01 ? [['PrtryAcct', 'Id'], ['BBAN'], ['UPIC'], ['Othr', 'Id']] : [['Othr', 'Id'], ['PrtryAcct', 'Id']],
    transactions: v01 ? (ntry) => (direct(ntry).length ? direct(ntry) : nested(ntry)) : (ntry) => (nested(ntry).length ? nested(ntry) : direct(ntry)),
    partyName: version >= 9 ? [['Pty', 'Nm'], ['Nm']] : [['Nm'], ['Pty', 'Nm']],
  };
}

const NAMESPACE = /xmlns(?::[\w.-]+)?\s*=\s*["']urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3})\.\d{3}\.(\d{2})["']/;

/** The message and version the document's namespace names; without one, what its root element says. */
function mappingFor(source: string, document: Node | undefined, file: string): CamtMapping {
  const start = /<(?:[\w.-]+:)?Document\b[^>]*>/.exec(source)?.[0] ?? '';
  const ns = NAMESPACE.exec(start);
  if (ns) {
    const message = ns[1] as CamtMessage;
    if (!(message in MESSAGES)) throw new StatementError(file, { element: 'Document' }, problem('notCamt'));
    return mappingOf(message, Number(ns[2]));
  }
  for (const [message, { root }] of Object.entries(MESSAGES) as [CamtMessage, { root: string }][]) {
    if (document?.[root]) return mappingOf(message, 2);
    if (document?.[`${root}V01`]) return mappingOf(message, 1);
  }
  throw new StatementError(file, { element: 'Document' }, problem('notCamt'));
}

/** CAMT nests about a dozen levels; the parser refuses deeper files (its `maxNestedTags`). */
const MAX_DEPTH = 100;

/** What the XML reader says, as a problem the screens can say in their language. */
export function xmlProblem(message: string): StatementProblem {
  let m: RegExpExecArray | null;
  if ((m = /Expected closing tag '([^']*)' \(opened in line (\d+)[^)]*\) instead of closing tag '([^']*)'/.exec(message)))
    return problemWithDetail(message, 'xmlWrongClosingTag', { element: m[1]!, found: m[3]!, openedLine: Number(m[2]) });
  if ((m = /Unclosed tag '([^']*)'/.exec(message))) return problemWithDetail(message, 'xmlUnclosedTag', { element: m[1]! });
  // Several elements left open: the reader lists them, outermost first; the innermost is where the file breaks off.
  if ((m = /^Invalid '\[(.*)\]' found/.exec(message))) return problemWithDetail(message, 'xmlUnclosedTag', { element: [...m[1]!.matchAll(/"([^"]*)"/g)].at(-1)?.[1] ?? '' });
  if ((m = /Attribute '([^']*)'/.exec(message))) return problemWithDetail(message, 'xmlBadAttribute', { attribute: m[1]! });
  if ((m = /char '([^']*)' is not expected/.exec(message))) return problemWithDetail(message, 'xmlBadCharacter', { character: m[1]! });
  if ((m = /Tag '([^']*)' is an invalid name/.exec(message))) return problemWithDetail(message, 'xmlBadTagName', { element: m[1]! });
  if (/Extra text at the end|Multiple possible root nodes/.test(message)) return problemWithDetail(message, 'xmlTextAfterEnd');
  return problemWithDetail(message, 'malformedXml');
}

/**
 * Where the XML reader found the fault. Elements left open are found only when the file ends, so
 * the place is its end (the reader itself names the first line, or where the element opened).
 */
function xmlPlace(source: string, err: { msg: string; line: number; col: number }): { line: number; column: number } {
  if (!/^Unclosed tag|^Invalid '\[/.test(err.msg)) return { line: err.line, column: err.col };
  const lines = source.trimEnd().split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/** What the XML parser refuses is a fault of the file: it says so, naming the file. */
function parseXml(source: string, file: string): Node {
  // References are read by `text` (xml-text.ts): the parser expands no entity, least of all one the file declares.
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, trimValues: true, processEntities: false, maxNestedTags: MAX_DEPTH, isArray: (name) => ARRAYS.has(name) });
  try {
    return parser.parse(source) as Node;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/nested/i.test(message)) throw new StatementError(file, {}, problem('xmlTooDeep', { max: MAX_DEPTH }));
    throw new StatementError(file, {}, xmlProblem(message));
  }
}

export function parseCamt(bytes: Buffer, file: string): ParsedStatementFile {
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StatementError(file, {}, problem('notUtf8'));
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new StatementError(file, xmlPlace(source, valid.err), xmlProblem(valid.err.msg));
  const xml = parseXml(source, file);
  const document = xml.Document as Node | undefined;
  const mapping = mappingFor(source, document, file);
  const root = mapping.roots.map((name) => document?.[name]).find(Boolean) as Node | undefined;
  if (!root) throw new StatementError(file, { element: 'Document' }, problem('notCamt'));
  const blocks = list(root[mapping.block]);
  if (!blocks.length) throw new StatementError(file, { element: 'Document' }, problem('noStatement'));
  const statements = blocks.map((block, i) => statementOf(block, `${mapping.block}[${i + 1}]`, mapping, file));
  for (const s of statements) checkBalances(s, (place, what) => {
    throw new StatementError(file, place, what);
  });
  return { format: mapping.message, statements };
}

function statementOf(block: Node, path: string, mapping: CamtMapping, file: string): Statement {
  const fail: Fail = (where, what) => {
    throw new StatementError(file, { element: `${path}/${where}` }, what);
  };
  const currency = text(child(block, 'Acct', 'Ccy'));
  const iban = text(child(block, 'Acct', 'Id', 'IBAN'));
  const number = first(child(block, 'Acct', 'Id'), mapping.otherAccount);
  if (!iban && !number) fail('Acct/Id', problem('accountMissing'));
  const balances = list(block.Bal).map((bal, i) => {
    const code = first(bal, mapping.balanceType);
    return { code, balance: balanceOf(bal, `Bal[${i + 1}]`, fail) };
  });
  const pick = (...codes: string[]): Balance | null => balances.find((b) => codes.includes(b.code))?.balance ?? null;
  const entries: StatementEntry[] = [];
  list(block.Ntry).forEach((ntry, i) => {
    const where = `Ntry[${i + 1}]`;
    const status = text(child(ntry, 'Sts', 'Cd')) || text(ntry.Sts);
    // Only booked entries count: pending and informational ones change no balance.
    if (status && status !== 'BOOK') return;
    entries.push(entryOf(ntry, where, currency, mapping, fail));
  });
  // An account that does not name its currency has the first entry's: the others are in it too.
  const accountCurrency = currency || entries[0]?.currency || 'EUR';
  const foreign = entries.find((e) => e.currency !== accountCurrency);
  if (foreign) fail(`${foreign.at}/Amt`, problem('currencyNotAccount', { currency: foreign.currency, accountCurrency }));
  return { id: text(block.Id) || path, account: { iban, number }, currency: accountCurrency, opening: pick('OPBD', 'PRCD', 'ITBD'), closing: pick('CLBD'), entries };
}

function signed(node: unknown, where: string, fail: Fail): { cents: number; currency: string } {
  const amt = child(node, 'Amt');
  const raw = text(amt);
  if (!raw) fail(`${where}/Amt`, problem('amountMissing'));
  const cents = centsOf(raw, '.', (what) => fail(`${where}/Amt`, what));
  const indicator = text(child(node, 'CdtDbtInd'));
  if (indicator !== 'CRDT' && indicator !== 'DBIT') fail(`${where}/CdtDbtInd`, problem('creditDebit', { value: indicator }));
  const currency = typeof amt === 'object' && amt ? String((amt as Node)['@_Ccy'] ?? '') : '';
  return { cents: indicator === 'DBIT' ? -cents : cents, currency };
}

function dateOf(node: unknown): string {
  return (text(child(node, 'Dt')) || text(child(node, 'DtTm'))).slice(0, 10);
}

function balanceOf(bal: Node, where: string, fail: Fail): Balance {
  const { cents } = signed(bal, where, fail);
  return { amount: cents, date: dateOf(bal.Dt) };
}

function entryOf(ntry: Node, where: string, statementCurrency: string, mapping: CamtMapping, fail: Fail): StatementEntry {
  const { cents, currency } = signed(ntry, where, fail);
  if (currency && statementCurrency && currency !== statementCurrency) fail(`${where}/Amt`, problem('currencyNotAccount', { currency, accountCurrency: statementCurrency }));
  const booked = dateOf(ntry.BookgDt);
  const valueDate = dateOf(ntry.ValDt);
  // A date is a day of the calendar: "2026-02-30" or "2026-11-00" is refused where it stands.
  if (booked && !isCalendarDate(booked)) fail(`${where}/BookgDt`, problem('notCalendarDate', { value: booked }));
  if (valueDate && !isCalendarDate(valueDate)) fail(`${where}/ValDt`, problem('notCalendarDate', { value: valueDate }));
  // Reports and notifications often leave the booking date out: the value date stands in, and the entry says so.
  const date = booked || (valueDate && !ntry.BookgDt ? valueDate : '');
  if (!date) fail(`${where}/BookgDt`, problem('bookingDateMissing'));
  const tx = mapping.transactions(ntry)[0] ?? {};
  const incoming = cents >= 0;
  const party = child(tx, 'RltdPties', incoming ? 'Dbtr' : 'Cdtr');
  const name = first(party, mapping.partyName);
  const account = child(tx, 'RltdPties', incoming ? 'DbtrAcct' : 'CdtrAcct', 'Id', 'IBAN');
  const remittance = list(child(tx, 'RmtInf', 'Ustrd')).map(text).concat(text(child(tx, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref'))).filter(Boolean).join(' ');
  const endToEnd = text(child(tx, 'Refs', 'EndToEndId'));
  return {
    date,
    valueDate: valueDate || date,
    amount: cents,
    currency: currency || statementCurrency,
    counterpartyName: name,
    counterpartyIban: text(account),
    remittance: remittance || text(ntry.AddtlNtryInf),
    endToEndId: endToEnd === 'NOTPROVIDED' ? '' : endToEnd,
    bankReference: text(ntry.AcctSvcrRef) || text(child(tx, 'Refs', 'AcctSvcrRef')) || text(ntry.NtryRef),
    reversal: text(ntry.RvslInd) === 'true',
    at: where,
    ...(date !== booked ? { notes: [note('bookingDateFromValueDate')] } : {}),
  };
}
