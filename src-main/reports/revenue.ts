/**
 * Revenue (Umsatz) by month, quarter or year, overall, by customer or by product, Soll or Ist
 * (see recognition.ts), each bucket beside the same bucket a year earlier. Net amounts are the
 * documents' own figures (EN 16931 BT-116 per VAT group, BT-131 per line), never recomputed.
 * Pure: the handler reads the report data and calls this.
 */
import type { ParsedInputOf, RevenueReport, RevenueRow } from '../../src-shared/contract/index.js';
import type { ReportAllocation, ReportInvoice, ReportInvoiceLine } from './data.js';
import { bucketKeyOf, bucketsBetween, nextYearKey, yearBefore } from './periods.js';
import { creditNotesByInvoice, figuresFor, partOf, sharesOf, vatFiguresOf, type Figure } from './recognition.js';
import { column, type Words } from './table.js';

export type RevenueSource = {
  invoices: readonly ReportInvoice[];
  allocations: readonly ReportAllocation[];
  /** Lines of the documents, by product only. */
  lines?: readonly ReportInvoiceLine[];
  productNames?: ReadonlyMap<string, string>;
};

/** The group of the allowances and charges on the whole document (BG-20, BG-21), by product. */
export const DOCUMENT_LEVEL = '#document';

/** Documents of the report: its currency and customer; the others counted by currency. */
export function documentsOf(all: readonly ReportInvoice[], currency: string, customerId: string | undefined) {
  const docs: ReportInvoice[] = [];
  const other = new Map<string, number>();
  for (const d of all) {
    if (customerId && d.customerId !== customerId) continue;
    if (d.currency === currency) docs.push(d);
    else other.set(d.currency, (other.get(d.currency) ?? 0) + 1);
  }
  return { docs, otherCurrencies: [...other].map(([c, count]) => ({ currency: c, count })).sort((a, b) => a.currency.localeCompare(b.currency)) };
}

/** Net of a document by product; what the document-level allowances and charges change, apart. */
function productFigures(lines: readonly ReportInvoiceLine[]): (doc: ReportInvoice) => Figure[] {
  const byDoc = new Map<string, ReportInvoiceLine[]>();
  for (const l of lines) {
    const list = byDoc.get(l.invoiceId);
    if (list) list.push(l);
    else byDoc.set(l.invoiceId, [l]);
  }
  return (doc) => {
    const f = new Map<string, Figure>();
    let sum = 0;
    for (const l of byDoc.get(doc.id) ?? []) {
      const x = f.get(l.productId) ?? { key: l.productId, category: '', rate: '', amounts: [0] };
      x.amounts[0]! += l.netAmount;
      f.set(l.productId, x);
      sum += l.netAmount;
    }
    if (doc.taxExclusive !== sum) f.set(DOCUMENT_LEVEL, { key: DOCUMENT_LEVEL, category: '', rate: '', amounts: [doc.taxExclusive - sum] });
    return [...f.values()];
  };
}

/** Change in percent, one decimal; null without a figure to compare with. */
export function changePercent(now: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / Math.abs(before)) * 1000) / 10;
}

type Cell = { name: string; net: number; vat: number; previousNet: number };

export function revenueReport(input: ParsedInputOf<'reports.revenue'>, source: RevenueSource, currency: string, words: Words): RevenueReport {
  const { from, to, period, by, basis } = input;
  const { docs, otherCurrencies } = documentsOf(source.invoices, currency, input.customerId);
  const notes = creditNotesByInvoice(docs);
  const byProduct = by === 'product';
  const figures = figuresFor(byProduct ? productFigures(source.lines ?? []) : vatFiguresOf, notes);
  const buckets = bucketsBetween(from, to, period);
  const previousFrom = yearBefore(from);
  const previousTo = yearBefore(to);
  const cells = new Map<string, Map<string, Cell>>();
  const groupName = (doc: ReportInvoice, key: string) => {
    if (by === 'customer') return doc.customerName;
    if (key === DOCUMENT_LEVEL) return words('reportsSales.documentLevel');
    return key ? (source.productNames?.get(key) ?? key) : words('reportsSales.noProduct');
  };
  const add = (bucket: string, doc: ReportInvoice, key: string, field: 'net' | 'vat' | 'previousNet', amount: number) => {
    if (amount === 0) return;
    const group = by === 'none' ? '' : by === 'customer' ? doc.customerId : key;
    let inBucket = cells.get(bucket);
    if (!inBucket) cells.set(bucket, (inBucket = new Map()));
    let cell = inBucket.get(group);
    if (!cell) inBucket.set(group, (cell = { name: by === 'none' ? '' : groupName(doc, key), net: 0, vat: 0, previousNet: 0 }));
    cell[field] += amount;
  };

  const counts = (date: string) => (date >= from && date <= to) || (date >= previousFrom && date <= previousTo);
  for (const share of sharesOf(docs, source.allocations, basis, counts)) {
    const now = share.date >= from && share.date <= to;
    const before = share.date >= previousFrom && share.date <= previousTo;
    const bucket = bucketKeyOf(share.date, period);
    for (const figure of figures(share)) {
      const net = partOf(figure.amounts[0]!, share);
      const vat = byProduct ? 0 : partOf(figure.amounts[1]!, share);
      if (now) {
        add(bucket, share.doc, figure.key, 'net', net);
        add(bucket, share.doc, figure.key, 'vat', vat);
      }
      if (before) add(nextYearKey(bucket), share.doc, figure.key, 'previousNet', net);
    }
  }

  const rows: RevenueRow[] = [];
  const total = { net: 0, vat: 0, previousNet: 0 };
  for (const b of buckets) {
    const inBucket = [...(cells.get(b.key) ?? [])];
    if (by === 'none' && inBucket.length === 0) inBucket.push(['', { name: '', net: 0, vat: 0, previousNet: 0 }]);
    inBucket.sort(([, x], [, y]) => y.net - x.net || x.name.localeCompare(y.name));
    for (const [groupId, c] of inBucket) {
      rows.push({
        bucket: b.key,
        groupId,
        groupName: c.name,
        net: c.net,
        vat: byProduct ? null : c.vat,
        gross: byProduct ? null : c.net + c.vat,
        previousNet: c.previousNet,
        changePercent: changePercent(c.net, c.previousNet),
      });
      total.net += c.net;
      total.vat += c.vat;
      total.previousNet += c.previousNet;
    }
  }
  const totals = { net: total.net, vat: byProduct ? null : total.vat, gross: byProduct ? null : total.net + total.vat, previousNet: total.previousNet, changePercent: changePercent(total.net, total.previousNet) };
  return {
    from,
    to,
    period,
    by,
    basis,
    currency,
    buckets,
    rows,
    total: totals,
    otherCurrencies,
    ruleNote: basis === 'soll' ? 'reportsSales.rule.soll' : 'reportsSales.rule.ist',
    table: {
      title: 'reportsSales.title.revenue',
      columns: [
        column('bucket', `reportsSales.column.${period}`, 'text'),
        ...(by === 'none' ? [] : [column('groupName', by === 'customer' ? 'reportsSales.column.customer' : 'reportsSales.column.product', 'text')]),
        column('net', 'reportsSales.column.net', 'money'),
        ...(byProduct ? [] : [column('vat', 'reportsSales.column.vat', 'money'), column('gross', 'reportsSales.column.gross', 'money')]),
        column('previousNet', 'reportsSales.column.previousNet', 'money'),
        column('changePercent', 'reportsSales.column.changePercent', 'percent'),
      ],
      rows: rows.map((r) => ({ bucket: r.bucket, groupName: r.groupName, net: r.net, vat: r.vat, gross: r.gross, previousNet: r.previousNet, changePercent: r.changePercent })),
      totals: { bucket: words('reportsSales.total'), ...totals },
      currency,
    },
  };
}
