/**
 * A data folder the app may not write: on a filesystem mounted read-only (which stops root too),
 * or, for an ordinary user, a folder of 0500 with books of 0400. Starting is refused with
 * STORE_READ_ONLY and nothing in the folder changes; books that turn read-only while the app
 * runs refuse each write the same way, with nothing half-written, and work again afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { customer, team } from '../support/books.js';
import { startTestApp, unwrap, type TestApp } from '../support/services.js';
import { expectError, folderFingerprint, mountTmpfs, refusal, startAppAt, type Mount } from './fault-tools.js';
import { openHandle } from '../../src-main/store/sqlite-storage/connection.js';

let app: TestApp | undefined;
let mount: Mount | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  mount?.unmount();
  mount = undefined;
});

const asRoot = process.getuid?.() === 0;

/**
 * Makes the data folder unwritable in the way that holds for the user running the tests: a
 * read-only remount of its own tmpfs for root (file modes do not stop root), modes otherwise.
 */
type ReadOnlyFolder = { dataDir: string; lock(): void; unlock(): void; cleanup(): void };
function readOnlyFolder(): ReadOnlyFolder | string {
  if (asRoot) {
    const mounted = mountTmpfs('32m');
    if (typeof mounted === 'string') return mounted;
    return { dataDir: path.join(mounted.dir, 'data'), lock: mounted.remountReadOnly, unlock: mounted.remountWritable, cleanup: mounted.unmount };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-ro-'));
  const dataDir = path.join(root, 'data');
  const file = path.join(dataDir, 'books.sqlite');
  return {
    dataDir,
    lock: () => {
      fs.chmodSync(file, 0o400);
      fs.chmodSync(dataDir, 0o500);
    },
    unlock: () => {
      fs.chmodSync(dataDir, 0o700);
      fs.chmodSync(file, 0o600);
    },
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

describe('read-only data folder', () => {
  const probe = readOnlyFolder();
  const unavailable = typeof probe === 'string' ? probe : undefined;
  if (typeof probe !== 'string') probe.cleanup();

  it.skipIf(unavailable !== undefined)(`starting on a read-only data folder is refused with STORE_READ_ONLY and changes nothing${unavailable ? ` (skipped: ${unavailable})` : ''}`, async () => {
    const folder = readOnlyFolder();
    if (typeof folder === 'string') throw new Error(folder);
    try {
      const first = await startAppAt(folder.dataDir);
      const t = await team(first);
      await customer(t.bookkeeper, { name: 'Bleibt GmbH' });
      await first.stop();

      folder.lock();
      const before = folderFingerprint(folder.dataDir);
      const refused = await refusal(startAppAt(folder.dataDir));
      expect(refused.code).toBe('STORE_READ_ONLY');
      expect(refused.message).toContain(folder.dataDir);
      expect(folderFingerprint(folder.dataDir)).toEqual(before);

      folder.unlock();
      app = await startAppAt(folder.dataDir);
      const customers = await app.services.books.db.customers.find().exec();
      expect(customers.map((c) => c.name)).toEqual(['Bleibt GmbH']);
      await app.stop();
      app = undefined;
    } finally {
      folder.cleanup();
    }
  });

  it('books that turn read-only while the app runs refuse a write with STORE_READ_ONLY, keep everything, and take the write once writable again', async () => {
    app = await startTestApp();
    const t = await team(app);
    await customer(t.bookkeeper, { name: 'Vorher GmbH' });
    const db = openHandle(app.services.books.filename)!;

    db.pragma('query_only = ON');
    const message = expectError(await t.bookkeeper.invoke('customers.save', { name: 'Neu GmbH', billingAddress: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' }, paymentTermsDays: 14, kind: 'business' } as never), 'STORE_READ_ONLY');
    expect(message).toMatch(/read-only/i);
    expect((await unwrap(t.bookkeeper.invoke('customers.list', {}))).items.map((c) => c.name)).toEqual(['Vorher GmbH']);
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });

    db.pragma('query_only = OFF');
    await customer(t.bookkeeper, { name: 'Neu GmbH' });
    expect((await unwrap(t.bookkeeper.invoke('customers.list', {}))).items.map((c) => c.name).sort()).toEqual(['Neu GmbH', 'Vorher GmbH']);
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });
});
