import { createRevision, now, type RxCollection } from 'rxdb';

/**
 * Inserts new documents through the collection's storage (schema validation included) without
 * making an RxDocument of each: for append-only facts written by the thousand (audit entries,
 * stock movements of a batch), which nobody reads back from the write. Refuses all of them
 * when one is refused (the caller's transaction rolls back).
 */
export async function insertFacts<T>(collection: RxCollection<T>, docs: readonly T[], context: string): Promise<void> {
  if (docs.length === 0) return;
  const revision = createRevision(collection.database.token);
  const lwt = now();
  const rows = docs.map((doc) => ({ document: { ...doc, _deleted: false, _attachments: {}, _rev: revision, _meta: { lwt } } }));
  const result = await collection.storageInstance.bulkWrite(rows as never, context);
  if (result.error.length) throw new Error(`${context}: ${result.error.length} of ${docs.length} could not be written (${JSON.stringify(result.error[0]).slice(0, 300)})`);
}
