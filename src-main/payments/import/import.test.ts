/**
 * The statement parsers against sample files written from the format descriptions (ISO 20022
 * camt.053.001.08, SWIFT MT940 with the DK :86: structure, a bank's CSV export): the same
 * payments in three formats give the same entries; bad files are refused naming file and place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatement, StatementError, type CsvMapping } from './index.js';

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/statements', name));
const SPARKASSE: CsvMapping = {
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd.MM.yyyy',
  currency: 'EUR',
  columns: { date: 'Buchungstag', valueDate: 'Valuta', amount: 'Betrag', credit: '', debit: '', currency: 'Währung', name: 'Auftraggeber/Empfänger', iban: 'IBAN', remittance: 'Verwendungszweck', reference: '' },
};

function errorOf(run: () => unknown): StatementError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('CAMT.053', () => {
  it('reads a file with two statements, booked entries only, a debit and a reversal', () => {
    const parsed = parseStatement(fixture('camt053-two-statements.xml'), { fileName: 'camt053-two-statements.xml' });
    expect(parsed.format).toBe('camt.053');
    expect(parsed.statements.map((s) => [s.id, s.account.iban, s.opening, s.closing, s.entries.length])).toEqual([
      ['2026-11-30-0001', 'DE89370400440532013000', { amount: 100000, date: '2026-11-27' }, { amount: 126280, date: '2026-11-30' }, 3],
      ['2026-12-01-0001', 'DE89370400440532013000', { amount: 126280, date: '2026-12-01' }, { amount: 114380, date: '2026-12-01' }, 1],
    ]);
    const [first, second] = parsed.statements;
    expect(first!.entries[0]).toEqual({
      date: '2026-11-28',
      valueDate: '2026-11-28',
      amount: 11900,
      currency: 'EUR',
      counterpartyName: 'Bäckerei Größe KG',
      counterpartyIban: 'DE02120300000000202051',
      remittance: 'Rechnung RE-2026-A-000001 Kunde K-10001',
      endToEndId: 'E2E-4711',
      bankReference: 'BANKREF-0001',
      reversal: false,
      at: 'Ntry[1]',
    });
    expect(first!.entries[1]).toMatchObject({ amount: -2500, counterpartyName: 'Büro & Co. Versand', counterpartyIban: 'DE75512108001245126199', endToEndId: '' });
    expect(second!.entries[0]).toMatchObject({ amount: -11900, reversal: true, valueDate: '2026-11-28', remittance: 'Storno Rechnung RE-2026-A-000001' });
  });

  it('refuses entries that do not add up, malformed XML, and a file cut off, naming where', () => {
    const unbalanced = errorOf(() => parseStatement(fixture('camt053-unbalanced.xml'), { fileName: 'camt053-unbalanced.xml' }));
    expect(unbalanced.message).toBe(
      'camt053-unbalanced.xml, statement 2026-11-30-0001: the entries do not add up: opening balance 1000.00 plus entries 262.80 is 1262.80, but the closing balance is 1262.81',
    );
    const truncated = errorOf(() => parseStatement(fixture('camt053-truncated.xml'), { fileName: 'camt053-truncated.xml' }));
    expect(truncated.message).toMatch(/^camt053-truncated\.xml, line \d+, column \d+: malformed XML: /);
    const latin1 = Buffer.from(fixture('camt053-two-statements.xml').toString('utf8'), 'latin1');
    expect(errorOf(() => parseStatement(latin1, { fileName: 'x.xml' })).message).toBe('x.xml: not UTF-8 (ISO 20022 files are UTF-8)');
    expect(errorOf(() => parseStatement(Buffer.from('<Document><Foo/></Document>'), { fileName: 'y.xml' })).where).toBe('Document');
  });
});

describe('MT940', () => {
  it('reads ISO-8859-1 with umlauts, the DK :86: subfields and SEPA tokens, two statements and an RC reversal', () => {
    const parsed = parseStatement(fixture('mt940-latin1.sta'), { fileName: 'mt940-latin1.sta' });
    expect(parsed.format).toBe('mt940');
    const [first, second] = parsed.statements;
    expect(first!.account).toEqual({ iban: '', number: '37040044/0532013000' });
    expect([first!.opening, first!.closing]).toEqual([
      { amount: 100000, date: '2026-11-27' },
      { amount: 126280, date: '2026-11-30' },
    ]);
    expect(first!.entries[0]).toEqual({
      date: '2026-11-28',
      valueDate: '2026-11-28',
      amount: 11900,
      currency: 'EUR',
      counterpartyName: 'Bäckerei Größe KG',
      counterpartyIban: 'DE02120300000000202051',
      remittance: 'Rechnung RE-2026-A-000001 Kunde K-10001',
      endToEndId: 'E2E-4711',
      bankReference: 'BANKREF-0001',
      reversal: false,
      at: 'line 5',
    });
    expect(first!.entries.map((e) => e.amount)).toEqual([11900, -2500, 16880]);
    expect(first!.entries[2]).toMatchObject({ counterpartyName: 'Café Morgenrot', remittance: 'RE 2026 A 000002 RE-2026-A-000003' });
    expect(second!.entries).toMatchObject([{ amount: -11900, reversal: true }]);
  });

  it('the same payments in CAMT and MT940 give the same amounts, parties and texts', () => {
    const key = (e: { date: string; amount: number; counterpartyName: string; remittance: string }) => [e.date, e.amount, e.counterpartyName, e.remittance];
    const camt = parseStatement(fixture('camt053-two-statements.xml')).statements.flatMap((s) => s.entries.map(key));
    const mt = parseStatement(fixture('mt940-latin1.sta')).statements.flatMap((s) => s.entries.map(key));
    expect(mt.map((k) => k.slice(0, 3))).toEqual(camt.map((k) => k.slice(0, 3)));
  });

  it('reads a file cut off before its closing balance without a closing balance, so that it cannot be checked', () => {
    const [statement] = parseStatement(fixture('mt940-truncated.sta'), { fileName: 'mt940-truncated.sta' }).statements;
    expect(statement!.closing).toBeNull();
    expect(statement!.entries).toHaveLength(3);
  });
});

describe('CSV with a column mapping', () => {
  it('reads amounts by the mapping’s locale and names the line and column of a bad one', () => {
    const parsed = parseStatement(fixture('bank-sparkasse.csv'), { csv: SPARKASSE, fileName: 'bank-sparkasse.csv' });
    expect(parsed.statements[0]!.entries.map((e) => [e.date, e.amount, e.counterpartyName, e.counterpartyIban])).toEqual([
      ['2026-11-28', 119000, 'Bäckerei Größe KG', 'DE02120300000000202051'],
      ['2026-11-29', -2500, 'Büro & Co. Versand', 'DE75512108001245126199'],
    ]);
    expect(errorOf(() => parseStatement(fixture('bank-bad-amount.csv'), { csv: SPARKASSE, fileName: 'bank-bad-amount.csv' })).message).toBe(
      'bank-bad-amount.csv, line 2, column "Betrag": "1,190.00" is not an amount with a decimal comma (1.234,56)',
    );
    // Read with a decimal point, the first amount is right and the next one, "-25,00", is the error.
    expect(errorOf(() => parseStatement(fixture('bank-bad-amount.csv'), { csv: { ...SPARKASSE, decimal: '.' }, fileName: 'b.csv' })).message).toBe(
      'b.csv, line 3, column "Betrag": "-25,00" is not an amount with a decimal point (1,234.56)',
    );
  });

  it('keeps two alike payments without a bank reference apart', async () => {
    const { entryIdentity } = await import('../identity.js');
    const e = { date: '2026-11-28', valueDate: '2026-11-28', amount: 5000, currency: 'EUR', counterpartyName: 'Verein', counterpartyIban: '', remittance: 'Beitrag', endToEndId: '', bankReference: '', reversal: false, at: '' };
    expect(entryIdentity('DE1', e)).not.toBe(entryIdentity('DE1', { ...e, counterpartyIban: 'DE02120300000000202051' }));
    expect(entryIdentity('DE1', e, 0)).not.toBe(entryIdentity('DE1', e, 1));
  });

  it('names the mapping’s columns the file does not have', () => {
    const mapping = { ...SPARKASSE, columns: { ...SPARKASSE.columns, amount: 'Umsatz' } };
    expect(errorOf(() => parseStatement(fixture('bank-sparkasse.csv'), { csv: mapping, fileName: 'bank.csv' })).message).toMatch(/^bank\.csv, line 1: columns not found: "Umsatz"; the file has "Buchungstag"/);
  });

  it('refuses an empty file and an unknown format', () => {
    expect(errorOf(() => parseStatement(Buffer.alloc(0), { fileName: 'leer.sta' })).message).toBe('leer.sta: the file is empty');
    expect(errorOf(() => parseStatement(Buffer.from('hello'), { fileName: 'x.txt' })).message).toBe('x.txt: not a CAMT, MT940 or (with a column mapping) CSV statement');
  });
});
