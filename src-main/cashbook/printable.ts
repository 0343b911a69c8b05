/**
 * A cash book month as a printed letter in the company's letterhead (the documents' table letter):
 * every entry in date and time order with voucher, kind, text and account, VAT, income, expense
 * and the balance after it; each day's cash count under its day; the month's opening and closing
 * balance, totals and VAT by rate under the table. Pure: the caller brings the month and the seller.
 */
import type { CashMonthView, PartySnapshot } from '../../src-shared/contract/index.js';
import { cashEntryText } from '../../src-shared/cashbook/text.js';
import { formatDecimal, formatMoney, formatMonth, formatShortDate, type DocLanguage } from '../../src-shared/format/document.js';
import { centsToDecimal } from '../../src-shared/format/exact.js';
import { translate, type MessageKey } from '../../src-shared/i18n/index.js';
import type { TableLetter } from '../documents/index.js';

/** Day and month of a date ("20.11." / "20/11"); the year stands in the letter's heading. */
function dayOf(iso: string, language: DocLanguage): string {
  const [, month, day] = iso.split('-');
  return language === 'de' ? `${day}.${month}.` : `${day}/${month}`;
}

export type CashPrint = { language: DocLanguage; seller: PartySnapshot; /** ISO day of printing. */ date: string };

export function cashMonthLetter(month: CashMonthView, print: CashPrint): TableLetter {
  const { language } = print;
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values);
  const money = (cents: number) => formatDecimal(centsToDecimal(cents), language, 2);
  const sign = month.cashBook.currency === 'EUR' ? '€' : month.cashBook.currency;
  const rows = month.days.flatMap((day) => [
    ...day.entries.map((e) => ({
      voucher: String(e.voucher),
      when: `${dayOf(e.date, language)} ${e.time}`,
      type: t(`cash.types.${e.type}` as MessageKey),
      // The opening and a difference name their kind in their text: no category repeating it.
      text: [...new Set([cashEntryText(e, t, (cents) => formatMoney(cents, month.cashBook.currency, language)), e.written && e.written.kind !== 'reversal' ? '' : e.category, e.invoiceNumber].filter(Boolean))].join(' · '),
      // Input or output VAT as booked, a reversal's negative: it nets the entry it takes back.
      vat: e.vatRate ? `${e.vatRate} % ${money(e.type === 'expense' ? -e.vat : e.vat)}` : '',
      in: e.amount > 0 ? money(e.amount) : '',
      out: e.amount < 0 ? money(-e.amount) : '',
      balance: money(e.balance),
    })),
    ...(day.closed
      ? [{ voucher: '', when: dayOf(day.date, language), type: '', text: t('cash.pdf.dayClosed', { date: formatShortDate(day.date, language), counted: money(day.closed.counted), difference: money(day.closed.difference) }), vat: '', in: '', out: '', balance: money(day.closing) }]
      : []),
  ]);
  const totals = month.totals;
  // What came in and went out during the month; the opening balance is no income.
  const moved = month.days.flatMap((d) => d.entries).filter((e) => e.type !== 'opening');
  const vatNote = totals.vat
    .filter((line) => line.gross !== 0)
    .map((line) => t('cash.pdf.vatLine', { direction: t(line.direction === 'income' ? 'cash.pdf.income' : 'cash.pdf.expense'), rate: line.rate, gross: money(line.gross), net: money(line.net), vat: money(line.vat) }));
  const title = t('cash.pdf.title', { name: month.cashBook.name });
  return {
    language,
    seller: print.seller,
    buyer: null,
    title,
    date: print.date,
    info: [
      [t('cash.pdf.monthLabel'), formatMonth(month.month, language)],
      ...(month.cashBook.location ? ([[t('cash.pdf.location'), month.cashBook.location]] as [string, string][]) : []),
      [t('cash.pdf.printed'), formatShortDate(print.date, language)],
    ],
    intro: [t('cash.pdf.month', { month: formatMonth(month.month, language) })],
    columns: [
      { key: 'voucher', label: t('cash.pdf.voucher'), width: 28, right: true },
      { key: 'when', label: t('cash.pdf.date'), width: 54 },
      { key: 'type', label: t('cash.pdf.type'), width: 64 },
      { key: 'text', label: t('cash.pdf.text') },
      { key: 'vat', label: t('cash.pdf.vat'), width: 54, right: true },
      { key: 'in', label: `${t('cash.pdf.amountIn')} (${sign})`, width: 52, right: true },
      { key: 'out', label: `${t('cash.pdf.amountOut')} (${sign})`, width: 52, right: true },
      { key: 'balance', label: `${t('cash.pdf.balance')} (${sign})`, width: 56, right: true },
    ],
    rows,
    totals: [
      { label: t('cash.pdf.opening'), value: `${money(month.opening)} ${sign}` },
      { label: t('cash.pdf.income'), value: `${money(moved.reduce((s, e) => s + Math.max(e.amount, 0), 0))} ${sign}` },
      { label: t('cash.pdf.expense'), value: `${money(moved.reduce((s, e) => s + Math.max(-e.amount, 0), 0))} ${sign}` },
      { label: t('cash.pdf.closing'), value: `${money(month.closing)} ${sign}`, strong: true },
    ],
    note: rows.length ? vatNote.join('\n') : t('cash.pdf.none'),
  };
}
