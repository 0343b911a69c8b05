import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { auditFact } from '../../tests/store/fixtures.js';
import { insertFacts } from './bulk-insert.js';
import { openDatabase, type OpenBooks } from './database.js';
import { factsJsonSchema } from './schemas/facts.js';
import { inTransaction } from './sqlite-storage/connection.js';

let dir: string;
let books: OpenBooks;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-facts-'));
  books = await openDatabase({ dataDir: dir });
});
afterEach(async () => {
  await books.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('writes facts as RxDB would, and the facts schema has no defaults that RxDB’s own insert would add', async () => {
  expect(JSON.stringify(factsJsonSchema)).not.toContain('"default"');
  await insertFacts(books.db.facts, [auditFact(1, books.deviceId), auditFact(2, books.deviceId)], 'test');
  const stored = await books.db.facts.find({ sort: [{ seq: 'asc' }] }).exec();
  expect(stored.map((d) => d.seq)).toEqual([1, 2]);
  expect(stored[0]!.toJSON(true)).toMatchObject({ _deleted: false, _rev: expect.stringMatching(/^1-/) });
});

it('fails when one breaks the schema, and the write around it keeps none of them', async () => {
  const broken = { ...auditFact(2, books.deviceId), kind: 'nonsense' } as never;
  await expect(inTransaction(books.filename, () => insertFacts(books.db.facts, [auditFact(1, books.deviceId), broken], 'test'))).rejects.toThrow();
  expect(await books.db.facts.count().exec()).toBe(0);
});
