/**
 * Runs sync while it is switched on: one live replication per synced collection against
 * `<prefix>-<collection>` on the server, backing off while the server is unreachable, and one
 * status for every screen (the `sync.status` event): synced at, syncing N documents, offline
 * since, or an error saying what to do; during a device's first sync, how far the pull is.
 * Pulled documents tell the screens through `data.changed`, like any local write.
 */
import type { RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import type { Subscription } from 'rxjs';
import { SYNCED_COLLECTIONS, type SyncedCollection, type SyncStatus } from '../../src-shared/contract/sync.js';
import type { Core } from '../server/core.js';
import type { SyncConfig, SyncConfigFile } from './config.js';
import type { ConflictDesk } from './conflicts.js';
import type { HybridClock } from './hlc.js';
import { replicateCollection, staysOnDevice, SYNC_BATCH_SIZE } from './replication.js';
import { databaseNames, fetchWithAuth } from './server.js';
import { allDatabasesExist, markerMissing, MISSING_DATABASE, putMarkers } from './markers.js';

export type EngineOptions = {
  /** First wait after a failed request; doubles up to `maxRetryMs` while the server stays away. */
  retryMs?: number;
  maxRetryMs?: number;
  batchSize?: number;
  /** How long pulled ids are gathered before one `data.changed` per collection. */
  announceMs?: number;
};

type Running = {
  states: Map<SyncedCollection, RxCouchDBReplicationState<any>>;
  subscriptions: Subscription[];
  active: Set<SyncedCollection>;
  retryMs: number;
  /** The server answered that the databases do not exist (emptied or set up anew). */
  databasesMissing?: boolean;
};


function requestUrl(input: Parameters<typeof fetch>[0]): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** What sync itself records (conflicts, voided numbers): no sign that the user's work goes through again. */
const RECORDS_OF_SYNC = new Set(['syncConflict', 'numberVoided']);

/** Errors that concern one document: shown until a later change goes through. */
const ONE_OFF = new Set(['sync.error.refused', 'sync.error.invalidDocument', 'sync.error.failed']);

function failureText(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const e = error as { code?: string; message?: string; parameters?: { errors?: { message?: string }[]; writeError?: { status?: number; documentId?: string } } };
  const inner = e.parameters?.errors?.map((x) => x.message).filter(Boolean).join('; ') ?? '';
  const write = e.parameters?.writeError ? ` (document ${e.parameters.writeError.documentId}, status ${e.parameters.writeError.status})` : '';
  return `${e.code ?? ''} ${inner || e.message || ''}${write}`.trim();
}

const OFF: SyncStatus = { state: 'off', lastSyncedAt: null, pending: 0, offlineSince: null, error: null, initial: null, openConflicts: 0 };

export class SyncEngine {
  private running: Running | null = null;
  private status: SyncStatus = { ...OFF };
  private readonly pending = new Map<SyncedCollection, Set<string>>();
  private readonly pulled = new Map<SyncedCollection, Set<string>>();
  private announceTimer: NodeJS.Timeout | null = null;
  private stampTimer: NodeJS.Timeout | null = null;
  private starting: Promise<void> | null = null;
  private generation = 0;
  private applying: Promise<void> = Promise.resolve();
  private readonly afterError = new Set<string>();

  constructor(
    private readonly core: Core,
    private readonly config: SyncConfigFile,
    private readonly desk: ConflictDesk,
    private readonly clock: HybridClock,
    private readonly options: EngineOptions = {},
  ) {
    desk.onChange(() => void this.recountConflicts());
  }

  current(): SyncStatus {
    return { ...this.status };
  }

  /** Starts, restarts or stops sync to match the stored settings; calls at once run one after another. */
  apply(): Promise<void> {
    const next = this.applying.then(() => this.applyNow());
    this.applying = next.catch(() => undefined);
    return next;
  }

  private async applyNow(): Promise<void> {
    await this.stop();
    const config = this.config.read();
    if (!config.enabled || !this.config.view(config).configured) {
      this.publish({ ...OFF, openConflicts: this.status.openConflicts });
      return;
    }
    this.starting = this.start(config);
    await this.starting;
  }

  private async start(config: SyncConfig): Promise<void> {
    const generation = ++this.generation;
    const names = databaseNames(config.prefix);
    const base = config.url.replace(/\/+$/, '');
    const retryMs = this.options.retryMs ?? 2000;
    const running: Running = { states: new Map(), subscriptions: [], active: new Set(), retryMs };
    this.running = running;
    const firstSync = config.firstSyncDoneAt === null;
    this.publish({ ...this.status, state: 'syncing', error: null, initial: firstSync ? { done: 0, total: 0 } : null });
    const authed = fetchWithAuth(this.config.access(config));
    const watched = this.watchingFetch(authed, running);
    const epoch = await this.epochOf(authed, config);
    if (firstSync) void this.estimateTotal(watched, base, names, generation);
    for (const name of SYNCED_COLLECTIONS) {
      const collection = this.core.books.db[name];
      const state = replicateCollection({
        collection,
        name,
        url: `${base}/${names[name]}/`,
        fetch: watched,
        live: true,
        retryTime: retryMs,
        epoch,
        desk: this.desk,
        clock: this.clock,
        batchSize: this.options.batchSize ?? SYNC_BATCH_SIZE,
        onRefused: (id, reason) => this.refused(name, id, reason),
        onInvalid: (id, problem) => this.publish({ ...this.status, state: 'error', error: { messageKey: 'sync.error.invalidDocument', detail: problem, collection: name, documentId: id } }),
      });
      running.states.set(name, state);
      await new Promise<void>((resolve) => setImmediate(resolve));
      running.subscriptions.push(
        state.received$.subscribe((doc: { id?: string }) => this.noteReceived(name, String(doc.id ?? ''))),
        state.sent$.subscribe((doc: { id?: string }) => this.noteSent(running, name, String(doc.id ?? ''))),
        state.active$.subscribe((active) => this.noteActive(running, name, active)),
        // Network and credential trouble is told by the fetch wrapper; anything else that stops a
        // batch (a write the store refused, a conflict that could not be recorded) is told here.
        state.error$.subscribe((error) => this.noteFailure(running, name, error)),
        collection.eventBulks$.subscribe((bulk) => {
          if (bulk.context.startsWith('replication')) return;
          const ids = this.pending.get(name) ?? new Set<string>();
          for (const event of bulk.events) {
            const data = event.documentData as Record<string, unknown>;
            if (staysOnDevice(name, data)) continue;
            ids.add(event.documentId);
            // A change someone makes after a one-document error; its arrival on the server ends the error.
            if (this.status.state === 'error' && !RECORDS_OF_SYNC.has(String(data.kind))) this.afterError.add(event.documentId);
          }
          this.pending.set(name, ids);
        }),
      );
    }
    // One after another with a turn of the event loop between: each start opens its checkpoint
    // table and compiles its checks, and a screen's call is answered in between.
    for (const state of running.states.values()) {
      await state.start();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    void this.whenInitiallyInSync(running, generation, firstSync);
    this.stampTimer = setInterval(() => this.saveStamp(), 10_000);
    await this.recountConflicts();
  }

  /** Looks for the databases while they are missing; once they are all back, sync starts afresh. */
  private async whenDatabasesBack(running: Running, fetcher: typeof fetch): Promise<void> {
    const urls = this.databaseUrls(this.config.read());
    while (this.running === running) {
      await new Promise((resolve) => setTimeout(resolve, running.retryMs));
      if (this.running !== running) return;
      // Set up again: a new epoch (the markers are gone with the old databases) sends everything.
      if (await allDatabasesExist(fetcher, urls)) {
        void this.apply();
        return;
      }
    }
  }

  /**
   * A device that synced before and finds its marker missing from a database meets databases set
   * up anew (an emptied or replaced server): it starts a new epoch, so its replication begins
   * afresh and sends everything it holds again instead of only what changed since.
   */
  private async epochOf(fetcher: typeof fetch, config: SyncConfig): Promise<number> {
    const urls = this.databaseUrls(config);
    const missing = await markerMissing(fetcher, urls, this.core.books.deviceId);
    if (missing === null) return config.epoch;
    const epoch = missing && config.firstSyncDoneAt !== null ? config.epoch + 1 : config.epoch;
    if (epoch !== config.epoch) this.config.update({ epoch });
    await putMarkers(fetcher, urls, this.core.books.deviceId, epoch);
    return epoch;
  }

  private databaseUrls(config: SyncConfig): string[] {
    const names = databaseNames(config.prefix);
    const base = config.url.replace(/\/+$/, '');
    return SYNCED_COLLECTIONS.map((name) => `${base}/${names[name]}`);
  }

  private async whenInitiallyInSync(running: Running, generation: number, firstSync: boolean): Promise<void> {
    try {
      await Promise.all([...running.states.values()].map((state) => state.awaitInitialReplication()));
    } catch {
      return;
    }
    if (generation !== this.generation) return;
    const now = this.core.clock().toISOString();
    if (firstSync) this.config.update({ firstSyncDoneAt: now });
    this.saveStamp();
    this.publish({ ...this.status, initial: null, ...(this.status.state === 'error' ? {} : { state: 'synced', lastSyncedAt: now, offlineSince: null }) });
  }

  /** Settles when every collection matches the server as of now (tests and "sync now"). */
  async inSync(): Promise<void> {
    await this.starting;
    const running = this.running;
    if (!running) return;
    await Promise.all([...running.states.values()].map((state) => state.awaitInSync()));
    this.flushAnnouncements();
  }

  async stop(): Promise<void> {
    this.generation++;
    await this.starting?.catch(() => undefined);
    this.starting = null;
    const running = this.running;
    this.running = null;
    if (this.stampTimer) clearInterval(this.stampTimer);
    this.stampTimer = null;
    if (!running) return;
    for (const subscription of running.subscriptions) subscription.unsubscribe();
    await Promise.all([...running.states.values()].map((state) => state.cancel()));
    this.flushAnnouncements();
    this.saveStamp();
  }

  private saveStamp(): void {
    const last = this.clock.last;
    if (last && last !== this.config.read().lastStamp) this.config.update({ lastStamp: last });
  }

  /** Reachability and credentials, as every request of the replication meets them. */
  private watchingFetch(inner: typeof fetch, running: Running): typeof fetch {
    return async (input, init) => {
      let response: Response;
      try {
        response = await inner(input, init);
      } catch (error) {
        if (this.running === running) this.wentOffline(running, error);
        throw error;
      }
      if (this.running !== running) return response;
      if (response.status === 404 && /\/(_changes|_all_docs|_bulk_docs)/.test(requestUrl(input)) && !running.databasesMissing) {
        const body = (await response.clone().json().catch(() => ({}))) as { reason?: string };
        if (MISSING_DATABASE.test(body.reason ?? '')) {
          running.databasesMissing = true;
          this.publish({ ...this.status, state: 'error', error: { messageKey: 'sync.error.missingDatabases', detail: `HTTP 404 ${body.reason ?? ''}`.trim() } });
          this.backOff(running);
          void this.whenDatabasesBack(running, inner);
        }
      } else if (running.databasesMissing) {
        // Until they are back, no answer clears the error.
      } else if (response.status === 401 || response.status === 403) {
        const messageKey = response.status === 401 ? 'sync.error.unauthorized' : 'sync.error.forbidden';
        this.publish({ ...this.status, state: 'error', error: { messageKey, detail: `HTTP ${response.status}` } });
        this.backOff(running);
      } else if (response.status >= 500) {
        this.publish({ ...this.status, state: 'error', error: { messageKey: 'sync.error.server', detail: `HTTP ${response.status}` } });
        this.backOff(running);
      } else if (this.status.state === 'offline' || (this.status.state === 'error' && !ONE_OFF.has(this.status.error?.messageKey ?? ''))) {
        running.retryMs = this.options.retryMs ?? 2000;
        for (const state of running.states.values()) state.retryTime = running.retryMs;
        this.publish({ ...this.status, state: running.active.size ? 'syncing' : 'synced', offlineSince: null, error: null });
      }
      return response;
    };
  }

  /** A document the server refuses is stopped, not waiting: it leaves the pending count. */
  private refused(name: SyncedCollection, id: string, reason: string): void {
    this.pending.get(name)?.delete(id);
    this.publish({ ...this.status, state: 'error', pending: this.pendingCount(), error: { messageKey: 'sync.error.refused', detail: reason, collection: name, documentId: id } });
  }

  /**
   * A document reached the server. An error about one document (refused, not fitting, a failed
   * step) stays shown until then: the case is in the conflicts or left on the server, and the
   * next document that goes through shows that sync works again.
   */
  private noteSent(running: Running, name: SyncedCollection, id: string): void {
    this.pending.get(name)?.delete(id);
    if (this.running !== running || this.status.state !== 'error' || !ONE_OFF.has(this.status.error?.messageKey ?? '')) return;
    if (!this.afterError.delete(id)) return;
    this.afterError.clear();
    this.publish({ ...this.status, state: running.active.size ? 'syncing' : 'synced', error: null, lastSyncedAt: this.core.clock().toISOString(), pending: this.pendingCount() });
  }

  private noteFailure(running: Running, name: SyncedCollection, error: unknown): void {
    if (this.running !== running || this.status.state === 'offline') return;
    const detail = failureText(error);
    // Failed requests are the fetch wrapper's to tell (offline, password, server).
    if (/RC_STREAM|fetch failed|ECONNREFUSED|ECONNRESET|other side closed|socket/i.test(detail)) return;
    if (this.status.state === 'error' && this.status.error?.messageKey !== 'sync.error.failed') return;
    this.publish({ ...this.status, state: 'error', error: { messageKey: 'sync.error.failed', detail: detail.slice(0, 500), collection: name } });
  }

  private wentOffline(running: Running, error: unknown): void {
    this.backOff(running);
    if (this.status.state === 'offline') return;
    this.publish({
      ...this.status,
      state: 'offline',
      offlineSince: this.core.clock().toISOString(),
      error: { messageKey: 'sync.error.unreachable', detail: error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error) },
    });
  }

  private backOff(running: Running): void {
    running.retryMs = Math.min(running.retryMs * 2, this.options.maxRetryMs ?? 60_000);
    for (const state of running.states.values()) state.retryTime = running.retryMs;
  }

  private noteActive(running: Running, name: SyncedCollection, active: boolean): void {
    if (this.running !== running) return;
    if (active) running.active.add(name);
    else running.active.delete(name);
    if (this.status.state === 'offline' || this.status.state === 'error') return;
    if (running.active.size > 0) {
      if (this.status.state !== 'syncing' || this.status.pending !== this.pendingCount()) this.publish({ ...this.status, state: 'syncing', pending: this.pendingCount() });
    } else if (this.status.initial === null) {
      this.publish({ ...this.status, state: 'synced', lastSyncedAt: this.core.clock().toISOString(), pending: this.pendingCount() });
    }
  }

  private pendingCount(): number {
    let count = 0;
    for (const ids of this.pending.values()) count += ids.size;
    return count;
  }

  private noteReceived(name: SyncedCollection, id: string): void {
    const ids = this.pulled.get(name) ?? new Set<string>();
    ids.add(id);
    this.pulled.set(name, ids);
    if (this.status.initial) this.status = { ...this.status, initial: { done: this.status.initial.done + 1, total: Math.max(this.status.initial.total, this.status.initial.done + 1) } };
    this.announceTimer ??= setTimeout(() => this.flushAnnouncements(), this.options.announceMs ?? 150);
  }

  private flushAnnouncements(): void {
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.announceTimer = null;
    for (const [collection, ids] of this.pulled) {
      if (ids.size) this.core.bus.emit('data.changed', { collection, ids: [...ids] });
    }
    // Conflicts and choices other devices recorded arrive as facts: the open count follows them.
    if (this.pulled.get('facts')?.size) void this.recountConflicts();
    this.pulled.clear();
    if (this.status.initial) this.publish(this.status);
  }

  /** The server's document count of every database: the first sync's 100 %. */
  private async estimateTotal(fetcher: typeof fetch, base: string, names: Record<SyncedCollection, string>, generation: number): Promise<void> {
    let total = 0;
    for (const name of SYNCED_COLLECTIONS) {
      try {
        const info = (await (await fetcher(`${base}/${names[name]}`)).json()) as { doc_count?: number; doc_del_count?: number };
        total += (info.doc_count ?? 0) + (info.doc_del_count ?? 0);
      } catch {
        return;
      }
    }
    if (generation !== this.generation || !this.status.initial) return;
    this.publish({ ...this.status, initial: { done: this.status.initial.done, total: Math.max(total, this.status.initial.done) } });
  }

  private async recountConflicts(): Promise<void> {
    const openConflicts = await this.desk.openCount().catch(() => this.status.openConflicts);
    if (openConflicts !== this.status.openConflicts) this.publish({ ...this.status, openConflicts });
  }

  private publish(status: SyncStatus): void {
    this.status = status;
    this.core.bus.emit('sync.status', { ...status });
  }
}
