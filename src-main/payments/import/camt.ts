/**
 * ISO 20022 bank-to-customer messages: CAMT.053 (statement), CAMT.052 (intraday report) and
 * CAMT.054 (debit/credit notification), versions .001.02 to .001.13. Pure: bytes in, statements
 * out; the file must be well-formed UTF-8 XML, and booked entries must add up from the opening
 * to the closing balance.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { problem, type StatementProblem } from './problems.js';
import { centsOf, checkBalances, StatementError, type Balance, type ParsedStatementFile, type Statement, type StatementEntry } from './types.js';

type Node = Record<string, unknown>;
/** Refuses the file at an element below the statement. */
type Fail = (where: string, what: StatementProblem) => never;
const ARRAYS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'Bal', 'TxDtls', 'Ustrd']);

const text = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return text((value as Node)['#text']);
  return String(value).trim();
};
const child = (node: unknown, ...path: string[]): unknown => path.reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Node)[key] : undefined), node);
const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : []);

/** CAMT nests about a dozen levels; the parser refuses deeper files (its `maxNestedTags`). */
const MAX_DEPTH = 100;

/** What the XML parser refuses is a fault of the file: it says so, naming the file. */
function parseXml(source: string, file: string): Node {
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, trimValues: true, maxNestedTags: MAX_DEPTH, isArray: (name) => ARRAYS.has(name) });
  try {
    return parser.parse(source) as Node;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/nested/i.test(message)) throw new StatementError(file, {}, problem('xmlTooDeep', { max: MAX_DEPTH }));
    throw new StatementError(file, {}, problem('malformedXml', { detail: message }));
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
  if (valid !== true) throw new StatementError(file, { line: valid.err.line, column: valid.err.col }, problem('malformedXml', { detail: valid.err.msg }));
  const xml = parseXml(source, file);
  const document = xml.Document as Node | undefined;
  const root = document?.BkToCstmrStmt ?? document?.BkToCstmrAcctRpt ?? document?.BkToCstmrDbtCdtNtfctn;
  if (!root) throw new StatementError(file, { element: 'Document' }, problem('notCamt'));
  const format = document!.BkToCstmrStmt ? 'camt.053' : document!.BkToCstmrAcctRpt ? 'camt.052' : 'camt.054';
  const blocks = list((root as Node).Stmt ?? (root as Node).Rpt ?? (root as Node).Ntfctn);
  if (!blocks.length) throw new StatementError(file, { element: 'Document' }, problem('noStatement'));
  const statements = blocks.map((block, i) => statementOf(block, `Stmt[${i + 1}]`, file));
  for (const s of statements) checkBalances(s, (place, what) => {
    throw new StatementError(file, place, what);
  });
  return { format, statements };
}

function statementOf(block: Node, path: string, file: string): Statement {
  const fail: Fail = (where, what) => {
    throw new StatementError(file, { element: `${path}/${where}` }, what);
  };
  const currency = text(child(block, 'Acct', 'Ccy'));
  const iban = text(child(block, 'Acct', 'Id', 'IBAN'));
  const number = text(child(block, 'Acct', 'Id', 'Othr', 'Id'));
  if (!iban && !number) fail('Acct/Id', problem('accountMissing'));
  const balances = list(block.Bal).map((bal, i) => {
    const code = text(child(bal, 'Tp', 'CdOrPrtry', 'Cd'));
    return { code, balance: balanceOf(bal, `Bal[${i + 1}]`, fail) };
  });
  const pick = (...codes: string[]): Balance | null => balances.find((b) => codes.includes(b.code))?.balance ?? null;
  const entries: StatementEntry[] = [];
  list(block.Ntry).forEach((ntry, i) => {
    const where = `Ntry[${i + 1}]`;
    const status = text(child(ntry, 'Sts', 'Cd')) || text(ntry.Sts);
    // Only booked entries count: pending and informational ones change no balance.
    if (status && status !== 'BOOK') return;
    entries.push(entryOf(ntry, where, currency, fail));
  });
  return { id: text(block.Id) || path, account: { iban, number }, currency: currency || entries[0]?.currency || 'EUR', opening: pick('OPBD', 'PRCD', 'ITBD'), closing: pick('CLBD'), entries };
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

function entryOf(ntry: Node, where: string, statementCurrency: string, fail: Fail): StatementEntry {
  const { cents, currency } = signed(ntry, where, fail);
  const date = dateOf(ntry.BookgDt);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`${where}/BookgDt`, problem('bookingDateMissing'));
  const tx = list(child(ntry, 'NtryDtls', 'TxDtls'))[0] ?? {};
  const incoming = cents >= 0;
  const party = child(tx, 'RltdPties', incoming ? 'Dbtr' : 'Cdtr');
  const name = text(child(party, 'Nm')) || text(child(party, 'Pty', 'Nm'));
  const account = child(tx, 'RltdPties', incoming ? 'DbtrAcct' : 'CdtrAcct', 'Id', 'IBAN');
  const remittance = list(child(tx, 'RmtInf', 'Ustrd')).map(text).concat(text(child(tx, 'RmtInf', 'Strd', 'CdtrRefInf', 'Ref'))).filter(Boolean).join(' ');
  const endToEnd = text(child(tx, 'Refs', 'EndToEndId'));
  return {
    date,
    valueDate: dateOf(ntry.ValDt) || date,
    amount: cents,
    currency: currency || statementCurrency,
    counterpartyName: name,
    counterpartyIban: text(account),
    remittance: remittance || text(ntry.AddtlNtryInf),
    endToEndId: endToEnd === 'NOTPROVIDED' ? '' : endToEnd,
    bankReference: text(ntry.AcctSvcrRef) || text(child(tx, 'Refs', 'AcctSvcrRef')) || text(ntry.NtryRef),
    reversal: text(ntry.RvslInd) === 'true',
    at: where,
  };
}
