/**
 * The auditor tables read only the period's records, and still name what those records refer to
 * outside the period: the number of an earlier invoice an allocation settles or a credit note
 * corrects. Audit entries belong to the UTC day they were written, the last day of the period included.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { approveAndIssue, issued } from '../../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { tablesOf, type TableRows } from './tables.js';

let app: TestApp;
let t: Team;
const ids: Record<string, string> = {};
const numbers: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const b = t.bookkeeper;
  const service = await product(b, { sku: 'BERATUNG', nameDe: 'Beratung', nameEn: 'Consulting', unit: 'HUR', netPrice: '100.00', vatRate: '19' });
  const c = await customer(b, { name: 'Oktober GmbH' });
  const october = await issued(t, { customerId: c.id, issueDate: '2026-10-20', lines: [{ productId: service.id, quantity: '2' }] });
  const november = await issued(t, { customerId: c.id, issueDate: '2026-11-10', lines: [{ productId: service.id, quantity: '1' }] });
  Object.assign(ids, { october: october.id, november: november.id });
  Object.assign(numbers, { october: october.number, november: november.number });
  await unwrap(b.invoke('payments.record', { date: '2026-10-25', amount: '50.00', allocations: [{ invoiceId: october.id, amount: '50.00' }] }));
  await unwrap(b.invoke('payments.record', { date: '2026-11-05', amount: '100.00', allocations: [{ invoiceId: october.id, amount: '100.00' }] }));
  const note = await unwrap(b.invoke('invoices.createCreditNote', { invoiceId: october.id, reason: 'Eine Stunde zu viel', lines: [{ lineId: october.lines[0]!.id, quantity: '1' }] }));
  const credit = await approveAndIssue(t, note.id);
  ids.credit = credit.id;
}, 180_000);
afterAll(async () => app.stop());

/** A table's rows as objects by column name. */
function rowsOf(tables: TableRows[], name: string): Record<string, unknown>[] {
  const table = tables.find((x) => x.spec.name === name)!;
  return table.rows.map((r) => Object.fromEntries(table.spec.columns.map((c, i) => [c.name, r[i]])));
}

it('names the earlier invoice an allocation of the period settles and a credit note of the period corrects', () => {
  const { tables, documents } = tablesOf(app.services.books, '2026-11-01', '2026-11-27');
  expect(documents.map((d) => d.id).sort()).toEqual([ids.november, ids.credit].sort());
  expect(rowsOf(tables, 'invoices').map((r) => r.number)).toEqual([numbers.november]);
  expect(rowsOf(tables, 'payments').map((r) => [r.date, r.amount])).toEqual([['2026-11-05', 10000]]);
  expect(rowsOf(tables, 'allocations').map((r) => [r.paymentDate, r.invoiceId, r.invoiceNumber, r.amount])).toEqual([['2026-11-05', ids.october, numbers.october, 10000]]);
  expect(rowsOf(tables, 'creditNotes').map((r) => [r.correctsInvoiceId, r.correctsInvoiceNumber])).toEqual([[ids.october, numbers.october]]);
});

it('takes the audit entries of the UTC days of the period, the last day whole', () => {
  // Every write happened at 09:00 UTC on 2026-11-27 (the test clock).
  const of = (from: string, to: string) => rowsOf(tablesOf(app.services.books, from, to).tables, 'auditEntries');
  const all = of('2026-11-27', '2026-11-27');
  expect(all.length).toBeGreaterThan(5);
  expect(all.every((r) => r.date === '2026-11-27' && String(r.occurredAt).startsWith('2026-11-27T'))).toBe(true);
  expect(of('2026-11-01', '2026-11-26')).toEqual([]);
  expect(of('2026-11-28', '2026-11-30')).toEqual([]);
  expect(of('2026-11-01', '2026-11-30')).toEqual(all);
});
