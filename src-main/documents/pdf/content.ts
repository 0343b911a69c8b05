/**
 * Every text printed on an invoice or credit note, in the document's language: labels through
 * the `pdf.*` i18n keys, amounts read from `view.totals` (never recomputed) and formatted from
 * integer cents. Pure; the layout and the template decide where the texts go.
 */
import type { InvoiceView, PartySnapshot } from '../../../src-shared/contract/index.js';
import { translate, translateKnown, type MessageKey } from '../../../src-shared/i18n/index.js';
import { formatIban } from '../../../src-shared/validation/iban.js';
import { addDays } from '../../../src-shared/dates.js';
import { formatDate, formatDecimal, formatMoney, formatPercent, formatPrice, type DocLanguage } from '../../../src-shared/format/document.js';
import { skontoOf } from '../../../src-shared/invoice/skonto.js';
import { girocodeFor } from './girocode.js';

/**
 * A table column: fixed width in points, or none for the one column that takes the width left and
 * whose text wraps (the description).
 */
export type TableColumn = { key: string; label: string; width?: number; right?: boolean };
export type TableRow = Record<string, string>;
export type Table = { columns: TableColumn[]; rows: TableRow[] };

/** The invoice's line table, in order; the description takes the width that is left. */
const LINE_COLUMNS = [
  { key: 'position', width: 20 },
  { key: 'description' },
  { key: 'quantity', width: 38, right: true },
  { key: 'unit', width: 42 },
  { key: 'unitPrice', width: 56, right: true },
  { key: 'discount', width: 40, right: true },
  { key: 'vat', width: 30, right: true },
  { key: 'net', width: 60, right: true },
] as const;
type LineRow = Record<(typeof LINE_COLUMNS)[number]['key'], string>;

export type TotalRow = { label: string; value: string; strong?: boolean };

/** Everything printed on one document: invoice, credit note, reminder letter or payment receipt. */
export type DocumentContent = {
  language: DocLanguage;
  title: string;
  subtitle: string;
  /** Title and number, repeated at the top of every following page. */
  continuation: string;
  senderLine: string;
  address: string[];
  info: [label: string, value: string][];
  /** Paragraphs between the title and the table (letters). */
  intro: string[];
  table: Table;
  /** The VAT breakdown's header and rows; empty on documents without one. */
  vatColumns: string[];
  vatRows: string[][];
  exemptions: string[];
  totals: TotalRow[];
  payment: string[];
  girocode: { payload: string; caption: string } | null;
  legalNotes: string[];
  note: string;
  footer: string[][];
  pageLabel(page: number, pages: number): string;
  meta: { title: string; author: string; date: Date; language: string };
  /** Set on A4 landscape (a report with many columns); upright when absent. */
  landscape?: boolean;
};

const NO_PARTY: PartySnapshot = { name: '', address: { street: '', postalCode: '', city: '', country: 'DE' }, vatId: '', taxNumber: '' };

type Context = {
  view: InvoiceView;
  lang: DocLanguage;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  money(cents: number): string;
  date(iso: string): string;
  isCredit: boolean;
};

export function invoiceContent(view: InvoiceView): DocumentContent {
  const lang: DocLanguage = view.language === 'en' ? 'en' : 'de';
  const c: Context = {
    view,
    lang,
    t: (key, values) => translate(lang, key, values),
    money: (cents) => formatMoney(cents, view.currency, lang),
    date: (iso) => formatDate(iso, lang),
    isCredit: view.documentType === 'creditNote',
  };
  const { t, money } = c;
  const seller = view.seller ?? NO_PARTY;
  const buyer = view.buyer ?? { ...NO_PARTY, name: view.customerName };
  const title = t(c.isCredit ? 'pdf.creditNote' : 'pdf.invoice');
  const numbered = [title, view.number].filter(Boolean).join(' ');
  const girocode = girocodeFor(view);
  const a = seller.address;
  return {
    language: lang,
    title,
    subtitle: c.isCredit && view.correctsNumber ? t('pdf.corrects', { number: view.correctsNumber }) : '',
    continuation: numbered,
    senderLine: [seller.name, a.street, `${a.postalCode} ${a.city}`.trim()].filter(Boolean).join(' · '),
    address: addressLines(buyer, a.country || 'DE', lang),
    info: infoRows(c, buyer),
    intro: [],
    table: { columns: LINE_COLUMNS.map((column) => ({ ...column, label: t(`pdf.column.${column.key}`) })), rows: lineRows(c) },
    vatColumns: [t('pdf.vatCategory'), t('pdf.vatRate'), t('pdf.taxable'), t('pdf.tax')],
    vatRows: view.totals.vatBreakdown.map((b) => [t(`vatCategory.${b.category}`), formatDecimal(b.rate, lang), money(b.taxableAmount), money(b.taxAmount)]),
    exemptions: [...new Set(view.totals.vatBreakdown.map((b) => b.exemptionReason ?? '').filter(Boolean))].map((reason) => t('pdf.exemption', { reason })),
    totals: totalRows(c),
    payment: paymentLines(c),
    girocode: girocode ? { payload: girocode, caption: t('pdf.girocode') } : null,
    legalNotes: view.legalNotes.map((key) => translateKnown(lang, key)),
    note: view.note.trim(),
    footer: footerColumns(seller, t),
    pageLabel: (page, pages) => t('pdf.page', { page, pages }),
    meta: { title: numbered, author: seller.name, date: documentDate(view), language: lang === 'de' ? 'de-DE' : 'en-GB' },
  };
}

function infoRows({ view, t, date, isCredit }: Context, buyer: PartySnapshot): [string, string][] {
  const info: [string, string][] = [[t(isCredit ? 'pdf.creditNoteNumber' : 'pdf.invoiceNumber'), view.number]];
  if (view.issueDate) info.push([t('pdf.date'), date(view.issueDate)]);
  if (view.servicePeriod) info.push([t('pdf.servicePeriod'), t('pdf.period', { from: date(view.servicePeriod.from), to: date(view.servicePeriod.to) })]);
  else if (view.supplyDate) info.push([t('pdf.supplyDate'), date(view.supplyDate)]);
  if (buyer.customerNumber) info.push([t('pdf.customerNumber'), buyer.customerNumber]);
  if (!isCredit && view.dueDate) info.push([t('pdf.dueDate'), date(view.dueDate)]);
  if (buyer.buyerReference) info.push([t('pdf.buyerReference'), buyer.buyerReference]);
  // § 14a UStG: reverse charge and intra-Community supplies name the buyer's VAT ID.
  if (buyer.vatId) info.push([t('pdf.buyerVatId'), buyer.vatId]);
  return info;
}

function lineRows({ view, lang, t, money }: Context): LineRow[] {
  return view.lines.map((line, i) => {
    const net = view.totals.lines.find((l) => l.id === line.id) ?? view.totals.lines[i];
    const unit = translateKnown(lang, `units.${line.unit}`);
    const base = line.priceBaseQuantity && line.priceBaseQuantity !== '1' ? ` / ${formatDecimal(line.priceBaseQuantity, lang)}` : '';
    const discount = line.discountPercent ? formatDecimal(line.discountPercent, lang) : line.discountAmount ? formatPrice(line.discountAmount, view.currency, lang) : '';
    return {
      position: String(i + 1),
      description: line.description,
      quantity: formatDecimal(line.quantity, lang),
      unit: unit === `units.${line.unit}` ? line.unit : unit,
      unitPrice: formatPrice(line.netUnitPrice, view.currency, lang) + base,
      discount,
      vat: formatDecimal(line.vatRate, lang),
      net: net ? money(net.netAmount) : '',
    };
  });
}

/** BT-106, allowances and charges, BT-109, BT-110, BT-112, BT-113 and BT-115, as the totals hold them. */
function totalRows({ view, t, money, isCredit }: Context): TotalRow[] {
  const { totals } = view;
  const rows: TotalRow[] = [];
  if (totals.allowancesCharges.length) {
    rows.push({ label: t('pdf.lineTotal'), value: money(totals.lineTotal) });
    for (const ac of totals.allowancesCharges) {
      const label = t(ac.isCharge ? 'pdf.charge' : 'pdf.allowance');
      rows.push({ label: ac.reason ? `${label}: ${ac.reason}` : label, value: money(ac.isCharge ? ac.amount : -ac.amount) });
    }
  }
  rows.push({ label: t('pdf.totalNet'), value: money(totals.taxExclusive) });
  rows.push({ label: t('pdf.totalVat'), value: money(totals.vatTotal) });
  rows.push({ label: t('pdf.totalGross'), value: money(totals.taxInclusive) });
  if (totals.prepaid !== 0) rows.push({ label: t('pdf.prepaid'), value: money(-totals.prepaid) });
  rows.push({ label: t(isCredit ? 'pdf.amountCredited' : 'pdf.amountDue'), value: money(totals.amountDue), strong: true });
  return rows;
}

function paymentLines({ view, lang, t, money, date, isCredit }: Context): string[] {
  const due = view.totals.amountDue;
  if (isCredit) return [t('pdf.refund')];
  if (due <= 0) return [t('pdf.nothingDue')];
  const lines: string[] = [];
  if (view.dueDate) lines.push(t('pdf.payableBy', { date: date(view.dueDate) }));
  if (view.skonto && view.issueDate) {
    const { discount, payable } = skontoOf(due, view.skonto.percent);
    const until = date(addDays(view.issueDate, view.skonto.days));
    lines.push(t('pdf.skonto', { date: until, percent: formatPercent(view.skonto.percent, lang), discount: money(discount), amount: money(payable) }));
  }
  if (view.number) lines.push(t('pdf.reference', { number: view.number }));
  return lines;
}

/** The PDF's dates come from the document, never from the clock: the same invoice gives the same bytes. */
export function documentDate(view: InvoiceView): Date {
  const issued = view.issuedAt ? new Date(view.issuedAt) : null;
  if (issued && !Number.isNaN(issued.getTime())) return issued;
  const day = new Date(`${view.issueDate || '1970-01-01'}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? new Date(0) : day;
}

export function addressLines(party: PartySnapshot, homeCountry: string, lang: DocLanguage): string[] {
  const a = party.address;
  const lines = [party.name, a.name ?? '', a.addition ?? '', a.street, `${a.postalCode} ${a.city}`.trim()];
  if (a.country && a.country !== homeCountry) {
    const name = new Intl.DisplayNames([lang === 'de' ? 'de' : 'en'], { type: 'region' }).of(a.country) ?? a.country;
    lines.push(name.toLocaleUpperCase(lang));
  }
  return lines.filter((line, i) => line && (i === 0 || line !== party.name));
}

export function footerColumns(seller: PartySnapshot, t: (key: MessageKey) => string): string[][] {
  const a = seller.address;
  const columns = [
    [seller.name, a.street, `${a.postalCode} ${a.city}`.trim(), a.country && a.country !== 'DE' ? a.country : ''],
    [seller.phone ? `${t('pdf.phone')} ${seller.phone}` : '', seller.email ?? '', seller.website ?? ''],
    [
      seller.vatId ? `${t('pdf.vatId')} ${seller.vatId}` : '',
      seller.taxNumber ? `${t('pdf.taxNumber')} ${seller.taxNumber}` : '',
      seller.register ?? '',
      seller.managingDirectors ? `${t('pdf.managingDirectors')}: ${seller.managingDirectors}` : '',
    ],
    [seller.bankName ?? '', seller.iban ? `IBAN ${formatIban(seller.iban)}` : '', seller.bic ? `BIC ${seller.bic}` : ''],
  ];
  return columns.map((lines) => lines.filter(Boolean));
}
