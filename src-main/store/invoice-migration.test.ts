/**
 * Books written before invoices recorded who took part in them open with what is known: the
 * creator, a draft's last editor and a submitted document's submitter, so none of them approves it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mayApproveAsSecondPerson } from '../../src-shared/approval/four-eyes.js';
import { DATABASE_FILE, openDatabase } from './database.js';
import { invoicesJsonSchema, type InvoiceDoc } from './schemas/books.js';
import { getRxStorageSQLite } from './sqlite-storage/index.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-invoice-v1-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The invoices schema as version 1 had it. */
function versionOne(): RxJsonSchema<InvoiceDoc> {
  const schema = structuredClone(invoicesJsonSchema) as unknown as { version: number; properties: Record<string, unknown> };
  for (const field of ['editedBy', 'submittedBy', 'approvedSeller']) delete schema.properties[field];
  schema.version = 1;
  return schema as unknown as RxJsonSchema<InvoiceDoc>;
}

const stamp = '2026-11-20T10:00:00.000Z';
const invoice = (id: string, status: InvoiceDoc['status'], createdBy: string, updatedBy: string): InvoiceDoc => ({
  id,
  documentType: 'invoice',
  status,
  number: '',
  customerId: 'customer',
  dueDate: '2026-12-04',
  currency: 'EUR',
  lines: [],
  grossAmount: 0,
  createdAt: stamp,
  createdBy,
  updatedAt: stamp,
  updatedBy,
});

it('migrates invoices to version 2 with the participants known from their stamps', async () => {
  const old = await createRxDatabase<{ invoices: RxCollection<InvoiceDoc> }>({ name: 'books', storage: getRxStorageSQLite({ filename: path.join(dir, DATABASE_FILE) }), multiInstance: false });
  await old.addCollections({ invoices: { schema: versionOne(), migrationStrategies: { 1: (d: unknown) => d } } });
  await old.invoices.bulkInsert([
    invoice('edited', 'draft', 'bookkeeper', 'supervisor'),
    invoice('submitted', 'submitted', 'bookkeeper', 'supervisor'),
    invoice('rejected', 'rejected', 'bookkeeper', 'supervisor'),
    invoice('approved', 'approved', 'bookkeeper', 'supervisor'),
  ]);
  await old.close();

  const books = await openDatabase({ dataDir: dir });
  try {
    const docs = new Map([...(await books.db.invoices.find().exec())].map((d) => [d.id, d.toMutableJSON()]));
    expect(docs.get('edited')).toMatchObject({ editedBy: ['bookkeeper', 'supervisor'], submittedBy: [] });
    expect(docs.get('submitted')).toMatchObject({ editedBy: ['bookkeeper'], submittedBy: ['supervisor'] });
    // Whoever rejected or approved a document took no part in it.
    expect(docs.get('rejected')).toMatchObject({ editedBy: ['bookkeeper'], submittedBy: [] });
    expect(docs.get('approved')).toMatchObject({ editedBy: ['bookkeeper'], submittedBy: [] });
    expect(mayApproveAsSecondPerson(docs.get('submitted')!, 'supervisor')).toBe(false);
    expect(mayApproveAsSecondPerson(docs.get('rejected')!, 'supervisor')).toBe(true);
  } finally {
    await books.close();
  }
});

it('migrates orders to version 2 with their creator and last writer as editors', async () => {
  const { ordersJsonSchema } = await import('./schemas/books.js');
  const schema = structuredClone(ordersJsonSchema) as unknown as { version: number; properties: Record<string, unknown> };
  delete schema.properties.editedBy;
  schema.version = 1;
  const old = await createRxDatabase<{ orders: RxCollection }>({ name: 'books', storage: getRxStorageSQLite({ filename: path.join(dir, DATABASE_FILE) }), multiInstance: false });
  await old.addCollections({ orders: { schema: schema as never, migrationStrategies: { 1: (d: unknown) => d } } });
  const order = { number: 'AU-1', customerId: 'customer', status: 'confirmed', orderDate: '2026-11-20', currency: 'EUR', lines: [], createdAt: stamp, updatedAt: stamp };
  await old.orders.bulkInsert([
    { ...order, id: 'two', createdBy: 'supervisor', updatedBy: 'bookkeeper' },
    { ...order, id: 'one', number: 'AU-2', createdBy: 'bookkeeper', updatedBy: 'bookkeeper' },
  ]);
  await old.close();

  const books = await openDatabase({ dataDir: dir });
  try {
    const docs = new Map([...(await books.db.orders.find().exec())].map((d) => [d.id, d.toMutableJSON()]));
    expect(docs.get('two')?.editedBy).toEqual(['supervisor', 'bookkeeper']);
    expect(docs.get('one')?.editedBy).toEqual(['bookkeeper']);
  } finally {
    await books.close();
  }
});
