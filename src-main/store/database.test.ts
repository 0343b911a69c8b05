import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditFact, customer, invoice, oneOfEach, product } from '../../tests/store/fixtures.js';
import { COLLECTIONS, DATABASE_FILE, openDatabase } from './database.js';
import { StoreError } from './errors.js';
import { withFieldErrors } from './write-errors.js';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-db-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the books database', () => {
  it('stays within ten collections, so RxDB’s open edition never hits its limit of 13', () => {
    expect(Object.keys(COLLECTIONS).length).toBeLessThanOrEqual(10);
  });

  it('accepts a valid document in every collection', async () => {
    const { db, deviceId, close } = await openDatabase({ dataDir });
    try {
      for (const [name, doc] of Object.entries(oneOfEach(deviceId))) {
        await withFieldErrors(() => (db.collections as Record<string, { insert(d: unknown): Promise<unknown> }>)[name]!.insert(doc));
      }
      for (const name of Object.keys(COLLECTIONS)) {
        expect(await (db.collections as Record<string, { count(): { exec(): Promise<number> } }>)[name]!.count().exec(), name).toBe(1);
      }
    } finally {
      await close();
    }
  });

  it('keeps every kind of record across a restart, on one SQLite file in the given folder', async () => {
    const first = await openDatabase({ dataDir });
    const { db, deviceId } = first;
    await db.customers.bulkInsert([customer(1), customer(2)]);
    await db.products.insert(product(1));
    await db.invoices.bulkInsert([invoice(1), invoice(2, 'issued')]);
    await db.facts.insert(auditFact(1, deviceId));
    await db.settings.insert({
      id: 'company',
      kind: 'company',
      company: { name: 'Beispiel GmbH', defaultCurrency: 'EUR', defaultLanguage: 'de' },
      createdAt: '2026-11-27T09:00:00.000Z',
      updatedAt: '2026-11-27T09:00:00.000Z',
    });
    await first.close();
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);

    const second = await openDatabase({ dataDir });
    expect(second.deviceId).toBe(deviceId);
    expect(await second.db.customers.count().exec()).toBe(2);
    const issued = await second.db.invoices.find({ selector: { status: 'issued' } }).exec();
    expect(issued.map((d) => d.number)).toEqual(['RE-2026-A-000002']);
    expect((await second.db.settings.findOne('company').exec())?.company?.name).toBe('Beispiel GmbH');
    expect((await second.db.facts.find({ selector: { kind: 'audit', subjectId: invoice(1).id } }).exec()).length).toBe(1);
    await second.close();
  });

  it('rejects a document that breaks its schema with an error naming the field, and writes nothing', async () => {
    const { db, close } = await openDatabase({ dataDir });
    const bad = { ...customer(7), billingAddress: { ...customer(7).billingAddress, country: 'Germany' } };
    const error = await withFieldErrors(() => db.customers.insert(bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('VALIDATION_FAILED');
    expect((error as StoreError).message).toContain('billingAddress.country');
    expect((error as StoreError).details.fields).toEqual([{ field: 'billingAddress.country', problem: 'must match pattern "^[A-Z]{2}$"' }]);

    const missing = { ...invoice(3) } as Partial<ReturnType<typeof invoice>>;
    delete missing.dueDate;
    const missingError = await withFieldErrors(() => db.invoices.insert(missing as never)).catch((e: unknown) => e);
    expect((missingError as StoreError).details.fields).toEqual([{ field: 'dueDate', problem: 'is required' }]);

    const floatMoney = { ...invoice(4), grossAmount: 339.15 };
    const floatError = await withFieldErrors(() => db.invoices.insert(floatMoney)).catch((e: unknown) => e);
    expect((floatError as StoreError).message).toContain('grossAmount');

    expect(await db.customers.count().exec()).toBe(0);
    expect(await db.invoices.count().exec()).toBe(0);
    await close();
  });

  it('refuses a file that is not a database with a clear error and leaves it untouched', async () => {
    const file = path.join(dataDir, DATABASE_FILE);
    fs.writeFileSync(file, 'Rechnung Nr. 1 – this is a text file, not a database '.repeat(200));
    const before = sha256(file);
    const error = await openDatabase({ dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('STORE_FILE_UNREADABLE');
    expect((error as StoreError).message).toContain(file);
    expect(sha256(file)).toBe(before);
  });

  it('refuses another program’s SQLite database instead of adding tables to it', async () => {
    const file = path.join(dataDir, DATABASE_FILE);
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Erika')");
    foreign.close();
    const before = sha256(file);
    const error = await openDatabase({ dataDir }).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('STORE_FOREIGN_FILE');
    expect(sha256(file)).toBe(before);
  });
});
