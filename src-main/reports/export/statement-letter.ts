/**
 * The customer's account statement (Kontoauszug) as a letter in the customer's language: the
 * address, the period, every line of the statement report with its running balance (figures as
 * the report computed them, never recomputed), the closing balance, a friendly sentence and the
 * company's bank details.
 */
import type { CustomerStatement, PartySnapshot } from '../../../src-shared/contract/index.js';
import { translate, translateKnown, type Language, type MessageKey } from '../../../src-shared/i18n/index.js';
import { formatDate, formatDecimal, formatMoney, formatShortDate } from '../../../src-shared/format/document.js';
import { centsToDecimal } from '../../../src-shared/format/exact.js';
import { formatIban } from '../../../src-shared/validation/iban.js';
import type { TableLetter } from '../../documents/index.js';

/** The company's bank in one line: "Musterbank, IBAN DE89 …, BIC …". */
export function bankLine(seller: PartySnapshot): string {
  return [seller.bankName, seller.iban ? `IBAN ${formatIban(seller.iban)}` : '', seller.bic ? `BIC ${seller.bic}` : ''].filter(Boolean).join(', ');
}

export function statementLetter(statement: CustomerStatement, seller: PartySnapshot, buyer: PartySnapshot, language: Language, date: string): TableLetter {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values);
  const money = (cents: number) => formatMoney(cents, statement.currency, language);
  const figure = (cents: number) => formatDecimal(centsToDecimal(cents), language, 2);
  const day = (iso: string) => formatShortDate(iso, language);
  const sign = statement.currency === 'EUR' ? '€' : statement.currency;
  const from = formatDate(statement.from, language);
  const to = formatDate(statement.to, language);

  const rows = [
    { date: day(statement.from), kind: t('reportExport.statement.opening'), number: '', reference: '', debit: '', credit: '', balance: figure(statement.opening) },
    ...statement.lines.map((line) => ({
      date: day(line.date),
      kind: translateKnown(language, `reports.line.${line.kind}`),
      number: line.number,
      reference: line.reference,
      debit: line.debit ? figure(line.debit) : '',
      credit: line.credit ? figure(line.credit) : '',
      balance: figure(line.balance),
    })),
  ];
  const closing = statement.closing;
  const settle =
    closing > 0
      ? t('reportExport.statement.owes', { amount: money(closing), number: statement.customerNumber })
      : closing < 0
        ? t('reportExport.statement.credit', { amount: money(-closing) })
        : t('reportExport.statement.settled');
  const bank = bankLine(seller);
  const info: [string, string][] = [[t('reportExport.statement.date'), formatDate(date, language)]];
  if (statement.customerNumber) info.push([t('reportExport.statement.customerNumber'), statement.customerNumber]);
  info.push([t('reportExport.statement.period'), `${day(statement.from)} – ${day(statement.to)}`]);
  return {
    language,
    seller,
    buyer,
    title: t('reportExport.statement.title'),
    date,
    info,
    intro: [t('pdf.letter.salutation'), t('reportExport.statement.intro', { from, to })],
    columns: [
      { key: 'date', label: t('reports.column.date'), width: 48 },
      { key: 'kind', label: t('reports.column.kind'), width: 62 },
      { key: 'number', label: t('reports.column.number'), width: 76 },
      { key: 'reference', label: t('reports.column.reference') },
      { key: 'debit', label: `${t('reports.column.debit')} (${sign})`, width: 50, right: true },
      { key: 'credit', label: `${t('reports.column.credit')} (${sign})`, width: 50, right: true },
      { key: 'balance', label: `${t('reports.column.balance')} (${sign})`, width: 54, right: true },
    ],
    rows,
    totals: [
      { label: t('reportExport.statement.debitTotal'), value: money(statement.debitTotal) },
      { label: t('reportExport.statement.creditTotal'), value: money(statement.creditTotal) },
      { label: t('reportExport.statement.closing', { date: day(statement.to) }), value: money(closing), strong: true },
    ],
    note: [settle, t('reportExport.statement.friendly'), ...(bank ? [t('reportExport.statement.bank', { bank })] : []), '', t('pdf.letter.regards'), seller.name].join('\n'),
  };
}
