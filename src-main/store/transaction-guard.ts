import { openConnection, openTransaction, type Connection } from './sqlite-storage/connection.js';

/** The parts of RxDB's per-collection caches that a rolled-back or still open write concerns. */
type CollectionCaches = {
  _docCache: {
    cacheItemByDocId: Map<string, unknown>;
    getLatestDocumentDataIfExists(id: string): unknown;
  };
  _queryCache: { getByQuery<Q>(query: Q): Q };
};

/**
 * Keeps RxDB's in-memory caches to committed data. The storage emits change events only after
 * COMMIT; what RxDB caches without an event must follow the same rule:
 * - the latest state of a document written inside an open transaction is read from the storage
 *   (the writer sees its own change, everyone else the committed state), not from the cache;
 * - while a transaction has written to a collection, its queries run on the storage instead of
 *   sharing a cached result between the writer and everyone else;
 * - after a ROLLBACK the cached states of the documents it wrote are dropped.
 * Returns the function that removes the guard.
 */
export function guardCachesAgainstOpenWrites(db: { readonly collections: object }, filename: string): () => void {
  const connection = openConnection(filename);
  if (!connection) throw new Error(`No open database at ${filename}`);
  const collections = db.collections as Record<string, unknown>;
  for (const [name, collection] of Object.entries(collections)) guardCollection(connection, name, collection as CollectionCaches);
  const forgetRolledBack = (touched: ReadonlyMap<string, ReadonlySet<string>>) => {
    for (const [name, ids] of touched) {
      const collection = collections[name] as unknown as CollectionCaches | undefined;
      if (!collection) continue;
      for (const id of ids) collection._docCache.cacheItemByDocId.delete(id);
    }
  };
  connection.rollbackListeners.add(forgetRolledBack);
  return () => connection.rollbackListeners.delete(forgetRolledBack);
}

function guardCollection(connection: Connection, name: string, collection: CollectionCaches): void {
  const docCache = collection._docCache;
  const latestOf = docCache.getLatestDocumentDataIfExists.bind(docCache);
  docCache.getLatestDocumentDataIfExists = (id: string) =>
    openTransaction(connection)?.touched.get(name)?.has(id) ? undefined : latestOf(id);

  const queryCache = collection._queryCache;
  const cached = queryCache.getByQuery.bind(queryCache);
  queryCache.getByQuery = <Q>(query: Q): Q => (openTransaction(connection)?.touched.has(name) ? query : cached(query));
}
