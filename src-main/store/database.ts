import fs from 'node:fs';
import path from 'node:path';
import { addRxPlugin, createRxDatabase, type MigrationStrategies, type RxCollection, type RxConflictHandler, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { newId } from '../ids.js';
import { customersJsonSchema, invoicesJsonSchema, ordersJsonSchema, productsJsonSchema } from './schemas/books.js';
import type { CustomerDoc, InvoiceDoc, OrderDoc, ProductDoc } from './schemas/books.js';
import { settingsJsonSchema, usersJsonSchema, type SettingsDoc, type UserDoc } from './schemas/config.js';
import { factsJsonSchema, type FactDoc } from './schemas/facts.js';
import { outboxJsonSchema, paymentRequestsJsonSchema, type OutboxDoc, type PaymentRequestDoc } from './schemas/workflow.js';
import { getRxStorageSQLite } from './sqlite-storage/index.js';
import { guardCachesAgainstOpenWrites } from './transaction-guard.js';
import { ensurePrivateDir, securePrivateTree, writePrivateFile } from './private-files.js';
import { claimDataFolder, ensureWritable, refuseEmptiedBooks } from './data-folder.js';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBCleanupPlugin);

export const DATABASE_FILE = 'books.sqlite';
export const DEVICE_FILE = 'device.json';

type CollectionDefinition<T> = { schema: RxJsonSchema<T>; migrationStrategies: MigrationStrategies };

/**
 * Every collection of the books, with its schema and the migration strategies from each
 * earlier schema version (`{ 1: (oldDoc) => newDoc, ... }`). Nine collections: RxDB's open
 * edition opens at most 13 per process; see docs/adr/0002-collections.md.
 */
/** v1 of these collections only added optional fields: existing documents stay as they are. */
const keep = (doc: unknown) => doc;

/** v2 of orders: who saved an order so far, as far as its stamps tell (creator and last writer). */
function orderEditorsV2(doc: { createdBy?: string; updatedBy?: string }) {
  return { ...doc, editedBy: [...new Set([doc.createdBy, doc.updatedBy].filter((id): id is string => !!id))] };
}

/**
 * Invoices v2 record who took part before approval (`editedBy`, `submittedBy`). Earlier versions
 * knew the creator and the last writer only: a draft's last writer edited it, a submitted
 * document's last writer submitted it; for rejected and approved ones the last writer decided
 * on it and took no part.
 */
export function invoiceParticipantsV2(doc: InvoiceDoc): InvoiceDoc {
  const creator = doc.createdBy ? [doc.createdBy] : [];
  const last = doc.updatedBy ?? '';
  const editedBy = doc.status === 'draft' && last && last !== doc.createdBy ? [...creator, last] : creator;
  const submittedBy = doc.status === 'submitted' && last ? [last] : [];
  return { ...doc, editedBy, submittedBy };
}

export const COLLECTIONS = {
  settings: { schema: settingsJsonSchema, migrationStrategies: { 1: keep, 2: keep, 3: keep, 4: keep, 5: keep, 6: keep, 7: keep } } as CollectionDefinition<SettingsDoc>,
  users: { schema: usersJsonSchema, migrationStrategies: { 1: keep, 2: keep } } as CollectionDefinition<UserDoc>,
  customers: { schema: customersJsonSchema, migrationStrategies: { 1: keep, 2: keep, 3: keep } } as CollectionDefinition<CustomerDoc>,
  products: { schema: productsJsonSchema, migrationStrategies: { 1: keep } } as CollectionDefinition<ProductDoc>,
  orders: { schema: ordersJsonSchema, migrationStrategies: { 1: keep, 2: orderEditorsV2, 3: keep, 4: keep } } as CollectionDefinition<OrderDoc>,
  invoices: { schema: invoicesJsonSchema, migrationStrategies: { 1: keep, 2: invoiceParticipantsV2, 3: keep, 4: keep } } as CollectionDefinition<InvoiceDoc>,
  facts: { schema: factsJsonSchema, migrationStrategies: { 1: keep, 2: keep, 3: keep, 4: keep, 5: keep, 6: keep } } as CollectionDefinition<FactDoc>,
  paymentRequests: { schema: paymentRequestsJsonSchema, migrationStrategies: { 1: keep, 2: keep, 3: keep } } as CollectionDefinition<PaymentRequestDoc>,
  outbox: { schema: outboxJsonSchema, migrationStrategies: { 1: keep, 2: keep } } as CollectionDefinition<OutboxDoc>,
};

export type BooksCollections = {
  settings: RxCollection<SettingsDoc>;
  users: RxCollection<UserDoc>;
  customers: RxCollection<CustomerDoc>;
  products: RxCollection<ProductDoc>;
  orders: RxCollection<OrderDoc>;
  invoices: RxCollection<InvoiceDoc>;
  facts: RxCollection<FactDoc>;
  paymentRequests: RxCollection<PaymentRequestDoc>;
  outbox: RxCollection<OutboxDoc>;
};

export type BooksDatabase = RxDatabase<BooksCollections>;

export type OpenBooks = {
  db: BooksDatabase;
  /** This installation's id; number series and audit chains are per device. */
  deviceId: string;
  dataDir: string;
  filename: string;
  close(): Promise<void>;
};

export type OpenOptions = {
  /** The folder that holds the data file; created when missing (the shell passes userData). */
  dataDir: string;
  /** Schema validation of every write; on unless a benchmark measures the bare store. */
  validate?: boolean;
  /**
   * How sync decides when two devices changed the same record (per collection); without one,
   * RxDB's default lets the server's copy win, which sync never relies on.
   */
  conflictHandlers?: Partial<Record<keyof BooksCollections, RxConflictHandler<any>>>;
};

/**
 * Opens the books of a data folder for this instance of the app alone: refused with
 * STORE_READ_ONLY when the folder may not be written, STORE_IN_USE while another instance has
 * it open, STORE_FILE_UNREADABLE when the data file is damaged (which is then left as it is).
 */
export async function openDatabase(options: OpenOptions): Promise<OpenBooks> {
  const dataDir = path.resolve(options.dataDir);
  const filename = path.join(dataDir, DATABASE_FILE);
  ensureWritable(dataDir, [filename, `${filename}-wal`, `${filename}-shm`]);
  // Private before the first file lands in it; SQLite gives its -wal and -shm the data file's mode.
  ensurePrivateDir(dataDir);
  const claim = claimDataFolder(dataDir);
  try {
    refuseEmptiedBooks(filename, path.join(dataDir, DEVICE_FILE));
    const books = await openClaimed(dataDir, filename, options);
    return { ...books, close: () => books.close().finally(() => claim.release()) };
  } catch (error) {
    claim.release();
    throw error;
  }
}

async function openClaimed(dataDir: string, filename: string, options: OpenOptions): Promise<OpenBooks> {
  const sqlite = getRxStorageSQLite({ filename });
  const storage = options.validate === false ? sqlite : wrappedValidateAjvStorage({ storage: sqlite });
  const db = await createRxDatabase<BooksCollections>({
    name: 'books',
    storage,
    multiInstance: false,
    eventReduce: true,
    // Deleted documents are kept for a month so that every device can sync the deletion.
    cleanupPolicy: {
      minimumDeletedTime: 1000 * 60 * 60 * 24 * 31,
      waitForLeadership: false,
      awaitReplicationsInSync: true,
    },
  });
  try {
    const handlers = options.conflictHandlers ?? {};
    const collections = Object.fromEntries(
      Object.entries(COLLECTIONS).map(([name, definition]) => {
        const conflictHandler = handlers[name as keyof BooksCollections];
        return [name, conflictHandler ? { ...definition, conflictHandler } : definition];
      }),
    ) as typeof COLLECTIONS;
    await db.addCollections(collections);
    guardCachesAgainstOpenWrites(db, filename);
  } catch (error) {
    await db.close();
    throw error;
  }
  const deviceId = readOrCreateDeviceId(dataDir);
  // Installations from before kept the books 0644 in a folder of 0755.
  securePrivateTree(dataDir);
  return {
    db,
    deviceId,
    dataDir,
    filename,
    close: async () => {
      await db.close();
    },
  };
}

/** The device id lives beside the data file and is never synced: it names this installation. */
function readOrCreateDeviceId(dataDir: string): string {
  const file = path.join(dataDir, DEVICE_FILE);
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { deviceId?: unknown };
    if (typeof parsed.deviceId === 'string' && parsed.deviceId.length > 0) return parsed.deviceId;
  } catch {
    // Missing or unreadable: a new device id follows.
  }
  const deviceId = newId();
  const temp = `${file}.${process.pid}.tmp`;
  writePrivateFile(temp, JSON.stringify({ deviceId, createdAt: new Date().toISOString() }, null, 2));
  fs.renameSync(temp, file);
  return deviceId;
}
