import { createRevision, now, type RxCollection } from 'rxdb';

/**
 * Inserts new documents through the collection's storage (schema validation included) without
 * making an RxDocument of each: for append-only facts written by the thousand (audit entries,
 * stock movements of a batch), which nobody reads back from the write. Throws when one is
 * refused, so the write around it (the write path's transaction) keeps none of them. It skips what RxDB's own insert adds
 * on top: schema defaults and insert hooks; the facts schema has neither (a test says so).
 */
export async function insertFacts<T>(collection: RxCollection<T>, docs: readonly T[], context: string): Promise<void> {
  if (docs.length === 0) return;
  const revision = createRevision(collection.database.token);
  const lwt = now();
  const rows = docs.map((doc) => ({ document: { ...doc, _deleted: false, _attachments: {}, _rev: revision, _meta: { lwt } } }));
  const result = await collection.storageInstance.bulkWrite(rows as never, context);
  if (result.error.length) throw new Error(`${context}: ${result.error.length} of ${docs.length} could not be written (${JSON.stringify(result.error[0]).slice(0, 300)})`);
}
