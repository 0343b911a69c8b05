/**
 * `npx tsx scripts/measure-auditor-export.ts [days]`: how responsive the app stays while the
 * auditor export (`exports.auditor`) of a larger period runs.
 *
 * Books as the reports bench seeds them (reports-seed.ts, 100,000 invoices over 23 months), and for
 * every invoice and credit note of the period (the first `days` days of November 2026, default 7,
 * about 1,000 documents) a frozen PDF of 50 KB (incompressible, as a PDF's streams are) recorded
 * as its `document` fact. While the export runs, another client calls `exports.history` every
 * 10 ms; printed are that handler's latencies and the event loop's longest stall. For the ZIP
 * alone the same files are zipped once as before (read synchronously, `zipSync` at level 6) and
 * once as now (`zipOf`: PDFs stored, the rest deflated, fflate's asynchronous zip).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { zipSync, type Zippable } from 'fflate';
import { zipOf } from '../src-main/exports/auditor/export.js';
import { createInMemoryClient } from '../src-main/server/in-memory.js';
import { startServices } from '../src-main/services.js';
import { newFact } from '../src-main/store/facts.js';
import type { FactDoc } from '../src-main/store/schemas/facts.js';
import { COMPANY } from '../tests/support/services.js';
import { seedReportBooks, TODAY } from '../bench/reports-seed.js';

const DAYS = Number(process.argv[2] ?? 7);
const PDF_BYTES = 50_000;
const PERIOD = { from: '2026-11-01', to: `2026-11-${String(DAYS).padStart(2, '0')}` };

const ms = (n: number) => `${n.toFixed(1)} ms`;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
};

/** Runs `work` while a probe is called every 10 ms; the probe's latencies and the loop's longest stall. */
async function whileProbing(work: () => Promise<unknown>, probe: () => Promise<unknown>) {
  const latencies: number[] = [];
  let running = true;
  const prober = (async () => {
    while (running) {
      const t0 = performance.now();
      await probe();
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  await work();
  const took = performance.now() - t0;
  loop.disable();
  running = false;
  await prober;
  return { took, probes: latencies.length, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), max: Math.max(0, ...latencies), stall: loop.max / 1e6 };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-measure-auditor-'));
  const services = await startServices({ dataDir, clock: () => new Date(`${TODAY}T07:00:00.000Z`), logger: { error: () => undefined }, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const client = createInMemoryClient(services);
    const setup = await client.invoke('auth.setupAdmin', { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1', language: 'de', setupToken: services.setup.current() ?? '' });
    if (!setup.ok) throw new Error(setup.error.message);
    const userId = setup.value.user.id;
    const company = await client.invoke('settings.saveCompany', COMPANY);
    if (!company.ok) throw new Error(company.error.message);
    const seedStart = performance.now();
    await seedReportBooks(services, userId);
    console.log(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    // A frozen PDF of 50 KB for every document of the period.
    const { db, deviceId } = services.books;
    const docs = await db.invoices.find({ selector: { issueDate: { $gte: PERIOD.from, $lte: PERIOD.to } } }).exec();
    fs.mkdirSync(path.join(dataDir, 'documents'), { recursive: true });
    const facts: FactDoc[] = [];
    const files: [string, Uint8Array][] = [];
    for (const doc of docs) {
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(PDF_BYTES - 9)]);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const file = `documents/${sha256}.pdf`;
      fs.writeFileSync(path.join(dataDir, file), bytes);
      const fileName = `${doc.number!.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
      files.push([`documents/${fileName}`, bytes]);
      facts.push(newFact(deviceId, { kind: 'document', subjectId: doc.id, occurredAt: `${TODAY}T06:00:00.000Z`, userId, document: { invoiceId: doc.id, format: 'pdf', fileName, file, mimeType: 'application/pdf', sha256, bytes: bytes.length } }));
    }
    const inserted = await db.facts.bulkInsert(facts);
    if (inserted.error.length) throw new Error('document facts not written');
    console.log(`${docs.length} documents of ${PERIOD.from} … ${PERIOD.to}, ${(docs.length * PDF_BYTES / 1e6).toFixed(0)} MB of PDFs`);

    const prober = createInMemoryClient(services);
    const login = await prober.invoke('auth.login', { userId, password: 'Geheim-Passwort-1' });
    if (!login.ok) throw new Error(login.error.message);
    const probe = () => prober.invoke('exports.history', { type: 'auditor' });

    const idle = await whileProbing(() => new Promise((r) => setTimeout(r, 1000)), probe);
    console.log(`idle (1 s):            exports.history p50 ${ms(idle.p50)}, p95 ${ms(idle.p95)}, max ${ms(idle.max)}; longest event-loop stall ${ms(idle.stall)}`);

    let size = 0;
    // AUDITOR_PROFILE=<file>: a CPU profile of the handler's run (open it in Chrome's DevTools).
    const session = process.env.AUDITOR_PROFILE ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const handler = await whileProbing(async () => {
      const r = await client.invoke('exports.auditor', PERIOD);
      if (!r.ok) throw new Error(r.error.message);
      size = r.value.file.bytes;
    }, probe);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(process.env.AUDITOR_PROFILE!, JSON.stringify(profile));
      session.disconnect();
    }
    console.log(`exports.auditor:       ${ms(handler.took)} (ZIP ${(size / 1e6).toFixed(1)} MB); meanwhile ${handler.probes} calls of exports.history p50 ${ms(handler.p50)}, p95 ${ms(handler.p95)}, max ${ms(handler.max)}; longest event-loop stall ${ms(handler.stall)}`);

    // The ZIP alone, on the same PDFs (the tables left out): as before and as now.
    const onDisk = facts.map((f) => path.join(dataDir, f.document!.file));
    const before = await whileProbing(async () => {
      const zippable: Zippable = {};
      onDisk.forEach((file, i) => (zippable[files[i]![0]] = [fs.readFileSync(file), { mtime: new Date() }]));
      zipSync(zippable, { level: 6 });
    }, probe);
    console.log(`ZIP before (sync, 6):  ${ms(before.took)}; exports.history max ${ms(before.max)}; longest event-loop stall ${ms(before.stall)}`);
    const after = await whileProbing(async () => {
      const read = await Promise.all(onDisk.map((file, i) => fs.promises.readFile(file).then((bytes) => [files[i]![0], bytes] as const)));
      await zipOf(read, new Date());
    }, probe);
    console.log(`ZIP now (zipOf):       ${ms(after.took)}; exports.history max ${ms(after.max)}; longest event-loop stall ${ms(after.stall)}`);
  } finally {
    await services.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
