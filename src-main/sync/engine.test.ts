/**
 * The sync engine against a real CouchDB-compatible server: switched off means off, the status
 * tells the truth, and a document the server holds that does not fit our schemas neither blocks
 * the others nor goes unseen.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customer, team } from '../../tests/support/books.js';
import { createAdmin, startCouchServer, type CouchServer } from '../../tests/support/couch-server.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

const ADMIN = { name: 'serveradmin', password: 'Server-Admin-Passwort-1' };
const auth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
let server: CouchServer;
let app: TestApp | null = null;
let n = 0;

beforeAll(async () => {
  server = await startCouchServer({ fullCouchDB: true });
  await createAdmin(server, ADMIN);
});
afterAll(async () => {
  await server?.stop();
});
afterEach(async () => {
  await app?.stop();
  app = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const settings = (prefix: string, enabled = true) => ({ url: server.url, prefix, username: ADMIN.name, password: ADMIN.password, enabled });

async function connected() {
  app = await startTestApp(() => new Date());
  const t = await team(app);
  const prefix = `attack${++n}`;
  const { enabled: _on, ...server_ } = settings(prefix);
  expect((await unwrap(t.admin.invoke('sync.createDatabases', { ...server_, adminUsername: ADMIN.name, adminPassword: ADMIN.password } as never))).outcome).toBe('ok');
  return { t, prefix };
}

async function onServer(prefix: string, collection: string, id: string) {
  const response = await fetch(`${server.url}/${prefix}-${collection}/${encodeURIComponent(id)}`, { headers: { authorization: auth } });
  return response.ok ? ((await response.json()) as Record<string, unknown>) : null;
}

async function putOnServer(prefix: string, collection: string, doc: Record<string, unknown>) {
  const response = await fetch(`${server.url}/${prefix}-${collection}/${encodeURIComponent(String(doc._id))}`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(doc) });
  expect(response.status).toBe(201);
}

async function within<T>(ms: number, promise: Promise<T>): Promise<T | 'timeout'> {
  return Promise.race([promise, sleep(ms).then(() => 'timeout' as const)]);
}

describe('switching sync off', () => {
  it('stops every replication, also after two saves at once', async () => {
    const { t, prefix } = await connected();
    await Promise.all([t.admin.invoke('sync.saveSettings', settings(prefix) as never), t.admin.invoke('sync.saveSettings', settings(prefix) as never)]);
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix, false) as never));
    const c = await customer(t.bookkeeper, { name: 'Nach dem Ausschalten GmbH' });
    await sleep(4000);
    expect(await onServer(prefix, 'customers', c.id)).toBeNull();
  });
});

describe('switching sync off (engine)', () => {
  it('stops every replication after the engine was started twice at once', async () => {
    const { t, prefix } = await connected();
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix) as never));
    const engine = app!.services.sync.engine;
    await Promise.all([engine.apply(), engine.apply(), engine.apply()]);
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix, false) as never));
    const c = await customer(t.bookkeeper, { name: 'Nach dem Ausschalten GmbH' });
    await sleep(4000);
    expect(await onServer(prefix, 'customers', c.id)).toBeNull();
  });
});

describe('what the status says', () => {
  it('has nothing pending once the device is in sync, although its SMTP settings stay here', async () => {
    const { t, prefix } = await connected();
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix) as never));
    await app!.services.sync.engine.inSync();
    await unwrap(t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: 2525, security: 'none', fromAddress: 'rechnung@muster.example', customerServiceAddress: 'service@muster.example', autoSendInvoices: false } as never));
    await customer(t.bookkeeper);
    await app!.services.sync.engine.inSync();
    await sleep(500);
    const status = await unwrap(t.admin.invoke('sync.status', {} as never));
    expect({ state: status.state, pending: status.pending }).toEqual({ state: 'synced', pending: 0 });
  });
});

describe('after a refusal', () => {
  it('says synced again once the refused change ended as a conflict and the rest went on', async () => {
    const { t, prefix } = await connected();
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix) as never));
    const c = await customer(t.bookkeeper);
    const flour = await unwrap(t.bookkeeper.invoke('products.save', { sku: 'MEHL-25', nameDe: 'Mehl', nameEn: 'Flour', unit: 'C62', netPrice: '18.90', vatCategory: 'S', vatRate: '7' } as never));
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '2' }] } as never));
    await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id } as never));
    const invoice = await unwrap(t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [order.id] } as never));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: invoice.id } as never));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: invoice.id } as never));
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: invoice.id } as never));
    await app!.services.sync.engine.inSync();
    // A change of the issued invoice made around the app (an older version, a tool): refused.
    const doc = (await app!.services.books.db.invoices.findOne(invoice.id).exec())!;
    await doc.incrementalPatch({ note: 'nachträglich geändert' } as never);
    await within(8000, app!.services.sync.engine.inSync());
    // The refusal is shown once the push comes back refused: asked for up to 8 s, not slept for once.
    let refused = await unwrap(t.admin.invoke('sync.status', {} as never));
    for (let tries = 0; tries < 80 && !refused.error; tries++) {
      await sleep(100);
      refused = await unwrap(t.admin.invoke('sync.status', {} as never));
    }
    await customer(t.bookkeeper, { name: 'Danach GmbH' });
    await within(8000, app!.services.sync.engine.inSync());
    await sleep(1000);
    const status = await unwrap(t.admin.invoke('sync.status', {} as never));
    const local = (await app!.services.books.db.invoices.findOne(invoice.id).exec())!;
    expect({ refusedShown: refused.error?.messageKey, note: local.get('note') ?? null, state: status.state }).toEqual({ refusedShown: 'sync.error.refused', note: null, state: 'synced' });
  });
});

describe('SMTP settings', () => {
  it('of this device are not replaced by a copy someone put on the server', async () => {
    const { t, prefix } = await connected();
    await unwrap(t.admin.invoke('mail.saveSettings', { host: 'smtp.muster.example', port: 587, security: 'starttls', user: 'rechnung', password: 'Smtp-Geheim-1', fromAddress: 'rechnung@muster.example', customerServiceAddress: 'service@muster.example', autoSendInvoices: false } as never));
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix) as never));
    await app!.services.sync.engine.inSync();
    const id = `mail-${app!.services.books.deviceId}`;
    const local = (await app!.services.books.db.settings.findOne(id).exec())!.toMutableJSON() as Record<string, any>;
    const { _rev, _meta, _attachments, _deleted, ...fields } = local;
    await putOnServer(prefix, 'settings', { ...fields, _id: id, mail: { ...local.mail, host: 'smtp.evil.example', security: 'none' }, updatedAt: new Date().toISOString(), hlc: '009999999999999-000000-EVIL' });
    await within(8000, app!.services.sync.engine.inSync());
    await sleep(1500);
    const view = await unwrap(t.admin.invoke('mail.getSettings', {} as never));
    expect(view.host).toBe('smtp.muster.example');
  });
});

describe('a document on the server that does not fit our schemas', () => {
  it('does not hold back the documents after it, and shows as an error', async () => {
    const { t, prefix } = await connected();
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix) as never));
    const mine = await customer(t.bookkeeper, { name: 'Vorlage GmbH' });
    await app!.services.sync.engine.inSync();
    const template = (await onServer(prefix, 'customers', mine.id))!;
    const { _rev: _ignored, ...fields } = template;
    // An older or hostile device wrote a customer whose name is a number, then a valid one.
    // As a device writes them: the id is CouchDB's _id.
    await putOnServer(prefix, 'customers', { ...fields, _id: 'bad00000000000000000000001', name: 12345 });
    await putOnServer(prefix, 'customers', { ...fields, _id: 'good0000000000000000000001', name: 'Gültig GmbH' });
    await within(8000, app!.services.sync.engine.inSync());
    await sleep(1000);
    const good = await app!.services.books.db.customers.findOne('good0000000000000000000001').exec();
    const status = await unwrap(t.admin.invoke('sync.status', {} as never));
    expect({ arrived: good?.name ?? null, state: status.state }).toEqual({ arrived: 'Gültig GmbH', state: 'error' });
    expect(status.error).toMatchObject({ messageKey: 'sync.error.invalidDocument', collection: 'customers', documentId: 'bad00000000000000000000001' });
    expect(await app!.services.books.db.customers.findOne('bad00000000000000000000001').exec()).toBeNull();
  });
});

describe('a server set up anew', () => {
  it('says the databases are missing, and once they are back this device sends all it holds again', async () => {
    const { t, prefix } = await connected();
    await unwrap(t.admin.invoke('sync.saveSettings', settings(prefix) as never));
    const before = await customer(t.bookkeeper, { name: 'Vor dem Neuaufsetzen GmbH' });
    await app!.services.sync.engine.inSync();
    expect(await onServer(prefix, 'customers', before.id)).not.toBeNull();

    // The server loses its databases (a new machine, a restore gone wrong).
    for (const name of ['settings', 'users', 'customers', 'products', 'orders', 'invoices', 'facts', 'paymentrequests']) {
      const response = await fetch(`${server.url}/${prefix}-${name}`, { method: 'DELETE', headers: { authorization: auth } });
      expect(response.ok).toBe(true);
    }
    // Work goes on meanwhile; its push meets the missing databases.
    await customer(t.bookkeeper, { name: 'Während der Lücke GmbH' });
    let status = await unwrap(t.admin.invoke('sync.status', {} as never));
    for (let i = 0; i < 50 && status.error?.messageKey !== 'sync.error.missingDatabases'; i++) {
      await sleep(200);
      status = await unwrap(t.admin.invoke('sync.status', {} as never));
    }
    expect(status).toMatchObject({ state: 'error', error: { messageKey: 'sync.error.missingDatabases' } });

    // Set up again: everything this device holds goes to the server again, not only what changes next.
    const { enabled: _on, ...server_ } = settings(prefix);
    expect((await unwrap(t.admin.invoke('sync.createDatabases', { ...server_, adminUsername: ADMIN.name, adminPassword: ADMIN.password } as never))).outcome).toBe('ok');
    let back: Record<string, unknown> | null = null;
    for (let i = 0; i < 100 && !back; i++) {
      await sleep(200);
      back = await onServer(prefix, 'customers', before.id);
    }
    expect(back?.name).toBe('Vor dem Neuaufsetzen GmbH');
    await within(8000, app!.services.sync.engine.inSync());
    expect(await onServer(prefix, 'settings', 'company')).not.toBeNull();
    status = await unwrap(t.admin.invoke('sync.status', {} as never));
    expect(status.state).toBe('synced');
  });
});
