/**
 * What every sync scenario needs: a CouchDB-compatible server with an admin and a bookkeeping
 * user, devices in their own processes connected to it, and the checks each scenario ends with:
 * the same documents on every device and the server, and every device's audit chain intact.
 */
import { expect } from 'vitest';
import type { SyncedCollection } from '../../src-shared/contract/sync.js';
import { SYNCED_COLLECTIONS } from '../../src-shared/contract/sync.js';
import { createAdmin, createUser, startCouchServer, type CouchServer } from './couch-server.js';
import { deviceFolder, saveCompany, setUpDevice, startDevice, type Device } from './devices.js';

export const SERVER_ADMIN = { name: 'serveradmin', password: 'Server-Admin-Passwort-1' };
export const SYNC_USER = { name: 'buchhaltung', password: 'Sync-Passwort-2026' };

export type Scenario = { server: CouchServer; prefix: string };

export async function startScenarioServer(): Promise<CouchServer> {
  const server = await startCouchServer({ fullCouchDB: true });
  await createAdmin(server, SERVER_ADMIN);
  await createUser(server, SERVER_ADMIN, SYNC_USER);
  return server;
}

export function settingsFor(server: CouchServer, prefix: string, enabled = true) {
  return { url: server.url, prefix, username: SYNC_USER.name, password: SYNC_USER.password, enabled };
}

/**
 * The databases are created once with the server admin's login (as an office would), which makes
 * the user who syncs a member of each; devices then sync as that user.
 */
export async function createDatabasesAsAdmin(device: Device, server: CouchServer, prefix: string): Promise<void> {
  const { enabled: _, ...connection } = settingsFor(server, prefix);
  const result = await device.invoke('admin', 'sync.createDatabases', { ...connection, adminUsername: SERVER_ADMIN.name, adminPassword: SERVER_ADMIN.password });
  expect(result.outcome).toBe('ok');
}

/**
 * A device connected to the server with sync on. The first device of the books sets up the
 * company and creates the databases; a later one syncs first (it receives the company) and then
 * chooses its own series letter.
 */
export async function connectedDevice(server: CouchServer, prefix: string, letter: string, options: { clockOffsetMs?: number; first?: boolean } = {}): Promise<Device> {
  const device = await startDevice(deviceFolder(), options);
  await setUpDevice(device, letter);
  if (options.first) {
    await saveCompany(device, letter);
    await createDatabasesAsAdmin(device, server, prefix);
  }
  await device.invoke('admin', 'sync.saveSettings', settingsFor(server, prefix));
  await device.call('inSync');
  if (!options.first) {
    await saveCompany(device, letter);
    await device.call('inSync');
  }
  return device;
}

export async function setOnline(device: Device, server: CouchServer, prefix: string, enabled: boolean): Promise<void> {
  await device.invoke('admin', 'sync.saveSettings', { ...settingsFor(server, prefix, enabled), password: undefined } as never);
}

type Dump = Record<SyncedCollection, Record<string, unknown>[]>;

/**
 * Syncs the devices in turn until they hold the same documents (bounded); returns that state.
 * Fails with the first difference when they do not meet.
 */
export async function converge(devices: Device[], rounds = 25): Promise<Dump> {
  let dumps: Dump[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const device of devices) await device.call('inSync');
    dumps = await Promise.all(devices.map((d) => d.call<Dump>('dump')));
    if (dumps.every((d) => JSON.stringify(d) === JSON.stringify(dumps[0]))) return dumps[0]!;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the devices did not converge:\n${differences(dumps).join('\n')}`);
}

function differences(dumps: Dump[]): string[] {
  const lines: string[] = [];
  for (const name of SYNCED_COLLECTIONS) {
    const byId = dumps.map((dump) => new Map((dump[name] ?? []).map((doc) => [String(doc.id), JSON.stringify(doc)])));
    const ids = new Set(byId.flatMap((map) => [...map.keys()]));
    for (const id of ids) {
      const versions = byId.map((map) => map.get(id) ?? '(missing)');
      if (versions.some((v) => v !== versions[0])) lines.push(`${name}/${id}:\n  ${versions.join('\n  ')}`);
    }
  }
  return lines.slice(0, 20);
}

/** The server's documents of one collection, as the devices hold them (for the three-way check). */
export async function serverDocs(server: CouchServer, prefix: string, collection: SyncedCollection): Promise<Record<string, unknown>[]> {
  const auth = `Basic ${Buffer.from(`${SERVER_ADMIN.name}:${SERVER_ADMIN.password}`).toString('base64')}`;
  const body = (await (await fetch(`${server.url}/${prefix}-${collection.toLowerCase()}/_all_docs?include_docs=true`, { headers: { authorization: auth } })).json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows
    .map(({ doc }) => {
      const { _id, _rev, _deleted, _attachments, ...rest } = doc;
      return canonical({ id: _id, ...rest }) as Record<string, unknown>;
    })
    .filter((d) => !String(d.id).startsWith('_design/'))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

/** Every device's audit chain, as each device verifies it, has no break. */
export async function expectAuditIntact(devices: Device[]): Promise<void> {
  for (const device of devices) {
    const chains = await device.call<Record<string, { entries: number; firstBreak: unknown }>>('verifyAudit');
    expect(Object.keys(chains).length).toBeGreaterThanOrEqual(devices.length);
    for (const [deviceId, chain] of Object.entries(chains)) expect(chain.firstBreak, `audit chain of ${deviceId}`).toBeNull();
  }
}
