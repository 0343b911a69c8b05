/**
 * The month of a cash book as a report table, for the exports: every entry in date and time
 * order with voucher, type, text, VAT part and the balance after it, as the cash book reports it.
 */
import type { CashMonthView, ReportTable } from '../../../src-shared/contract/index.js';
import { translateKnown, type Language } from '../../../src-shared/i18n/index.js';

export function cashMonthTable(month: CashMonthView, language: Language): ReportTable {
  const entries = month.days.flatMap((day) => day.entries);
  return {
    title: 'cashbook.book',
    currency: month.cashBook.currency,
    columns: [
      { key: 'date', label: 'cashbook.date', type: 'date' },
      { key: 'time', label: 'cashbook.time', type: 'text' },
      { key: 'voucher', label: 'cashbook.voucher', type: 'number' },
      { key: 'type', label: 'cashbook.type', type: 'text' },
      { key: 'category', label: 'cashbook.category', type: 'text' },
      { key: 'text', label: 'cashbook.text', type: 'text' },
      { key: 'vatRate', label: 'cashbook.vatRate', type: 'percent' },
      { key: 'vat', label: 'cashbook.vat', type: 'money' },
      { key: 'amount', label: 'cashbook.amount', type: 'money' },
      { key: 'balance', label: 'cashbook.balance', type: 'money' },
    ],
    rows: entries.map((e) => ({
      date: e.date,
      time: e.time,
      voucher: e.voucher,
      type: translateKnown(language, `cash.types.${e.type}`),
      category: e.category,
      text: e.text,
      vatRate: e.vatRate,
      vat: e.vat,
      amount: e.amount,
      balance: e.balance,
    })),
    totals: { amount: entries.reduce((sum, e) => sum + e.amount, 0), vat: entries.reduce((sum, e) => sum + e.vat, 0), balance: month.closing },
  };
}
