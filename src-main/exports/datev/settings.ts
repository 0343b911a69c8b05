/**
 * The DATEV settings (`datev` settings document): Berater- and Mandantennummer, the fiscal
 * year's first month, the account length, the chart, the first Debitor and the account map.
 * Accounts left empty take the chart's defaults; every account is checked for digits and length,
 * each problem named at its field.
 */
import { AppError, DATEV_ACCOUNT_KEYS, type DatevAccountKey, type DatevAccounts, type DatevSettingsView, type FieldError, type ParsedInputOf, type PublicUser } from '../../../src-shared/contract/index.js';
import type { Core } from '../../server/core.js';
import { automaticDatevAccounts, defaultDatevAccounts } from '../../../src-shared/datev/default-accounts.js';
import { debitorRange } from './accounts.js';

export const DATEV_SETTINGS_ID = 'datev';

export type DatevSettings = DatevSettingsView;

type StoredDatev = {
  beraterNummer: string;
  mandantNummer: string;
  fiscalYearStartMonth: number;
  accountLength: number;
  chart: 'SKR03' | 'SKR04';
  debitorStart: number;
  accounts: Partial<DatevAccounts>;
};

/** The chart's default accounts at an account length (one home: src-shared/datev/default-accounts.ts). */
export const defaultAccounts = defaultDatevAccounts;

/** The settings as stored, with the chart's defaults for every account left empty (and defaults for all before the first save). */
export function settingsView(stored: StoredDatev | null): DatevSettingsView {
  const chart = stored?.chart ?? 'SKR03';
  const accountLength = stored?.accountLength ?? 4;
  const defaults = defaultAccounts(chart, accountLength);
  const accounts = Object.fromEntries(DATEV_ACCOUNT_KEYS.map((key) => [key, stored?.accounts[key] || defaults[key]])) as DatevAccounts;
  const beraterNummer = stored?.beraterNummer ?? '';
  const mandantNummer = stored?.mandantNummer ?? '';
  return {
    beraterNummer,
    mandantNummer,
    fiscalYearStartMonth: stored?.fiscalYearStartMonth ?? 1,
    accountLength,
    chart,
    debitorStart: stored?.debitorStart ?? 10000,
    accounts,
    automaticAccounts: automaticDatevAccounts(chart, accountLength),
    configured: beraterNummer !== '' && mandantNummer !== '',
  };
}

export async function readDatevSettings(core: Core): Promise<DatevSettingsView> {
  const doc = await core.books.db.settings.findOne(DATEV_SETTINGS_ID).exec();
  return settingsView((doc?.toMutableJSON().datev as StoredDatev | undefined) ?? null);
}

/** Every problem of settings about to be saved, each at its field. */
export function settingsProblems(input: ParsedInputOf<'exports.saveDatevSettings'>): FieldError[] {
  const problems: FieldError[] = [];
  const berater = Number(input.beraterNummer);
  if (input.beraterNummer !== '' && (berater < 1001 || berater > 9_999_999)) problems.push({ field: 'beraterNummer', problem: 'validation.datevBeraterNummer' });
  const mandant = Number(input.mandantNummer);
  if (input.mandantNummer !== '' && (mandant < 1 || mandant > 99_999)) problems.push({ field: 'mandantNummer', problem: 'validation.datevMandantNummer' });
  const { min, max } = debitorRange(input.accountLength);
  if (input.debitorStart < min || input.debitorStart > max) {
    problems.push({ field: 'debitorStart', problem: 'validation.datevDebitorStart', params: { min, max } });
  }
  for (const key of DATEV_ACCOUNT_KEYS) {
    const account = input.accounts[key];
    if (account === '') continue;
    // A ledger account (Sachkonto) has exactly `accountLength` digits; one more would be a personal account.
    if (!/^\d+$/.test(account)) problems.push({ field: `accounts.${key}`, problem: 'validation.datevDigits' });
    else if (account.length !== input.accountLength) problems.push({ field: `accounts.${key}`, problem: 'validation.datevAccountDigits', params: { length: input.accountLength } });
  }
  if (problems.length === 0) problems.push(...clashProblems(input));
  return problems;
}

/** The roles that book VAT at a rate (0: none); an automatic account computes the rate of its default role. */
const RATE_ROLES: Partial<Record<DatevAccountKey, number>> = {
  revenue19: 19, skonto19: 19, writeOff19: 19, cashIncome19: 19, cashExpense19: 19,
  revenue7: 7, skonto7: 7, writeOff7: 7, cashIncome7: 7, cashExpense7: 7,
  intraEu: 0, export: 0, reverseCharge13b: 0, euServices: 0, notTaxable: 0, smallBusiness19: 0, taxFreeOther: 0,
  cashIncome0: 0, cashExpense0: 0, cashDifference: 0, privateDeposit: 0, privateWithdrawal: 0, transit: 0,
};
const MONEY_ROLES = ['receivables', 'bank', 'cash'] as const;

/**
 * Account maps that are clearly wrong (the accounts as they would be used, defaults included),
 * each named at the field the user set: receivables, bank and cash on one account or on the
 * account of another role, and a role of one VAT rate on an automatic account of another rate.
 * Two roles of the same rate may share an account.
 */
function clashProblems(input: ParsedInputOf<'exports.saveDatevSettings'>): FieldError[] {
  const problems: FieldError[] = [];
  const defaults = defaultAccounts(input.chart, input.accountLength);
  const used = (key: DatevAccountKey) => input.accounts[key] || defaults[key];
  const fieldOf = (key: DatevAccountKey, other: DatevAccountKey) => `accounts.${input.accounts[key] !== '' || input.accounts[other] === '' ? key : other}`;
  for (const [i, money] of MONEY_ROLES.entries()) {
    for (const key of DATEV_ACCOUNT_KEYS) {
      if (key === money || (MONEY_ROLES.includes(key as (typeof MONEY_ROLES)[number]) && MONEY_ROLES.indexOf(key as (typeof MONEY_ROLES)[number]) < i)) continue;
      if (used(key) !== used(money)) continue;
      problems.push({ field: fieldOf(key, money), problem: 'validation.datevAccountClash', params: { account: used(key), role: money } });
    }
  }
  const automaticRate = new Map<string, number>();
  const automatic = new Set(automaticDatevAccounts(input.chart, input.accountLength));
  for (const key of DATEV_ACCOUNT_KEYS) {
    const rate = RATE_ROLES[key];
    if (rate && automatic.has(defaults[key])) automaticRate.set(defaults[key], rate);
  }
  for (const key of DATEV_ACCOUNT_KEYS) {
    const rate = RATE_ROLES[key];
    const accountRate = automaticRate.get(used(key));
    if (rate === undefined || accountRate === undefined || accountRate === rate) continue;
    problems.push({ field: `accounts.${key}`, problem: 'validation.datevAutomaticRate', params: { account: used(key), accountRate, rate } });
  }
  return problems;
}

export async function saveDatevSettings(core: Core, input: ParsedInputOf<'exports.saveDatevSettings'>, user: PublicUser): Promise<DatevSettingsView> {
  const problems = settingsProblems(input);
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.problem}`).join('; '), { fields: problems });
  const settings = core.books.db.settings;
  const existing = await settings.findOne(DATEV_SETTINGS_ID).exec();
  const now = core.clock().toISOString();
  // Only what differs from the chart's defaults is kept, so a later change of the chart moves the defaults along.
  const defaults = defaultAccounts(input.chart, input.accountLength);
  const accounts = Object.fromEntries(DATEV_ACCOUNT_KEYS.filter((key) => input.accounts[key] !== '' && input.accounts[key] !== defaults[key]).map((key) => [key, input.accounts[key]]));
  const datev = {
    beraterNummer: input.beraterNummer,
    mandantNummer: input.mandantNummer,
    fiscalYearStartMonth: input.fiscalYearStartMonth,
    accountLength: input.accountLength,
    chart: input.chart,
    debitorStart: input.debitorStart,
    accounts,
  };
  const doc = { id: DATEV_SETTINGS_ID, kind: 'datev' as const, datev, createdAt: existing?.createdAt ?? now, createdBy: existing?.createdBy ?? user.id, updatedAt: now, updatedBy: user.id };
  await core.writes.write(user.id, { collection: 'settings', action: 'settings.datevSaved', entity: 'settings', entityId: DATEV_SETTINGS_ID, before: existing?.datev, after: datev }, () => settings.upsert(doc));
  return settingsView(datev);
}
