/**
 * The crash matrix: a process doing long work on the books is killed with SIGKILL at moments
 * drawn from a seeded random source, during batch issuing, a statement import, the reminder run,
 * outbox sending, a backup and a schema migration. After each kill the services start again on
 * the same data folder and every invariant must hold: numbers gapless per series, the audit
 * chain verifies, frozen totals are the totals of the frozen lines, no fact twice (stock
 * movements, payments, allocations, reminders, messages beyond at-least-once), a backup complete
 * or recognisably partial, migrated data complete. Then the interrupted action is finished.
 *
 * The seed is printed on failure; `CRASH_SEED=<seed>` runs the same kill points again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Services } from '../../src-main/services.js';
import { backupDatabase } from '../../src-main/store/backup.js';
import { COLLECTIONS, DATABASE_FILE } from '../../src-main/store/database.js';
import { inspectDatabaseFile } from '../../src-main/store/sqlite-storage/connection.js';
import { seedFrom } from '../support/seed.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { unwrap } from '../support/services.js';
import { buildApprovedBooks, buildOlderBooks, copyBooks, INVOICES, issueAll, loggedIn, olderInvoices, ORDERS, schedulerPassAtStart, servicesOn, statementFor, type Users } from './crash-books.js';
import { backupFileProblems, bookProblems, copiesProblems, migrationProblems, owedMessageProblems, runNoticeProblems } from './crash-invariants.js';
import { afterLine, bundleChild, killAllChildren, runChild, seededRandom, type ChildRun, type KillPoint, type Random } from './crash-process.js';

const SEED = seedFrom('CRASH_SEED');
const KILLS = 3;
/** Reminders for the first few issued invoices: each letter is a PDF rendered in a worker. */
const REMINDED = 8;
const MESSAGES = 120;
const MIGRATED = 1500;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-crash-matrix-'));
const journal: string[] = [];
let child: { file: string; remove(): void } | undefined;
let smtp: TestSmtpServer | undefined;
let users: Users;
let approvedBooks: string;
let issuedBooks: string;

/** Each scenario draws from its own stream, so one scenario's kill points do not move another's. */
function randomFor(scenario: number): Random {
  return seededRandom(SEED + scenario * 7919);
}

function explainFailure(scenario: string): void {
  onTestFailed(() => {
    console.error(`crash matrix, ${scenario}: seed ${SEED} (run again with CRASH_SEED=${SEED})\n  ${journal.filter((l) => l.startsWith(scenario)).join('\n  ')}`);
  });
}

/** Kept for the failure message; printed as it happens with CRASH_VERBOSE=1. */
function note(scenario: string, text: string): void {
  journal.push(`${scenario}: ${text}`);
  if (process.env.CRASH_VERBOSE) console.info(journal.at(-1));
}

async function kill(scenario: string, args: string[], point: KillPoint): Promise<ChildRun> {
  const run = await runChild(child!.file, args, point);
  note(scenario, `${point.label} → ${run.killed ? 'killed' : 'finished first'} after ${run.ms} ms; last line "${run.lines.at(-1) ?? ''}"`);
  return run;
}

/** Starts the services again on `dataDir`, checks every invariant, and hands them to `more`. */
async function restartAndCheck(dataDir: string, day?: string, more?: (services: Services) => Promise<void>): Promise<void> {
  const services = await servicesOn(dataDir, day);
  try {
    expect(await bookProblems(services)).toEqual([]);
    await more?.(services);
  } finally {
    await services.close();
  }
}

/** How far a killed migration got: invoices in the current version's table, and whether the old one is still there. */
function migratedSoFar(dataDir: string): string {
  const { version } = COLLECTIONS.invoices.schema;
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const count = (v: number) => {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(`rx__books__invoices__v${v}`);
      return exists ? (db.prepare(`SELECT count(*) AS n FROM "rx__books__invoices__v${v}"`).get() as { n: number }).n : null;
    };
    return `at the kill ${count(version) ?? 0} of ${MIGRATED} invoices in version ${version}, the old table ${count(version - 1) === null ? 'gone' : 'still there'}`;
  } finally {
    db.close();
  }
}

/** The SMTP account of this device, pointing at the test's server. */
async function saveMailSettings(dataDir: string, port: number, customerServiceAddress = ''): Promise<void> {
  const services = await servicesOn(dataDir);
  try {
    await services.mail.saveSettings(
      { host: '127.0.0.1', port, security: 'none', user: '', clearPassword: false, fromName: 'Muster & Söhne GmbH', fromAddress: 'rechnung@muster.example', replyTo: '', bccSelf: false, accountManagerAddress: '', customerServiceAddress, dueSoonDays: 0, autoSendInvoices: false },
      'system',
    );
  } finally {
    await services.close();
  }
}

beforeAll(async () => {
  child = await bundleChild('tests/integrity/crash-child.ts');
  approvedBooks = path.join(root, 'approved');
  users = await buildApprovedBooks(approvedBooks);
  issuedBooks = copyBooks(approvedBooks, path.join(root, 'issued'));
  await issueAll(issuedBooks, users);
}, 180_000);

afterAll(async () => {
  killAllChildren();
  await smtp?.stop();
  child?.remove();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('crash matrix: SIGKILL, restart, every invariant holds', () => {
  it('batch issuing: the batch job and issueMany killed, numbers gapless, stock booked once, the rest issued after restart and every invoice mailed', async () => {
    explainFailure('issuing');
    const random = randomFor(1);
    const dataDir = copyBooks(approvedBooks, path.join(root, 'issuing'));
    const args = ['issue', dataDir, users.bookkeeper, users.password];
    // In the batch job, while issuing, and anywhere from the start.
    const points = [afterLine(/^progress /, random.int(2, 5), random.int(0, 20)), afterLine(/^issued /, random.int(1, 2), random.int(0, 60)), afterLine(/^ready$/, 1, random.int(0, 300))];
    const reported: string[] = [];
    for (const point of points.slice(0, KILLS)) {
      const run = await kill('issuing', args, point);
      reported.push(...run.lines.filter((l) => l.startsWith('issued ')).flatMap((l) => l.split(' ').slice(1)));
      await restartAndCheck(dataDir, undefined, async (services) => {
        // A number the child saw committed is there after the crash.
        const issued = new Set((await services.books.db.invoices.find({ selector: { status: 'issued' } }).exec()).map((d) => d.number));
        expect(reported.filter((n) => !issued.has(n))).toEqual([]);
      });
    }
    await restartAndCheck(dataDir, undefined, async (services) => {
      const client = await loggedIn(services, users.bookkeeper);
      await unwrap(client.invoke('jobs.invoiceConfirmedOrders', {}));
      await services.jobs.idle();
      const approved = await unwrap(client.invoke('invoices.list', { status: 'approved', pageSize: 500 }));
      if (approved.items.length) await unwrap(client.invoke('invoices.issueMany', { ids: approved.items.map((i) => i.id) }));
      await schedulerPassAtStart(services);
      const invoices = (await services.books.db.invoices.find().exec()).map((d) => d.toMutableJSON());
      expect(invoices.filter((d) => d.status === 'issued').map((d) => d.number).sort()).toEqual(Array.from({ length: INVOICES }, (_, i) => `RE-2026-A-${String(i + 1).padStart(6, '0')}`));
      expect(invoices.filter((d) => d.status === 'draft' && d.orderIds?.length)).toHaveLength(ORDERS);
      expect(await services.books.db.orders.count({ selector: { status: 'invoiced' } }).exec()).toBe(ORDERS);
      expect(await bookProblems(services)).toEqual([]);
      expect(await owedMessageProblems(services)).toEqual([]);
    });
  }, 150_000);

  it('statement import: killed while reading, booking and right after; imported again, every entry once and every thank-you queued', async () => {
    explainFailure('import');
    const random = randomFor(2);
    const file = path.join(root, 'statement.xml');
    const paid = 18;
    fs.writeFileSync(file, await statementFor(issuedBooks, paid));
    // Before the commit (reading, matching), right after it, and anywhere around it.
    const points = [afterLine(/^ready$/, 1, random.int(0, 300)), afterLine(/^changed facts$/, 1, random.int(0, 5)), afterLine(/^ready$/, 1, random.int(150, 1000))];
    for (const [i, point] of points.slice(0, KILLS).entries()) {
      const dataDir = copyBooks(issuedBooks, path.join(root, `import-${i}`));
      await kill('import', ['import', dataDir, users.cashier, users.password, file], point);
      await restartAndCheck(dataDir, '2026-12-02', async (services) => {
        const booked = await services.books.db.facts.count({ selector: { kind: 'payment' } }).exec();
        note('import', booked ? 'the whole statement was booked before the kill' : 'nothing was booked before the kill');
        // All of the file or none of it.
        expect([0, paid + 3]).toContain(booked);
        const client = await loggedIn(services, users.cashier);
        const again = await unwrap(client.invoke('payments.importStatement', { fileName: 'statement.xml', dataBase64: fs.readFileSync(file).toString('base64') }));
        expect(again.imported + again.duplicates).toBe(paid + 3);
        expect(again.imported).toBe(booked ? 0 : paid + 3);
        expect(await services.books.db.facts.count({ selector: { kind: 'allocation' } }).exec()).toBe(paid);
        expect(await bookProblems(services)).toEqual([]);
        expect(await owedMessageProblems(services)).toEqual([]);
      });
    }
  }, 150_000);

  it('reminder run: killed while writing, rendering and queueing; run again the same day it finishes, and a third run changes nothing', async () => {
    explainFailure('reminders');
    const random = randomFor(3);
    // Customer service hears of each run by mail; nothing is sent here, the messages wait.
    const books = copyBooks(issuedBooks, path.join(root, 'reminder-books'));
    await saveMailSettings(books, 2525, 'service@muster.example');
    const points = [afterLine(/^ready$/, 1, random.int(0, 500)), afterLine(/^changed facts$/, 1, random.int(0, 1200)), afterLine(/^changed outbox$/, 1, random.int(0, 30))];
    for (const [i, point] of points.slice(0, KILLS).entries()) {
      const dataDir = copyBooks(books, path.join(root, `reminders-${i}`));
      await kill('reminders', ['remind', dataDir, users.bookkeeper, users.password, String(REMINDED)], point);
      await restartAndCheck(dataDir, '2026-12-20', async (services) => {
        const reminders = () => services.books.db.facts.count({ selector: { kind: 'reminder' } }).exec();
        const before = await reminders();
        const letters = await services.books.db.outbox.count({ selector: { event: 'reminder0' } }).exec();
        note('reminders', `before the kill: ${before} records, ${letters} letters queued`);
        expect([0, REMINDED]).toContain(before);
        const ids = (await services.books.db.invoices.find({ selector: { status: 'issued' }, sort: [{ number: 'asc' }], limit: REMINDED }).exec()).map((d) => d.id);
        await services.reminders.run(ids, users.bookkeeper);
        expect(await reminders()).toBe(REMINDED);
        const messages = await services.books.db.outbox.count().exec();
        expect(await services.reminders.run(ids, users.bookkeeper)).toMatchObject({ created: 0 });
        expect(await reminders()).toBe(REMINDED);
        expect(await services.books.db.outbox.count().exec()).toBe(messages);
        expect(await bookProblems(services)).toEqual([]);
        expect(await owedMessageProblems(services)).toEqual([]);
        expect(await runNoticeProblems(services)).toEqual([]);
      });
    }
  }, 180_000);

  it('outbox sending: killed mid-batch; every message arrives, a second copy only of one the crash left in "sending"', async () => {
    explainFailure('outbox');
    const random = randomFor(4);
    smtp = await startSmtpServer({ delayMs: 3 });
    const server = smtp;
    const dataDir = copyBooks(approvedBooks, path.join(root, 'outbox'));
    await saveMailSettings(dataDir, server.port);
    const inFlight = new Map<string, number>();
    // With the test's messages, the order confirmations the books queued before.
    const outboxOf = async (services: Services) => (await services.books.db.outbox.find().exec()).map((d) => d.toMutableJSON());
    for (let k = 0; k < KILLS; k++) {
      const more = random.int(5, 60);
      const pauseMs = random.int(0, 20);
      const target = server.received.length + more;
      const point: KillPoint = { label: `${more} more at the server + ${pauseMs} ms`, pauseMs, ready: () => server.received.length >= target };
      await kill('outbox', ['outbox', dataDir, k === 0 ? 'enqueue' : 'resume', String(MESSAGES)], point);
      await restartAndCheck(dataDir, undefined, async (services) => {
        const docs = await outboxOf(services);
        expect(docs.filter((d) => d.event === 'test')).toHaveLength(MESSAGES);
        const sending = docs.filter((m) => m.status === 'sending');
        for (const d of sending) inFlight.set(d.messageId, (inFlight.get(d.messageId) ?? 0) + 1);
        note('outbox', `${docs.filter((d) => d.status === 'sent').length} sent, ${sending.length} left in "sending", ${server.received.length} copies at the server`);
        expect(copiesProblems(docs, server.received, inFlight)).toEqual([]);
      });
    }
    const services = await servicesOn(dataDir, undefined, { mail: { autoStart: true, pollMs: 50, backoff: { baseMs: 50, maxMs: 200 } } });
    try {
      await services.mail.drained(60_000);
      const docs = await outboxOf(services);
      expect(docs.filter((d) => d.status !== 'sent')).toEqual([]);
      expect(copiesProblems(docs, server.received, inFlight)).toEqual([]);
      note('outbox', `drained: ${docs.length} sent, ${server.received.length} copies at the server`);
      expect(await bookProblems(services)).toEqual([]);
    } finally {
      await services.close();
    }
  }, 150_000);

  it('backup: killed while copying, checking and renaming; each file complete and valid or named partial, the interrupted backup made again', async () => {
    explainFailure('backup');
    const random = randomFor(5);
    const dataDir = copyBooks(issuedBooks, path.join(root, 'backup'));
    const backups = path.join(root, 'backups');
    const points = [afterLine(/^backing up/, random.int(1, 3), random.int(0, 30)), afterLine(/^backed up/, random.int(1, 3), random.int(0, 10)), afterLine(/^backing up/, random.int(2, 5), random.int(0, 60))];
    for (const [k, point] of points.slice(0, KILLS).entries()) {
      const run = await kill('backup', ['backup', dataDir, backups, String(k)], point);
      note('backup', `left: ${fs.readdirSync(backups).filter((f) => f.startsWith(`books-${k}-`)).join(', ')}`);
      expect(backupFileProblems(backups, INVOICES)).toEqual([]);
      const interrupted = [...run.lines].reverse().find((l) => l.startsWith('backing up'))?.slice('backing up '.length);
      await restartAndCheck(dataDir, undefined, async (services) => {
        // The backup the crash interrupted, made again under its name, while the books are open.
        const again = await backupDatabase(services.books.filename, path.join(backups, `books-${k}-${interrupted}.sqlite`));
        expect(inspectDatabaseFile(again.file)).toBeUndefined();
      });
      expect(backupFileProblems(backups, INVOICES)).toEqual([]);
      // Nothing of the interrupted attempt is left beside the backup made again.
      expect(fs.readdirSync(backups).filter((f) => f.startsWith(`books-${k}-${interrupted}.sqlite.`))).toEqual([]);
    }
  }, 150_000);

  it('migration: killed while the invoices move to the new schema version; opened again, every invoice migrated once and nothing old left', async () => {
    explainFailure('migration');
    const random = randomFor(6);
    const older = path.join(root, 'older');
    const invoices = olderInvoices(MIGRATED);
    await buildOlderBooks(older, invoices);
    for (let k = 0; k < KILLS; k++) {
      const dataDir = copyBooks(older, path.join(root, `migration-${k}`));
      await kill('migration', ['migrate', dataDir], afterLine(/^opening$/, 1, random.int(300, 2000)));
      note('migration', migratedSoFar(dataDir));
      // The last one is interrupted a second time while it resumes.
      if (k === KILLS - 1) {
        await kill('migration', ['migrate', dataDir], afterLine(/^opening$/, 1, random.int(300, 2000)));
        note('migration', migratedSoFar(dataDir));
      }
      await restartAndCheck(dataDir, undefined, async (services) => {
        expect(await migrationProblems(services, invoices)).toEqual([]);
        expect(await services.books.db.customers.count().exec()).toBe(50);
      });
    }
  }, 180_000);
});
