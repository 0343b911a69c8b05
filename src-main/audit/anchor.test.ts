import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminSetup, COMPANY, PASSWORD, unwrap } from '../../tests/support/services.js';
import { createInMemoryClient } from '../server/in-memory.js';
import { startServices, type Services } from '../services.js';
import { backupDatabase, restoreDatabase } from '../store/backup.js';
import { DATABASE_FILE } from '../store/database.js';
import { auditHash, type AuditContent } from './rules.js';

/**
 * Someone with the data file but without the device's anchor key edits or cuts the audit log
 * while the app is closed, with any SQLite tool. The next check names what happened.
 */
let root: string;
let dataDir: string;
let running: Services | undefined;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-anchor-'));
  dataDir = path.join(root, 'data');
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});

async function start() {
  running = await startServices({ dataDir, logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
  return running;
}
async function stop() {
  await running?.close();
  running = undefined;
}

/** The admin, two users and two company saves: five audit entries. */
async function someHistory() {
  const services = await start();
  const admin = createInMemoryClient(services);
  const { user } = await unwrap(admin.invoke('auth.setupAdmin', adminSetup({ services })));
  await unwrap(admin.invoke('users.create', { name: 'Berta Buch', email: 'berta@example.org', role: 'bookkeeper', password: PASSWORD }));
  await unwrap(admin.invoke('users.create', { name: 'Sven Super', email: 'sven@example.org', role: 'supervisor', password: PASSWORD }));
  await unwrap(admin.invoke('settings.saveCompany', COMPANY));
  await unwrap(admin.invoke('settings.saveCompany', { ...COMPANY, city: 'Köln' }));
  expect(await unwrap(admin.invoke('audit.verify', {}))).toEqual({ entries: 5, firstBreak: null });
  await stop();
  return user;
}

/** Logs in again after a restart and runs the check the admin runs. */
async function verifyAfterRestart(user: { email: string; id: string }) {
  const services = await start();
  const client = createInMemoryClient(services);
  await unwrap(client.invoke('auth.login', { userId: user.id, password: 'Geheim-Passwort-1' }));
  return unwrap(client.invoke('audit.verify', {}));
}

type Row = { id: string; data: string };
const factsTable = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rx__books__facts__v%'").get() as { name: string }).name;

/** The audit entries as they lie in the file, in chain order. */
function auditRows(db: Database.Database): { row: Row; doc: Record<string, any> }[] {
  const rows = db.prepare(`SELECT id, data FROM "${factsTable(db)}"`).all() as Row[];
  return rows
    .map((row) => ({ row, doc: JSON.parse(row.data) as Record<string, any> }))
    .filter((r) => r.doc.kind === 'audit')
    .sort((a, b) => a.doc.seq - b.doc.seq);
}

/** Rewrites entry `seq`'s "after" and recomputes every hash from there on: a chain that verifies by itself. */
function rewriteHistory(seq: number, after: string): string {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    const entries = auditRows(db);
    let prevHash = entries[seq - 2]?.doc.audit.hash ?? '0'.repeat(64);
    const update = db.prepare(`UPDATE "${factsTable(db)}" SET data = ? WHERE id = ?`);
    for (const { row, doc } of entries.slice(seq - 1)) {
      if (doc.seq === seq) doc.audit.after = after;
      doc.audit.prevHash = prevHash;
      const content: AuditContent = {
        id: doc.id,
        deviceId: doc.deviceId,
        seq: doc.seq,
        occurredAt: doc.occurredAt,
        userId: doc.userId ?? '',
        action: doc.audit.action,
        entity: doc.audit.entity,
        entityId: doc.audit.entityId,
        before: doc.audit.before ?? '',
        after: doc.audit.after ?? '',
        prevHash,
      };
      doc.audit.hash = auditHash(content);
      prevHash = doc.audit.hash;
      update.run(JSON.stringify(doc), row.id);
    }
    return prevHash;
  } finally {
    db.close();
  }
}

/** Deletes the last `count` audit entries from the file. */
function cutOff(count: number): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    const entries = auditRows(db);
    const remove = db.prepare(`DELETE FROM "${factsTable(db)}" WHERE id = ?`);
    for (const { row } of entries.slice(-count)) remove.run(row.id);
  } finally {
    db.close();
  }
}

describe('the audit chain is anchored with a device key', () => {
  it('detects an entry edited and the chain recomputed without the key', async () => {
    const user = await someHistory();
    rewriteHistory(4, '{"iban":"DE02120300000000202051"}');

    expect(await verifyAfterRestart(user)).toMatchObject({ entries: 5, firstBreak: { seq: 5, reason: 'rewritten' } });
  });

  it('detects a rewritten chain also when the anchor file was changed to match it', async () => {
    const user = await someHistory();
    const head = rewriteHistory(2, '{"name":"Someone Else"}');
    const anchorFiles = fs.readdirSync(dataDir).filter((f) => f.startsWith('audit-anchor') && f.endsWith('.json'));
    expect(anchorFiles).toHaveLength(1);
    const anchorFile = anchorFiles[0];
    const anchor = JSON.parse(fs.readFileSync(path.join(dataDir, anchorFile!), 'utf8'));
    fs.writeFileSync(path.join(dataDir, anchorFile!), JSON.stringify({ ...anchor, head: { ...anchor.head, hash: head } }));

    expect((await verifyAfterRestart(user)).firstBreak).toMatchObject({ reason: 'anchorForged' });
  });

  it('detects the last entries cut off, and keeps saying so after further work', async () => {
    const user = await someHistory();
    cutOff(2);

    expect(await verifyAfterRestart(user)).toMatchObject({ entries: 3, firstBreak: { seq: 4, reason: 'truncated' } });
    const client = createInMemoryClient(running!);
    await unwrap(client.invoke('auth.login', { userId: user.id, password: 'Geheim-Passwort-1' }));
    await unwrap(client.invoke('settings.saveCompany', { ...COMPANY, city: 'Bonn' }));
    await stop();
    expect((await verifyAfterRestart(user)).firstBreak).toMatchObject({ seq: 4, reason: 'truncated' });
  });

  it('finds nothing wrong after restarts, a refused write and a restored backup', async () => {
    const user = await someHistory();
    const services = await start();
    const client = createInMemoryClient(services);
    await unwrap(client.invoke('auth.login', { userId: user.id, password: 'Geheim-Passwort-1' }));
    expect((await client.invoke('settings.saveCompany', { ...COMPANY, iban: 'DE00 0000' })).ok).toBe(false);
    const backupFile = path.join(root, 'backups', 'books.sqlite');
    await backupDatabase(services.books.filename, backupFile);
    await unwrap(client.invoke('settings.saveCompany', { ...COMPANY, city: 'Bonn' }));
    expect(await unwrap(client.invoke('audit.verify', {}))).toEqual({ entries: 6, firstBreak: null });
    await stop();

    // The backup carries the chain's head: count, hash and the device key's HMAC.
    const backup = new Database(backupFile, { readonly: true });
    const info = backup.prepare("SELECT value FROM backup_info WHERE name = 'auditAnchor'").get() as { value: string };
    backup.close();
    const head = JSON.parse(info.value) as { head: { seq: number; hash: string }; mac: string };
    expect(head.head.seq).toBe(5);
    expect(head.mac).toMatch(/^[0-9a-f]{64}$/);

    restoreDatabase(backupFile, dataDir);
    expect(await verifyAfterRestart(user)).toEqual({ entries: 5, firstBreak: null });
  });
});
