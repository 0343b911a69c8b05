/**
 * The cash book (Kassenbuch): append-only cash entries with gap-free voucher numbers per cash
 * book, corrections by reversal entries, the daily closing (Kassensturz). Each cash book belongs
 * to the device it was opened on; every device reads it. Amounts in views are integer cents.
 */
import { z } from 'zod';
import { optionalText, requiredText } from './fields.js';
import { isoDate } from './invoicing.js';
import { amountText, paymentAmountText } from './bounds.js';

/** What a person records: Einnahme, Ausgabe, Privateinlage, Privatentnahme, Geldtransit Bank→Kasse and Kasse→Bank. */
export const CASH_RECORD_TYPES = ['income', 'expense', 'privateDeposit', 'privateWithdrawal', 'transitIn', 'transitOut'] as const;
export type CashRecordType = (typeof CASH_RECORD_TYPES)[number];
/** Every entry type: besides those recorded, the opening balance (Anfangsbestand) and a closing's difference. */
export const CASH_ENTRY_TYPES = ['opening', ...CASH_RECORD_TYPES, 'difference'] as const;
export type CashEntryType = (typeof CASH_ENTRY_TYPES)[number];
/** VAT rates of a cash entry in percent; only income and expense carry VAT. */
export const CASH_VAT_RATES = [19, 7, 0] as const;
export type CashVatRate = (typeof CASH_VAT_RATES)[number];
/** Categories (Gegenkonto) the entry form offers; any other text is accepted too. */
export const CASH_CATEGORIES = [
  'Warenverkauf',
  'Erlöse',
  'Büromaterial',
  'Porto',
  'Bewirtung',
  'Reisekosten',
  'Fahrzeugkosten',
  'Reinigung',
  'Werbung',
  'Wareneinkauf',
  'Geldtransit',
  'Privat',
] as const;

const id = z.string().min(1, 'validation.required').max(40);
const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.cashMonth');
const timeText = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.cashTime');

export const CashBookCreateInput = z
  .object({
    name: requiredText(80),
    location: optionalText(120),
    openingDate: isoDate,
    /** The cash counted when the book opens (Anfangsbestand): 0 or more. */
    openingBalance: amountText.default('0'),
  })
  .strict();

export const CashDayInput = z.object({ cashBookId: id, date: isoDate }).strict();
export const CashMonthInput = z.object({ cashBookId: id, month: monthText }).strict();

export const CashRecordInput = z
  .object({
    cashBookId: id,
    date: isoDate,
    time: timeText,
    type: z.enum(CASH_RECORD_TYPES, { message: 'validation.cashType' }),
    /** Positive; the type says whether cash comes in or goes out. */
    amount: paymentAmountText,
    /** 19, 7 or 0; private and transit entries carry none. */
    vatRate: z.union([z.literal(19), z.literal(7), z.literal(0)], { message: 'validation.cashVatRate' }).default(0),
    category: requiredText(80),
    text: requiredText(500),
    /** An income that settles this invoice: a cash payment allocated to it. */
    invoiceId: z.string().max(40).default(''),
  })
  .strict();

export const CashReverseInput = z.object({ entryId: id, reason: requiredText(300) }).strict();
export const CashCloseInput = z.object({ cashBookId: id, date: isoDate, counted: amountText }).strict();
export const CashPdfInput = CashMonthInput;

export type CashBookView = {
  id: string;
  name: string;
  location: string;
  /** The device that keeps this cash book; only it records. */
  deviceId: string;
  /** True on the device that keeps it. */
  ownDevice: boolean;
  openingDate: string;
  openingBalance: number;
  currency: string;
  /** The balance after the latest entry. */
  balance: number;
  /** The latest closed day, '' when none. */
  closedUntil: string;
  /** The voucher number the next entry gets. */
  nextVoucher: number;
  createdAt: string;
};

export type CashEntryView = {
  id: string;
  voucher: number;
  date: string;
  time: string;
  type: CashEntryType;
  /** Signed: positive comes in, negative goes out. */
  amount: number;
  vatRate: number;
  /** The VAT part of the amount, signed like it. */
  vat: number;
  net: number;
  category: string;
  text: string;
  invoiceId: string;
  invoiceNumber: string;
  paymentId: string;
  /** A reversal: the entry it reverses and that entry's voucher. */
  reversesId: string;
  reversesVoucher: number | null;
  /** Reversed by this entry (voucher), or null. */
  reversedById: string;
  reversedByVoucher: number | null;
  userId: string;
  userName: string;
  recordedAt: string;
  /** The cash balance after this entry (in date and time order). */
  balance: number;
  /**
   * For a text the app wrote (opening, reversal, a closing's difference): the facts it was written
   * from, so it is shown in the reader's language; the stored `text` stays as recorded. Null for a
   * person's own text.
   */
  written: CashWrittenText | null;
};

export type CashWrittenText = { kind: 'opening' } | { kind: 'reversal'; voucher: number; reason: string } | { kind: 'difference'; counted: number; expected: number };

export type CashClosingView = { id: string; date: string; expected: number; counted: number; difference: number; differenceEntryId: string; userId: string; userName: string; closedAt: string };

export type CashDayView = {
  cashBook: CashBookView;
  date: string;
  /** The balance at the start of the day. */
  opening: number;
  entries: CashEntryView[];
  /** The balance at the end of the day. */
  closing: number;
  closed: CashClosingView | null;
};

export type CashVatLine = { rate: number; direction: 'income' | 'expense'; gross: number; net: number; vat: number };

/**
 * A period's movements by kind, each netted with its reversals: income, private deposits and
 * transfers in count what came in, expense, withdrawals and transfers out what went out (both
 * positive); differences are signed (a surplus positive). VAT by rate and direction.
 */
export type CashTotals = {
  income: number;
  expense: number;
  privateDeposits: number;
  privateWithdrawals: number;
  transitIn: number;
  transitOut: number;
  differences: number;
  vat: CashVatLine[];
};

export type CashMonthView = {
  cashBook: CashBookView;
  month: string;
  opening: number;
  /** Days with entries or a closing, in order. */
  days: CashDayView[];
  closing: number;
  totals: CashTotals;
};
