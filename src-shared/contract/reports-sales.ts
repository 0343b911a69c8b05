/**
 * The sales reports: revenue by period (by customer or product) and the VAT summary with the
 * UStVA Kennzahlen it fills, each figure drillable to the documents behind it. Every result
 * carries the `table` the screen and the exports show. Money in integer cents.
 */
import { z } from 'zod';
import { TAXATIONS, type Taxation } from './accounts.js';
import { isoDate } from './invoicing.js';
import type { ReportTable } from './report-table.js';

export const REVENUE_PERIODS = ['month', 'quarter', 'year'] as const;
export type RevenuePeriod = (typeof REVENUE_PERIODS)[number];
export const REVENUE_GROUPINGS = ['none', 'customer', 'product'] as const;
export type RevenueGrouping = (typeof REVENUE_GROUPINGS)[number];

const customerId = z.string().max(40).optional();
const inOrder = (v: { from: string; to: string }) => v.from <= v.to;

export const RevenueReportInput = z
  .object({
    from: isoDate,
    to: isoDate,
    period: z.enum(REVENUE_PERIODS, { message: 'validation.reportPeriod' }).default('month'),
    by: z.enum(REVENUE_GROUPINGS, { message: 'validation.reportGrouping' }).default('none'),
    /** Soll: by the documents' issue dates; Ist: by the dates of the payments. */
    basis: z.enum(TAXATIONS, { message: 'validation.taxation' }).default('soll'),
    customerId,
  })
  .strict()
  .refine(inOrder, { path: ['to'], message: 'validation.periodOrder' });

export const VatReportInput = z.object({ from: isoDate, to: isoDate, customerId }).strict().refine(inOrder, { path: ['to'], message: 'validation.periodOrder' });

/**
 * A figure of the VAT summary: a Kennzahl (`81`, `86`, `35`, `41` …, `66`), a VAT category and
 * rate (`S/19`, `AE/0`), or `smallBusiness` (§ 19 UStG, not in the UStVA).
 */
export const VatFigureKey = z.string().regex(/^(\d{2}|[A-Z]{1,2}\/\d+(\.\d+)?|smallBusiness|unassigned)$/, 'validation.vatFigure');

export const VatDocumentsInput = z
  .object({ from: isoDate, to: isoDate, key: VatFigureKey, customerId })
  .strict()
  .refine(inOrder, { path: ['to'], message: 'validation.periodOrder' });

/** One period bucket of the revenue report and the same bucket a year earlier. */
export type RevenueBucket = { key: string; from: string; to: string; previousFrom: string; previousTo: string };

/** One row: a bucket (and customer or product), its net, VAT and gross, the year before and the change. */
export type RevenueRow = {
  bucket: string;
  /** Customer id, product id, `''` without a product, `#document` for allowances and charges on the whole document; `''` by none. */
  groupId: string;
  groupName: string;
  net: number;
  /** VAT and gross by none and by customer; null by product (a line carries no VAT of its own). */
  vat: number | null;
  gross: number | null;
  previousNet: number;
  /** Change of the net against the year before, in percent (one decimal); null when there was none. */
  changePercent: number | null;
};

export type RevenueReport = {
  from: string;
  to: string;
  period: RevenuePeriod;
  by: RevenueGrouping;
  basis: Taxation;
  currency: string;
  buckets: RevenueBucket[];
  rows: RevenueRow[];
  total: { net: number; vat: number | null; gross: number | null; previousNet: number; changePercent: number | null };
  /** Documents in another currency, left out of the figures. */
  otherCurrencies: { currency: string; count: number }[];
  /** i18n key of the rule (credit notes, Skonto, Ist by payment) shown with the report. */
  ruleNote: string;
  table: ReportTable;
};

/** One line of the VAT summary: a VAT category and rate, and the Kennzahlen it goes to (`60, 21`: AE under § 13b and to EU businesses). */
export type VatCategoryLine = { key: string; category: string; rate: string; kennzahl: string; base: number; tax: number; documents: number };

/** One Kennzahl of the UStVA (or § 19, not in the UStVA): base and tax from the documents, and as typed into the form. */
export type VatKennzahl = {
  key: string;
  /** The Kennzahl of the tax when it has its own (35 → 36); '' otherwise. */
  taxKennzahl: string;
  label: string;
  base: number;
  tax: number;
  /** The base as the form takes it: whole euros (cents dropped). */
  formBase: number;
  /** The tax as the form works it out (81, 86: formBase × rate), else the documents' tax. */
  formTax: number;
  documents: number;
};

export type VatReport = {
  from: string;
  to: string;
  taxation: Taxation;
  currency: 'EUR';
  lines: VatCategoryLine[];
  kennzahlen: VatKennzahl[];
  /** Output tax (Umsatzsteuer) less input tax (Vorsteuer, Kz 66): Kz 83 as the form works it out. */
  outputTax: number;
  inputTax: number;
  payable: number;
  otherCurrencies: { currency: string; count: number }[];
  ruleNote: string;
  table: ReportTable;
};

export type VatDocumentKind = 'invoice' | 'creditNote' | 'payment' | 'skonto' | 'writeOff' | 'cashIncome' | 'cashExpense';

/** A document (or payment, or cash entry) behind a VAT figure, with the part of it in that figure. */
export type VatDocument = {
  date: string;
  kind: VatDocumentKind;
  documentId: string;
  number: string;
  customerId: string;
  customerName: string;
  /** The payment whose date counts (Ist; Skonto and write-offs). */
  paymentId: string;
  base: number;
  tax: number;
};

export type VatDocumentsReport = { from: string; to: string; key: string; taxation: Taxation; documents: VatDocument[]; base: number; tax: number; table: ReportTable };

/**
 * The period of a VAT return: a month (`2026-11`) or a quarter (`2026-Q4`). The UStVA and the
 * Zusammenfassende Meldung are filed for one of these, never for a range of one's own choosing.
 */
export const VatReturnPeriod = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2]|Q[1-4])$/, 'validation.ustvaPeriod');

export const UstvaReportInput = z.object({ period: VatReturnPeriod }).strict();
export const ZmReportInput = z.object({ period: VatReturnPeriod }).strict();

/**
 * The UStVA of a month or quarter: the VAT summary's Kennzahlen for exactly those days (the same
 * figures, worked out once), Soll or Ist as the company is taxed, and the tax due (Kz 83).
 */
export type UstvaReport = {
  period: string;
  from: string;
  to: string;
  taxation: Taxation;
  currency: 'EUR';
  kennzahlen: VatKennzahl[];
  outputTax: number;
  inputTax: number;
  /** Kz 83: output tax as the form works it out less input tax; negative: a refund. */
  payable: number;
  otherCurrencies: { currency: string; count: number }[];
  ruleNote: string;
  /** i18n key: the app does not transmit to ELSTER; the figures are typed in or sent by the tax advisor. */
  note: string;
  table: ReportTable;
};

/** One buyer of the Zusammenfassende Meldung: sums by kind of the period, in cents, and as reported (whole euros, in cents). */
export type ZmRow = {
  /** The first two letters of the VAT ID (Greece: `EL`). */
  countryCode: string;
  vatId: string;
  customerId: string;
  customerName: string;
  /** Innergemeinschaftliche Lieferungen (§ 4 Nr. 1b UStG, Kz 41), kind L. */
  supplies: number;
  /** Sonstige Leistungen an Unternehmer in der EU (§ 3a Abs. 2 UStG, Kz 21), kind S. */
  services: number;
  /** Innergemeinschaftliche Dreiecksgeschäfte (§ 25b UStG), kind D: the app makes none. */
  triangular: number;
  suppliesReported: number;
  servicesReported: number;
};

export type ZmReport = {
  period: string;
  from: string;
  to: string;
  rows: ZmRow[];
  total: { supplies: number; services: number; triangular: number; suppliesReported: number; servicesReported: number };
  /** Intra-EU documents that cannot be reported: no buyer VAT ID, or a German one. */
  problems: { documentNumber: string; problem: string }[];
  otherCurrencies: { currency: string; count: number }[];
  ruleNote: string;
  note: string;
  table: ReportTable;
};
