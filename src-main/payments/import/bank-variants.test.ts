/**
 * Bank statement files as banks write them: first and latest CAMT versions, entries without a
 * booking date, amounts with five decimals, MT940 in a SWIFT envelope, over several pages, with
 * header lines, :NS: fields and value dates that are not calendar dates. Each read whole, with the
 * entries as the bank meant them; files that are wrong stay refused, naming the place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatement, StatementError } from './index.js';

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/statements', name));
const read = (name: string) => parseStatement(fixture(name), { fileName: name });

function refusal(name: string): StatementError {
  try {
    read(name);
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error(`${name} was read`);
}

describe('CAMT as banks write it', () => {
  it('reads a camt.052.001.01 report: first-version names, an entry without booking date takes its value date and says so, five decimals', () => {
    const file = read('camt052-v01-value-dates.xml');
    expect(file.format).toBe('camt.052');
    const [statement] = file.statements;
    expect(statement!.account.iban).toBe('DE89370400440532013000');
    expect(statement!.opening).toEqual({ amount: 100_000, date: '2026-11-29' });
    expect(statement!.closing).toEqual({ amount: 641_709, date: '2026-11-30' });
    expect(statement!.entries.map((e) => [e.date, e.valueDate, e.amount, e.counterpartyName, e.bankReference, e.notes ?? []])).toEqual([
      ['2026-11-30', '2026-11-30', 544_209, 'Müller Maschinenbau GmbH', '2026113000001', [{ key: 'statementImport.note.bookingDateFromValueDate', params: {} }]],
      ['2026-11-29', '2026-11-29', -2500, 'Büro & Co. Versand', '2026112900007', []],
    ]);
    expect(statement!.entries[0]).toMatchObject({ counterpartyIban: 'DE02120300000000202051', endToEndId: 'E2E-RE-2026-A-000005', remittance: 'RE-2026-A-000005' });
  });

  it('reads a camt.053.001.01 statement: BkToCstmrStmtV01, a proprietary account, balance type without CdOrPrtry, TxDtls without NtryDtls', () => {
    const file = read('camt053-v01.xml');
    expect(file.format).toBe('camt.053');
    const [statement] = file.statements;
    expect(statement!.account).toEqual({ iban: '', number: '0532013000' });
    expect(statement!.opening!.amount).toBe(-25_000);
    expect(statement!.entries).toHaveLength(1);
    expect(statement!.entries[0]).toMatchObject({ date: '2026-11-27', amount: 38_050, counterpartyName: 'Schulz & Partner', counterpartyIban: 'DE75512108001245126199', remittance: 'RE-2026-A-000008 Danke', endToEndId: 'E2E-V01-1' });
  });

  it('reads a camt.054.001.12 notification: party under Pty, value date as DtTm, no balances (so it cannot be checked)', () => {
    const file = read('camt054-v12-notification.xml');
    expect(file.format).toBe('camt.054');
    const [statement] = file.statements;
    expect(statement!.closing).toBeNull();
    expect(statement!.entries[0]).toMatchObject({ date: '2026-11-28', amount: 16_880, counterpartyName: 'Café Morgenrot', notes: [{ key: 'statementImport.note.bookingDateFromValueDate', params: {} }] });
  });

  it('reads any message version by its namespace, also ones newer than this reader knows', () => {
    const source = fixture('camt054-v12-notification.xml').toString('utf8');
    for (const version of ['02', '08', '13', '14']) {
      const file = parseStatement(Buffer.from(source.replace('camt.054.001.12', `camt.054.001.${version}`)), { fileName: 'n.xml' });
      expect(file.statements[0]!.entries[0]!.counterpartyName).toBe('Café Morgenrot');
    }
  });

  it('refuses an amount with more than two significant decimals, naming the element', () => {
    const error = refusal('camt053-subcent.xml');
    expect(error.key).toBe('statementImport.problem.subCentAmount');
    expect(error.place).toEqual({ element: 'Stmt[1]/Ntry[1]/Amt' });
    expect(error.params).toMatchObject({ value: '12.34500' });
  });

  it('refuses an amount that is not a number, naming the element', () => {
    const error = refusal('camt053-not-a-number.xml');
    expect(error.key).toBe('statementImport.problem.notAmount');
    expect(error.place).toEqual({ element: 'Stmt[1]/Ntry[1]/Amt' });
  });

  it('refuses XML that is not well-formed with the line, the column and the element, without the parser’s English', () => {
    const error = refusal('camt053-truncated.xml');
    expect(error.key).toMatch(/^statementImport\.problem\.(xml|malformedXml)/);
    expect(error.params).not.toHaveProperty('detail');
    expect(error.place.line).toBeGreaterThan(1);
    expect(error.place.column).toBeGreaterThan(0);
    expect(Object.values(error.params).join(' ')).not.toMatch(/[Ee]xpected|closing tag|[Uu]nclosed|not closed/);
  });

  it('refuses a file of unknown format', () => {
    expect(refusal('unknown-format.txt').key).toBe('statementImport.problem.unknownFormat');
  });
});

describe('MT940 as banks write it', () => {
  it('reads two statements in SWIFT envelopes, one of them without entries', () => {
    const file = read('mt940-envelope.sta');
    expect(file.statements.map((s) => [s.id, s.entries.length, s.opening!.amount, s.closing!.amount])).toEqual([
      ['00231/001', 1, 100_000, 111_900],
      ['00232/001', 0, 111_900, 111_900],
    ]);
    expect(file.statements[0]!.entries[0]).toMatchObject({ amount: 11_900, bankReference: 'BANKREF-0101', endToEndId: 'E2E-0101', counterpartyName: 'Baeckerei Groesse KG' });
  });

  it('reads a statement over two pages with header lines, :28:, :NS:, a wrapped :86:, amounts like 0, and 000000000147,64 and a 30 February', () => {
    const file = read('mt940-pages.sta');
    expect(file.statements.map((s) => [s.id, s.opening, s.closing])).toEqual([
      ['00012/1', { amount: 0, date: '2026-02-26' }, { amount: 14_764, date: '2026-02-26' }],
      ['00012/2', { amount: 14_764, date: '2026-02-26' }, { amount: 14_639, date: '2026-02-27' }],
    ]);
    const [credit] = file.statements[0]!.entries;
    expect(credit).toMatchObject({
      date: '2026-02-26',
      valueDate: '2026-02-26',
      amount: 14_764,
      endToEndId: 'E2E-0201',
      counterpartyName: 'Müller Maschinenbau GmbH',
      counterpartyIban: 'DE02120300000000202051',
      remittance: 'Rechnung RE-2026-A-000004 Kunde K-10002 Lieferung vom 28.10.2026 Auftrag A-77 Teillieferung 1 von 2 Restbetrag folgt',
    });
    const [fee] = file.statements[1]!.entries;
    expect(fee).toMatchObject({ date: '2026-02-27', valueDate: '2026-02-28', amount: -125, notes: [{ key: 'statementImport.note.valueDateNotCalendar', params: { written: '2026-02-30' } }] });
  });

  it('reads a statement without closing balance (it cannot be checked: the import asks first)', () => {
    const [statement] = read('mt940-no-closing.sta').statements;
    expect(statement!.closing).toBeNull();
    expect(statement!.entries).toHaveLength(1);
  });

  it('refuses a statement whose balances do not add up, naming the statement', () => {
    const error = refusal('mt940-unbalanced.sta');
    expect(error.key).toBe('statementImport.problem.unbalanced');
    expect(error.place).toEqual({ statement: '00241/001' });
  });
});
