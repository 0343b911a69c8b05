/**
 * The VAT return figures of a month or quarter: the UStVA (Umsatzsteuer-Voranmeldung) and the
 * Zusammenfassende Meldung (ZM, § 18a UStG). Neither computes a figure of its own: the UStVA is
 * the VAT summary (vat.ts) for exactly the period's days, the ZM reads the very same entries of
 * Kz 41 and Kz 21 and sorts them by the buyer's VAT ID. The app transmits neither to ELSTER.
 * Pure: the handlers read the books and call these.
 */
import { endOfMonth, format, parseISO } from 'date-fns';
import type { ReportRow, Taxation, UstvaReport, ZmReport, ZmRow } from '../../src-shared/contract/index.js';
import type { ReportInvoice } from './data.js';
import { column, type Words } from './table.js';
import { formBaseOf, KENNZAHL_BY_KEY } from './ustva.js';
import { vatEntries, vatReport, type VatSource } from './vat.js';

/** The first and last day of a period `2026-11` or `2026-Q4`. */
export function periodDays(period: string): { from: string; to: string } {
  const year = period.slice(0, 4);
  const part = period.slice(5);
  const quarter = part.startsWith('Q') ? Number(part.slice(1)) : 0;
  const first = quarter ? (quarter - 1) * 3 + 1 : Number(part);
  const last = quarter ? first + 2 : first;
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  return { from: `${month(first)}-01`, to: format(endOfMonth(parseISO(`${month(last)}-01`)), 'yyyy-MM-dd') };
}

/** Kennzahlen that are not on the form: shown after it, for a person to see (and assign). */
const OFF_FORM = new Set(['smallBusiness', 'unassigned']);

/**
 * The UStVA of a period: the VAT summary of its days, figure for figure, as a table in the order
 * of the form with the base in whole euros and the tax as the form works it out, Kz 83 last.
 */
export function ustvaReport(period: string, taxation: Taxation, source: VatSource, words: Words): UstvaReport {
  const { from, to } = periodDays(period);
  const vat = vatReport(from, to, taxation, source, words);
  const onForm: ReportRow[] = [];
  const offForm: ReportRow[] = [];
  for (const k of vat.kennzahlen) {
    const side = KENNZAHL_BY_KEY.get(k.key)?.side ?? null;
    if (OFF_FORM.has(k.key)) {
      offForm.push({ key: '', label: words(k.label as never), base: k.base, tax: null });
      continue;
    }
    onForm.push({
      key: k.taxKennzahl ? `${k.key} / ${k.taxKennzahl}` : k.key,
      label: words(k.label as never),
      // Input tax (Kz 66) is entered as tax only; the other Kennzahlen take the base in whole euros.
      base: side === 'input' ? null : k.formBase,
      tax: side === null ? null : k.formTax,
    });
  }
  return {
    period,
    from,
    to,
    taxation,
    currency: 'EUR',
    kennzahlen: vat.kennzahlen,
    outputTax: vat.outputTax,
    inputTax: vat.inputTax,
    payable: vat.payable,
    otherCurrencies: vat.otherCurrencies,
    ruleNote: vat.ruleNote,
    note: 'reportsSales.ustva.noElster',
    table: {
      title: 'reportsSales.title.ustva',
      columns: [
        column('key', 'reportsSales.column.kennzahl', 'text'),
        column('label', 'reportsSales.column.description', 'text'),
        column('base', 'reportsSales.column.formBase', 'money'),
        column('tax', 'reportsSales.column.tax', 'money'),
      ],
      rows: [...onForm, ...offForm],
      totals: { key: '83', label: words('reportsSales.kz.83'), base: null, tax: vat.payable },
      currency: 'EUR',
    },
  };
}

/** The Kennzahlen the ZM reports and the kind of each (L: Lieferung, S: sonstige Leistung). */
const ZM_KIND = { '41': 'supplies', '21': 'services' } as const;

/** A VAT ID as written for the ZM: letters upper case, no spaces, dots or dashes. */
export const vatIdOf = (raw: string) => raw.replace(/[\s.\-]/g, '').toUpperCase();

/** The form of a VAT ID the ZM takes: the country's two letters (Greece: EL) and 2 to 12 characters. */
const VAT_ID = /^[A-Z]{2}[0-9A-Z+*]{2,12}$/;

/**
 * The ZM of a period: intra-EU supplies (Kz 41) and services to EU businesses (Kz 21) by the
 * buyer's VAT ID frozen on each document. Always by the supply (Soll), whatever the company's
 * taxation: the ZM follows the issue of the invoice (§ 18a Abs. 8 UStG), and a change of the
 * base (a credit note, Skonto, a write-off) counts in the period it happens, as in the Soll VAT
 * summary (§ 18a Abs. 7 Satz 2 with § 17 UStG, UStAE 18a.4): a sum may be negative, or 0 and still
 * reported. Sums to the cent, and as reported: whole euros, cents dropped (as the UStVA's bases).
 */
export function zmReport(period: string, source: Pick<VatSource, 'invoices' | 'allocations'>, words: Words): ZmReport {
  const { from, to } = periodDays(period);
  const { entries, otherCurrencies } = vatEntries(from, to, 'soll', { ...source, cash: [] });
  const docs = new Map<string, ReportInvoice>(source.invoices.map((d) => [d.id, d]));
  const byVatId = new Map<string, ZmRow>();
  // A kind a buyer had entries of is reported even when they net to 0 (UStAE 18a.4 Abs. 2: "0" is reported).
  const reported = new Set<string>();
  const problems = new Map<string, ZmReport['problems'][number]>();
  for (const e of entries) {
    const kind = ZM_KIND[e.kennzahl as keyof typeof ZM_KIND];
    if (!kind) continue;
    const vatId = vatIdOf(docs.get(e.documentId)?.buyerVatId ?? '');
    const problem = !vatId ? 'reportsSales.zm.problem.noVatId' : vatId.startsWith('DE') ? 'reportsSales.zm.problem.germanVatId' : !VAT_ID.test(vatId) ? 'reportsSales.zm.problem.vatIdForm' : '';
    if (problem) {
      if (!problems.has(e.documentId)) problems.set(e.documentId, { documentNumber: e.number, problem });
      continue;
    }
    let row = byVatId.get(vatId);
    if (!row) {
      row = { countryCode: vatId.slice(0, 2), vatId, customerId: e.customerId, customerName: e.customerName, supplies: 0, services: 0, triangular: 0, suppliesReported: 0, servicesReported: 0 };
      byVatId.set(vatId, row);
    }
    row[kind] += e.base;
    reported.add(`${vatId}|${kind}`);
  }
  const rows = [...byVatId.values()].sort((a, b) => a.countryCode.localeCompare(b.countryCode) || a.vatId.localeCompare(b.vatId));
  const total = { supplies: 0, services: 0, triangular: 0, suppliesReported: 0, servicesReported: 0 };
  const tableRows: ReportRow[] = [];
  for (const row of rows) {
    row.suppliesReported = formBaseOf(row.supplies);
    row.servicesReported = formBaseOf(row.services);
    total.supplies += row.supplies;
    total.services += row.services;
    total.suppliesReported += row.suppliesReported;
    total.servicesReported += row.servicesReported;
    const line = (kind: 'L' | 'S', amount: number, reported: number) =>
      tableRows.push({ countryCode: row.countryCode, vatId: row.vatId, customerName: row.customerName, kind, amount, reported });
    if (reported.has(`${row.vatId}|supplies`)) line('L', row.supplies, row.suppliesReported);
    if (reported.has(`${row.vatId}|services`)) line('S', row.services, row.servicesReported);
  }
  const problemList = [...problems.values()].sort((a, b) => a.documentNumber.localeCompare(b.documentNumber, undefined, { numeric: true }));
  for (const p of problemList) tableRows.push({ countryCode: '', vatId: '', customerName: words(p.problem as never, { number: p.documentNumber }), kind: '', amount: null, reported: null });
  return {
    period,
    from,
    to,
    rows,
    total,
    problems: problemList,
    otherCurrencies,
    ruleNote: 'reportsSales.zm.rule',
    note: 'reportsSales.zm.noElster',
    table: {
      title: 'reportsSales.title.zm',
      columns: [
        column('countryCode', 'reportsSales.column.countryCode', 'text'),
        column('vatId', 'reportsSales.column.vatId', 'text'),
        column('customerName', 'reportsSales.column.customer', 'text'),
        column('kind', 'reportsSales.column.zmKind', 'text'),
        column('amount', 'reportsSales.column.base', 'money'),
        column('reported', 'reportsSales.column.formBase', 'money'),
      ],
      rows: tableRows,
      totals: { amount: total.supplies + total.services, reported: total.suppliesReported + total.servicesReported },
      currency: 'EUR',
    },
  };
}
