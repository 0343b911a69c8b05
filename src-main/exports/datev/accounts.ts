/**
 * The DATEV account map: where each kind of line goes in SKR03 and SKR04, the accounts that
 * compute VAT themselves (AM, "Automatikkonten": a line on them carries no BU key), the BU keys
 * of the others, and each customer's personal account (Debitor).
 *
 * Sources of the numbers (DATEV Kontenrahmen SKR03/SKR04, as published in the open charts of
 * kivitendo, `sql/Germany-DATEV-SKR03EU-chart.sql` and `sql/Germany-DATEV-SKR04EU-chart.sql`
 * with their `datevautomatik` flag and UStVA position, and a current SKR03 account list):
 *
 * | entry              | SKR03 | SKR04 | name (UStVA Kennzahl)                                                  |
 * |--------------------|-------|-------|------------------------------------------------------------------------|
 * | revenue19          | 8400  | 4400  | Erlöse 19 % USt, AM (81)                                               |
 * | revenue7           | 8300  | 4300  | Erlöse 7 % USt, AM (86)                                                |
 * | intraEu            | 8125  | 4125  | Steuerfreie innergemeinschaftliche Lieferungen § 4 Nr. 1b UStG (41)     |
 * | export             | 8120  | 4120  | Steuerfreie Umsätze § 4 Nr. 1a UStG, Ausfuhr (43)                      |
 * | reverseCharge13b   | 8337  | 4337  | Erlöse aus Leistungen, für die der Leistungsempfänger die Steuer nach § 13b UStG schuldet (60) |
 * | euServices         | 8336  | 4336  | Erlöse aus im anderen EU-Land steuerpflichtigen sonstigen Leistungen (21) |
 * | notTaxable         | 8338  | 4338  | Erlöse aus im Drittland steuerbaren Leistungen, im Inland nicht steuerbar (45) |
 * | smallBusiness19    | 8192  | 4185  | Steuerfreie Erlöse Kleinunternehmer nach § 19 Abs. 1 UStG (SKR03 since 2025; 8195 is the account of the former § 19, kivitendo's 4185 for SKR04) |
 * | taxFreeOther       | 8100  | 4100  | Steuerfreie Umsätze § 4 Nr. 8 ff. UStG (48)                            |
 * | receivables        | 1400  | 1200  | Forderungen aus Lieferungen und Leistungen (Sammelkonto der Debitoren) |
 * | bank               | 1200  | 1800  | Bank                                                                   |
 * | cash               | 1000  | 1600  | Kasse                                                                  |
 * | skonto19           | 8736  | 4736  | Gewährte Skonti 19 % USt, AM                                           |
 * | skonto7            | 8731  | 4731  | Gewährte Skonti 7 % USt, AM                                            |
 * | writeOff19         | 2406  | 6936  | Forderungsverluste 19 % USt (übliche Höhe), AM                          |
 * | writeOff7          | 2401  | 6931  | Forderungsverluste 7 % USt (übliche Höhe), AM                           |
 * | privateDeposit     | 1890  | 2180  | Privateinlagen                                                         |
 * | privateWithdrawal  | 1800  | 2100  | Privatentnahmen allgemein                                              |
 * | transit            | 1360  | 1460  | Geldtransit                                                            |
 * | cashIncome19/7/0   | 8400/8300/8200 | 4400/4300/4200 | Erlöse 19 % / 7 % USt (AM), Erlöse                     |
 * | cashExpense19/7/0  | 3400/3300/4900 | 5400/5300/6300 | Wareneingang 19 % / 7 % Vorsteuer (AM), Sonstige betriebliche Aufwendungen |
 * | cashDifference     | 4900  | 6300  | Sonstige betriebliche Aufwendungen (a surplus lowers it)                |
 *
 * SKR03 2406 and SKR04 6936 follow the charts' 16 % accounts (2405, 6935) the way the 19 % Skonto
 * account 8736 followed 8735; SKR04 4336/4337/4338, 4100 and 6931 mirror SKR03 8336/8337/8338,
 * 8100 and 2401 (4337 as § 13b is confirmed by a tax advisors' chamber's SKR04 list quoted in
 * public notes; the others were not found in an open source here). Check them against the tax
 * advisor's chart when in doubt: every account of the map can be set in the settings.
 */
import type { DatevAccountKey } from '../../../src-shared/contract/index.js';

export { AUTOMATIC_ACCOUNTS, DEFAULT_ACCOUNTS } from '../../../src-shared/datev/default-accounts.js';

/** German names of the map's default accounts, for the preview's sums per account. */
export const ACCOUNT_NAMES: Record<DatevAccountKey, string> = {
  revenue19: 'Erlöse 19 % USt',
  revenue7: 'Erlöse 7 % USt',
  intraEu: 'Steuerfreie innergemeinschaftliche Lieferungen § 4 Nr. 1b UStG',
  export: 'Steuerfreie Umsätze § 4 Nr. 1a UStG',
  reverseCharge13b: 'Erlöse § 13b UStG',
  euServices: 'Erlöse sonstige Leistungen EU',
  notTaxable: 'Nicht steuerbare Umsätze',
  smallBusiness19: 'Erlöse Kleinunternehmer § 19 UStG',
  taxFreeOther: 'Steuerfreie Umsätze § 4 Nr. 8 ff. UStG',
  receivables: 'Forderungen aus Lieferungen und Leistungen',
  bank: 'Bank',
  cash: 'Kasse',
  skonto19: 'Gewährte Skonti 19 % USt',
  skonto7: 'Gewährte Skonti 7 % USt',
  writeOff19: 'Forderungsverluste 19 % USt',
  writeOff7: 'Forderungsverluste 7 % USt',
  privateDeposit: 'Privateinlagen',
  privateWithdrawal: 'Privatentnahmen',
  transit: 'Geldtransit',
  cashIncome19: 'Erlöse 19 % USt',
  cashIncome7: 'Erlöse 7 % USt',
  cashIncome0: 'Erlöse',
  cashExpense19: 'Aufwand 19 % Vorsteuer',
  cashExpense7: 'Aufwand 7 % Vorsteuer',
  cashExpense0: 'Sonstige betriebliche Aufwendungen',
  cashDifference: 'Kassendifferenz',
};

/**
 * The BU key of a line on a contra account that is not automatic: 3 (USt 19 %), 2 (USt 7 %) on
 * sales, 9 (Vorsteuer 19 %), 8 (Vorsteuer 7 %) on purchases; '' when the contra account is
 * automatic or the line carries no VAT.
 */
export function buKeyOf(contraAccount: string, automatic: ReadonlySet<string>, vat: { side: 'output' | 'input'; rate: number } | null): string {
  if (!vat || automatic.has(contraAccount)) return '';
  if (vat.rate === 19) return vat.side === 'output' ? '3' : '9';
  if (vat.rate === 7) return vat.side === 'output' ? '2' : '8';
  return '';
}

/**
 * The range of personal accounts (Debitoren) for an account length: 10000–69999 at length 4
 * (one digit more than the ledger accounts), scaled by ten for each digit more.
 */
export function debitorRange(accountLength: number): { min: number; max: number } {
  const scale = 10 ** (accountLength - 4);
  return { min: 10000 * scale, max: 69999 * scale + (scale - 1) };
}

/**
 * A customer's Debitor: `debitorStart` plus the number its customer number carries (`K-10001` →
 * the digits 10001 less 10000, so K-10001 is the first: 10000 + 1 = 10001 by default). The rule
 * gives a customer its Debitor when it is first exported; later exports take the one recorded
 * then, even after the customer number changed. Null when the number carries no digits.
 */
export function debitorOf(customerNumber: string, debitorStart: number): number | null {
  const digits = /(\d+)\D*$/.exec(customerNumber)?.[1];
  if (!digits) return null;
  const n = Number(digits);
  return debitorStart + (n >= 10000 ? n - 10000 : n);
}
