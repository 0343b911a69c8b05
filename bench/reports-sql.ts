/**
 * The baselines of `bench/reports.ts`: each report figure computed by one hand-written SQL query
 * on raw better-sqlite3 over the same SQLite file (read-only), with json_extract, GROUP BY,
 * joins and window functions doing the work in SQLite. They follow the report rules (open items
 * as of a day, aging by days past due, Soll with Skonto as a reduction on the payment's date
 * shared over the VAT groups, cash income in the UStVA) so that their figures must equal the
 * handlers'.
 */
import Database from 'better-sqlite3';

export type Tables = { invoices: string; facts: string; outbox: string };

export function openRaw(file: string): { sqlite: Database.Database; tables: Tables } {
  const sqlite = new Database(file, { readonly: true });
  const names = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const newest = (collection: string) => {
    const found = names.filter((n) => n.startsWith(`rx__books__${collection}__v`)).sort((a, b) => Number(b.split('__v')[1]) - Number(a.split('__v')[1]));
    if (!found[0]) throw new Error(`No table of ${collection}`);
    return `"${found[0]}"`;
  };
  return { sqlite, tables: { invoices: newest('invoices'), facts: newest('facts'), outbox: newest('outbox') } };
}

const ISSUED = `deleted = 0 AND json_extract(data, '$.status') IN ('issued', 'sent')`;

/** Allocation facts that stand: neither a reversal nor reversed (by a reversal booked by `@asOf` when given). */
function standingAllocations(t: Tables, asOf: boolean): string {
  return `
  reversed AS (
    SELECT json_extract(data, '$.allocation.reversesId') AS id FROM ${t.facts}
    WHERE deleted = 0 AND json_extract(data, '$.kind') = 'allocation' AND json_extract(data, '$.allocation.reversesId') IS NOT NULL
      ${asOf ? `AND substr(json_extract(data, '$.occurredAt'), 1, 10) <= @asOf` : ''}),
  allocations AS (
    SELECT a.id, json_extract(a.data, '$.allocation.invoiceId') AS invoiceId, json_extract(a.data, '$.occurredAt') AS occurredAt,
      json_extract(a.data, '$.allocation.amount') AS amount,
      IFNULL(json_extract(a.data, '$.allocation.skontoAmount'), 0) + IFNULL(json_extract(a.data, '$.allocation.writeOffAmount'), 0) AS reduced,
      json_extract(p.data, '$.payment.date') AS paymentDate
    FROM ${t.facts} a JOIN ${t.facts} p ON p.id = json_extract(a.data, '$.allocation.paymentId')
    WHERE a.deleted = 0 AND json_extract(a.data, '$.kind') = 'allocation' AND json_extract(a.data, '$.allocation.reversesId') IS NULL
      AND a.id NOT IN (SELECT id FROM reversed))`;
}

/**
 * The open items as of `@asOf` (invoiceId, customerId, dueDate, open): invoices issued by then,
 * less their credit notes issued by then, less the standing allocations paid by then.
 */
function openItems(t: Tables): string {
  const issuedBy = `${ISSUED} AND json_extract(data, '$.issueDate') <= @asOf AND json_extract(data, '$.currency') = 'EUR'`;
  return `${standingAllocations(t, true)},
  moves AS (
    SELECT id AS invoiceId, 1 AS isInvoice, json_extract(data, '$.customerId') AS customerId, json_extract(data, '$.dueDate') AS dueDate, json_extract(data, '$.totals.amountDue') AS amount
    FROM ${t.invoices} WHERE ${issuedBy} AND json_extract(data, '$.documentType') = 'invoice'
    UNION ALL
    SELECT json_extract(data, '$.correctsInvoiceId'), 0, NULL, NULL, -json_extract(data, '$.totals.amountDue')
    FROM ${t.invoices} WHERE ${issuedBy} AND json_extract(data, '$.documentType') = 'creditNote'
    UNION ALL
    SELECT invoiceId, 0, NULL, NULL, -(amount + reduced) FROM allocations WHERE paymentDate <= @asOf),
  items AS (
    SELECT invoiceId, MAX(customerId) AS customerId, MAX(dueDate) AS dueDate, SUM(amount) AS open FROM moves
    GROUP BY invoiceId HAVING SUM(isInvoice) = 1 AND SUM(amount) <> 0)`;
}

export type OposFigures = { items: number; total: number; aging: number[] };

/** OPOS as of `asOf`: count and total of the open items, the aging of the positive ones by days past due, and the credit items. */
export function oposBaseline(raw: { sqlite: Database.Database; tables: Tables }, asOf: string, bounds: readonly number[]): OposFigures {
  const late = `julianday(@asOf) - julianday(dueDate)`;
  const bucket = `CASE WHEN ${late} <= 0 THEN 0 ${bounds.map((b, i) => `WHEN ${late} <= ${b} THEN ${i + 1}`).join(' ')} ELSE ${bounds.length + 1} END`;
  const rows = raw.sqlite
    .prepare(
      `WITH ${openItems(raw.tables)}
      SELECT ${bucket} AS bucket, COUNT(*) AS items, SUM(open) AS total, SUM(CASE WHEN open > 0 THEN open ELSE 0 END) AS positive, SUM(CASE WHEN open < 0 THEN open ELSE 0 END) AS negative
      FROM items GROUP BY bucket`,
    )
    .all({ asOf }) as { bucket: number; items: number; total: number; positive: number; negative: number }[];
  // The buckets past due, then one for the credit items (a credit note over what was left open).
  const aging = new Array<number>(bounds.length + 3).fill(0);
  let items = 0;
  let total = 0;
  for (const r of rows) {
    aging[r.bucket] = r.positive;
    aging[bounds.length + 2] = (aging[bounds.length + 2] ?? 0) + (r.negative ?? 0);
    items += r.items;
    total += r.total;
  }
  return { items, total, aging };
}

export type DashboardFigures = {
  open: number;
  openCount: number;
  overdue: number;
  overdueCount: number;
  dueThisWeek: number;
  dueThisWeekCount: number;
  received: number;
  receivedCount: number;
  /** The five largest overdue sums of a customer. */
  topOverdue: number[];
  trend: Map<string, number>;
  approvalQueue: number;
  failedMails: number;
};

/** The dashboard's figures: open items today by customer, this month's customer payments, the revenue trend, two counts. */
export function dashboardBaseline(
  raw: { sqlite: Database.Database; tables: Tables },
  p: { today: string; weekEnd: string; monthStart: string; trendFrom: string; trendTo: string },
): DashboardFigures {
  const t = raw.tables;
  const customers = raw.sqlite
    .prepare(
      `WITH ${openItems(t)}
      SELECT customerId, SUM(open) AS open, SUM(open > 0) AS openCount,
        SUM(CASE WHEN open > 0 AND dueDate < @asOf THEN open ELSE 0 END) AS overdue, SUM(open > 0 AND dueDate < @asOf) AS overdueCount,
        SUM(CASE WHEN open > 0 AND dueDate >= @asOf AND dueDate <= @weekEnd THEN open ELSE 0 END) AS due, SUM(open > 0 AND dueDate >= @asOf AND dueDate <= @weekEnd) AS dueCount
      FROM items GROUP BY customerId`,
    )
    .all({ asOf: p.today, weekEnd: p.weekEnd }) as { open: number; openCount: number; overdue: number; overdueCount: number; due: number; dueCount: number }[];
  const received = raw.sqlite
    .prepare(
      `SELECT IFNULL(SUM(json_extract(data, '$.payment.amount')), 0) AS amount, COUNT(*) AS n FROM ${t.facts}
      WHERE deleted = 0 AND json_extract(data, '$.kind') = 'payment' AND json_extract(data, '$.payment.direction') = 'incoming'
        AND IFNULL(json_extract(data, '$.payment.purpose'), 'customerPayment') = 'customerPayment' AND json_extract(data, '$.payment.currency') = 'EUR'
        AND json_extract(data, '$.payment.date') BETWEEN @from AND @to`,
    )
    .get({ from: p.monthStart, to: p.today }) as { amount: number; n: number };
  const count = (table: string, status: string) =>
    (raw.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE deleted = 0 AND json_extract(data, '$.status') = ?`).get(status) as { n: number }).n;
  const sum = (f: (c: (typeof customers)[number]) => number) => customers.reduce((s, c) => s + f(c), 0);
  return {
    open: sum((c) => c.open),
    openCount: sum((c) => c.openCount),
    overdue: sum((c) => c.overdue),
    overdueCount: sum((c) => c.overdueCount),
    dueThisWeek: sum((c) => c.due),
    dueThisWeekCount: sum((c) => c.dueCount),
    received: received.amount,
    receivedCount: received.n,
    topOverdue: customers.map((c) => c.overdue).filter((o) => o > 0).sort((a, b) => b - a).slice(0, 5),
    trend: revenueBaseline(raw, p.trendFrom, p.trendTo),
    approvalQueue: count(t.invoices, 'submitted'),
    failedMails: count(t.outbox, 'failed'),
  };
}

/**
 * Soll: every document's VAT groups on its issue date (credit notes negative), and Skonto and
 * write-offs as reductions on their payment's date, each group's share rounded cumulatively
 * (Σ reduced so far over the invoice's gross less credit notes), as one row set
 * (date, vatCase, group, base, tax).
 */
function sollShares(t: Tables): string {
  return `
  docs AS MATERIALIZED (
    SELECT id, json_extract(data, '$.documentType') AS type, json_extract(data, '$.issueDate') AS issueDate,
      json_extract(data, '$.correctsInvoiceId') AS corrects, IFNULL(json_extract(data, '$.vatCase'), 'domestic') AS vatCase,
      json_extract(data, '$.totals.taxExclusive') + json_extract(data, '$.totals.vatTotal') AS gross, json_extract(data, '$.totals.vatBreakdown') AS breakdown
    FROM ${t.invoices} WHERE ${ISSUED} AND json_extract(data, '$.currency') = 'EUR'),
  groups AS MATERIALIZED (
    SELECT d.id, d.type, d.issueDate, d.corrects, d.vatCase, json_extract(b.value, '$.category') || '/' || json_extract(b.value, '$.rate') AS grp,
      json_extract(b.value, '$.taxableAmount') AS base, json_extract(b.value, '$.taxAmount') AS tax
    FROM docs d, json_each(d.breakdown) b),
  moves AS (
    SELECT a.id, json_extract(a.data, '$.allocation.invoiceId') AS invoiceId, json_extract(a.data, '$.occurredAt') AS occurredAt,
      IFNULL(json_extract(a.data, '$.allocation.skontoAmount'), 0) + IFNULL(json_extract(a.data, '$.allocation.writeOffAmount'), 0) AS reduced,
      json_extract(p.data, '$.payment.date') AS paymentDate
    FROM ${t.facts} a JOIN ${t.facts} p ON p.id = json_extract(a.data, '$.allocation.paymentId')
    WHERE a.deleted = 0 AND json_extract(a.data, '$.kind') = 'allocation' AND json_extract(a.data, '$.allocation.reversesId') IS NULL
    UNION ALL
    -- A reduction taken back counts on the day the reversal was booked, with the opposite sign.
    SELECT r.id, json_extract(o.data, '$.allocation.invoiceId'), json_extract(r.data, '$.occurredAt'),
      -(IFNULL(json_extract(o.data, '$.allocation.skontoAmount'), 0) + IFNULL(json_extract(o.data, '$.allocation.writeOffAmount'), 0)),
      substr(json_extract(r.data, '$.occurredAt'), 1, 10)
    FROM ${t.facts} r JOIN ${t.facts} o ON o.id = json_extract(r.data, '$.allocation.reversesId')
    WHERE r.deleted = 0 AND json_extract(r.data, '$.kind') = 'allocation'),
  reductions AS (
    SELECT invoiceId, paymentDate, reduced,
      SUM(reduced) OVER (PARTITION BY invoiceId ORDER BY paymentDate, occurredAt, id ROWS UNBOUNDED PRECEDING) AS after
    FROM moves WHERE reduced <> 0),
  wholes AS (
    SELECT i.id, i.vatCase, i.gross AS own, i.gross - IFNULL(SUM(c.gross), 0) AS net
    FROM docs i LEFT JOIN docs c ON c.type = 'creditNote' AND c.corrects = i.id
    WHERE i.type = 'invoice' AND i.id IN (SELECT invoiceId FROM reductions) GROUP BY i.id),
  figures AS (
    SELECT id, grp, SUM(CASE WHEN own THEN base ELSE 0 END) AS ownBase, SUM(CASE WHEN own THEN tax ELSE 0 END) AS ownTax, SUM(base) AS netBase, SUM(tax) AS netTax
    FROM (
      SELECT id, grp, 1 AS own, base, tax FROM groups WHERE type = 'invoice' AND id IN (SELECT invoiceId FROM reductions)
      UNION ALL
      SELECT corrects, grp, 0, -base, -tax FROM groups WHERE type = 'creditNote' AND corrects IN (SELECT invoiceId FROM reductions))
    GROUP BY id, grp),
  parts AS (
    SELECT r.paymentDate, r.reduced, r.after, w.vatCase, f.grp,
      CASE WHEN w.net > 0 THEN f.netBase ELSE f.ownBase END AS base, CASE WHEN w.net > 0 THEN f.netTax ELSE f.ownTax END AS tax,
      CASE WHEN w.net > 0 THEN w.net ELSE w.own END AS whole
    FROM reductions r JOIN wholes w ON w.id = r.invoiceId JOIN figures f ON f.id = r.invoiceId),
  shares AS (
    SELECT issueDate AS date, vatCase, grp, CASE type WHEN 'invoice' THEN base ELSE -base END AS base, CASE type WHEN 'invoice' THEN tax ELSE -tax END AS tax FROM groups
    UNION ALL
    SELECT paymentDate, vatCase, grp,
      -(CAST(ROUND(1.0 * base * after / whole) AS INTEGER) - CAST(ROUND(1.0 * base * (after - reduced) / whole) AS INTEGER)),
      -(CAST(ROUND(1.0 * tax * after / whole) AS INTEGER) - CAST(ROUND(1.0 * tax * (after - reduced) / whole) AS INTEGER))
    FROM parts WHERE whole > 0)`;
}

export type VatFigures = { kz81: { base: number; tax: number }; kz86: { base: number; tax: number } };

/** Kz 81 and 86 of `from`..`to` under Soll: the documents' S/19 and S/7 shares and the cash income at 19 % and 7 %. */
export function vatBaseline(raw: { sqlite: Database.Database; tables: Tables }, from: string, to: string): VatFigures {
  const t = raw.tables;
  const rows = raw.sqlite
    .prepare(
      `WITH ${sollShares(t)},
      cash AS (
        SELECT json_extract(data, '$.cashEntry.vatRate') AS rate, json_extract(data, '$.cashEntry.direction') AS direction,
          json_extract(data, '$.cashEntry.amount') AS amount, json_extract(data, '$.cashEntry.vat') AS vat
        FROM ${t.facts} e
        WHERE deleted = 0 AND json_extract(data, '$.kind') = 'cashEntry' AND json_extract(data, '$.cashEntry.type') = 'income'
          AND json_extract(data, '$.cashEntry.date') BETWEEN @from AND @to AND json_extract(data, '$.cashEntry.invoiceId') IS NULL
          AND NOT EXISTS (SELECT 1 FROM ${t.facts} r WHERE r.id = json_extract(e.data, '$.cashEntry.reversesId') AND json_extract(r.data, '$.cashEntry.invoiceId') IS NOT NULL))
      SELECT grp, SUM(base) AS base, SUM(tax) AS tax FROM (
        SELECT grp, base, tax FROM shares WHERE date BETWEEN @from AND @to AND vatCase <> 'smallBusiness' AND grp IN ('S/19', 'S/7')
        UNION ALL
        SELECT 'S/' || rate, CASE direction WHEN 'in' THEN amount - vat ELSE vat - amount END, CASE direction WHEN 'in' THEN vat ELSE -vat END
        FROM cash WHERE rate IN (19, 7))
      GROUP BY grp`,
    )
    .all({ from, to }) as { grp: string; base: number; tax: number }[];
  const of = (grp: string) => {
    const r = rows.find((x) => x.grp === grp);
    return { base: r?.base ?? 0, tax: r?.tax ?? 0 };
  };
  return { kz81: of('S/19'), kz86: of('S/7') };
}

/** Net revenue (Soll) by month `YYYY-MM` from `from` to `to`: the documents' VAT groups' bases less Skonto (and a Skonto taken back, on the day it was). */
export function revenueBaseline(raw: { sqlite: Database.Database; tables: Tables }, from: string, to: string): Map<string, number> {
  const rows = raw.sqlite
    .prepare(`WITH ${sollShares(raw.tables)} SELECT substr(date, 1, 7) AS month, SUM(base) AS net FROM shares WHERE date BETWEEN @from AND @to GROUP BY month ORDER BY month`)
    .all({ from, to }) as { month: string; net: number }[];
  return new Map(rows.map((r) => [r.month, r.net]));
}
