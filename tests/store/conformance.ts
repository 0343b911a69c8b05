/**
 * Storage conformance scenarios: the same writes and reads against any RxStorage, each
 * returning a plain summary, so that our SQLite storage can be compared with RxDB's memory
 * storage and RxDB's Dexie storage (over fake-indexeddb) value by value.
 */
import {
  createRevision,
  fillWithDefaultSettings,
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageWriteErrorConflict,
} from 'rxdb';

export type TestInvoice = {
  id: string;
  status: 'draft' | 'approved' | 'issued' | 'cancelled';
  customerId: string;
  dueDate: string;
  amount: number;
  tags: string[];
  address: { city: string; zip: string };
  note?: string;
};

export const invoiceSchema: RxJsonSchema<RxDocumentData<TestInvoice>> = fillWithDefaultSettings({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    status: { type: 'string', enum: ['draft', 'approved', 'issued', 'cancelled'], maxLength: 12 },
    customerId: { type: 'string', maxLength: 40 },
    dueDate: { type: 'string', maxLength: 10 },
    amount: { type: 'integer', minimum: -1_000_000_000, maximum: 1_000_000_000, multipleOf: 1 },
    tags: { type: 'array', items: { type: 'string' } },
    address: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string' } } },
    note: { type: 'string' },
  },
  required: ['id', 'status', 'customerId', 'dueDate', 'amount', 'tags', 'address'],
  indexes: ['status', 'customerId', 'dueDate', ['status', 'dueDate'], 'amount'],
} as RxJsonSchema<TestInvoice>) as RxJsonSchema<RxDocumentData<TestInvoice>>;

const STATUSES = ['draft', 'approved', 'issued', 'cancelled'] as const;
const CITIES = ['München', 'Köln', 'Berlin', 'Düsseldorf', 'Zürich', '😀 Emoji-Stadt'];
const TOKEN = 'conformance';

/** 60 invoices whose fields cover ties, umlauts, characters outside the BMP and gaps. */
export function sampleInvoices(): RxDocumentData<TestInvoice>[] {
  return Array.from({ length: 60 }, (_, i) => {
    const doc: TestInvoice = {
      id: `inv-${String(i).padStart(3, '0')}`,
      status: STATUSES[(i * 7) % 4]!,
      customerId: i % 9 === 0 ? '😀-customer' : `cust-${(i * 5) % 11}`,
      dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 13) % 28) + 1).padStart(2, '0')}`,
      amount: ((i * 7919) % 20011) - 5000,
      tags: i % 3 === 0 ? ['urgent', 'b2b'] : i % 3 === 1 ? ['b2c'] : [],
      address: { city: CITIES[i % CITIES.length]!, zip: String(10000 + i * 311) },
    };
    if (i % 4 === 0) doc.note = `Lieferung ${i} – „Grüße“ €`;
    return withMeta(doc, 1000 + i);
  });
}

function withMeta(doc: TestInvoice, lwt: number): RxDocumentData<TestInvoice> {
  const data = { ...doc, _deleted: false, _attachments: {}, _meta: { lwt }, _rev: '' } as RxDocumentData<TestInvoice>;
  data._rev = createRevision(TOKEN);
  return data;
}

function next(previous: RxDocumentData<TestInvoice>, change: Partial<RxDocumentData<TestInvoice>>, lwt: number) {
  const doc = { ...previous, ...change, _meta: { lwt } } as RxDocumentData<TestInvoice>;
  doc._rev = createRevision(TOKEN, previous);
  return doc;
}

/** Every query shape and operator the app's screens and rules use. */
export const QUERIES: Record<string, MangoQuery<TestInvoice>> = {
  all: { selector: {} },
  eqStatus: { selector: { status: 'issued' } },
  eqStatusSortDue: { selector: { status: 'approved' }, sort: [{ dueDate: 'asc' }] },
  neStatus: { selector: { status: { $ne: 'draft' } } },
  gtAmount: { selector: { amount: { $gt: 5000 } }, sort: [{ amount: 'asc' }] },
  gteLteAmount: { selector: { amount: { $gte: -1000, $lte: 1000 } }, sort: [{ amount: 'desc' }] },
  ltDue: { selector: { dueDate: { $lt: '2026-04-01' } }, sort: [{ dueDate: 'asc' }] },
  statusAndDueRange: {
    selector: { status: 'issued', dueDate: { $gte: '2026-03-01', $lt: '2026-09-01' } },
    sort: [{ dueDate: 'asc' }],
  },
  inStatus: { selector: { status: { $in: ['draft', 'cancelled'] } }, sort: [{ id: 'desc' }] },
  ninStatus: { selector: { status: { $nin: ['draft', 'cancelled'] } } },
  inCustomer: { selector: { customerId: { $in: ['cust-3', '😀-customer'] } } },
  customerAfterEmoji: { selector: { customerId: { $gte: 'cust-5' } }, sort: [{ customerId: 'asc' }] },
  existsNote: { selector: { note: { $exists: true } } },
  notExistsNote: { selector: { note: { $exists: false } }, sort: [{ amount: 'asc' }] },
  regexCity: { selector: { 'address.city': { $regex: '^(Kö|Zü)' } } },
  regexCaseInsensitive: { selector: { note: { $regex: 'grüße', $options: 'i' } } },
  orStatusAmount: { selector: { $or: [{ status: 'cancelled' }, { amount: { $lt: -4000 } }] } },
  andNested: { selector: { $and: [{ 'address.city': 'Berlin' }, { amount: { $gt: 0 } }] } },
  elemMatchTag: { selector: { tags: { $elemMatch: { $eq: 'urgent' } } } },
  sizeTags: { selector: { tags: { $size: 0 } } },
  sortTwoFields: { selector: {}, sort: [{ status: 'asc' }, { amount: 'desc' }] },
  sortNested: { selector: {}, sort: [{ 'address.zip': 'asc' }] },
  skipLimit: { selector: { status: { $ne: 'cancelled' } }, sort: [{ dueDate: 'asc' }], skip: 5, limit: 7 },
  limitOnIndex: { selector: { status: 'draft' }, sort: [{ dueDate: 'asc' }], limit: 3 },
  skipPastEnd: { selector: {}, skip: 100, limit: 10 },
  limitZeroLike: { selector: { amount: { $gt: 100_000 } } },
  newestFirst: { selector: {}, sort: [{ dueDate: 'desc' }, { id: 'desc' }], limit: 10 },
  newestFirstOfStatus: { selector: { status: 'issued' }, sort: [{ dueDate: 'desc' }, { id: 'desc' }], skip: 2, limit: 5 },
  newestFirstFiltered: { selector: { status: 'draft', amount: { $gt: 0 } }, sort: [{ dueDate: 'desc' }, { id: 'desc' }], limit: 4 },
  descendingNotOnIndex: { selector: { status: { $in: ['issued', 'draft'] } }, sort: [{ dueDate: 'desc' }, { id: 'desc' }], limit: 6 },
  descendingThenAscending: { selector: {}, sort: [{ dueDate: 'desc' }, { id: 'asc' }], limit: 6 },
};

export type ConformanceResult = Record<string, unknown>;

type Instance = RxStorageInstance<TestInvoice, unknown, unknown>;

export async function openInstance(storage: RxStorage<any, any>, databaseName: string): Promise<Instance> {
  return storage.createStorageInstance<TestInvoice>({
    databaseInstanceToken: TOKEN,
    databaseName,
    collectionName: 'invoices',
    schema: invoiceSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  }) as Promise<Instance>;
}

function ids(docs: RxDocumentData<TestInvoice>[]): string[] {
  return docs.map((d) => d.id);
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

/** As RxDB's own queries do: only documents that are not deleted; counts only without skip/limit. */
async function runQuery(instance: Instance, query: MangoQuery<TestInvoice>) {
  const live = { ...query, selector: { ...query.selector, _deleted: { $eq: false } } } as MangoQuery<TestInvoice>;
  const prepared = prepareQuery(invoiceSchema, normalizeMangoQuery(invoiceSchema, live));
  const found = await instance.query(prepared);
  if (query.skip !== undefined || query.limit !== undefined) return { ids: ids(found.documents) };
  const counted = await instance.count(prepared);
  return { ids: ids(found.documents), count: counted.count };
}

/**
 * Runs every scenario against one storage. `reopen` gives a fresh instance on the same data
 * (same file, same IndexedDB, same memory state) as an application restart would.
 */
export async function runConformance(
  storage: RxStorage<any, any>,
  databaseName: string,
  reopen: () => Promise<RxStorage<any, any>>,
): Promise<ConformanceResult> {
  const result: ConformanceResult = {};
  let instance = await openInstance(storage, databaseName);
  const events: string[] = [];
  const subscription = instance.changeStream().subscribe((bulk) => {
    for (const e of bulk.events) events.push(`${e.operation}:${e.documentId}`);
    events.push(`checkpoint:${(bulk.checkpoint as { id: string }).id}`);
  });

  const docs = sampleInvoices();
  const inserted = await instance.bulkWrite(docs.map((document) => ({ document })), 'insert');
  result.insertErrors = inserted.error.length;

  // Inserting an existing id is a conflict that reports the stored document.
  const duplicate = await instance.bulkWrite([{ document: withMeta({ ...docs[0]!, amount: 1 }, 2000) }], 'dup');
  result.duplicateInsert = duplicate.error.map((e) => ({ status: e.status, id: e.documentId, inDb: (e as RxStorageWriteErrorConflict<TestInvoice>).documentInDb?.amount }));

  // Update with the right previous revision succeeds; with a stale one it is a 409 per document.
  const doc1 = docs[1]!;
  const updated = next(doc1, { status: 'issued', amount: 4242 }, 3001);
  const mixed = await instance.bulkWrite(
    [
      { previous: doc1, document: updated },
      { previous: { ...docs[2]!, _rev: '7-stale' }, document: next(docs[2]!, { amount: 1 }, 3002) },
      { document: withMeta({ ...docs[3]!, id: 'inv-new' }, 3003) },
    ],
    'mixed',
  );
  result.mixedErrors = mixed.error.map((e) => ({ status: e.status, id: e.documentId }));
  const stale = await instance.bulkWrite([{ previous: doc1, document: next(doc1, { amount: 1 }, 3004) }], 'stale');
  result.staleUpdate = stale.error.map((e) => ({ status: e.status, id: e.documentId, rev: (e as RxStorageWriteErrorConflict<TestInvoice>).documentInDb?._rev }));

  // Delete two documents.
  const del = await instance.bulkWrite(
    [
      { previous: docs[4]!, document: next(docs[4]!, { _deleted: true }, 3010) },
      { previous: docs[5]!, document: next(docs[5]!, { _deleted: true }, 3011) },
    ],
    'delete',
  );
  result.deleteErrors = del.error.length;

  result.findWithoutDeleted = sorted(ids(await instance.findDocumentsById(['inv-004', 'inv-005', 'inv-006', 'nope'], false)));
  result.findWithDeleted = sorted(ids(await instance.findDocumentsById(['inv-004', 'inv-005', 'inv-006', 'nope'], true)));
  result.readBack = (await instance.findDocumentsById(['inv-001', 'inv-000'], false))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ _rev, ...rest }) => ({ ...rest, rev: _rev.split('-')[0] }));

  const queries: Record<string, unknown> = {};
  for (const [name, query] of Object.entries(QUERIES)) queries[name] = await runQuery(instance, query);
  result.queries = queries;

  // Changes since a checkpoint, paged by three (the storage's own method where it has one).
  const pages: string[][] = [];
  let checkpoint: unknown = undefined;
  for (let guard = 0; guard < 40; guard++) {
    const page = await getChangedDocumentsSince(instance, 3, checkpoint);
    if (page.documents.length === 0) break;
    pages.push(ids(page.documents));
    checkpoint = page.checkpoint;
  }
  result.changedPages = pages;
  result.changedLastCheckpoint = checkpoint;

  // Reopen: everything written is still there.
  subscription.unsubscribe();
  result.events = events;
  await instance.close();
  instance = await openInstance(await reopen(), databaseName);
  result.afterReopen = await runQuery(instance, { selector: {}, sort: [{ id: 'asc' }] });
  result.afterReopenDeleted = sorted(ids(await instance.findDocumentsById(['inv-004', 'inv-005'], true)));

  // Cleanup removes deleted documents for good.
  await instance.cleanup(0);
  result.afterCleanup = sorted(ids(await instance.findDocumentsById(['inv-004', 'inv-005', 'inv-006'], true)));
  result.afterCleanupCount = (await runQuery(instance, { selector: {} })).count;

  await instance.remove();
  return result;
}
