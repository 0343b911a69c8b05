/**
 * The VAT summary (Umsatzsteuer-Übersicht) of a period: taxable amount and tax by VAT category
 * and rate from each document's VAT breakdown (BG-23), Soll or Ist as the company is taxed (see
 * recognition.ts), mapped to the UStVA Kennzahlen (ustva.ts), with the cash book's VAT. Every
 * figure is the sum of the entries behind it, so that its drill-down adds up to it exactly.
 * Pure: the handler reads the books and the cash book and calls this.
 */
import type {
  Taxation,
  VatCategoryLine,
  VatDocument,
  VatDocumentKind,
  VatDocumentsReport,
  VatKennzahl,
  VatReport,
} from '../../src-shared/contract/index.js';
import type { CashVatLine } from '../../src-shared/contract/index.js';
import { carriesOwnVat } from '../../src-shared/cashbook/vat.js';
import type { ReportAllocation, ReportInvoice } from './data.js';
import { creditNotesByInvoice, figuresFor, partOf, sharesOf, vatFiguresOf, type Share } from './recognition.js';
import { documentsOf } from './revenue.js';
import { column, type Words } from './table.js';
import { cashKennzahlOf, formBaseOf, formTaxOf, KENNZAHLEN, kennzahlOf } from './ustva.js';

/** A cash entry as the VAT summary sees it; its VAT comes from the cash book's own rule. */
export type CashVatEntry = { id: string; cashBookId: string; voucher: number; date: string; text: string; invoiceId: string; reversesId?: string };

export type VatSource = {
  invoices: readonly ReportInvoice[];
  allocations: readonly ReportAllocation[];
  /** The cash entries of the period, each with its VAT lines (income or expense, by rate). */
  cash: readonly { entry: CashVatEntry; lines: readonly CashVatLine[] }[];
};

/** One part of a figure: a document's (or payment's, or cash entry's) base and tax in one VAT group. */
export type VatEntry = VatDocument & { kennzahl: string; group: string };

const KIND: Record<Share['kind'], VatDocumentKind> = { invoice: 'invoice', creditNote: 'creditNote', payment: 'payment', skonto: 'skonto', writeOff: 'writeOff' };

/**
 * Every entry of the period: the shares of the documents dated from..to by VAT group, and the
 * cash entries. A cash entry that settles an invoice carries no VAT figure of its own: the
 * invoice's VAT counts already (Soll at issue, Ist by the payment the entry made).
 */
export function vatEntries(from: string, to: string, taxation: Taxation, source: VatSource, customerId?: string): { entries: VatEntry[]; otherCurrencies: VatReport['otherCurrencies'] } {
  const { docs, otherCurrencies } = documentsOf(source.invoices, 'EUR', customerId);
  const figures = figuresFor(vatFiguresOf, creditNotesByInvoice(docs));
  const entries: VatEntry[] = [];
  const kennzahlen = new Map<string, string>();
  for (const share of sharesOf(docs, source.allocations, taxation, (date) => date >= from && date <= to)) {
    const d = share.doc;
    for (const figure of figures(share)) {
      const base = partOf(figure.amounts[0]!, share);
      const tax = partOf(figure.amounts[1]!, share);
      if (base === 0 && tax === 0) continue;
      const caseKey = `${d.vatCase}|${figure.key}`;
      let kennzahl = kennzahlen.get(caseKey);
      if (kennzahl === undefined) kennzahlen.set(caseKey, (kennzahl = kennzahlOf(d.vatCase, figure.category, figure.rate)));
      entries.push({
        date: share.date, kind: KIND[share.kind], documentId: d.id, number: d.number, customerId: d.customerId, customerName: d.customerName,
        paymentId: share.paymentId, base, tax, kennzahl, group: figure.key,
      });
    }
  }
  if (!customerId) entries.push(...cashEntries(source.cash, from, to));
  return { entries, otherCurrencies };
}

function cashEntries(cash: VatSource['cash'], from: string, to: string): VatEntry[] {
  // The cash book's one rule: a receipt that settles an invoice (and its reversal) has no VAT of its own.
  const settling = new Set(cash.filter((c) => !carriesOwnVat(c.entry)).map((c) => c.entry.id));
  const out: VatEntry[] = [];
  for (const { entry, lines } of cash) {
    if (entry.date < from || entry.date > to || settling.has(entry.id) || (entry.reversesId && settling.has(entry.reversesId))) continue;
    for (const line of lines) {
      const kennzahl = cashKennzahlOf(line.direction, line.rate);
      if (!kennzahl || (line.net === 0 && line.vat === 0)) continue;
      out.push({
        date: entry.date, kind: line.direction === 'income' ? 'cashIncome' : 'cashExpense', documentId: entry.id, number: String(entry.voucher),
        customerId: '', customerName: entry.text, paymentId: '', base: line.net, tax: line.vat, kennzahl,
        group: line.direction === 'income' && line.rate > 0 ? `S/${line.rate}` : '',
      });
    }
  }
  return out;
}

const ORDER = new Map(KENNZAHLEN.map((k, i) => [k.key, i]));

type Sum = { base: number; tax: number; docs: Set<string> };
const sumInto = (map: Map<string, Sum>, key: string, e: VatEntry) => {
  const s = map.get(key) ?? { base: 0, tax: 0, docs: new Set<string>() };
  s.base += e.base;
  s.tax += e.tax;
  s.docs.add(e.documentId);
  map.set(key, s);
};

export function vatReport(from: string, to: string, taxation: Taxation, source: VatSource, words: Words, customerId?: string): VatReport {
  const { entries, otherCurrencies } = vatEntries(from, to, taxation, source, customerId);
  const byKennzahl = new Map<string, Sum>();
  const byGroup = new Map<string, Sum & { kennzahlen: Set<string> }>();
  for (const e of entries) {
    sumInto(byKennzahl, e.kennzahl, e);
    if (!e.group) continue;
    if (!byGroup.has(e.group)) byGroup.set(e.group, { base: 0, tax: 0, docs: new Set(), kennzahlen: new Set() });
    byGroup.get(e.group)!.kennzahlen.add(e.kennzahl);
    sumInto(byGroup as Map<string, Sum>, e.group, e);
  }
  const lines: VatCategoryLine[] = [...byGroup]
    .map(([key, s]) => {
      const [category, rate] = key.split('/') as [string, string];
      return { key, category, rate, kennzahl: [...s.kennzahlen].sort((x, y) => ORDER.get(x)! - ORDER.get(y)!).join(', '), base: s.base, tax: s.tax, documents: s.docs.size };
    })
    .sort((a, b) => a.category.localeCompare(b.category) || Number(b.rate) - Number(a.rate));
  let outputTax = 0;
  let inputTax = 0;
  const kennzahlen: VatKennzahl[] = [];
  for (const def of KENNZAHLEN) {
    const s = byKennzahl.get(def.key);
    if (!s) continue;
    const formTax = formTaxOf(def, s.base, s.tax);
    if (def.side === 'output') outputTax += formTax;
    if (def.side === 'input') inputTax += formTax;
    kennzahlen.push({ key: def.key, taxKennzahl: def.taxKennzahl, label: def.label, base: s.base, tax: s.tax, formBase: formBaseOf(s.base), formTax, documents: s.docs.size });
  }
  const payable = outputTax - inputTax;
  return {
    from,
    to,
    taxation,
    currency: 'EUR',
    lines,
    kennzahlen,
    outputTax,
    inputTax,
    payable,
    otherCurrencies,
    ruleNote: taxation === 'soll' ? 'reportsSales.rule.vatSoll' : 'reportsSales.rule.vatIst',
    table: {
      title: 'reportsSales.title.vat',
      columns: [
        column('key', 'reportsSales.column.kennzahl', 'text'),
        column('label', 'reportsSales.column.description', 'text'),
        column('base', 'reportsSales.column.base', 'money'),
        column('tax', 'reportsSales.column.tax', 'money'),
        column('formBase', 'reportsSales.column.formBase', 'money'),
        column('formTax', 'reportsSales.column.formTax', 'money'),
        column('documents', 'reportsSales.column.documents', 'number'),
      ],
      rows: [
        ...kennzahlen.map((k) => ({ key: k.taxKennzahl ? `${k.key}/${k.taxKennzahl}` : k.key, label: words(k.label as never), base: k.base, tax: k.tax, formBase: k.formBase, formTax: k.formTax, documents: k.documents })),
        ...lines.map((l) => ({ key: l.key, label: words('reportsSales.categoryLine', { category: l.category, rate: l.rate, kennzahl: l.kennzahl }), base: l.base, tax: l.tax, formBase: null, formTax: null, documents: l.documents })),
      ],
      totals: { key: '83', label: words('reportsSales.kz.83'), formTax: payable },
      currency: 'EUR',
    },
  };
}

/** The entries behind one figure (a Kennzahl or a category and rate); they add up to it. */
export function vatDocuments(from: string, to: string, key: string, taxation: Taxation, source: VatSource, words: Words, customerId?: string): VatDocumentsReport {
  const { entries } = vatEntries(from, to, taxation, source, customerId);
  const documents: VatDocument[] = entries
    .filter((e) => e.kennzahl === key || e.group === key)
    .map(({ kennzahl: _k, group: _g, ...d }) => d)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.number.localeCompare(b.number, undefined, { numeric: true })));
  let base = 0;
  let tax = 0;
  for (const d of documents) (base += d.base), (tax += d.tax);
  return {
    from,
    to,
    key,
    taxation,
    documents,
    base,
    tax,
    table: {
      title: 'reportsSales.title.vatDocuments',
      columns: [
        column('date', 'reportsSales.column.date', 'date'),
        column('kind', 'reportsSales.column.kind', 'text'),
        column('number', 'reportsSales.column.number', 'text'),
        column('customerName', 'reportsSales.column.customer', 'text'),
        column('base', 'reportsSales.column.base', 'money'),
        column('tax', 'reportsSales.column.tax', 'money'),
      ],
      rows: documents.map((d) => ({ date: d.date, kind: words(`reportsSales.kind.${d.kind}` as never), number: d.number, customerName: d.customerName, base: d.base, tax: d.tax })),
      totals: { date: words('reportsSales.total'), base, tax },
      currency: 'EUR',
    },
  };
}
