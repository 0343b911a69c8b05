/**
 * The DATEV settings at another Sachkontenlänge: accounts sent empty take the chart's defaults
 * lengthened the way DATEV does (zeros at the end: 8400 → 84000 at 5 digits), the Automatikkonten
 * alike; accounts of the former length are refused, each at its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATEV_ACCOUNT_KEYS } from '../../../src-shared/contract/index.js';
import { team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { DEFAULT_ACCOUNTS } from './accounts.js';

let app: TestApp;
let t: Team;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
}, 120_000);
afterAll(async () => app.stop());

const empty = Object.fromEntries(DATEV_ACCOUNT_KEYS.map((key) => [key, '']));

describe('DATEV settings at another account length', () => {
  it('fills the accounts left empty with the chart defaults padded with zeros, and keeps them so', async () => {
    const saved = await unwrap(t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '1', accountLength: 5, chart: 'SKR03', debitorStart: 100000, accounts: empty }));
    expect(saved.accountLength).toBe(5);
    expect(saved.accounts).toMatchObject({ revenue19: '84000', revenue7: '83000', cash: '10000', bank: '12000', receivables: '14000', skonto19: '87360' });
    for (const key of DATEV_ACCOUNT_KEYS) expect(saved.accounts[key]).toBe(`${DEFAULT_ACCOUNTS.SKR03[key]}0`);
    expect(saved.automaticAccounts).toContain('84000');
    expect(saved.automaticAccounts.every((a) => a.length === 5)).toBe(true);
    expect(await unwrap(t.bookkeeper.invoke('exports.datevSettings', {}))).toEqual(saved);

    const skr04 = await unwrap(t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '1', accountLength: 6, chart: 'SKR04', debitorStart: 1000000, accounts: empty }));
    expect(skr04.accounts).toMatchObject({ revenue19: '440000', cash: '160000', bank: '180000' });
  });

  it('refuses the accounts of the former length at every field sent, and saves nothing', async () => {
    const before = await unwrap(t.bookkeeper.invoke('exports.datevSettings', {}));
    const r = await t.bookkeeper.invoke('exports.saveDatevSettings', { beraterNummer: '1001', mandantNummer: '1', accountLength: 5, chart: 'SKR03', debitorStart: 100000, accounts: { ...empty, revenue19: '8400', cash: '1000' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.details?.fields?.map((f) => [f.field, f.problem])).toEqual([
      ['accounts.revenue19', 'validation.datevAccountDigits'],
      ['accounts.cash', 'validation.datevAccountDigits'],
    ]);
    expect(await unwrap(t.bookkeeper.invoke('exports.datevSettings', {}))).toEqual(before);
  });
});
