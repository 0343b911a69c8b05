/**
 * The default accounts of the DATEV charts SKR03 and SKR04 (sources and reasons in
 * src-main/exports/datev/accounts.ts), shared so that the settings form shows the numbers a
 * switch of chart or account length will save.
 */
import { DATEV_ACCOUNT_KEYS, type DatevAccounts, type DatevChart } from '../contract/index.js';

export const DEFAULT_ACCOUNTS: Record<DatevChart, DatevAccounts> = {
  SKR03: {
    revenue19: '8400',
    revenue7: '8300',
    intraEu: '8125',
    export: '8120',
    reverseCharge13b: '8337',
    euServices: '8336',
    notTaxable: '8338',
    smallBusiness19: '8192',
    taxFreeOther: '8100',
    receivables: '1400',
    bank: '1200',
    cash: '1000',
    skonto19: '8736',
    skonto7: '8731',
    writeOff19: '2406',
    writeOff7: '2401',
    privateDeposit: '1890',
    privateWithdrawal: '1800',
    transit: '1360',
    cashIncome19: '8400',
    cashIncome7: '8300',
    cashIncome0: '8200',
    cashExpense19: '3400',
    cashExpense7: '3300',
    cashExpense0: '4900',
    cashDifference: '4900',
  },
  SKR04: {
    revenue19: '4400',
    revenue7: '4300',
    intraEu: '4125',
    export: '4120',
    reverseCharge13b: '4337',
    euServices: '4336',
    notTaxable: '4338',
    smallBusiness19: '4185',
    taxFreeOther: '4100',
    receivables: '1200',
    bank: '1800',
    cash: '1600',
    skonto19: '4736',
    skonto7: '4731',
    writeOff19: '6936',
    writeOff7: '6931',
    privateDeposit: '2180',
    privateWithdrawal: '2100',
    transit: '1460',
    cashIncome19: '4400',
    cashIncome7: '4300',
    cashIncome0: '4200',
    cashExpense19: '5400',
    cashExpense7: '5300',
    cashExpense0: '6300',
    cashDifference: '6300',
  },
};

/** The chart's accounts that compute VAT themselves (AM): output tax on revenue, Skonto and write-offs, input tax on goods. */
export const AUTOMATIC_ACCOUNTS: Record<DatevChart, readonly string[]> = {
  SKR03: ['8400', '8300', '8736', '8731', '2406', '2401', '3400', '3300'],
  SKR04: ['4400', '4300', '4736', '4731', '6936', '6931', '5400', '5300'],
};

/** The chart's default accounts at an account length: DATEV fills a longer ledger account with zeros at the end (8400 → 840000). */
export function defaultDatevAccounts(chart: DatevChart, accountLength: number): DatevAccounts {
  return Object.fromEntries(DATEV_ACCOUNT_KEYS.map((key) => [key, DEFAULT_ACCOUNTS[chart][key].padEnd(accountLength, '0')])) as DatevAccounts;
}

/** The chart's automatic accounts at an account length. */
export function automaticDatevAccounts(chart: DatevChart, accountLength: number): string[] {
  return AUTOMATIC_ACCOUNTS[chart].map((a) => a.padEnd(accountLength, '0'));
}
