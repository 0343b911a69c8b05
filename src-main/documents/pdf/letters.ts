/**
 * The texts of the two letters that are not invoices: the reminder letter (payment reminder and
 * dunning levels) and the payment receipt. They share the invoice's letterhead, footer and
 * layout (DocumentContent); amounts are integer cents summed as integers, never recomputed from
 * anything but the letter's own items.
 */
import type { PartySnapshot, PaymentReceiptView, ReminderLetterView } from '../../../src-shared/contract/index.js';
import { translate, type MessageKey } from '../../../src-shared/i18n/index.js';
import { addressLines, footerColumns, type DocumentContent, type TotalRow } from './content.js';
import { formatDate, formatMoney, formatPercent, formatShortDate, type DocLanguage } from '../../../src-shared/format/document.js';
import { girocodePayload } from './girocode.js';

type Letter = { language: 'de' | 'en'; currency: string; seller: PartySnapshot; buyer: PartySnapshot; number: string; date: string };

function basics(letter: Letter) {
  const lang: DocLanguage = letter.language === 'en' ? 'en' : 'de';
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(lang, key, values);
  return {
    lang,
    t,
    money: (cents: number) => formatMoney(cents, letter.currency, lang),
    date: (iso: string) => formatDate(iso, lang),
    day: (iso: string) => formatShortDate(iso, lang),
  };
}

/** Letterhead, footer and meta data shared by both letters. */
function frame(letter: Letter, title: string, t: (key: MessageKey, values?: Record<string, string | number>) => string, lang: DocLanguage) {
  const a = letter.seller.address;
  const numbered = `${title} ${letter.number}`.trim();
  const day = new Date(`${letter.date}T00:00:00Z`);
  return {
    language: lang,
    title,
    subtitle: '',
    continuation: numbered,
    senderLine: [letter.seller.name, a.street, `${a.postalCode} ${a.city}`.trim()].filter(Boolean).join(' · '),
    address: addressLines(letter.buyer, a.country || 'DE', lang),
    exemptions: [],
    vatColumns: [],
    vatRows: [],
    legalNotes: [],
    footer: footerColumns(letter.seller, t),
    pageLabel: (page: number, pages: number) => t('pdf.page', { page, pages }),
    meta: { title: numbered, author: letter.seller.name, date: Number.isNaN(day.getTime()) ? new Date(0) : day, language: lang === 'de' ? 'de-DE' : 'en-GB' },
  };
}

function closing(t: (key: MessageKey, values?: Record<string, string | number>) => string, seller: PartySnapshot, extra: string): string {
  return [extra, '', t('pdf.letter.regards'), seller.name].join('\n');
}

/** The sums of a reminder letter: open amounts, interest, fee and the total asked for. */
export function reminderTotals(letter: Pick<ReminderLetterView, 'items' | 'fee' | 'flatFee'>): { open: number; interest: number; fee: number; flatFee: number; total: number } {
  const open = letter.items.reduce((sum, item) => sum + item.openAmount, 0);
  const interest = letter.items.reduce((sum, item) => sum + item.interest, 0);
  const flatFee = letter.flatFee ?? 0;
  return { open, interest, fee: letter.fee, flatFee, total: open + interest + letter.fee + flatFee };
}

export function reminderContent(letter: ReminderLetterView): DocumentContent {
  const { lang, t, money, date, day } = basics(letter);
  const level = Math.max(0, Math.min(3, Math.trunc(letter.level))) as 0 | 1 | 2 | 3;
  const title = t(`pdf.reminder.title${level}`);
  const sums = reminderTotals(letter);
  // The transfer's reference names the invoices while they fit the 140 characters a SEPA
  // transfer carries; a longer list is referred to by the letter's number.
  const listed = letter.items.map((item) => item.invoiceNumber).join(', ');
  const invoices = listed.length <= 140 ? listed : letter.number;
  const totals: TotalRow[] = [{ label: t('pdf.reminder.openTotal'), value: money(sums.open) }];
  const periods = letter.items.flatMap((item) => (item.interestPeriods ?? []).map((p) => ({ ...p, invoice: item.invoiceNumber })));
  const oneRate = new Set(periods.map((p) => p.rate)).size <= 1;
  if (sums.interest) {
    const label = periods.length && !oneRate ? t('pdf.reminder.interestSeeBelow') : t('pdf.reminder.interest', { rate: formatPercent(periods[0]?.rate ?? (letter.interestRate || '0'), lang) });
    totals.push({ label, value: money(sums.interest) });
  }
  if (sums.fee) totals.push({ label: t('pdf.reminder.fee'), value: money(sums.fee) });
  if (sums.flatFee) totals.push({ label: t('pdf.reminder.flatFee'), value: money(sums.flatFee) });
  totals.push({ label: t('pdf.amountDue'), value: money(sums.total), strong: true });
  const seller = letter.seller;
  const girocode =
    letter.currency === 'EUR' && seller.iban && seller.name && sums.total > 0
      ? { payload: girocodePayload({ bic: seller.bic ?? '', name: seller.name, iban: seller.iban, amountCents: sums.total, remittance: invoices }), caption: t('pdf.girocode') }
      : null;
  const info: [string, string][] = [
    [t('pdf.reminder.number'), letter.number],
    [t('pdf.date'), date(letter.date)],
  ];
  if (letter.buyer.customerNumber) info.push([t('pdf.customerNumber'), letter.buyer.customerNumber]);
  return {
    ...frame(letter, title, t, lang),
    info,
    intro: [t('pdf.letter.salutation'), letter.text.trim() || t(`pdf.reminder.text${level}`)],
    table: {
      columns: [
        { key: 'invoice', label: t('pdf.reminder.column.invoice') },
        { key: 'issueDate', label: t('pdf.reminder.column.issueDate'), width: 62 },
        { key: 'dueDate', label: t('pdf.reminder.column.dueDate'), width: 62 },
        { key: 'days', label: t('pdf.reminder.column.days'), width: 52, right: true },
        { key: 'open', label: t('pdf.reminder.column.open'), width: 72, right: true },
        { key: 'interest', label: t('pdf.reminder.column.interest'), width: 62, right: true },
      ],
      rows: letter.items.map((item) => ({
        invoice: item.invoiceNumber,
        issueDate: day(item.issueDate),
        dueDate: day(item.dueDate),
        days: String(item.daysOverdue),
        open: money(item.openAmount),
        interest: item.interest ? money(item.interest) : '',
      })),
    },
    totals,
    payment: [t('pdf.reminder.payBy', { amount: money(sums.total), date: date(letter.payBy) }), t('pdf.reference', { number: invoices })],
    girocode,
    // Each interest period on its own line: dates, days, amount, base rate and margin (§ 288 BGB).
    legalNotes: periods.map((p) =>
      t('pdf.reminder.interestPeriod', {
        invoice: p.invoice,
        from: day(p.from),
        to: day(p.to),
        days: p.days,
        principal: money(p.principal),
        base: formatPercent(p.baseRate, lang),
        margin: p.margin,
        rate: formatPercent(p.rate, lang),
        amount: money(p.amount),
      }),
    ),
    note: closing(t, seller, t('pdf.reminder.crossed')),
  };
}

export function receiptContent(receipt: PaymentReceiptView): DocumentContent {
  const { lang, t, money, date, day } = basics(receipt);
  const title = t('pdf.receipt.title');
  const allocated = receipt.allocations.reduce((sum, a) => sum + a.amount, 0);
  const totals: TotalRow[] = [{ label: t('pdf.receipt.allocated'), value: money(allocated) }];
  if (receipt.amount !== allocated) totals.push({ label: t('pdf.receipt.credit'), value: money(receipt.amount - allocated) });
  totals.push({ label: t('pdf.receipt.received'), value: money(receipt.amount), strong: true });
  const info: [string, string][] = [
    [t('pdf.receipt.number'), receipt.number],
    [t('pdf.date'), date(receipt.date)],
    [t('pdf.receipt.receivedOn'), date(receipt.receivedOn)],
  ];
  if (receipt.buyer.customerNumber) info.push([t('pdf.customerNumber'), receipt.buyer.customerNumber]);
  const confirm = t('pdf.receipt.text', { amount: money(receipt.amount), date: date(receipt.receivedOn), method: t(`paymentMethod.${receipt.method}`) });
  return {
    ...frame(receipt, title, t, lang),
    info,
    intro: [t('pdf.letter.salutation'), receipt.reference ? `${confirm} ${t('pdf.receipt.reference', { reference: receipt.reference })}` : confirm],
    table: {
      columns: [
        { key: 'invoice', label: t('pdf.receipt.column.invoice') },
        { key: 'invoiceDate', label: t('pdf.receipt.column.invoiceDate'), width: 70 },
        { key: 'amount', label: t('pdf.receipt.column.amount'), width: 80, right: true },
        { key: 'remaining', label: t('pdf.receipt.column.remaining'), width: 80, right: true },
      ],
      rows: receipt.allocations.map((a) => ({
        invoice: a.invoiceNumber,
        invoiceDate: a.invoiceDate ? day(a.invoiceDate) : '',
        amount: money(a.amount),
        remaining: money(a.remaining),
      })),
    },
    totals,
    payment: [],
    girocode: null,
    note: closing(t, receipt.seller, t('pdf.receipt.thanks')),
  };
}
