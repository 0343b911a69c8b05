/**
 * Invoicing, measured: 10,000 confirmed orders (5 lines each) become invoices through the real
 * handlers on the real store (job → drafts, approve, issue), compared with writing the same
 * final issued documents in one bulk insert of the store in the same run. Then the first page
 * of the invoice list with 100,000 invoices in the books.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ulid } from 'ulid';
import { createInMemoryClient } from '../src-main/server/in-memory.js';
import { startServices } from '../src-main/services.js';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { COLLECTIONS, getRxStorageSQLite } from '../src-main/store/index.js';
import type { InvoiceDoc } from '../src-main/store/schemas/books.js';
import type { ApiClient, CustomerView, ProductView } from '../src-shared/contract/index.js';
import { COMPANY, PASSWORD } from '../tests/support/services.js';
import { confirmedOrders, printTable } from './lib.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const LIST_SIZE = 100_000;

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

async function login(services: Awaited<ReturnType<typeof startServices>>, userId: string): Promise<ApiClient> {
  const client = createInMemoryClient(services);
  await ok(client.invoke('auth.login', { userId, password: PASSWORD }));
  return client;
}

export async function benchInvoicing(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-inv-'));
  // Documents of issued invoices are rendered by a background job; bench/documents measures rendering.
  const services = await startServices({ dataDir: path.join(dir, 'books'), clock: () => new Date('2026-11-27T09:00:00Z'), logger: { error: () => undefined }, documents: { freezeOnIssue: false } });
  try {
    const admin = createInMemoryClient(services);
    await ok(admin.invoke('auth.setupAdmin', { name: 'Admin', email: 'admin@example.org', password: PASSWORD, language: 'de', setupToken: services.setup.current() ?? '' }));
    const bk = await ok(admin.invoke('users.create', { name: 'Buchhaltung', email: 'bk@example.org', role: 'bookkeeper', password: PASSWORD }));
    const sv = await ok(admin.invoke('users.create', { name: 'Freigabe', email: 'sv@example.org', role: 'supervisor', password: PASSWORD }));
    await ok(admin.invoke('settings.saveCompany', COMPANY));
    const bookkeeper = await login(services, bk.id);
    const supervisor = await login(services, sv.id);

    // Setup (not measured): customers and products through the handlers, confirmed orders in bulk.
    const customers: CustomerView[] = [];
    for (let i = 0; i < 100; i++) {
      customers.push(await ok(bookkeeper.invoke('customers.save', { name: `Kunde ${i} GmbH`, billingAddress: { street: `Weg ${i}`, postalCode: '50667', city: 'Köln' }, paymentTermsDays: 14, kind: 'business' })));
    }
    const products: ProductView[] = [];
    for (let i = 0; i < 20; i++) {
      products.push(await ok(bookkeeper.invoke('products.save', { sku: `ART-${i}`, nameDe: `Artikel ${i}`, netPrice: `${10 + i}.95`, vatRate: i % 3 ? '19' : '7' })));
    }
    const now = new Date('2026-11-27T09:00:00Z').toISOString();
    const orders = confirmedOrders(ORDERS, customers, products, bk.id, now);
    for (let i = 0; i < orders.length; i += 2000) await services.books.db.orders.bulkInsert(orders.slice(i, i + 2000));

    // Measured: drafts by the batch job, then submit, approve and issue.
    let t = performance.now();
    const { jobId } = await ok(bookkeeper.invoke('jobs.invoiceConfirmedOrders', {}));
    await services.jobs.idle();
    const draftMs = performance.now() - t;
    void jobId;
    const drafts = (await services.books.db.invoices.find({ selector: { status: 'draft' } }).exec()).map((d) => d.id);
    if (drafts.length !== ORDERS) throw new Error(`expected ${ORDERS} drafts, got ${drafts.length}`);

    t = performance.now();
    for (const id of drafts) await ok(bookkeeper.invoke('invoices.submit', { id }));
    const submitMs = performance.now() - t;
    t = performance.now();
    await ok(supervisor.invoke('invoices.approveMany', { ids: drafts }));
    const approveMs = performance.now() - t;
    t = performance.now();
    const issued = await ok(bookkeeper.invoke('invoices.issueMany', { ids: drafts }));
    const issueMs = performance.now() - t;
    if (issued.issued !== ORDERS) throw new Error('not all issued');
    const last = `RE-2026-A-${String(ORDERS).padStart(6, '0')}`;
    if (issued.numbers.at(-1) !== last) throw new Error(`numbers not gapless: ${issued.numbers.at(-1)}`);

    // Baseline: the same final documents written by one bulk insert of the store (fresh books).
    const finals = (await services.books.db.invoices.find({ selector: { status: 'issued' } }).exec()).map((d) => d.toMutableJSON());
    // Only the invoices collection: RxDB's open edition allows 13 collections per process.
    const raw = await createRxDatabase<{ invoices: RxCollection<InvoiceDoc> }>({
      name: 'rawbooks',
      storage: wrappedValidateAjvStorage({ storage: getRxStorageSQLite({ filename: path.join(dir, 'raw.sqlite') }) }),
      multiInstance: false,
    });
    await raw.addCollections({ invoices: COLLECTIONS.invoices });
    t = performance.now();
    const rawResult = await raw.invoices.bulkInsert(finals);
    const rawMs = performance.now() - t;
    if (rawResult.error.length) throw new Error('raw insert failed');
    await raw.close();

    const perSecond = (ms: number) => ((ORDERS * 1000) / ms).toFixed(0);
    console.log(`\nInvoicing ${ORDERS} orders (5 lines each) through the handlers:`);
    console.log(`  drafts from orders (batch job, one transaction per order): ${draftMs.toFixed(0)} ms, ${perSecond(draftMs)} invoices/s`);
    console.log(`  submit (one call each): ${submitMs.toFixed(0)} ms, ${perSecond(submitMs)} invoices/s`);
    console.log(`  approve (approveMany): ${approveMs.toFixed(0)} ms, ${perSecond(approveMs)} invoices/s`);
    console.log(`  issue (issueMany, numbers ${issued.numbers[0]} … ${last}): ${issueMs.toFixed(0)} ms, ${perSecond(issueMs)} invoices/s`);
    console.log(`  whole pipeline: ${(draftMs + submitMs + approveMs + issueMs).toFixed(0)} ms, ${perSecond(draftMs + submitMs + approveMs + issueMs)} invoices/s`);
    let allOk = printTable('Issuing against one bulk insert of the same final documents', [
      { operation: `issue ${ORDERS} approved invoices`, ours: issueMs, baseline: rawMs, target: 3, baselineName: 'store bulk insert' },
    ]);

    // 100,000 invoices: first page of the list, newest first, and of one status.
    const extra = LIST_SIZE - ORDERS;
    const template = finals[0]!;
    for (let i = 0; i < extra; i += 5000) {
      const batch = Array.from({ length: Math.min(5000, extra - i) }, (_, k) => {
        const n = ORDERS + i + k + 1;
        return { ...template, id: ulid(), number: `RE-2025-A-${String(n).padStart(6, '0')}`, dueDate: `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}` };
      });
      await services.books.db.invoices.bulkInsert(batch);
    }
    const count = await services.books.db.invoices.count().exec();
    const timings: Record<string, number> = {};
    for (const [name, input] of [
      ['all, newest first', {}],
      ['issued, newest first', { status: 'issued' }],
      ['page 20, newest first', { page: 20 }],
    ] as const) {
      t = performance.now();
      const page = await ok(bookkeeper.invoke('invoices.list', input));
      timings[name] = performance.now() - t;
      if (page.items.length !== 50) throw new Error(`page ${name} has ${page.items.length}`);
    }
    console.log(`\nInvoice list with ${count} invoices, first page (50):`);
    for (const [name, ms] of Object.entries(timings)) {
      const good = ms < 100;
      allOk &&= good;
      console.log(`  ${name}: ${ms.toFixed(1)} ms (target < 100 ms) ${good ? 'yes' : 'NO'}`);
    }
    return allOk;
  } finally {
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = (await benchInvoicing()) ? 0 : 1;
}
