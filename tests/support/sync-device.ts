/**
 * One device of the sync tests, in a process of its own with its own data folder (RxDB's open
 * edition opens 13 collections per process, and a device is a process in real life too). The
 * test drives it over the process channel: every request `{ id, op, ... }` gets `{ id, ok, value |
 * error }`. The app runs with its real services; only the clock may be shifted (`CLOCK_OFFSET_MS`).
 */
import type { ApiClient, HandlerName } from '../../src-shared/contract/index.js';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices, type Services } from '../../src-main/services.js';
import { SYNCED_COLLECTIONS } from '../../src-shared/contract/sync.js';
import { staysOnDevice } from '../../src-main/sync/replication.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: sync-device <dataDir>');
const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
const base = Date.parse(process.env.CLOCK_START ?? '2026-11-27T09:00:00.000Z');
/** One reference moment for every device of a test, so their clocks agree unless one is shifted on purpose. */
const started = Number(process.env.CLOCK_REAL_START ?? Date.now());
/** The books' clock: the test's day, moving with real time, shifted for a device whose clock is off. */
const clock = () => new Date(base + offset + (Date.now() - started));

const services: Services = await startServices({
  dataDir,
  clock,
  logger: { error: (...a: unknown[]) => { if (process.env.SHOW_ERRORS) console.error(...a); } },
  documents: { freezeOnIssue: false },
  mail: { autoStart: false },
  reminders: { autoStart: false },
  sync: { retryMs: 100, maxRetryMs: 1000, announceMs: 20 },
});
const clients = new Map<string, ApiClient>();

type Request = { id: number; op: string; [key: string]: unknown };

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'setupToken':
      return services.setup.current();
    case 'client': {
      // A fresh session, logged in or not: `{ name }`; later `invoke` calls name it.
      clients.set(String(request.name), createInMemoryClient(services));
      return null;
    }
    case 'invoke': {
      const client = clients.get(String(request.as)) ?? createInMemoryClient(services);
      clients.set(String(request.as), client);
      return client.invoke(request.name as HandlerName, request.input as never);
    }
    case 'inSync':
      await services.sync.engine.inSync();
      return services.sync.engine.current();
    case 'status':
      return services.sync.engine.current();
    case 'deviceId':
      return services.books.deviceId;
    case 'patchDirectly': {
      // A change made past the app's rules, as a damaged or tampered store would hold it.
      const collection = services.books.db[request.collection as (typeof SYNCED_COLLECTIONS)[number]] as any;
      const doc = await collection.findOne(String(request.docId)).exec();
      if (!doc) throw new Error(`no ${String(request.collection)} ${String(request.docId)}`);
      await doc.incrementalPatch(request.patch as Record<string, unknown>);
      return null;
    }
    case 'count': {
      // `{ collection, selector? }`: how many documents this device holds.
      const collection = services.books.db[request.collection as (typeof SYNCED_COLLECTIONS)[number]];
      return collection.count({ selector: (request.selector ?? {}) as never }).exec();
    }
    case 'dump':
      return dump();
    case 'verifyAudit': {
      // Every device's chain that arrived here, this one's included.
      const audit = await services.books.db.facts.find({ selector: { kind: 'audit' } }).exec();
      const devices = [...new Set([services.books.deviceId, ...audit.map((f) => f.deviceId)])].sort();
      const result: Record<string, unknown> = {};
      for (const deviceId of devices) result[deviceId] = await services.audit.verify(deviceId);
      return result;
    }
    case 'stop':
      await services.close();
      setImmediate(() => process.exit(0));
      return null;
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

/** Every document that leaves the device, without the store's own keys, by collection, sorted by id. */
async function dump(): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of SYNCED_COLLECTIONS) {
    const docs = await services.books.db[name].find().exec();
    out[name] = docs
      .filter((d) => !staysOnDevice(name, d.toJSON() as Record<string, unknown>))
      .map((d) => {
        const { _rev, _meta, _attachments, _deleted, ...rest } = d.toJSON() as Record<string, unknown>;
        return canonical(rest) as Record<string, unknown>;
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

/** Keys in order, so that two devices' copies of one document compare equal as JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

process.on('message', (request: Request) => {
  handle(request).then(
    (value) => process.send!({ id: request.id, ok: true, value }),
    (error: unknown) => process.send!({ id: request.id, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) }),
  );
});
process.send!({ id: 0, ok: true, value: 'ready' });
