import type { RxCollection } from 'rxdb';
import { replicateCouchDB } from 'rxdb/plugins/replication-couchdb';

/** One push-and-pull pass of a collection against a CouchDB database URL; rejects on any error. */
export async function syncOnce(collection: RxCollection<any>, url: string): Promise<void> {
  const state = replicateCouchDB({
    replicationIdentifier: `couch-${url}`,
    collection,
    url,
    live: false,
    pull: { batchSize: 50 },
    push: { batchSize: 50 },
    retryTime: 200,
  });
  let failure: unknown;
  const subscription = state.error$.subscribe((error) => {
    failure ??= error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      state.awaitInitialReplication(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('replication took longer than 30 s')), 30_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    subscription.unsubscribe();
    await state.cancel();
  }
  if (failure) throw failure;
}

/** What both sides must agree on: the documents without RxDB's revision and write-time metadata. */
export function comparable(docs: { toJSON(): Record<string, unknown> }[]): Record<string, unknown>[] {
  return docs
    .map((d) => {
      const { _rev, _meta, _attachments, _deleted, ...rest } = d.toJSON() as Record<string, unknown>;
      return rest;
    })
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}
