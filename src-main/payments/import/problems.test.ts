/**
 * A refused statement file tells the screens its problem as a key with values: every key the
 * parsers can use has a text in German and English naming the same values, and the values are
 * the file's own (amounts in cents), so each language writes them its way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { de } from '../../../src-shared/i18n/de.js';
import { en } from '../../../src-shared/i18n/en.js';
import { translateKnown as translate } from '../../../src-shared/i18n/index.js';
import { parseStatement, STATEMENT_NOTE_KEYS, STATEMENT_PLACE_KEYS, STATEMENT_PROBLEM_KEYS, STATEMENT_WARNING_KEYS, StatementError } from './index.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const refusal = (run: () => unknown): StatementError => {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('the file was read');
};
const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/statements', name));

describe('the problems of a statement file, in German and English', () => {
  it('has a text for every problem and every place in both languages, naming the same values', () => {
    expect(STATEMENT_PROBLEM_KEYS.length).toBeGreaterThan(30);
    for (const key of [...STATEMENT_PROBLEM_KEYS, ...STATEMENT_PLACE_KEYS, ...STATEMENT_NOTE_KEYS, ...STATEMENT_WARNING_KEYS]) {
      const german = translate('de', key);
      const english = translate('en', key);
      expect(german, key).not.toBe(key);
      expect(english, key).not.toBe(key);
      expect(placeholders(german), key).toEqual(placeholders(english));
    }
    // No text is left over for a problem the parsers no longer know.
    expect(Object.keys(de.statementImport.problem).map((k) => `statementImport.problem.${k}`).sort()).toEqual([...STATEMENT_PROBLEM_KEYS].sort());
    expect(Object.keys(en.statementImport.problem)).toHaveLength(STATEMENT_PROBLEM_KEYS.length);
  });

  it('carries the amounts of a statement that does not add up as cents, with the English sentence for the log', () => {
    const error = refusal(() => parseStatement(fixture('camt053-unbalanced.xml'), { fileName: 'camt053-unbalanced.xml' }));
    expect(error.details()).toEqual({
      file: 'camt053-unbalanced.xml',
      where: 'statement 2026-11-30-0001',
      place: { statement: '2026-11-30-0001' },
      key: 'statementImport.problem.unbalanced',
      params: { openingCents: 100000, entriesCents: 26280, sumCents: 126280, closingCents: 126281, currency: 'EUR' },
      problem: 'the entries do not add up: opening balance 1000.00 plus entries 262.80 is 1262.80, but the closing balance is 1262.81',
    });
  });

  it('carries the line and column of broken XML and of a bad CSV amount', () => {
    const xml = refusal(() => parseStatement(fixture('camt053-truncated.xml'), { fileName: 'x.xml' }));
    expect(xml).toMatchObject({ key: 'statementImport.problem.malformedXml', place: { line: expect.any(Number), column: expect.any(Number) } });
    expect(xml.where).toBe(`line ${xml.place.line}, column ${xml.place.column}`);
    const csv = refusal(() =>
      parseStatement(fixture('bank-bad-amount.csv'), {
        fileName: 'b.csv',
        csv: { delimiter: ';', decimal: ',', dateFormat: 'dd.MM.yyyy', currency: 'EUR', columns: { date: 'Buchungstag', valueDate: '', amount: 'Betrag', credit: '', debit: '', currency: '', name: '', iban: '', remittance: '', reference: '' } },
      }),
    );
    expect(csv).toMatchObject({ key: 'statementImport.problem.notAmountComma', params: { value: '1,190.00' }, place: { line: 2, column: 'Betrag' }, where: 'line 2, column "Betrag"' });
  });
});
