/**
 * Child process of the crash test: writes batches of facts, one bulkInsert (one
 * transaction) each, and reports every batch after it is committed. The parent kills it.
 */
import { openDatabase } from '../../src-main/store/database.js';

const [dataDir, batchSizeArg] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crash-writer <dataDir> [batchSize]');
const batchSize = Number(batchSizeArg ?? 50);
const books = await openDatabase({ dataDir });
const start = Number(await books.db.facts.count().exec()) / batchSize;

for (let batch = start; batch < start + 10_000; batch++) {
  const occurredAt = new Date().toISOString();
  const docs = Array.from({ length: batchSize }, (_, i) => ({
    id: `b${String(batch).padStart(6, '0')}x${String(i).padStart(4, '0')}`,
    kind: 'stockMovement' as const,
    subjectId: `batch-${batch}`,
    occurredAt,
    deviceId: books.deviceId,
    seq: batch * batchSize + i,
    stockMovement: { productId: `prod${i}`, quantity: '-1', reason: 'delivery' as const },
  }));
  const result = await books.db.facts.bulkInsert(docs);
  if (result.error.length > 0) throw new Error(`batch ${batch} failed: ${JSON.stringify(result.error[0])}`);
  process.stdout.write(`committed ${batch}\n`);
}
await books.close();
