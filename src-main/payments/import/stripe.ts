/**
 * Stripe's balance history export (Balance → Export, itemized CSV): charges become incoming
 * payments with their gross amount, Stripe's fee on each becomes a fee payment of its own,
 * refunds are outgoing; payouts only move money from Stripe to the bank account, where the bank
 * statement books them, so they are left out. Pure; problems name line and column.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { csvProblem } from './csv.js';
import { problem } from './problems.js';
import { centsOf, StatementError, type ParsedStatementFile, type StatementEntry } from './types.js';

const REQUIRED = ['id', 'Type', 'Amount', 'Fee', 'Currency', 'Created (UTC)'];

export function looksLikeStripe(head: string): boolean {
  const first = head.split(/\r?\n/, 1)[0] ?? '';
  return /^"?id"?,/.test(first) && /"?Fee"?/.test(first) && /"?Created \(UTC\)"?/.test(first);
}

export function parseStripe(bytes: Buffer, file: string): ParsedStatementFile {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, info: true }) as typeof rows;
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new StatementError(file, lines ? { line: lines } : {}, csvProblem(error));
  }
  if (!rows.length) throw new StatementError(file, {}, problem('noRows'));
  const missing = REQUIRED.filter((c) => !(c in rows[0]!.record));
  if (missing.length) throw new StatementError(file, { line: 1 }, problem('notStripe', { missing: missing.map((m) => `"${m}"`).join(', ') }));
  const entries: StatementEntry[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const type = (record.Type ?? '').toLowerCase();
    if (type === 'payout' || type === 'transfer') continue;
    const money = (column: string) => {
      const raw = (record[column] ?? '').replace(/^-/, '');
      const negative = (record[column] ?? '').startsWith('-');
      const cents = centsOf(raw || '0', '.', (what) => {
        throw new StatementError(file, { line, column }, what);
      });
      return negative ? -cents : cents;
    };
    const created = (record['Created (UTC)'] ?? '').slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(created)) throw new StatementError(file, { line, column: 'Created (UTC)' }, problem('notDate', { value: record['Created (UTC)'] ?? '' }));
    const amount = money('Amount');
    if (amount === 0) continue;
    entries.push({
      date: created,
      valueDate: (record['Available On (UTC)'] ?? '').slice(0, 10) || created,
      amount,
      currency: (record.Currency ?? 'eur').toUpperCase(),
      counterpartyName: record['Customer Name'] ?? record['Customer Email'] ?? record['Customer Description'] ?? '',
      counterpartyIban: '',
      remittance: [record.Description, record['Invoice Number'], record['invoice_number (metadata)']].filter(Boolean).join(' '),
      endToEndId: '',
      bankReference: record.id ?? '',
      reversal: false,
      fee: money('Fee'),
      at: `line ${line}`,
    });
  }
  return { format: 'stripe', statements: [{ id: file, account: { iban: '', number: 'stripe' }, currency: entries[0]?.currency ?? 'EUR', opening: null, closing: null, entries }] };
}
