/**
 * Sync when things go wrong: a wrong password, a server that is away for a while, a device killed
 * right after a write, a network that drops connections in the middle of a large push, and a
 * change the server refuses. Two devices, each in its own process, reach the server through a
 * proxy of their own that counts requests, can refuse connections and can cut them at random.
 * Every scenario ends with the same books on both devices and the server, every write present,
 * and every audit chain intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-shared/contract/sync.js';
import type { CouchServer } from '../support/couch-server.js';
import { startCuttingProxy, type CuttingProxy } from '../support/cutting-proxy.js';
import { startDevice, type Device } from '../support/devices.js';
import { connectedDevice, converge, expectAuditIntact, serverDocs, settingsFor, startScenarioServer } from '../support/sync-scenario.js';
import { ADDRESS } from '../support/books.js';
import { ADMIN, PASSWORD } from '../support/services.js';

const PREFIX = 'robust';
let server: CouchServer;
let proxyA: CuttingProxy;
let proxyB: CuttingProxy;
let a: Device;
let b: Device;

/** The server as a device reaches it: through its own proxy. */
const via = (proxy: CuttingProxy): CouchServer => ({ url: proxy.url, stop: async () => undefined });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startScenarioServer();
  proxyA = await startCuttingProxy(server.url);
  proxyB = await startCuttingProxy(server.url);
  a = await connectedDevice(via(proxyA), PREFIX, 'A', { first: true });
  b = await connectedDevice(via(proxyB), PREFIX, 'B');
  for (const [device, letter] of [[a, 'A'], [b, 'B']] as const) {
    const cashier = await device.invoke('admin', 'users.create', { name: `Carla ${letter}`, email: `carla-${letter.toLowerCase()}@example.org`, role: 'cashier', password: PASSWORD } as never);
    await device.invoke('cashier', 'auth.login', { userId: cashier.id, password: PASSWORD } as never);
  }
}, 180_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([proxyA?.stop(), proxyB?.stop()]);
  await server?.stop();
});

/** Polls the device's sync status until `wanted` holds; fails with the last status after `ms`. */
async function statusWhen(device: Device, wanted: (status: SyncStatus) => boolean, ms: number): Promise<SyncStatus> {
  const until = Date.now() + ms;
  let status = await device.invoke('admin', 'sync.status', {} as never);
  while (!wanted(status)) {
    if (Date.now() > until) throw new Error(`sync status not reached within ${ms} ms: ${JSON.stringify(status)}`);
    await sleep(50);
    status = await device.invoke('admin', 'sync.status', {} as never);
  }
  return status;
}

async function saveCustomer(device: Device, name: string): Promise<string> {
  const created = await device.invoke('admin', 'customers.save', { name, billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
  return created.id;
}

type Books = Awaited<ReturnType<typeof converge>>;
const payments = (books: Books) => books.facts.filter((f) => f.kind === 'payment') as { id: string; payment: { amount: number; reference: string } }[];

/** Converged, the same on the server, and the audit chains intact. */
async function settled(): Promise<Books> {
  const books = await converge([a, b]);
  for (const collection of ['customers', 'facts'] as const) expect(await serverDocs(server, PREFIX, collection)).toEqual(books[collection]);
  await expectAuditIntact([a, b]);
  return books;
}

describe('sync when the network and the server misbehave', () => {
  it('shows a wrong password as an error, backs off instead of hammering the server, and syncs once the password is right', async () => {
    await a.invoke('admin', 'sync.saveSettings', { ...settingsFor(via(proxyA), PREFIX), password: 'Falsches-Passwort-1' });
    const started = Date.now();
    const status = await statusWhen(a, (s) => s.state === 'error' && s.error?.messageKey === 'sync.error.unauthorized', 5000);
    expect(status.error?.detail).toContain('401');
    console.log(`unauthorized shown after ${Date.now() - started} ms`);
    const written = await saveCustomer(a, 'Schreinerei Falk');

    // Over five seconds: the waits double up to 1 s, so each of the 8 collections retries a few
    // times; at the first wait of 100 ms without backing off they would make hundreds of requests.
    await sleep(1000);
    proxyA.resetCount();
    await sleep(2500);
    const firstHalf = proxyA.requests;
    await sleep(2500);
    const requests = proxyA.requests;
    console.log(`requests with a wrong password over 5 s: ${requests} (first 2.5 s: ${firstHalf})`);
    expect(requests).toBeLessThan(150);
    expect((await a.invoke('admin', 'sync.status', {} as never)).state).toBe('error');

    await a.invoke('admin', 'sync.saveSettings', settingsFor(via(proxyA), PREFIX));
    await statusWhen(a, (s) => s.state === 'synced' && s.error === null, 20_000);
    const books = await settled();
    expect(books.customers.filter((c) => c.id === written)).toHaveLength(1);
  }, 120_000);

  it('shows the server as offline while it is away, keeps the writes made meanwhile and delivers them when it is back', async () => {
    await Promise.all([proxyA.down(), proxyB.down()]);
    const offline = await statusWhen(a, (s) => s.state === 'offline', 10_000);
    expect(offline.offlineSince).not.toBeNull();
    expect(offline.error?.messageKey).toBe('sync.error.unreachable');
    await statusWhen(b, (s) => s.state === 'offline' && s.offlineSince !== null, 10_000);

    const written = [await saveCustomer(a, 'Gärtnerei Lind'), await saveCustomer(a, 'Optik Brandt')];
    const payment = await a.invoke('cashier', 'payments.record', { date: '2026-11-20', amount: '250.00', reference: 'Offline bezahlt' } as never);
    await sleep(3000);
    expect((await a.invoke('admin', 'sync.status', {} as never)).state).toBe('offline');

    await Promise.all([proxyA.up(), proxyB.up()]);
    const back = await statusWhen(a, (s) => s.state === 'synced', 20_000);
    expect(back.offlineSince).toBeNull();
    expect(back.error).toBeNull();
    await statusWhen(b, (s) => s.state === 'synced', 20_000);
    const books = await settled();
    for (const id of written) expect(books.customers.filter((c) => c.id === id)).toHaveLength(1);
    expect(payments(books).filter((p) => p.id === payment.id)).toHaveLength(1);
    expect((await b.invoke('admin', 'customers.get', { id: written[0] } as never)).name).toBe('Gärtnerei Lind');
  }, 120_000);

  it('keeps a write made right before the device was killed, and pushes it once after the restart', async () => {
    const customer = await saveCustomer(b, 'Fahrradhaus Kern');
    const payment = await b.invoke('cashier', 'payments.record', { date: '2026-11-21', amount: '77.70', reference: 'Vor dem Absturz' } as never);
    await b.kill();

    b = await startDevice(b.dataDir);
    await b.invoke('admin', 'auth.login', { login: 'admin-b@example.org', password: ADMIN.password } as never);
    await b.invoke('cashier', 'auth.login', { login: 'carla-b@example.org', password: PASSWORD } as never);
    const books = await settled();
    expect(books.customers.filter((c) => c.id === customer || c.name === 'Fahrradhaus Kern')).toHaveLength(1);
    const paid = payments(books).filter((p) => p.payment.reference === 'Vor dem Absturz');
    expect(paid.map((p) => p.id)).toEqual([payment.id]);
    expect(paid[0]!.payment.amount).toBe(7770);
    expect((await a.invoke('admin', 'customers.get', { id: customer } as never)).name).toBe('Fahrradhaus Kern');
  }, 180_000);

  it('brings 1,000 payments entered offline on each device to both and the server, none doubled, through a network that cuts connections', async () => {
    const before = payments(await converge([a, b])).length;
    await Promise.all([a, b].map((device) => device.invoke('admin', 'sync.saveSettings', settingsFor(via(device === a ? proxyA : proxyB), PREFIX, false))));
    const entered = new Map<string, number>();
    const started = Date.now();
    await Promise.all(
      ([[a, 'A'], [b, 'B']] as const).map(async ([device, letter]) => {
        for (let chunk = 0; chunk < 1000; chunk += 50) {
          await Promise.all(
            Array.from({ length: 50 }, async (_, k) => {
              const n = chunk + k + 1;
              const cents = n * 100 + (letter === 'A' ? 1 : 2);
              const reference = `${letter}-${String(n).padStart(4, '0')}`;
              const view = await device.invoke('cashier', 'payments.record', { date: '2026-11-22', amount: (cents / 100).toFixed(2), reference, counterpartyName: `Kunde ${reference}` } as never);
              entered.set(view.id, cents);
            }),
          );
        }
      }),
    );
    console.log(`2,000 payments entered offline in ${Date.now() - started} ms`);
    expect(entered.size).toBe(2000);

    // A's connections are cut anywhere; B's pushes lose their answers after the server took them.
    proxyA.startCutting({ seed: 1701, probability: 0.05, maxCuts: 15 });
    proxyB.startCutting({ seed: 4242, probability: 0.3, maxCuts: 15, path: /\/_bulk_docs$/, mode: 'response' });
    const online = Date.now();
    await Promise.all([a, b].map((device) => device.invoke('admin', 'sync.saveSettings', settingsFor(via(device === a ? proxyA : proxyB), PREFIX, true))));
    const books = await converge([a, b], 60);
    console.log(`synced in ${Date.now() - online} ms with cuts A ${JSON.stringify(proxyA.cutLog)}, B ${JSON.stringify(proxyB.cutLog)}`);
    proxyA.stopCutting();
    proxyB.stopCutting();
    expect(proxyA.cutLog.length).toBeGreaterThan(0);
    expect(proxyB.cuts.response).toBeGreaterThan(0);
    expect(proxyB.cutLog.every((cut) => cut.path.endsWith('/_bulk_docs'))).toBe(true);

    const all = payments(books);
    expect(all).toHaveLength(before + 2000);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    const ours = all.filter((p) => entered.has(p.id));
    expect(ours).toHaveLength(2000);
    for (const p of ours) expect(p.payment.amount, p.payment.reference).toBe(entered.get(p.id));
    expect(new Set(ours.map((p) => p.payment.reference)).size).toBe(2000);
    await settled();
  }, 600_000);

  it('meets a change the server refuses with a visible error, keeps the server copy, and does not push it again', async () => {
    const payment = await a.invoke('cashier', 'payments.record', { date: '2026-11-23', amount: '19.99', reference: 'Unverändert' } as never);
    const synced = await converge([a, b]);
    const fact = synced.facts.find((f) => f.id === payment.id) as { payment: Record<string, unknown> };
    expect(fact.payment.amount).toBe(1999);

    // The device's store holds a changed payment, past the app's rules; sync tries to push it.
    await a.call('patchDirectly', { collection: 'facts', docId: payment.id, patch: { payment: { ...fact.payment, amount: 99_999 } } });
    const status = await statusWhen(a, (s) => s.state === 'error' && s.error?.messageKey === 'sync.error.refused', 10_000);
    expect(status.error?.documentId).toBe(payment.id);
    expect(status.error?.collection).toBe('facts');
    expect(status.error?.detail).toContain('factChanged');
    // The stopped change is not waiting to be sent: nothing is left pending.
    expect(status.pending).toBe(0);

    await a.call('inSync');
    const conflicts = await a.invoke('admin', 'sync.conflicts', { open: false } as never);
    const refused = conflicts.filter((c) => c.documentId === payment.id);
    expect(refused.map((c) => c.rule)).toEqual(['refusedByServer']);
    expect((refused[0]!.kept.payment as { amount: number }).amount).toBe(1999);
    expect((refused[0]!.other.payment as { amount: number }).amount).toBe(99_999);
    expect(refused[0]!.canKeepOther).toBe(false);

    // No loop: with the change stopped, the device makes no more than its idle requests.
    await sleep(1000);
    proxyA.resetCount();
    await sleep(3000);
    console.log(`requests after the refusal over 3 s: ${proxyA.requests}`);
    expect(proxyA.requests).toBeLessThan(10);

    const books = await settled();
    const kept = books.facts.find((f) => f.id === payment.id) as { payment: { amount: number } };
    expect(kept.payment.amount).toBe(1999);
    expect(((await serverDocs(server, PREFIX, 'facts')).find((f) => f.id === payment.id) as { payment: { amount: number } }).payment.amount).toBe(1999);
  }, 120_000);
});
