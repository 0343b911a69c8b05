/**
 * The store, measured: 10,000 invoice-like documents (~1 KB) through RxDB on our SQLite
 * storage against the same rows and indexes in raw better-sqlite3, and the indexed query
 * against RxDB's Dexie storage over fake-indexeddb; then open-to-first-query on 100,000.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageSQLite } from '../src-main/store/index.js';
import { measure, printTable, type Row } from './lib.js';

type BenchInvoice = {
  id: string;
  status: string;
  customerId: string;
  dueDate: string;
  number: string;
  grossAmount: number;
  lines: { description: string; quantity: string; netUnitPrice: string; vatRate: string }[];
  note: string;
};

const schema: RxJsonSchema<BenchInvoice> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 30 },
    status: { type: 'string', maxLength: 12 },
    customerId: { type: 'string', maxLength: 30 },
    dueDate: { type: 'string', maxLength: 10 },
    number: { type: 'string' },
    grossAmount: { type: 'integer' },
    lines: { type: 'array', items: { type: 'object' } },
    note: { type: 'string' },
  },
  required: ['id', 'status', 'customerId', 'dueDate'],
  indexes: ['status', 'customerId', 'dueDate', ['status', 'dueDate']],
};

const STATUSES = ['draft', 'approved', 'issued', 'paid'];

function makeDocs(count: number, offset = 0): BenchInvoice[] {
  return Array.from({ length: count }, (_, n) => {
    const i = n + offset;
    return {
      id: `inv${String(i).padStart(9, '0')}`,
      status: STATUSES[i % 4]!,
      customerId: `cust${String(i % 997).padStart(5, '0')}`,
      dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      number: `RE-2026-A-${String(i).padStart(6, '0')}`,
      grossAmount: (i * 7919) % 1_000_000,
      lines: Array.from({ length: 4 }, (_, l) => ({
        description: `Position ${l + 1}: Beratung und Umsetzung „Projekt ${i}“`,
        quantity: String(l + 1),
        netUnitPrice: `${(i % 500) + l}.50`,
        vatRate: l % 2 ? '7' : '19',
      })),
      note: 'Zahlbar innerhalb von 14 Tagen ohne Abzug. Vielen Dank für Ihren Auftrag! '.repeat(4),
    };
  });
}

/**
 * Distinct ranges, each used once per side, so that RxDB's query cache never answers from
 * memory: every measured query reaches the storage. Each range matches ~700-830 documents.
 */
const RANGES = Array.from({ length: 60 }, (_, k) => {
  const m = k % 12;
  const month = String(m + 1).padStart(2, '0');
  return { status: STATUSES[m % 4]!, from: `2026-${month}-${String(1 + (k % 5)).padStart(2, '0')}`, to: `2026-${month}-28` };
});
/** Count selectors, distinct for k < 1344: status × start month × start day. */
function countSelector(k: number) {
  const month = String((Math.floor(k / 4) % 12) + 1).padStart(2, '0');
  const day = String((Math.floor(k / 48) % 28) + 1).padStart(2, '0');
  return { status: STATUSES[k % 4]!, from: `2026-${month}-${day}` };
}

async function openRx(storage: RxStorage<any, any>, name: string) {
  const db = await createRxDatabase<{ invoices: RxCollection<BenchInvoice> }>({ name, storage, multiInstance: false });
  await db.addCollections({ invoices: { schema } });
  return db;
}

function rangeQuery(db: RxDatabase<{ invoices: RxCollection<BenchInvoice> }>, r: (typeof RANGES)[number]) {
  return db.invoices
    .find({ selector: { status: r.status, dueDate: { $gte: r.from, $lte: r.to } }, sort: [{ dueDate: 'asc' }] })
    .exec();
}

function openRaw(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS invoices (id TEXT PRIMARY KEY, status TEXT, customerId TEXT, dueDate TEXT, data TEXT);
    CREATE INDEX IF NOT EXISTS i_status ON invoices(status);
    CREATE INDEX IF NOT EXISTS i_customer ON invoices(customerId);
    CREATE INDEX IF NOT EXISTS i_due ON invoices(dueDate);
    CREATE INDEX IF NOT EXISTS i_status_due ON invoices(status, dueDate);`);
  return db;
}

export async function benchStore(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-store-'));
  const docs = makeDocs(10_000);
  console.log(`document size: ${JSON.stringify(docs[0]).length} bytes of JSON`);
  const rows: Row[] = [];
  try {
    // Raw better-sqlite3: same rows, same indexes, same durability settings.
    const rawFile = path.join(dir, 'raw.sqlite');
    let raw = openRaw(rawFile);
    const insert = raw.prepare('INSERT INTO invoices VALUES (?, ?, ?, ?, ?)');
    const rawInsert = await measure(() =>
      raw.transaction(() => {
        for (const d of docs) insert.run(d.id, d.status, d.customerId, d.dueDate, JSON.stringify(d));
      })(),
    );
    // Ordered by the (status, dueDate) index alone: the cheapest plan SQLite has for it.
    const rawRange = raw.prepare('SELECT data FROM invoices WHERE status = ? AND dueDate BETWEEN ? AND ? ORDER BY dueDate').pluck();
    let k = 0;
    const rawQuery = await measure(() => {
      const r = RANGES[k++ % RANGES.length]!;
      return (rawRange.all(r.status, r.from, r.to) as string[]).map((s) => JSON.parse(s));
    }, 25);
    const rawCountStmt = raw.prepare('SELECT count(*) FROM invoices WHERE status = ? AND dueDate >= ?').pluck();
    k = 0;
    const rawCount = await measure(() => {
      for (let j = 0; j < 50; j++, k++) {
        const c = countSelector(k);
        rawCountStmt.get(c.status, c.from);
      }
    }, 11) / 50;
    raw.close();
    const rawReopen = await measure(() => {
      raw = openRaw(rawFile);
      (raw.prepare('SELECT data FROM invoices WHERE status = ? AND dueDate BETWEEN ? AND ? ORDER BY dueDate').pluck().all('issued', '2026-03-01', '2026-03-28') as string[]).map((s) => JSON.parse(s));
      raw.close();
    }, 9);

    // RxDB on our SQLite storage.
    const file = path.join(dir, 'ours.sqlite');
    let ours = await openRx(getRxStorageSQLite({ filename: file }), 'benchours');
    const oursInsert = await measure(async () => {
      const result = await ours.invoices.bulkInsert(docs);
      if (result.error.length) throw new Error('insert failed');
    });
    k = 0;
    const oursQuery = await measure(() => rangeQuery(ours, RANGES[k++ % RANGES.length]!), 25);
    k = 0;
    // 550 distinct counts: none is answered from RxDB's query cache.
    const oursCount = await measure(async () => {
      for (let j = 0; j < 50; j++, k++) {
        const c = countSelector(k);
        await ours.invoices.count({ selector: { status: c.status, dueDate: { $gte: c.from } } }).exec();
      }
    }, 11) / 50;
    const check = await rangeQuery(ours, RANGES[2]!);
    const rawCheck = openRaw(rawFile);
    const expected = (rawCheck.prepare('SELECT id FROM invoices WHERE status = ? AND dueDate BETWEEN ? AND ? ORDER BY dueDate, id').pluck().all(RANGES[2]!.status, RANGES[2]!.from, RANGES[2]!.to) as string[]);
    rawCheck.close();
    if (JSON.stringify(check.map((d) => d.id)) !== JSON.stringify(expected)) throw new Error('RxDB and raw SQLite disagree on the range query');
    await ours.close();
    const oursReopen = await measure(async () => {
      ours = await openRx(getRxStorageSQLite({ filename: file }), 'benchours');
      await rangeQuery(ours, { status: 'issued', from: '2026-03-01', to: '2026-03-28' });
      await ours.close();
    }, 9);

    // RxDB on Dexie over fake-indexeddb, the indexed query only.
    const dexie = await openRx(getRxStorageDexie({ indexedDB, IDBKeyRange }), 'benchdexie');
    await dexie.invoices.bulkInsert(docs);
    k = 0;
    const dexieQuery = await measure(() => rangeQuery(dexie, RANGES[k++ % RANGES.length]!), 25);
    await dexie.remove();

    rows.push(
      { operation: 'bulk insert 10,000', ours: oursInsert, baseline: rawInsert, target: 2.5, baselineName: 'raw SQLite' },
      { operation: 'indexed range query (status + dueDate, ~750 docs)', ours: oursQuery, baseline: rawQuery, target: 2.5, baselineName: 'raw SQLite' },
      { operation: 'count (status, dueDate from)', ours: oursCount, baseline: rawCount, target: 2.5, baselineName: 'raw SQLite' },
      { operation: 'reopen + first query', ours: oursReopen, baseline: rawReopen, target: 2.5, baselineName: 'raw SQLite' },
      { operation: 'indexed range query vs Dexie', ours: oursQuery, baseline: dexieQuery, target: 0.1, baselineName: 'Dexie/fake-indexeddb' },
    );
    let ok = printTable('Store: RxDB on our SQLite storage, 10,000 documents', rows);

    // 100,000 documents: open-to-first-query.
    const bigFile = path.join(dir, 'big.sqlite');
    const big = await openRx(getRxStorageSQLite({ filename: bigFile }), 'benchbig');
    for (let offset = 0; offset < 100_000; offset += 10_000) await big.invoices.bulkInsert(makeDocs(10_000, offset));
    await big.close();
    const start = performance.now();
    const reopened = await openRx(getRxStorageSQLite({ filename: bigFile }), 'benchbig');
    const firstPage = await reopened.invoices
      .find({ selector: { status: 'issued' }, sort: [{ dueDate: 'asc' }], limit: 50 })
      .exec();
    const openToFirst = performance.now() - start;
    const total = await reopened.invoices.count().exec();
    await reopened.close();
    const bigOk = openToFirst < 300 && firstPage.length === 50 && total === 100_000;
    console.log(`\n100,000 documents: open-to-first-query ${openToFirst.toFixed(1)} ms (target < 300 ms) ${bigOk ? 'yes' : 'NO'}`);
    ok &&= bigOk;
    return ok;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ok = await benchStore();
  process.exitCode = ok ? 0 : 1;
}
