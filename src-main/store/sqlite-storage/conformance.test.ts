import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance, type ConformanceResult } from '../../../tests/store/conformance.js';
import { getRxStorageSQLite } from '../index.js';

describe('storage conformance: SQLite, memory and Dexie agree', () => {
  let dir: string;
  const results: Record<string, ConformanceResult> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-conformance-'));
    const filename = path.join(dir, 'books.sqlite');
    results.sqlite = await runConformance(getRxStorageSQLite({ filename }), 'sqlitedb', async () =>
      getRxStorageSQLite({ filename }),
    );
    results.memory = await runConformance(getRxStorageMemory(), 'memorydb', async () => getRxStorageMemory());
    const dexie = () => getRxStorageDexie({ indexedDB, IDBKeyRange });
    results.dexie = await runConformance(dexie(), 'dexiedb', async () => dexie());
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns what was written, with per-document 409 conflicts', () => {
    const r = results.sqlite!;
    expect(r.insertErrors).toBe(0);
    expect(r.duplicateInsert).toEqual([{ status: 409, id: 'inv-000', inDb: -5000 }]);
    expect(r.mixedErrors).toEqual([{ status: 409, id: 'inv-002' }]);
    expect(r.staleUpdate).toEqual([{ status: 409, id: 'inv-001', rev: expect.stringMatching(/^2-/) }]);
    expect(r.findWithoutDeleted).toEqual(['inv-006']);
    expect(r.findWithDeleted).toEqual(['inv-004', 'inv-005', 'inv-006']);
    expect(r.afterCleanup).toEqual(['inv-006']);
    expect(r.afterCleanupCount).toBe(59);
  });

  it('answers queries with the expected documents (spot checks)', () => {
    const q = results.sqlite!.queries as Record<string, { ids: string[]; count: number }>;
    expect(q.all!.count).toBe(59);
    expect(q.skipLimit!.ids).toHaveLength(7);
    expect(q.skipPastEnd!.ids).toEqual([]);
    expect(q.limitZeroLike!.count).toBe(0);
    expect([...q.inCustomer!.ids].sort()).toEqual(['inv-000', 'inv-009', 'inv-016', 'inv-018', 'inv-027', 'inv-036', 'inv-038', 'inv-045', 'inv-049', 'inv-054']);
    // Characters outside the BMP sort above every other key, as in RxDB's own storages.
    expect(q.customerAfterEmoji!.ids.length).toBeGreaterThan(q.inCustomer!.ids.length);
  });

  for (const scenario of [
    'insertErrors',
    'duplicateInsert',
    'mixedErrors',
    'deleteErrors',
    'findWithoutDeleted',
    'findWithDeleted',
    'readBack',
    'queries',
    'changedPages',
    'changedLastCheckpoint',
    'events',
    'afterReopen',
    'afterReopenDeleted',
    'afterCleanup',
    'afterCleanupCount',
  ]) {
    it(`${scenario}: SQLite equals memory and Dexie`, () => {
      expect(results.sqlite![scenario]).toEqual(results.memory![scenario]);
      expect(results.dexie![scenario]).toEqual(results.memory![scenario]);
    });
  }
});

describe('SQLite storage uses its indexes', () => {
  it('serves every indexed query from a SQLite index, never a full table scan', async () => {
    const { normalizeMangoQuery, prepareQuery } = await import('rxdb');
    const { invoiceSchema, openInstance, QUERIES } = await import('../../../tests/store/conformance.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-explain-'));
    try {
      const instance = (await openInstance(getRxStorageSQLite({ filename: path.join(dir, 'x.sqlite') }), 'db')) as unknown as {
        explainQuery(q: unknown): string[];
        close(): Promise<void>;
      };
      for (const name of ['eqStatus', 'statusAndDueRange', 'gtAmount', 'ltDue', 'inStatus', 'limitOnIndex']) {
        const query = { ...QUERIES[name]!, selector: { ...QUERIES[name]!.selector, _deleted: { $eq: false } } };
        const plan = instance.explainQuery(prepareQuery(invoiceSchema, normalizeMangoQuery(invoiceSchema, query as never)));
        expect(plan.join(' | '), name).toMatch(/USING INDEX "?rx__db__invoices__v0__ix\d+"?/);
        expect(plan.join(' | '), name).not.toMatch(/TEMP B-TREE/);
      }
      for (const name of ['newestFirst', 'newestFirstOfStatus', 'newestFirstFiltered']) {
        const query = { ...QUERIES[name]!, selector: { ...QUERIES[name]!.selector, _deleted: { $eq: false } } };
        const plan = instance.explainQuery(prepareQuery(invoiceSchema, normalizeMangoQuery(invoiceSchema, query as never)));
        expect(plan[0], name).toBe('reverse index scan');
        expect(plan.join(' | '), name).toMatch(/USING INDEX/);
        expect(plan.join(' | '), name).not.toMatch(/TEMP B-TREE/);
      }
      await instance.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
