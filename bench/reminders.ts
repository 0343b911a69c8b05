/**
 * `npm run bench:reminders`: the reminder run over 100,000 issued invoices, of which 10,000 are
 * due for a payment reminder (70,000 are paid, 20,000 not yet due), on the real books in a
 * temporary folder.
 *
 * - Records: finding the due invoices and writing the 10,000 reminder facts with their audit
 *   entries, without letters (the run's first half). Target: under 3 s. Baseline of the same
 *   run: one raw SQLite scan that reads the same invoices and allocations.
 * - Letters: the customers of 1,000 of them have an e-mail address, so 1,000 letters are
 *   rendered (in the PDF workers) and queued while a screen keeps calling a handler every 20 ms.
 *   Reported: the worst and the 99th-percentile handler latency during the run, against the same
 *   handler with nothing running. Target: the worst under 250 ms (the UI never freezes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createInMemoryClient } from '../src-main/server/in-memory.js';
import { startServices, type Services } from '../src-main/services.js';
import type { FactDoc } from '../src-main/store/schemas/facts.js';
import { COMPANY } from '../tests/support/services.js';

const INVOICES = 100_000;
const DUE = 10_000;
const PAID = 70_000;
const WITH_MAIL = 1_000;
const CUSTOMERS = 2_000;
const TODAY = '2026-11-27';

function day(offset: number): string {
  return new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

async function seed(services: Services, adminId: string): Promise<void> {
  const { db, deviceId } = services.books;
  const now = new Date().toISOString();
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: `C${String(i).padStart(8, '0')}`,
    number: `K-${20000 + i}`,
    name: `Kunde ${i} GmbH`,
    billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' },
    invoiceEmails: [] as string[],
    language: 'de' as const,
    paymentTermsDays: 14,
    kind: i % 3 === 0 ? ('consumer' as const) : ('business' as const),
    createdAt: now,
    updatedAt: now,
  }));
  // The customers of the first 1,000 due invoices (one invoice each) get an address: their letters are mailed.
  for (let i = 0; i < WITH_MAIL; i++) customers[i]!.invoiceEmails = [`buchhaltung${i}@kunde.example`];
  await db.customers.bulkInsert(customers);

  const template = {
    documentType: 'invoice' as const,
    status: 'issued' as const,
    currency: 'EUR',
    lines: [{ id: 'L1', description: 'Beratung', quantity: '1', unit: 'HUR', netUnitPrice: '100', vatCategory: 'S' as const, vatRate: '19' }],
    grossAmount: 11900,
    totals: { amountDue: 11900 },
    createdAt: now,
    createdBy: adminId,
    updatedAt: now,
    updatedBy: adminId,
  };
  const batch: unknown[] = [];
  const facts: FactDoc[] = [];
  for (let i = 0; i < INVOICES; i++) {
    // 0 … 9,999 due for a reminder (due 10 days ago), then 70,000 paid, then 20,000 not due yet.
    const due = i < DUE ? day(-10) : i < DUE + PAID ? day(-30 - (i % 300)) : day(1 + (i % 14));
    const id = `I${String(i).padStart(9, '0')}`;
    const customerId = i < WITH_MAIL ? customers[i]!.id : customers[WITH_MAIL + (i % (CUSTOMERS - WITH_MAIL))]!.id;
    batch.push({ ...template, id, number: `RE-2026-A-${String(i + 1).padStart(6, '0')}`, customerId, issueDate: day(-24), dueDate: due });
    if (i >= DUE && i < DUE + PAID) {
      const paymentId = `P${String(i).padStart(9, '0')}`;
      facts.push({ id: paymentId, kind: 'payment', subjectId: customerId, occurredAt: now, deviceId, seq: 0, payment: { direction: 'incoming', purpose: 'customerPayment', date: due, amount: 11900, currency: 'EUR', method: 'bankTransfer', source: 'manual', customerId } });
      facts.push({ id: `A${String(i).padStart(9, '0')}`, kind: 'allocation', subjectId: id, occurredAt: now, deviceId, seq: 0, allocation: { paymentId, invoiceId: id, amount: 11900 } });
    }
    if (batch.length === 5000) await db.invoices.bulkInsert(batch.splice(0) as never);
  }
  await db.invoices.bulkInsert(batch as never);
  for (let i = 0; i < facts.length; i += 10_000) await db.facts.bulkInsert(facts.slice(i, i + 10_000));
}

/** The same invoices and allocations read with raw SQL: what any approach must at least read. */
function rawScan(file: string): number {
  const sqlite = new Database(file, { readonly: true });
  const start = performance.now();
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  const invoices = tables.find((t) => /invoices/.test(t.name))!.name;
  const facts = tables.find((t) => /facts/.test(t.name))!.name;
  const rows = sqlite.prepare(`SELECT data FROM "${invoices}"`).all() as { data: string }[];
  let due = 0;
  for (const r of rows) {
    const d = JSON.parse(r.data) as { dueDate: string; status: string };
    if (d.dueDate < TODAY && d.status === 'issued') due++;
  }
  const allocations = sqlite.prepare(`SELECT data FROM "${facts}"`).all() as { data: string }[];
  for (const r of allocations) JSON.parse(r.data);
  const ms = performance.now() - start;
  sqlite.close();
  if (due < DUE) throw new Error(`raw scan found ${due} overdue invoices`);
  return ms;
}

async function latencies(services: Services, during: Promise<unknown>): Promise<number[]> {
  const client = createInMemoryClient(services);
  const samples: number[] = [];
  let running = true;
  void during.finally(() => {
    running = false;
  });
  while (running) {
    const start = performance.now();
    await client.invoke('app.status', {});
    samples.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return samples.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function benchReminders(): Promise<boolean> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-rem-'));
  const services = await startServices({ dataDir, clock: () => new Date(`${TODAY}T07:00:00.000Z`), logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const admin = createInMemoryClient(services);
    const setup = await admin.invoke('auth.setupAdmin', { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1', language: 'de', setupToken: services.setup.current() ?? '' });
    if (!setup.ok) throw new Error(setup.error.message);
    await admin.invoke('settings.saveCompany', COMPANY);
    await services.documents.warm();
    const seedStart = performance.now();
    await seed(services, setup.value.user.id);
    console.log(`\nReminders: ${INVOICES.toLocaleString('en')} invoices, ${DUE.toLocaleString('en')} due for a reminder (seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);

    const baseline = rawScan(services.books.filename);
    const idle = await latencies(services, new Promise((resolve) => setTimeout(resolve, 1000)));

    const start = performance.now();
    let recordsMs = 0;
    const run = services.reminders.run([], setup.value.user.id, {
      progress: (percent) => {
        if (percent >= 50 && !recordsMs) recordsMs = performance.now() - start;
      },
      cancelled: () => false,
    });
    const during = await latencies(services, run);
    const result = await run;
    const totalMs = performance.now() - start;
    const letters = (await services.books.db.outbox.count({ selector: { event: 'reminder0' } }).exec()) as number;

    const recordsOk = recordsMs < 3000 && result.created === DUE;
    const worst = during[during.length - 1] ?? 0;
    const latencyOk = worst < 250 && letters === WITH_MAIL;
    console.log('| measure | value | baseline | ratio | target | ok |');
    console.log('|---|---:|---:|---:|---:|:-:|');
    console.log(`| records: find due + write ${result.created} reminders, ms | ${recordsMs.toFixed(0)} | ${baseline.toFixed(0)} (raw SQLite scan) | ${(recordsMs / baseline).toFixed(2)}x | < 3000 ms | ${recordsOk ? 'yes' : 'NO'} |`);
    console.log(`| whole run with ${letters} letters (PDF) queued, ms | ${totalMs.toFixed(0)} | | | | |`);
    console.log(`| handler latency during the run, worst, ms | ${worst.toFixed(1)} | ${(idle[idle.length - 1] ?? 0).toFixed(1)} (idle) | ${(worst / Math.max(0.1, idle[idle.length - 1] ?? 0.1)).toFixed(1)}x | < 250 ms | ${latencyOk ? 'yes' : 'NO'} |`);
    console.log(`| handler latency during the run, p99 / median, ms | ${pct(during, 0.99).toFixed(1)} / ${pct(during, 0.5).toFixed(1)} | ${pct(idle, 0.99).toFixed(1)} / ${pct(idle, 0.5).toFixed(1)} (idle) | | | |`);
    console.log(`| handler calls sampled during the run | ${during.length} | | | | |`);
    return recordsOk && latencyOk;
  } finally {
    await services.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await benchReminders()) ? 0 : 1;
