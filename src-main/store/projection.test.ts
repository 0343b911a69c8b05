/**
 * Projections read the records a filter names and no others: equality filters (values ORed,
 * long lists too) and range filters on a text field (ISO dates and times), ANDed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { auditFact, invoice } from '../../tests/store/fixtures.js';
import { openDatabase, type OpenBooks } from './database.js';
import { projectRows } from './projection.js';

let dir: string;
let books: OpenBooks;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-projection-'));
  books = await openDatabase({ dataDir: dir });
  // Invoices 1 … 30, issued on 2026-11-01 … 2026-11-30; number 0 has no issue date (a draft).
  await books.db.invoices.bulkInsert([
    invoice(0),
    ...Array.from({ length: 30 }, (_, i) => ({ ...invoice(i + 1, i % 2 ? 'issued' : 'draft'), issueDate: `2026-11-${String(i + 1).padStart(2, '0')}` })),
  ]);
  // Audit entries written at 23:59 of 2026-11-01 … 2026-11-05 (UTC).
  await books.db.facts.bulkInsert(Array.from({ length: 5 }, (_, i) => ({ ...auditFact(i + 1, books.deviceId), occurredAt: `2026-11-0${i + 1}T23:59:59.999Z` })));
});
afterEach(async () => {
  await books.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = (rows: { id: unknown }[]) => rows.map((r) => String(r.id)).sort();
const inv = (...n: number[]) => n.map((i) => invoice(i).id).sort();

it('takes the records of a date range, both ends included, and leaves out those without the field', () => {
  const rows = projectRows<{ id: unknown; issueDate: unknown }>(books, 'invoices', { id: '$.id', issueDate: '$.issueDate' }, [{ path: '$.issueDate', from: '2026-11-03', to: '2026-11-05' }]);
  expect(ids(rows)).toEqual(inv(3, 4, 5));
  expect(rows.map((r) => r.issueDate).sort()).toEqual(['2026-11-03', '2026-11-04', '2026-11-05']);
});

it('takes an open range: only from, only to, neither (every record that has the field)', () => {
  const fields = { id: '$.id' };
  expect(ids(projectRows(books, 'invoices', fields, [{ path: '$.issueDate', from: '2026-11-28' }]))).toEqual(inv(28, 29, 30));
  expect(ids(projectRows(books, 'invoices', fields, [{ path: '$.issueDate', to: '2026-11-02' }]))).toEqual(inv(1, 2));
  expect(projectRows(books, 'invoices', fields, [{ path: '$.issueDate' }])).toHaveLength(30);
  expect(projectRows(books, 'invoices', fields)).toHaveLength(31);
});

it('ANDs a range with an equality filter, and compares times as text (a whole UTC day)', () => {
  const issued = projectRows<{ id: unknown }>(books, 'invoices', { id: '$.id' }, [{ path: '$.status', values: ['issued'] }, { path: '$.issueDate', from: '2026-11-01', to: '2026-11-06' }]);
  expect(ids(issued)).toEqual(inv(2, 4, 6));
  const audit = projectRows<{ id: unknown }>(books, 'facts', { id: '$.id' }, [{ path: '$.kind', values: ['audit'] }, { path: '$.occurredAt', from: '2026-11-02', to: '2026-11-03T24' }]);
  expect(ids(audit)).toEqual([auditFact(2, '').id, auditFact(3, '').id]);
});

it('binds the bounds: a bound with a quote is a value, not SQL', () => {
  expect(projectRows(books, 'invoices', { id: '$.id' }, [{ path: '$.issueDate', from: "2026-11-01' OR 1=1 --", to: '2026-11-01\u007f' }])).toEqual([]);
  expect(() => projectRows(books, 'invoices', { id: '$.id' }, [{ path: "$.issueDate') OR (1", from: 'x' }])).toThrow(/plain JSON path/);
});

it('takes a long list of values (more than fit a statement comfortably) in one query', () => {
  const wanted = [...Array.from({ length: 2_000 }, (_, i) => `nobody${i}`), invoice(7).id, invoice(12).id];
  expect(ids(projectRows<{ id: unknown }>(books, 'invoices', { id: '$.id' }, [{ path: '$.id', values: wanted }]))).toEqual(inv(7, 12));
  expect(projectRows(books, 'invoices', { id: '$.id' }, [{ path: '$.id', values: [] }])).toEqual([]);
});

it('reads the same records narrowed by the indexes (facts by kind and time, records by id) as without', async () => {
  // Facts of another kind in the same days, and audit entries on the days around.
  await books.db.facts.bulkInsert([
    { ...auditFact(90, books.deviceId), occurredAt: '2026-11-01T00:00:00.000Z' },
    { ...auditFact(91, books.deviceId), occurredAt: '2026-10-31T23:59:59.999Z' },
    { ...auditFact(92, books.deviceId), occurredAt: '2026-11-04T00:00:00.000Z' },
    { ...auditFact(93, books.deviceId), id: 'other', kind: 'document', occurredAt: '2026-11-02T10:00:00.000Z', audit: undefined, document: { invoiceId: invoice(1).id, format: 'pdf', fileName: 'a.pdf', file: 'documents/a.pdf', mimeType: 'application/pdf', sha256: 'a'.repeat(64), bytes: 1 } } as never,
  ]);
  const both = (filters: Parameters<typeof projectRows>[3], collection: 'facts' | 'invoices' = 'facts') => {
    const plain = ids(projectRows<{ id: unknown }>(books, collection, { id: '$.id' }, filters));
    expect(ids(projectRows<{ id: unknown }>(books, collection, { id: '$.id' }, filters, { indexed: true }))).toEqual(plain);
    return plain;
  };
  expect(both([{ path: '$.kind', values: ['audit'] }, { path: '$.occurredAt', from: '2026-11-01', to: '2026-11-03T24' }])).toEqual(
    [auditFact(1, '').id, auditFact(2, '').id, auditFact(3, '').id, auditFact(90, '').id].sort(),
  );
  expect(both([{ path: '$.kind', values: ['audit'] }, { path: '$.occurredAt', to: '2026-11-01' }])).toEqual([auditFact(91, '').id]);
  expect(both([{ path: '$.kind', values: ['audit'] }])).toHaveLength(8);
  expect(both([{ path: '$.kind', values: ['document'] }])).toEqual(['other']);
  expect(both([{ path: '$.kind', values: ['audit', 'document'] }, { path: '$.occurredAt', from: '2026-11-02', to: '2026-11-02T24' }])).toEqual([auditFact(2, '').id, 'other'].sort());
  const wanted = [...Array.from({ length: 500 }, (_, i) => `nobody${i}`), invoice(7).id, invoice(8).id];
  expect(both([{ path: '$.status', values: ['issued'] }, { path: '$.id', values: wanted }], 'invoices')).toEqual(inv(8));
});
