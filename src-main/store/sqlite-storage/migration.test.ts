import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getRxStorageSQLite } from './index.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

type NoteV0 = { id: string; text: string; amount: number };
type NoteV1 = { id: string; text: string; amountCents: number; language: 'de' | 'en' };

const v0: RxJsonSchema<NoteV0> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, text: { type: 'string' }, amount: { type: 'number' } },
  required: ['id', 'text', 'amount'],
};
const v1: RxJsonSchema<NoteV1> = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    text: { type: 'string' },
    amountCents: { type: 'integer', minimum: 0, maximum: 1e12, multipleOf: 1 },
    language: { type: 'string', enum: ['de', 'en'], maxLength: 2 },
  },
  required: ['id', 'text', 'amountCents', 'language'],
  indexes: ['language', 'amountCents'],
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-migrate-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('migrates a collection to a new schema version on the same SQLite file', async () => {
  const filename = path.join(dir, 'm.sqlite');
  const before = await createRxDatabase<{ notes: RxCollection<NoteV0> }>({ name: 'migdb', storage: getRxStorageSQLite({ filename }), multiInstance: false });
  await before.addCollections({ notes: { schema: v0 } });
  await before.notes.bulkInsert([
    { id: 'n1', text: 'Grüße aus Köln', amount: 12 },
    { id: 'n2', text: 'Hello', amount: 7 },
  ]);
  await before.close();

  const after = await createRxDatabase<{ notes: RxCollection<NoteV1> }>({ name: 'migdb', storage: getRxStorageSQLite({ filename }), multiInstance: false });
  await after.addCollections({
    notes: {
      schema: v1,
      migrationStrategies: {
        // Version 1 keeps money in cents and knows the note's language.
        1: (old: NoteV0) => ({ id: old.id, text: old.text, amountCents: Math.round(old.amount * 100), language: /[äöüß]/.test(old.text) ? 'de' : 'en' }),
      },
    },
  });
  const notes = (await after.notes.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.toJSON());
  expect(notes).toEqual([
    expect.objectContaining({ id: 'n1', amountCents: 1200, language: 'de' }),
    expect.objectContaining({ id: 'n2', amountCents: 700, language: 'en' }),
  ]);
  expect(await after.notes.count({ selector: { language: 'de' } }).exec()).toBe(1);
  await after.close();

  const raw = new Database(filename, { readonly: true });
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rx__migdb__notes%'").pluck().all() as string[]).sort();
  raw.close();
  // The old version's table is gone once its documents have moved.
  expect(tables).toEqual(['rx__migdb__notes__v1']);
});
