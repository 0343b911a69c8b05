/**
 * Sync, measured against a CouchDB-compatible server started here (pouchdb-server, full-CouchDB
 * mode, every request logged in):
 * - push and pull of 10,000 invoice-like documents (orders of five lines) between our store
 *   (our SQLite storage, `replicateCollection` as the engine runs it) and the server, against
 *   PouchDB's own `replicate()` (memory adapter) of the same documents to the same server;
 * - a new device's first sync of 50,000 documents through the whole app (a device process with
 *   its real services), with its progress, and the latency of two cheap handlers called every
 *   20 ms meanwhile, measured as the screens meet it: from the call to the answer across the
 *   process boundary.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RxCollection } from 'rxdb';
import type { SyncStatus } from '../src-shared/contract/sync.js';
import { openDatabase } from '../src-main/store/database.js';
import type { OrderDoc } from '../src-main/store/schemas/books.js';
import { replicateCollection, SYNC_BATCH_SIZE } from '../src-main/sync/replication.js';
import { fetchWithAuth } from '../src-main/sync/server.js';
import { deviceFolder, setUpDevice, startDevice, type Device } from '../tests/support/devices.js';
import { connectedDevice, SERVER_ADMIN, settingsFor, startScenarioServer } from '../tests/support/sync-scenario.js';
import { confirmedOrders, printTable, type Row } from './lib.js';
import { seedBooksOnServer } from './sync-books.js';

const DOCS = 10_000;
const FIRST_SYNC = 50_000;
/** The engine's batch size; PouchDB gets the same. */
const BATCH = SYNC_BATCH_SIZE;
const AT = '2026-11-20T08:30:00.000Z';

const require = createRequire(import.meta.url);
// PouchDB in Node with its memory adapter: the baseline (no type declarations of its own).
const PouchDB = require('pouchdb-core').plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-replication'));

function benchOrders(): OrderDoc[] {
  const customers = Array.from({ length: 500 }, (_, i) => ({ id: `01KBENCHCUSTOMER${String(i).padStart(10, '0')}` }));
  const products = Array.from({ length: 200 }, (_, i) => ({ id: `01KBENCHPRODUCT${String(i).padStart(11, '0')}`, nameDe: `Beratung und Umsetzung „Paket ${i + 1}“`, netPrice: `${100 + i}.50`, vatRate: i % 3 ? '19' : '7' }));
  return confirmedOrders(DOCS, customers, products, 'admin', AT);
}

/**
 * A setup request as the server admin, tried again when the machine is so busy that a kept-alive
 * connection was closed by the server just as it was reused (undici: "other side closed").
 */
async function asAdmin(url: string, init?: RequestInit): Promise<Response> {
  const send = fetchWithAuth({ username: SERVER_ADMIN.name, password: SERVER_ADMIN.password });
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(url, init);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function createDb(url: string): Promise<void> {
  const response = await asAdmin(url, { method: 'PUT' });
  if (!response.ok) throw new Error(`PUT ${url}: ${response.status}`);
}

async function docCount(url: string): Promise<number> {
  return ((await (await asAdmin(url)).json()) as { doc_count: number }).doc_count;
}

/** One run of our replication of the collection with the database, as the engine starts it but not live. */
async function ours(collection: RxCollection<any>, url: string): Promise<number> {
  const state = replicateCollection({ collection, name: 'orders', url: `${url}/`, fetch: fetchWithAuth({ username: SERVER_ADMIN.name, password: SERVER_ADMIN.password }), live: false, batchSize: BATCH });
  const errors: unknown[] = [];
  const subscription = state.error$.subscribe((error) => errors.push(error));
  const start = performance.now();
  await state.start();
  await state.awaitInitialReplication();
  const ms = performance.now() - start;
  subscription.unsubscribe();
  await state.cancel();
  // A failed request is retried by the replication itself (and its wait is in the time); say so.
  if (errors.length) console.log(`(our replication of ${url} met ${errors.length} failed request(s) and retried: ${String(errors[0]).slice(0, 200)})`);
  return ms;
}

async function pouch(direction: 'to' | 'from', local: any, url: string): Promise<number> {
  const remote = new PouchDB(url, { auth: { username: SERVER_ADMIN.name, password: SERVER_ADMIN.password }, skip_setup: true });
  const start = performance.now();
  const result = await local.replicate[direction](remote, { batch_size: BATCH });
  const ms = performance.now() - start;
  if (!result.ok || result.doc_write_failures) throw new Error(`PouchDB replicate.${direction} failed`);
  return ms;
}

async function pushAndPull(serverUrl: string, dir: string): Promise<Row[]> {
  const orders = benchOrders();
  console.log(`document size: ${JSON.stringify(orders[0]).length} bytes of JSON`);
  for (const name of ['bench-ours-push', 'bench-pouch-push']) await createDb(`${serverUrl}/${name}`);

  const pouchLocal = new PouchDB('bench-pouch-local', { adapter: 'memory' });
  await pouchLocal.bulkDocs(orders.map(({ id, ...rest }) => ({ _id: id, ...rest })));
  const pouchPush = await pouch('to', pouchLocal, `${serverUrl}/bench-pouch-push`);

  const pushing = await openDatabase({ dataDir: path.join(dir, 'push') });
  await pushing.db.orders.bulkInsert(orders);
  const oursPush = await ours(pushing.db.orders, `${serverUrl}/bench-ours-push`);
  await pushing.close();
  if ((await docCount(`${serverUrl}/bench-ours-push`)) !== DOCS) throw new Error('our push left documents behind');

  // Both pull the same database: the one PouchDB wrote.
  const pulling = await openDatabase({ dataDir: path.join(dir, 'pull') });
  const oursPull = await ours(pulling.db.orders, `${serverUrl}/bench-pouch-push`);
  const pulled = await pulling.db.orders.count().exec();
  await pulling.close();
  if (pulled !== DOCS) throw new Error(`our pull brought ${pulled} of ${DOCS}`);

  const pouchTarget = new PouchDB('bench-pouch-pulled', { adapter: 'memory' });
  const pouchPull = await pouch('from', pouchTarget, `${serverUrl}/bench-pouch-push`);
  if ((await pouchTarget.info()).doc_count !== DOCS) throw new Error('PouchDB pull incomplete');
  await Promise.all([pouchLocal.destroy(), pouchTarget.destroy()]);

  return [
    { operation: `push ${DOCS.toLocaleString('en')} to the server`, ours: oursPush, baseline: pouchPush, target: 1.0, baselineName: 'PouchDB replicate.to' },
    { operation: `pull ${DOCS.toLocaleString('en')} from the server`, ours: oursPull, baseline: pouchPull, target: 1.0, baselineName: 'PouchDB replicate.from' },
  ];
}

type FirstSync = { ms: number; progressSteps: number; latency: Record<string, { p99: number; max: number; calls: number }> };

/** A handler called every 20 ms until `stop`, each call's round trip kept. */
async function keepCalling(device: Device, call: () => Promise<unknown>, running: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (running()) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function firstSync(server: { url: string }): Promise<FirstSync> {
  const prefix = 'benchfirst';
  const first = await connectedDevice(server as never, prefix, 'A', { first: true });
  await first.stop();
  await seedBooksOnServer(server.url, SERVER_ADMIN, prefix, FIRST_SYNC);
  const device = await startDevice(deviceFolder());
  try {
    await setUpDevice(device, 'B');
    await device.invoke('admin', 'customers.list', {} as never);
    let syncing = true;
    const callers = {
      'sync.status': keepCalling(device, () => device.invoke('admin', 'sync.status', {} as never), () => syncing),
      'customers.list': keepCalling(device, () => device.invoke('admin', 'customers.list', {} as never), () => syncing),
    };
    const start = performance.now();
    await device.invoke('admin', 'sync.saveSettings', settingsFor(server as never, prefix));
    const done = new Set<number>();
    let ms = 0;
    for (const until = start + 600_000; performance.now() < until; ) {
      const status = await device.call<SyncStatus>('status');
      if (status.initial) done.add(status.initial.done);
      if (status.initial === null && status.state === 'synced') {
        ms = performance.now() - start;
        break;
      }
      if (status.state === 'error') throw new Error(`first sync failed: ${JSON.stringify(status.error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    syncing = false;
    if (!ms) throw new Error('first sync did not end within 10 minutes');
    const held = (await device.call<number>('count', { collection: 'customers' })) + (await device.call<number>('count', { collection: 'facts', selector: { kind: 'payment' } }));
    if (held !== FIRST_SYNC) throw new Error(`first sync brought ${held} of ${FIRST_SYNC}`);
    const latency: FirstSync['latency'] = {};
    for (const [name, running] of Object.entries(callers)) {
      const times = (await running).sort((a, b) => a - b);
      latency[name] = { p99: percentile(times, 99), max: times.at(-1)!, calls: times.length };
    }
    return { ms, progressSteps: done.size, latency };
  } finally {
    await device.stop();
  }
}

export async function benchSync(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-sync-'));
  const server = await startScenarioServer();
  try {
    let ok = printTable(`Sync: ${DOCS.toLocaleString('en')} invoice-like documents, our store and replication against PouchDB (memory adapter), batches of ${BATCH}`, await pushAndPull(server.url, dir));

    const first = await firstSync(server);
    const firstOk = first.ms < 60_000;
    console.log(`\nSync: a new device's first sync of ${FIRST_SYNC.toLocaleString('en')} documents through the app, handlers called every 20 ms meanwhile`);
    console.log('| measure | value | target | ok |');
    console.log('|---|---:|---:|:-:|');
    console.log(`| first sync of ${FIRST_SYNC.toLocaleString('en')}, ms | ${first.ms.toFixed(0)} | < 60000 | ${firstOk ? 'yes' : 'NO'} |`);
    console.log(`| documents per second | ${Math.round((FIRST_SYNC / first.ms) * 1000)} | | |`);
    console.log(`| progress steps seen (status every 100 ms) | ${first.progressSteps} | | |`);
    for (const [name, l] of Object.entries(first.latency)) {
      const latencyOk = l.p99 < 100 && l.max < 100;
      ok &&= latencyOk;
      console.log(`| ${name} during the sync, p99 / max ms (${l.calls} calls) | ${l.p99.toFixed(1)} / ${l.max.toFixed(1)} | < 100 | ${latencyOk ? 'yes' : 'NO'} |`);
    }
    return ok && firstOk;
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchSync()) ? 0 : 1;
