import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team } from '../../tests/support/books.js';
import { startTestApp, unwrap } from '../../tests/support/services.js';
import { startServices } from '../services.js';
import { pngImage } from '../../tests/support/pdf.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { DATABASE_FILE, openDatabase } from './database.js';

/**
 * The books, the device id, the key file, backups and exports are readable by the user who runs
 * the app and by nobody else on the machine (POSIX modes; on Windows the profile's ACLs do this).
 */
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-perm-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('creates the data folder 0700 and the books, their journal, the device id and the key file 0600', async () => {
    const dataDir = path.join(root, 'data');
    const services = await startServices({ dataDir, logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, 'device.json', 'secret.key']) {
        expect({ file, mode: modeOf(path.join(dataDir, file)).toString(8) }).toEqual({ file, mode: '600' });
      }
    } finally {
      await services.close();
    }
  });

  it('makes an existing installation private when the books open', async () => {
    const dataDir = path.join(root, 'data');
    const first = await openDatabase({ dataDir });
    await first.close();
    fs.mkdirSync(path.join(dataDir, 'documents'));
    fs.writeFileSync(path.join(dataDir, 'documents', 'invoice.pdf'), '%PDF');
    fs.writeFileSync(path.join(dataDir, 'secret.key'), Buffer.alloc(32, 1));
    for (const dir of [dataDir, path.join(dataDir, 'documents')]) fs.chmodSync(dir, 0o755);
    for (const file of [DATABASE_FILE, 'device.json', 'secret.key', 'documents/invoice.pdf']) fs.chmodSync(path.join(dataDir, file), 0o644);

    const again = await openDatabase({ dataDir });
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, 'documents'))).toBe(0o700);
      for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, 'device.json', 'secret.key', 'documents/invoice.pdf']) {
        expect({ file, mode: modeOf(path.join(dataDir, file)).toString(8) }).toEqual({ file, mode: '600' });
      }
    } finally {
      await again.close();
    }
  });

  it('writes backups and restored books 0600 into folders of 0700', async () => {
    const dataDir = path.join(root, 'data');
    const books = await openDatabase({ dataDir });
    const backupFile = path.join(root, 'backups', '2026', 'books.sqlite');
    try {
      await backupDatabase(books.filename, backupFile);
    } finally {
      await books.close();
    }
    expect(modeOf(backupFile)).toBe(0o600);
    expect(modeOf(path.join(root, 'backups'))).toBe(0o700);
    expect(modeOf(path.join(root, 'backups', '2026'))).toBe(0o700);

    fs.chmodSync(backupFile, 0o644);
    restoreDatabase(backupFile, dataDir);
    expect(modeOf(path.join(dataDir, DATABASE_FILE))).toBe(0o600);
  });

  it('freezes the documents of an issued invoice as files 0600 in a folder of 0700', async () => {
    const app = await startTestApp(undefined, { freezeDocuments: true });
    try {
      const t = await team(app);
      const c = await customer(t.bookkeeper);
      const p = await product(t.bookkeeper);
      const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '1' }] }));
      await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
      await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
      await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
      await app.services.jobs.idle();
      const folder = path.join(app.dataDir, 'documents');
      const files = fs.readdirSync(folder);
      // The one frozen document: the PDF, named by its hash.
      expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.pdf$/)]);
      expect(modeOf(folder)).toBe(0o700);
      for (const file of files) expect({ file, mode: modeOf(path.join(folder, file)).toString(8) }).toEqual({ file, mode: '600' });
    } finally {
      await app.stop();
    }
  });

  it('exports waiting messages as files 0600 in folders of 0700', async () => {
    const dataDir = path.join(root, 'data');
    const services = await startServices({ dataDir, logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
    try {
      await services.mail.enqueue([{ dedupeKey: 'perm-1', event: 'test', to: ['kunde@example.org'], subject: 'Rechnung', html: '<p>Hallo</p>', text: 'Hallo' }], 'user-1');
      const { folder, count } = await services.mail.exportWaiting('user-1');
      expect(count).toBe(1);
      expect(modeOf(path.join(dataDir, 'exports'))).toBe(0o700);
      expect(modeOf(folder)).toBe(0o700);
      const files = fs.readdirSync(folder);
      expect(files).toHaveLength(1);
      expect(modeOf(path.join(folder, files[0]!))).toBe(0o600);
    } finally {
      await services.close();
    }
  });

  it('keeps the company logo 0600 in a folder of 0700 from the moment it is saved', async () => {
    const app = await startTestApp();
    try {
      const t = await team(app);
      const { logoFile } = await unwrap(t.admin.invoke('settings.setLogo', { fileName: 'logo.png', mimeType: 'image/png', dataBase64: pngImage(40, 20, [200, 30, 30]).toString('base64') }));
      expect(modeOf(path.join(app.dataDir, 'files'))).toBe(0o700);
      expect(modeOf(path.join(app.dataDir, logoFile))).toBe(0o600);
    } finally {
      await app.stop();
    }
  });
});
