/**
 * The second device of the replication test, in its own process (RxDB's open edition allows
 * 13 collections per process). Pulls the customers from the server, changes one, adds one,
 * pushes, and prints its customers as JSON on the last line.
 */
import { openDatabase } from '../../src-main/store/database.js';
import { comparable, syncOnce } from '../support/replicate.js';
import { customer } from './fixtures.js';

const [dataDir, url] = process.argv.slice(2);
if (!dataDir || !url) throw new Error('usage: sync-device <dataDir> <couchUrl>');
const books = await openDatabase({ dataDir });
await syncOnce(books.db.customers, url);
const pulled = await books.db.customers.count().exec();
const first = await books.db.customers.findOne(customer(1).id).exec();
if (!first) throw new Error('customer 1 did not arrive');
await first.incrementalPatch({ name: 'Kunde 1 – geändert auf Gerät B', updatedAt: '2026-11-27T10:00:00.000Z' });
await books.db.customers.insert({ ...customer(999), name: 'Neu von Gerät B: Ärztehaus Süd' });
await syncOnce(books.db.customers, url);
const all = await books.db.customers.find().exec();
process.stdout.write(`${JSON.stringify({ pulled, customers: comparable(all) })}\n`);
await books.close();
