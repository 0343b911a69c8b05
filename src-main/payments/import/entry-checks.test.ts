/**
 * What a statement may book: dates that are days of the calendar, amounts in the account's
 * currency, amounts the books can hold. A file that breaks one of these is refused whole,
 * naming the element or line, and nothing of it is booked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { parseStatement, StatementError } from './index.js';
import { camtFile } from './testing.js';

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/statements', name), 'utf8');
const twoStatements = () => fixture('camt053-two-statements.xml');

function refusal(text: string | Buffer, fileName = 'k.xml'): StatementError {
  try {
    parseStatement(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'), { fileName });
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('the file was read');
}

describe('booking and value dates of a CAMT statement', () => {
  it('refuses a booking date that is no day of the calendar, naming the element', () => {
    for (const day of ['2026-02-30', '2026-11-00', '2026-13-45', '2026-04-31']) {
      const error = refusal(twoStatements().replace('<BookgDt><Dt>2026-11-28</Dt></BookgDt>', `<BookgDt><Dt>${day}</Dt></BookgDt>`));
      expect(error.details(), day).toMatchObject({ key: 'statementImport.problem.notCalendarDate', params: { value: day }, place: { element: 'Stmt[1]/Ntry[1]/BookgDt' } });
    }
  });

  it('refuses a value date that is no day of the calendar, naming the element', () => {
    const error = refusal(twoStatements().replace('<ValDt><Dt>2026-11-28</Dt></ValDt>', '<ValDt><Dt>2026-02-29</Dt></ValDt>'));
    expect(error.details()).toMatchObject({ key: 'statementImport.problem.notCalendarDate', params: { value: '2026-02-29' }, place: { element: 'Stmt[1]/Ntry[1]/ValDt' } });
  });

  it('refuses an MT940 booking date that is no day of the calendar; a value date of 30 February is still read', () => {
    const mt940 = fixture('mt940-envelope.sta').replace(':61:2611281128CR119,00', ':61:2611281131CR119,00');
    const error = refusal(mt940, 'k.sta');
    expect(error.details()).toMatchObject({ key: 'statementImport.problem.notCalendarDate', params: { value: '2026-11-31' }, place: { line: 6, tag: '61' } });
    const pages = parseStatement(fs.readFileSync(path.resolve('tests/fixtures/statements', 'mt940-pages.sta')), { fileName: 'p.sta' });
    expect(pages.statements.flatMap((s) => s.entries).find((e) => e.valueDate === '2026-02-28')).toMatchObject({ date: '2026-02-27' });
  });

  it('still reads 29 February of a leap year', () => {
    const parsed = parseStatement(camtFile([{ amount: 11900, date: '2028-02-29', bankReference: 'R-1' }]), { fileName: 'leap.xml' });
    expect(parsed.statements[0]!.entries[0]).toMatchObject({ date: '2028-02-29', valueDate: '2028-02-29' });
  });
});

describe('the currency of a statement entry', () => {
  it('refuses an entry in another currency than the account, naming the amount', () => {
    const error = refusal(twoStatements().replace('<Amt Ccy="EUR">119.00</Amt>', '<Amt Ccy="USD">119.00</Amt>'));
    expect(error.details()).toMatchObject({ key: 'statementImport.problem.currencyNotAccount', params: { currency: 'USD', accountCurrency: 'EUR' }, place: { element: 'Stmt[1]/Ntry[1]/Amt' } });
  });

  it('refuses entries in two currencies when the account names none', () => {
    const text = twoStatements().replace(/<Ccy>EUR<\/Ccy>/g, '').replace('<Amt Ccy="EUR">25.00</Amt>', '<Amt Ccy="USD">25.00</Amt>');
    const error = refusal(text);
    expect(error.details()).toMatchObject({ key: 'statementImport.problem.currencyNotAccount', params: { currency: 'USD', accountCurrency: 'EUR' }, place: { element: 'Stmt[1]/Ntry[2]/Amt' } });
  });

  it('refuses an MT940 statement whose closing balance is in another currency than its opening balance', () => {
    const mt940 = fixture('mt940-envelope.sta').replace(':62F:C261128EUR1119,00', ':62F:C261128USD1119,00');
    const error = refusal(mt940, 'k.sta');
    expect(error.details()).toMatchObject({ key: 'statementImport.problem.balanceCurrency', params: { tag: '62F', currency: 'USD', accountCurrency: 'EUR' } });
    expect(error.place.line).toBe(8);
  });
});

describe('the size of a statement amount', () => {
  it('refuses an amount above what the books take, naming the entry and the bound', () => {
    const error = refusal(camtFile([{ amount: 9_007_199_254_740_991, date: '2026-11-28', bankReference: 'R-1' }], { opening: 0 }));
    expect(error.details()).toMatchObject({ key: 'statementImport.problem.amountBeyondBooks', params: { amountCents: 9_007_199_254_740_991, maxCents: 9_999_999_999, currency: 'EUR' }, place: { element: 'Ntry[1]' } });
    // The largest amount the books take is read.
    const largest = parseStatement(camtFile([{ amount: -9_999_999_999, date: '2026-11-28', bankReference: 'R-2' }], { opening: 0 }), { fileName: 'l.xml' });
    expect(largest.statements[0]!.entries[0]!.amount).toBe(-9_999_999_999);
  });
});

describe('importing such a statement', () => {
  let app: TestApp;
  let t: Team;
  beforeEach(async () => {
    app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
    t = await team(app);
  });
  afterEach(async () => app.stop());

  it('books nothing and says why: a date off the calendar, a foreign currency, a huge amount', async () => {
    const files = [
      twoStatements().replace('<BookgDt><Dt>2026-11-28</Dt></BookgDt>', '<BookgDt><Dt>2026-02-30</Dt></BookgDt>'),
      twoStatements().replace('<Amt Ccy="EUR">119.00</Amt>', '<Amt Ccy="USD">119.00</Amt>'),
      camtFile([{ amount: 9_007_199_254_740_991, date: '2026-11-28', bankReference: 'R-1' }], { opening: 0 }).toString('utf8'),
    ];
    const keys = [];
    for (const text of files) {
      const result = await t.bookkeeper.invoke('payments.importStatement', { fileName: 'k.xml', dataBase64: Buffer.from(text, 'utf8').toString('base64') });
      expect(result.ok).toBe(false);
      if (!result.ok) keys.push([result.error.code, (result.error.details as { key?: string } | undefined)?.key]);
    }
    expect(keys).toEqual([
      ['IMPORT_FAILED', 'statementImport.problem.notCalendarDate'],
      ['IMPORT_FAILED', 'statementImport.problem.currencyNotAccount'],
      ['IMPORT_FAILED', 'statementImport.problem.amountBeyondBooks'],
    ]);
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(0);
  });
});
