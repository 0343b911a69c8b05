/**
 * A new device joins books that already hold 50,000 documents on the server: its first sync
 * shows how far it is, survives the app being killed halfway, goes on from where it was on the
 * next start (nothing pulled is lost or pulled again from zero), and ends with every document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-shared/contract/sync.js';
import { seedBooksOnServer } from '../../bench/sync-books.js';
import type { CouchServer } from '../support/couch-server.js';
import { deviceFolder, setUpDevice, startDevice, type Device } from '../support/devices.js';
import { connectedDevice, SERVER_ADMIN, settingsFor, startScenarioServer } from '../support/sync-scenario.js';

const PREFIX = 'erstsync';
const ON_SERVER = 50_000;
const KILL_AFTER = 10_000;

let server: CouchServer;
let device: Device | undefined;
let seeded: { customers: string[]; facts: string[] };

beforeAll(async () => {
  server = await startScenarioServer();
  const first = await connectedDevice(server, PREFIX, 'A', { first: true });
  await first.stop();
  seeded = await seedBooksOnServer(server.url, SERVER_ADMIN, PREFIX, ON_SERVER);
}, 120_000);
afterAll(async () => {
  await device?.stop();
  await server?.stop();
});

/** The status every ~200 ms, as the top bar shows it, until `enough` says so (bounded). */
async function watch(on: Device, enough: (status: SyncStatus) => boolean, limitMs: number): Promise<SyncStatus[]> {
  const seen: SyncStatus[] = [];
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const status = await on.call<SyncStatus>('status');
    seen.push(status);
    if (enough(status)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not reached within ${limitMs} ms; last status ${JSON.stringify(seen.at(-1))}`);
}

async function heldOfSeeded(on: Device): Promise<number> {
  const customers = await on.call<number>('count', { collection: 'customers' });
  const payments = await on.call<number>('count', { collection: 'facts', selector: { kind: 'payment' } });
  return customers + payments;
}

describe('first sync of a new device', () => {
  it('pulls 50,000 documents with progress, resumes after being killed and ends with all of them', async () => {
    const dataDir = deviceFolder();
    device = await startDevice(dataDir);
    await setUpDevice(device, 'B');
    await device.invoke('admin', 'sync.saveSettings', settingsFor(server, PREFIX));

    const firstRun = await watch(device, (s) => (s.initial?.done ?? 0) > KILL_AFTER, 120_000);
    const heldAtKill = await heldOfSeeded(device);
    await device.kill();

    // The progress bar moved: several steps between nothing and everything, never backwards.
    const progress = firstRun.flatMap((s) => (s.initial ? [s.initial] : []));
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(new Set(done.filter((d) => d > 0 && d <= KILL_AFTER * 1.5)).size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...progress.map((p) => p.total))).toBeGreaterThanOrEqual(ON_SERVER);
    expect(firstRun.every((s) => s.state === 'syncing')).toBe(true);
    expect(heldAtKill).toBeGreaterThan(KILL_AFTER * 0.9);

    // Started again on the same data folder: what arrived before the kill is still there ...
    device = await startDevice(dataDir);
    expect(await heldOfSeeded(device)).toBeGreaterThanOrEqual(heldAtKill);
    const secondRun = await watch(device, (s) => s.initial === null && s.state === 'synced', 150_000);
    // ... and the pull goes on from there instead of starting from zero.
    const pulledAgain = Math.max(0, ...secondRun.map((s) => s.initial?.done ?? 0));
    expect(pulledAgain).toBeGreaterThan(0);
    expect(pulledAgain).toBeLessThan(ON_SERVER - heldAtKill + 1000);

    const last = secondRun.at(-1)!;
    expect(last).toMatchObject({ state: 'synced', initial: null, error: null });
    expect(await device.call<number>('count', { collection: 'customers' })).toBe(seeded.customers.length);
    expect(await device.call<number>('count', { collection: 'facts', selector: { kind: 'payment' } })).toBe(seeded.facts.length);
    // Once synced, a restart is no first sync any more.
    expect((await device.call<SyncStatus>('inSync')).initial).toBeNull();
  }, 300_000);
});
