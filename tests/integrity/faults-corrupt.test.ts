/**
 * A damaged data file: pages in the middle overwritten with garbage, the file cut short, emptied
 * to zero bytes, or its header destroyed. Starting is refused with STORE_FILE_UNREADABLE, whose
 * message names the file and points to restoring a backup; nothing crashes and the damaged file
 * stays exactly as it was (it may be needed to rescue data). The backup then restores the books.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src-main/store/backup.js';
import { DATABASE_FILE } from '../../src-main/store/database.js';
import { customer, team } from '../support/books.js';
import { unwrap } from '../support/services.js';
import { folderFingerprint, refusal, startAppAt } from './fault-tools.js';

let root: string;
let intact: string;
let backupFile: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-corrupt-'));
  intact = path.join(root, 'intact');
  const app = await startAppAt(intact);
  const t = await team(app);
  for (let i = 0; i < 60; i++) await customer(t.bookkeeper, { name: `Kunde ${String(i).padStart(2, '0')} GmbH` });
  backupFile = (await backupDatabase(app.services.books.filename, path.join(root, 'backups', 'books-backup.sqlite'))).file;
  await app.stop();
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A copy of the intact data folder with its books damaged by `damage`. */
function damagedCopy(name: string, damage: (file: string, size: number) => void): string {
  const dataDir = path.join(root, name);
  fs.cpSync(intact, dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  damage(file, fs.statSync(file).size);
  return dataDir;
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, bytes, 0, bytes.length, offset);
  fs.closeSync(fd);
}

const DAMAGES: [string, (file: string, size: number) => void][] = [
  ['garbage over pages in the middle', (file, size) => overwrite(file, Math.floor(size / 2 / 4096) * 4096, Buffer.alloc(8 * 4096, 0x5a))],
  ['cut to a third of its length', (file, size) => fs.truncateSync(file, Math.floor(size / 3))],
  ['emptied to zero bytes', (file) => fs.truncateSync(file, 0)],
  ['its header overwritten', (file) => overwrite(file, 0, Buffer.alloc(100, 0x41))],
];

describe('corrupt data file', () => {
  for (const [name, damage] of DAMAGES) {
    it(`books ${name}: refused with STORE_FILE_UNREADABLE pointing to the backup, the file left as it is, the backup restores them`, async () => {
      const dataDir = damagedCopy(name.replace(/\W+/g, '-'), damage);
      const before = folderFingerprint(dataDir);

      const refused = await refusal(startAppAt(dataDir));
      expect(refused.code).toBe('STORE_FILE_UNREADABLE');
      expect(refused.message).toContain(path.join(dataDir, DATABASE_FILE));
      expect(refused.message).toMatch(/restore .*backup/i);
      expect(folderFingerprint(dataDir)).toEqual(before);

      const damagedBytes = fs.readFileSync(path.join(dataDir, DATABASE_FILE));
      const restored = restoreDatabase(backupFile, dataDir);
      // The damaged file is kept beside the restored one, byte for byte.
      expect(restored.previousFile?.startsWith(`${path.join(dataDir, DATABASE_FILE)}.before-restore-`)).toBe(true);
      expect(fs.readFileSync(restored.previousFile!).equals(damagedBytes)).toBe(true);
      const app = await startAppAt(dataDir);
      try {
        expect(await app.services.books.db.customers.count().exec()).toBe(60);
        const admin = app.client();
        const adminId = (await app.services.books.db.users.findOne({ selector: { role: 'admin' } }).exec())!.id;
        await unwrap(admin.invoke('auth.login', { userId: adminId, password: 'Geheim-Passwort-1' }));
        expect(await unwrap(admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
      } finally {
        await app.stop();
      }
    });
  }
});
