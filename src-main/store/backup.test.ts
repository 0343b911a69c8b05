import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, invoice } from '../../tests/store/fixtures.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { DATABASE_FILE, openDatabase } from './database.js';
import { StoreError } from './errors.js';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-backup-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('backup and restore', () => {
  it('backs up while the books are open and restores every document of that moment', async () => {
    const dataDir = path.join(root, 'data');
    const backupFile = path.join(root, 'backups', 'books-2026-11-27.sqlite');
    const books = await openDatabase({ dataDir });
    await books.db.customers.bulkInsert(Array.from({ length: 50 }, (_, i) => customer(i)));
    await books.db.invoices.bulkInsert(Array.from({ length: 700 }, (_, i) => invoice(i, i % 2 ? 'issued' : 'draft')));
    const draft = await books.db.invoices.findOne(invoice(0).id).exec();

    const result = await backupDatabase(books.filename, backupFile);
    expect(result.bytes).toBeGreaterThan(100_000);

    // Work goes on after the backup: a new invoice, a changed draft, a deleted customer.
    await books.db.invoices.insert(invoice(9999));
    await draft!.incrementalPatch({ grossAmount: 1 });
    await (await books.db.customers.findOne(customer(3).id).exec())!.remove();
    await books.close();

    const restored = restoreDatabase(backupFile, dataDir, new Date('2026-11-27T10:00:00Z'));
    expect(restored.previousFile).toMatch(/books\.sqlite\.before-restore-2026-11-27T10-00-00-000Z$/);
    expect(fs.existsSync(restored.previousFile!)).toBe(true);

    const again = await openDatabase({ dataDir });
    try {
      const ids = (await again.db.invoices.find().exec()).map((d) => d.id).sort();
      expect(ids).toEqual(Array.from({ length: 700 }, (_, i) => invoice(i).id).sort());
      expect((await again.db.invoices.findOne(invoice(0).id).exec())!.grossAmount).toBe(invoice(0).grossAmount);
      expect(await again.db.customers.count().exec()).toBe(50);
      expect(await again.db.invoices.count({ selector: { status: 'issued' } }).exec()).toBe(350);
    } finally {
      await again.close();
    }
  });

  it('refuses a damaged or foreign backup and changes nothing', async () => {
    const dataDir = path.join(root, 'data');
    const books = await openDatabase({ dataDir });
    await books.db.customers.insert(customer(1));
    await books.close();
    const before = fs.readFileSync(path.join(dataDir, DATABASE_FILE));

    const bogus = path.join(root, 'bogus.sqlite');
    fs.writeFileSync(bogus, 'not a backup');
    const error = (() => {
      try {
        restoreDatabase(bogus, dataDir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('RESTORE_FAILED');
    expect((error as StoreError).message).toContain('Nothing was changed');
    expect(fs.readFileSync(path.join(dataDir, DATABASE_FILE)).equals(before)).toBe(true);
  });

  it('refuses to restore over books that are still open', async () => {
    const dataDir = path.join(root, 'data');
    const books = await openDatabase({ dataDir });
    try {
      const backupFile = path.join(root, 'b.sqlite');
      await backupDatabase(books.filename, backupFile);
      expect(() => restoreDatabase(backupFile, dataDir)).toThrow(/Close the books/);
    } finally {
      await books.close();
    }
  });
});
