/**
 * Sync between devices through a CouchDB server: the device's settings, the conflict desk the
 * store asks when two devices changed one record, the hybrid logical clock that stamps every
 * local write, and the engine that replicates while sync is on. See docs/sync.md.
 */
import { SYNCED_COLLECTIONS } from '../../src-shared/contract/sync.js';
import type { Core } from '../server/core.js';
import type { OpenOptions } from '../store/database.js';
import { SyncConfigFile } from './config.js';
import { ConflictDesk } from './conflicts.js';

export { ConflictDesk };
import { SyncEngine, type EngineOptions } from './engine.js';
import { syncHandlers, type SyncHandlers } from './handlers.js';
import { HybridClock } from './hlc.js';
import { stampLocalWrites } from './stamps.js';

export type SyncOptions = EngineOptions & {
  /** Start sync at start-up when it is switched on (default); tests start it themselves. */
  autoStart?: boolean;
};

export type Sync = {
  handlers: SyncHandlers;
  engine: SyncEngine;
  desk: ConflictDesk;
  clock: HybridClock;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** Made before the books open: the store needs the conflict handlers when it adds the collections. */
export function conflictHandlersFor(desk: ConflictDesk): NonNullable<OpenOptions['conflictHandlers']> {
  return Object.fromEntries(SYNCED_COLLECTIONS.map((name) => [name, desk.handlerFor(name)]));
}

export function createSync(core: Core, desk: ConflictDesk, options: SyncOptions = {}): Sync {
  const config = new SyncConfigFile(core.books.dataDir, core.secrets);
  const clock = new HybridClock(core.books.deviceId, () => core.clock().getTime(), config.read().lastStamp || undefined);
  desk.attach(core, clock);
  stampLocalWrites(core.books.db, clock);
  const engine = new SyncEngine(core, config, desk, clock, options);
  return {
    handlers: syncHandlers(core, config, engine, desk),
    engine,
    desk,
    clock,
    start: () => engine.apply(),
    stop: () => engine.stop(),
  };
}
