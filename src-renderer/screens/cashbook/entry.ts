/**
 * The entry form's values and the few choices it makes on its own: the VAT rate a type starts
 * with, the time of now, the invoice a typed number names. Pure, no React.
 */
import { CASH_CATEGORIES, type CashRecordType, type CashVatRate } from '../../../src-shared/contract/index.js';

export type EntryValues = {
  date: string;
  time: string;
  type: CashRecordType;
  amount: string;
  vatRate: string;
  category: string;
  text: string;
  invoice: string;
};

/** Only income and expense carry VAT (the contract's rule); they start with the standard rate. */
export function carriesVat(type: CashRecordType): boolean {
  return type === 'income' || type === 'expense';
}

export function defaultVatRate(type: CashRecordType): CashVatRate {
  return carriesVat(type) ? 19 : 0;
}

/** The category a type suggests when none is typed: transit and private movements have their own. */
export function defaultCategory(type: CashRecordType): string {
  if (type === 'transitIn' || type === 'transitOut') return 'Geldtransit';
  if (type === 'privateDeposit' || type === 'privateWithdrawal') return 'Privat';
  return '';
}

/** The local time as `HH:MM`. */
export function timeOf(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** A fresh form on `date` with `type` kept from the last entry. */
export function freshEntry(date: string, type: CashRecordType, now: Date): EntryValues {
  return { date, time: timeOf(now), type, amount: '', vatRate: String(defaultVatRate(type)), category: defaultCategory(type), text: '', invoice: '' };
}

/** The offered categories: the ones used before first (most recent first), then the usual ones. */
export function categoryChoices(used: readonly string[]): string[] {
  return [...new Set([...used.filter((c) => c.trim() !== ''), ...CASH_CATEGORIES])];
}

/** The invoice id a typed number names among the open invoices, '' for none, undefined when unknown. */
export function invoiceIdOf(typed: string, open: readonly { invoiceId: string; number: string }[]): string | undefined {
  const wanted = typed.trim().toUpperCase();
  if (wanted === '') return '';
  return open.find((i) => i.number.toUpperCase() === wanted)?.invoiceId;
}
