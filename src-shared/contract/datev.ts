/**
 * The hand-over to the tax advisor: DATEV settings (Berater- and Mandantennummer, chart, account
 * map), the DATEV export (Buchungsstapel and Debitoren) with its preview, and the history of
 * every export for the tax advisor or an auditor. Amounts in views are integer cents.
 */
import { z } from 'zod';
import { isoDate } from './invoicing.js';
import type { DocumentFile } from './views.js';

/** The entries of the account map, in the order the settings show them. */
export const DATEV_ACCOUNT_KEYS = [
  'revenue19',
  'revenue7',
  'intraEu',
  'export',
  'reverseCharge13b',
  /** Services to EU businesses taxable in the other country (§ 3a Abs. 2 UStG, Kz 21). */
  'euServices',
  /** Not taxable here, place of supply abroad (Kz 45). */
  'notTaxable',
  'smallBusiness19',
  'taxFreeOther',
  'receivables',
  'bank',
  'cash',
  'skonto19',
  'skonto7',
  'writeOff19',
  'writeOff7',
  'privateDeposit',
  'privateWithdrawal',
  'transit',
  'cashIncome19',
  'cashIncome7',
  'cashIncome0',
  'cashExpense19',
  'cashExpense7',
  'cashExpense0',
  'cashDifference',
] as const;
export type DatevAccountKey = (typeof DATEV_ACCOUNT_KEYS)[number];
export type DatevAccounts = Record<DatevAccountKey, string>;

export const DATEV_CHARTS = ['SKR03', 'SKR04'] as const;
export type DatevChart = (typeof DATEV_CHARTS)[number];
export const TAX_EXPORT_TYPES = ['datev', 'auditor'] as const;
export type TaxExportType = (typeof TAX_EXPORT_TYPES)[number];

const digits = (max: number) => z.string().trim().max(max, 'validation.tooLong').regex(/^\d*$/, 'validation.datevDigits');

/** An account left empty takes the chart's default. */
const accountsInput = z
  .object(Object.fromEntries(DATEV_ACCOUNT_KEYS.map((key) => [key, digits(9).default('')])) as Record<DatevAccountKey, z.ZodDefault<ReturnType<typeof digits>>>)
  .strict();

export const DatevSettingsInput = z
  .object({
    /** 1001 … 9999999 (DATEV's range of Beraternummern); '' while not yet known. */
    beraterNummer: digits(7).default(''),
    /** 1 … 99999; '' while not yet known. */
    mandantNummer: digits(5).default(''),
    fiscalYearStartMonth: z.number().int('validation.datevFiscalYearStart').min(1, 'validation.datevFiscalYearStart').max(12, 'validation.datevFiscalYearStart').default(1),
    accountLength: z.number().int('validation.datevAccountLength').min(4, 'validation.datevAccountLength').max(8, 'validation.datevAccountLength').default(4),
    chart: z.enum(DATEV_CHARTS, { message: 'validation.datevChart' }).default('SKR03'),
    /** The first customer's Debitor: a customer's is this plus the number in its customer number. */
    debitorStart: z.number().int('validation.datevDebitorStart').min(1, 'validation.datevDebitorStart').max(999_999_999, 'validation.datevDebitorStart').default(10000),
    accounts: accountsInput.default(Object.fromEntries(DATEV_ACCOUNT_KEYS.map((key) => [key, ''])) as DatevAccounts),
  })
  .strict();

export type DatevSettingsView = {
  beraterNummer: string;
  mandantNummer: string;
  fiscalYearStartMonth: number;
  accountLength: number;
  chart: DatevChart;
  debitorStart: number;
  /** Every account of the map, the chart's default where none is set. */
  accounts: DatevAccounts;
  /** The chart's accounts that compute VAT themselves (AM): their lines carry no BU key. */
  automaticAccounts: string[];
  /** Berater- and Mandantennummer set: an export can be made. */
  configured: boolean;
};

export const DatevExportInput = z
  .object({
    from: isoDate,
    to: isoDate,
    /** Whether the tax advisor's DATEV locks the batch on import (Festschreibung). */
    festgeschrieben: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'validation.periodOrder' });

export const TaxExportHistoryInput = z.object({ type: z.enum(TAX_EXPORT_TYPES, { message: 'validation.taxExportType' }).optional() }).strict();

export type TaxExportFile = { fileName: string; sha256: string; lines: number };

/** An export made earlier, as recorded (a `taxExport` fact). */
export type TaxExportRecord = {
  id: string;
  type: TaxExportType;
  from: string;
  to: string;
  /** When it was made (ISO timestamp). */
  at: string;
  userId: string;
  userName: string;
  festgeschrieben: boolean;
  files: TaxExportFile[];
};

/** One Buchungsstapel line as the preview shows it. */
export type DatevLineView = {
  /** Cents, > 0. */
  amount: number;
  side: 'S' | 'H';
  account: string;
  contraAccount: string;
  buKey: string;
  date: string;
  document: string;
  text: string;
  dueDate: string;
};

/**
 * A problem of the export; `problem` is an i18n key, `values` fill it in. `subject` 'customer':
 * a problem of the Debitoren file, fixed in the customer; its text names the customer and
 * `documentNumber` is ''. Without `subject` (or 'document') it is about the document `documentNumber`.
 */
export type DatevIssue = { code: string; documentNumber: string; subject?: 'document' | 'customer'; problem: string; values: Record<string, string | number> };

export type DatevPreview = {
  from: string;
  to: string;
  lineCount: number;
  /** How many Buchungsstapel files the lines take. */
  files: number;
  /** The first 500 lines. */
  lines: DatevLineView[];
  /** Sums per account (Konto and Gegenkonto), in cents. */
  accounts: { account: string; name: string; debit: number; credit: number }[];
  warnings: DatevIssue[];
  /** An export with errors is refused. */
  errors: DatevIssue[];
  /** Earlier exports that overlap the period. */
  earlier: TaxExportRecord[];
};

export type DatevExportResult = {
  /** The Buchungsstapel file(s) and the Debitoren file. */
  files: DocumentFile[];
  record: TaxExportRecord;
  /** Earlier exports that overlap the period. */
  earlier: TaxExportRecord[];
};
