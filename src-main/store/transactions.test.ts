import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product } from '../../tests/store/fixtures.js';
import { DATABASE_FILE, openDatabase, type OpenBooks } from './database.js';
import { inTransaction, openHandle } from './sqlite-storage/connection.js';

let dataDir: string;
let books: OpenBooks;
beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-tx-'));
  books = await openDatabase({ dataDir });
});
afterEach(async () => {
  await books.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Rows as they are in the file, read by a separate connection. */
function rowsInFile(table: 'customers' | 'products'): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const name = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ?`).get(`%${table}%`) as { name: string }).name;
    return (db.prepare(`SELECT count(*) AS n FROM "${name}" WHERE deleted = 0`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

class Gate {
  open!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.open = resolve));
}

const fail = new Error('the write fails after its insert');

describe('write transactions', () => {
  it('leave nothing in memory when they roll back: no document by id, in queries, counts or events', async () => {
    const { db } = books;
    await db.customers.insert(customer(1));
    // Warm RxDB's caches: the same queries before and after the failed write.
    const all = () => db.customers.find({ sort: [{ id: 'asc' }] }).exec();
    expect((await all()).length).toBe(1);
    expect(await db.customers.count().exec()).toBe(1);
    const events: string[] = [];
    const sub = db.customers.$.subscribe((e) => events.push(`${e.operation}:${e.documentId}`));
    try {
      await expect(
        inTransaction(books.filename, async () => {
          await db.customers.insert(customer(2));
          // Inside the write its own change is visible.
          expect((await db.customers.findOne(customer(2).id).exec())?.name).toBe(customer(2).name);
          expect((await all()).length).toBe(2);
          expect(await db.customers.count().exec()).toBe(2);
          throw fail;
        }),
      ).rejects.toBe(fail);

      expect(rowsInFile('customers')).toBe(1);
      expect(await db.customers.findOne(customer(2).id).exec()).toBeNull();
      expect(await db.customers.findByIds([customer(2).id]).exec()).toEqual(new Map());
      expect((await all()).map((d) => d.id)).toEqual([customer(1).id]);
      expect(await db.customers.count().exec()).toBe(1);
      expect(events).toEqual([]);
    } finally {
      sub.unsubscribe();
    }
  });

  it('forget an update that rolled back: the document shows its committed state again', async () => {
    const { db } = books;
    await db.products.insert(product(1));
    const before = await db.products.findOne(product(1).id).exec();
    expect(before?.netPrice).toBe('1.25');
    await expect(
      inTransaction(books.filename, async () => {
        await before!.incrementalPatch({ netPrice: '9.99' });
        throw fail;
      }),
    ).rejects.toBe(fail);
    expect((await db.products.findOne(product(1).id).exec())?.netPrice).toBe('1.25');
    expect((await db.products.find({ selector: { netPrice: '9.99' } }).exec()).length).toBe(0);
    // A later change of the same document starts from the committed state.
    const current = await db.products.findOne(product(1).id).exec();
    await current!.incrementalPatch({ netPrice: '2.50' });
    expect((await db.products.findOne(product(1).id).exec())?.netPrice).toBe('2.50');
  });

  it('emit their change events only after COMMIT', async () => {
    const { db } = books;
    const handle = openHandle(books.filename)!;
    const seen: { id: string; inTransaction: boolean }[] = [];
    const sub = db.customers.$.subscribe((e) => seen.push({ id: e.documentId, inTransaction: handle.inTransaction }));
    try {
      await inTransaction(books.filename, async () => {
        await db.customers.insert(customer(1));
        await db.customers.insert(customer(2));
        expect(seen).toEqual([]);
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).toEqual([
        { id: customer(1).id, inTransaction: false },
        { id: customer(2).id, inTransaction: false },
      ]);
      expect(await db.customers.count().exec()).toBe(2);
    } finally {
      sub.unsubscribe();
    }
  });

  it('give readers outside a write the last committed state while the write is open, also when it fails', async () => {
    const { db } = books;
    await db.customers.insert(customer(1));
    await db.products.insert(product(1));
    const inside = new Gate();
    const release = new Gate();
    const writing = inTransaction(books.filename, async () => {
      await db.customers.insert(customer(2));
      const p = await db.products.findOne(product(1).id).exec();
      await p!.incrementalPatch({ netPrice: '7.00' });
      inside.open();
      await release.opened;
      throw fail;
    });
    await inside.opened;

    // Another handler reads while the write is open.
    expect(await db.customers.findOne(customer(2).id).exec()).toBeNull();
    expect((await db.customers.find().exec()).map((d) => d.id)).toEqual([customer(1).id]);
    expect(await db.customers.count().exec()).toBe(1);
    expect((await db.products.findOne(product(1).id).exec())?.netPrice).toBe('1.25');
    expect((await db.products.find({ selector: { netPrice: '7.00' } }).exec()).length).toBe(0);

    release.open();
    await expect(writing).rejects.toBe(fail);
    expect(await db.customers.findOne(customer(2).id).exec()).toBeNull();
    expect(await db.customers.count().exec()).toBe(1);
    expect((await db.products.findOne(product(1).id).exec())?.netPrice).toBe('1.25');
  });

  it('keep a write from outside an open transaction out of it: it waits and survives that one’s rollback', async () => {
    const { db } = books;
    const inside = new Gate();
    const release = new Gate();
    const first = inTransaction(books.filename, async () => {
      await db.customers.insert(customer(1));
      inside.open();
      await release.opened;
      throw fail;
    });
    await inside.opened;
    // A write outside the open transaction waits for it instead of joining it.
    const second = db.customers.insert(customer(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rowsInFile('customers')).toBe(0);
    release.open();
    await expect(first).rejects.toBe(fail);
    await second;
    expect(rowsInFile('customers')).toBe(1);
    expect((await db.customers.find().exec()).map((d) => d.id)).toEqual([customer(2).id]);
  });

  it('never let a write that starts together with a failing transaction join it: 60 races, every write kept and announced once', async () => {
    const { db } = books;
    const announced: string[] = [];
    const sub = db.customers.$.subscribe((e) => announced.push(e.documentId));
    try {
      for (let i = 1; i <= 60; i++) {
        const delay = i % 3;
        const outside = (async () => {
          for (let d = 0; d < delay; d++) await Promise.resolve();
          await db.customers.insert(customer(i));
        })();
        const failing = inTransaction(books.filename, async () => {
          await db.products.insert(product(i));
          throw fail;
        });
        await Promise.allSettled([outside, failing]);
        await expect(outside).resolves.toBeUndefined();
      }
      expect(rowsInFile('customers')).toBe(60);
      expect(rowsInFile('products')).toBe(0);
      expect(await db.customers.count().exec()).toBe(60);
      expect(await db.products.count().exec()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(new Set(announced).size).toBe(60);
    } finally {
      sub.unsubscribe();
    }
  });
});

describe('a write that need not wait for the disk', () => {
  const level = () => openHandle(books.filename)!.pragma('synchronous', { simple: true });

  it('commits at the relaxed safety level and puts the full one back, also when it fails', async () => {
    expect(level()).toBe(2);
    let inside: unknown;
    await inTransaction(
      books.filename,
      async () => {
        inside = level();
        await books.db.customers.insert(customer(1));
      },
      { durable: false },
    );
    expect({ inside, after: level(), rows: rowsInFile('customers') }).toEqual({ inside: 1, after: 2, rows: 1 });
    await expect(
      inTransaction(
        books.filename,
        async () => {
          await books.db.customers.insert(customer(2));
          throw fail;
        },
        { durable: false },
      ),
    ).rejects.toBe(fail);
    expect({ after: level(), rows: rowsInFile('customers') }).toEqual({ after: 2, rows: 1 });
    await inTransaction(books.filename, async () => {
      inside = level();
    });
    expect(inside).toBe(2);
  });
});
