/**
 * One collection's replication with the server, through RxDB's CouchDB plugin, with what the
 * plugin leaves to us (read its source: plugins/replication-couchdb/index.js):
 * - Before a push, the server's own rule (refusal.ts) runs here: a change the server would refuse
 *   never leaves; it ends as a conflict that keeps the server's copy and records ours.
 * - A `forbidden` row the server answers anyway would make the plugin throw and retry forever;
 *   it is turned into a conflict with the same ending, and reported.
 * - Every pulled document's clock stamp advances this device's hybrid logical clock.
 * - A document deleted on the server is shown to the conflict desk as that deletion, not as a
 *   document the server never had (see deletionAwareFetch).
 */
import type { RxCollection } from 'rxdb';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import { map } from 'rxjs';
import type { SyncedCollection } from '../../src-shared/contract/sync.js';
import type { ConflictDesk } from './conflicts.js';
import type { HybridClock } from './hlc.js';
import { refusalOf } from './refusal.js';

/**
 * Documents per request. 100 keeps each pulled batch's write short enough that a screen's call
 * waits well under 100 ms while a first sync runs (200 let the worst wait reach 110-150 ms).
 */
export const SYNC_BATCH_SIZE = 100;

export type ReplicationOptions = {
  collection: RxCollection<any>;
  name: SyncedCollection;
  /** The database URL, ending in `/`. */
  url: string;
  /** fetch with the user's credentials; the engine's wrapper also watches reachability. */
  fetch: typeof fetch;
  live: boolean;
  batchSize?: number;
  retryTime?: number;
  desk?: ConflictDesk;
  clock?: HybridClock;
  /**
   * Which life of the server's databases this replication belongs to: a new one (the server
   * was set up again or restored) starts the replication afresh, so everything is sent again.
   */
  epoch?: number;
  /** A document the server refused (or would refuse): shown as the sync error. */
  onRefused?: (id: string, reason: string) => void;
  /** A document on the server that does not fit this collection's schema: left there, not taken, shown. */
  onInvalid?: (id: string, problem: string) => void;
};

export function replicateCollection(options: ReplicationOptions): RxCouchDBReplicationState<any> {
  const { name, desk, clock, onRefused } = options;
  const batchSize = options.batchSize ?? SYNC_BATCH_SIZE;
  const fetchRefusing = errorStatusThrows(
    refusalAwareFetch(deletionAwareFetch(options.fetch), (id, reason) => {
      desk?.refused(name, id, reason);
      onRefused?.(id, reason);
    }),
  );
  const state = replicateCouchDB({
    replicationIdentifier: `couchdb:${options.url}#${options.epoch ?? 0}`,
    collection: options.collection,
    url: options.url,
    fetch: fetchRefusing,
    live: options.live,
    autoStart: false,
    waitForLeadership: false,
    retryTime: options.retryTime ?? 2000,
    pull: {
      batchSize,
      modifier: (doc) => {
        clock?.receive(typeof doc.hlc === 'string' ? doc.hlc : undefined);
        return doc;
      },
    },
    push: { batchSize, modifier: (doc) => (staysOnDevice(name, doc as Record<string, unknown>) ? null : doc) },
  });
  // A document from the server that our schema refuses would fail the pull's write and stop the
  // collection's pull for good; it is left out (and reported), the rest of the batch comes in.
  const fits = schemaCheck(options.collection);
  const keepFitting = <T extends { documents: Record<string, unknown>[] }>(batch: T): T => ({
    ...batch,
    documents: batch.documents.filter((doc) => {
      // The server's own design documents (the refusal rule) are no records of the books.
      if (String(doc.id).startsWith('_design/')) return false;
      const problem = fits(doc);
      if (problem) options.onInvalid?.(String(doc.id), problem);
      return !problem;
    }),
  });
  const pull = state.pull!;
  const fetchBatch = pull.handler;
  // RxDB takes a batch shorter than asked for as the end of the server's changes: what is left
  // out is made up from the next changes, so only the server's real end ends the pull.
  pull.handler = async (checkpoint, size) => {
    const documents: Record<string, unknown>[] = [];
    let next = checkpoint;
    for (let round = 0; round < 1000; round++) {
      const wanted = size - documents.length;
      const batch = await fetchBatch(next, wanted);
      documents.push(...keepFitting(batch).documents);
      next = batch.checkpoint;
      if (batch.documents.length < wanted || documents.length >= size) break;
    }
    return { documents, checkpoint: next };
  };
  if (pull.stream$) pull.stream$ = pull.stream$.pipe(map((event) => (event === 'RESYNC' ? event : keepFitting(event))));
  const push = state.push!;
  const send = push.handler;
  push.handler = async (rows) => {
    const conflicts: any[] = [];
    const allowed = rows.filter((row) => {
      const reason = refusalOf(name, row.newDocumentState as Record<string, unknown>, (row.assumedMasterState ?? null) as Record<string, unknown> | null);
      if (reason === null || !row.assumedMasterState) return true;
      desk?.refused(name, String((row.newDocumentState as Record<string, unknown>).id), reason);
      onRefused?.(String((row.newDocumentState as Record<string, unknown>).id), reason);
      conflicts.push(row.assumedMasterState);
      return false;
    });
    return allowed.length ? [...conflicts, ...(await send(allowed))] : conflicts;
  };
  return state;
}

const VALIDATORS = new WeakMap<object, (doc: unknown) => unknown[]>();

/** The collection's schema as the store checks it, for a document as the server sends it. */
function schemaCheck(collection: RxCollection<any>): (doc: Record<string, unknown>) => string | null {
  return (doc) => {
    // Compiled on the first pulled document and kept: compiling eight schemas at once would hold
    // up every screen while sync starts.
    const validate = VALIDATORS.get(collection.schema.jsonSchema) ?? VALIDATORS.set(collection.schema.jsonSchema, getValidator(collection.schema.jsonSchema)).get(collection.schema.jsonSchema)!;
    const errors = validate({ _attachments: {}, _rev: '1-a', _meta: { lwt: 1 }, ...doc, _deleted: doc._deleted === true }) as { instancePath?: string; message?: string }[];
    return errors.length ? errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()).join('; ') : null;
  };
}

/**
 * What never leaves the device although its collection syncs: the SMTP settings (each device
 * sends its own mail, and their password is sealed with this device's key). See docs/sync.md.
 */
export function staysOnDevice(collection: SyncedCollection, doc: Record<string, unknown>): boolean {
  return collection === 'settings' && doc.kind === 'mail';
}

type AllDocsRow = { id?: string; value?: { rev?: string; deleted?: boolean }; doc?: Record<string, unknown> | null };

/**
 * CouchDB answers `_all_docs` for a deleted document with `doc: null`. The plugin takes that for
 * a document the server never had: its push then writes over the deletion without asking the
 * conflict desk (an edit silently undid a deletion made on another device, with no record of
 * it), and its second look after a conflict fails on the null. Each such row gets the deleted
 * revision itself, so the desk sees the deletion as the server's version.
 */
function deletionAwareFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!response.ok || !url.includes('/_all_docs')) return response;
    const body = (await response.clone().json()) as { rows?: AllDocsRow[] };
    const deleted = (body.rows ?? []).filter((row) => !row.doc && row.id && row.value?.deleted === true && row.value.rev);
    if (!deleted.length) return response;
    const database = url.slice(0, url.indexOf('_all_docs'));
    for (const row of deleted) {
      const rev = row.value!.rev!;
      const answer = await inner(`${database}${encodeURIComponent(row.id!)}?rev=${encodeURIComponent(rev)}`);
      row.doc = answer.ok ? ((await answer.json()) as Record<string, unknown>) : { _id: row.id, _rev: rev, _deleted: true };
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
}

/**
 * The plugin reads every answer as a success. Its live pull reads `results` of the body outside
 * its retry, so an error answer (a wrong password's 401, a 500) ended the process with an
 * unhandled rejection. An error status is thrown here instead, after the engine has seen it:
 * every loop of the plugin then waits its retry time and tries again.
 */
function errorStatusThrows(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (response.status < 400) return response;
    await response.body?.cancel().catch(() => undefined);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    throw new Error(`HTTP ${response.status} from ${url.split('?')[0]}`);
  };
}

/**
 * The plugin throws on any `_bulk_docs` row that is neither ok nor a conflict. A `forbidden`
 * row of a document the server has becomes a conflict (the plugin then fetches the server's copy
 * and asks the conflict desk, which keeps it); one the server does not have is reported and left
 * out, so the rest of the batch goes on.
 */
function refusalAwareFetch(inner: typeof fetch, refused: (id: string, reason: string) => void): typeof fetch {
  const onServer = new Set<string>();
  return async (input, init) => {
    const response = await inner(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const isPost = (init?.method ?? 'GET').toUpperCase() === 'POST';
    if (!isPost || !response.ok) return response;
    if (url.includes('/_all_docs')) {
      const body = (await response.clone().json()) as { rows?: { id?: string; key?: string; doc?: unknown }[] };
      for (const row of body.rows ?? []) if (row.doc && row.id) onServer.add(row.id);
      return response;
    }
    if (!url.includes('/_bulk_docs')) return response;
    const rows = (await response.json()) as { id: string; ok?: boolean; error?: string; reason?: string }[];
    const answer = rows.map((row) => {
      if (row.ok || row.error === 'conflict') return row;
      refused(row.id, row.reason ?? row.error ?? 'refused');
      return onServer.has(row.id) ? { id: row.id, error: 'conflict' } : { id: row.id, ok: true, rev: '' };
    });
    return new Response(JSON.stringify(answer), { status: response.status, headers: response.headers });
  };
}
