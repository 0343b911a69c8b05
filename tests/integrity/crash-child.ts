/**
 * The child process of the crash matrix: does one long action on a data folder and says on
 * stdout how far it got, line by line; the test kills it with SIGKILL somewhere in between.
 *
 *   issue   <data> <userId> <password>   the batch job (confirmed orders → drafts), then
 *                                        invoices.issueMany over the approved ones, 3 at a time
 *   import  <data> <userId> <password> <file>   one bank statement through payments.importStatement
 *   remind  <data> <userId> <password> <count>  the reminder run through reminders.run for the
 *                                        first `count` issued invoices
 *   outbox  <data> enqueue|resume <count>        queues `count` messages (enqueue), sends until drained
 *   backup  <data> <backupDir> <run>     online backups one after the other, with writes between them
 *   migrate <data>                       opens the books, which migrates what is older
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../../src-main/store/backup.js';
import { openDatabase } from '../../src-main/store/database.js';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices, type ServiceOptions } from '../../src-main/services.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
// Bounded even when the test that started it is gone.
setTimeout(() => process.exit(3), 120_000).unref();
const [mode, dataDir, ...rest] = process.argv.slice(2);
if (!mode || !dataDir) throw new Error('usage: crash-child <mode> <dataDir> …');

const quiet = { error: () => undefined };

async function started(day: string, credentials: readonly string[], options: Partial<ServiceOptions> = {}) {
  const services = await startServices({
    dataDir: dataDir!,
    clock: () => new Date(`${day}T09:00:00.000Z`),
    logger: quiet,
    documents: { freezeOnIssue: false },
    mail: { autoStart: false },
    reminders: { autoStart: false },
    ...options,
  });
  services.bus.subscribe((event, payload) => {
    if (event === 'data.changed') say(`changed ${(payload as { collection: string }).collection}`);
    if (event === 'job.progress') say(`progress ${(payload as { done: number }).done}`);
  });
  const [userId, password] = credentials;
  const client = createInMemoryClient(services);
  if (userId && password) {
    const login = await client.invoke('auth.login', { userId, password });
    if (!login.ok) throw new Error(login.error.message);
  }
  return { services, client };
}

async function issue() {
  const { services, client } = await started('2026-11-27', rest);
  say('ready');
  const job = await client.invoke('jobs.invoiceConfirmedOrders', {});
  if (!job.ok) throw new Error(job.error.message);
  await services.jobs.idle();
  say('job done');
  const approved = await client.invoke('invoices.list', { status: 'approved', pageSize: 500 });
  if (!approved.ok) throw new Error(approved.error.message);
  const ids = approved.value.items.map((i) => i.id);
  for (let i = 0; i < ids.length; i += 3) {
    const issued = await client.invoke('invoices.issueMany', { ids: ids.slice(i, i + 3) });
    if (!issued.ok) throw new Error(`${issued.error.code}: ${issued.error.message}`);
    say(`issued ${issued.value.numbers.join(' ')}`);
  }
  await services.close();
}

async function importStatement() {
  const { services, client } = await started('2026-12-02', rest);
  const file = rest[2]!;
  const source = { fileName: path.basename(file), dataBase64: fs.readFileSync(file).toString('base64') };
  say('ready');
  const result = await client.invoke('payments.importStatement', source);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  say(`imported ${result.value.imported} duplicates ${result.value.duplicates}`);
  await services.close();
}

async function remind() {
  const { services, client } = await started('2026-12-20', rest);
  const invoices = await services.books.db.invoices.find({ selector: { status: 'issued' }, sort: [{ number: 'asc' }], limit: Number(rest[2]) }).exec();
  say('ready');
  const run = await client.invoke('reminders.run', { invoiceIds: invoices.map((i) => i.id) });
  if (!run.ok) throw new Error(`${run.error.code}: ${run.error.message}`);
  await services.jobs.idle();
  say('run done');
  await services.close();
}

async function outbox() {
  const [step, count] = rest;
  const { services } = await started('2026-11-27', [], { mail: { pollMs: 50, backoff: { baseMs: 50, maxMs: 200 }, pool: { maxConnections: 3 } } });
  if (step === 'enqueue') {
    const messages = Array.from({ length: Number(count) }, (_, i) => ({
      dedupeKey: `crash-matrix:${i}`,
      event: 'test',
      to: [`kunde${i}@example.org`],
      subject: `Nachricht ${i + 1} – Grüße`,
      html: `<p>Nachricht ${i + 1}</p>`,
      text: `Nachricht ${i + 1}`,
    }));
    await services.mail.enqueue(messages, 'system');
    say(`queued ${messages.length}`);
  }
  await services.mail.drained(60_000);
  say('drained');
  await services.close();
}

async function backup() {
  const books = await openDatabase({ dataDir: dataDir! });
  const [backupDir, run] = rest as [string, string];
  say('ready');
  for (let i = 0; i < 500; i++) {
    say(`backing up ${i}`);
    await backupDatabase(books.filename, path.join(backupDir, `books-${run}-${i}.sqlite`));
    say(`backed up ${i}`);
    // The app keeps working between (and during) backups.
    const at = new Date().toISOString();
    await books.db.facts.bulkInsert(
      Array.from({ length: 20 }, (_, k) => ({ id: `bk${run}x${i}x${k}`, kind: 'maintenanceRun' as const, subjectId: `backup-${i}`, occurredAt: at, deviceId: books.deviceId, seq: 0, maintenanceRun: { task: 'crash-matrix', outcome: 'ok' as const } })),
    );
  }
  await books.close();
}

async function migrate() {
  say('opening');
  const books = await openDatabase({ dataDir: dataDir! });
  say('opened');
  await books.close();
}

const modes: Record<string, () => Promise<void>> = { issue, import: importStatement, remind, outbox, backup, migrate };
const run = modes[mode];
if (!run) throw new Error(`unknown mode ${mode}`);
await run();
say('done');
