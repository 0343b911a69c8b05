/**
 * Two devices, each in its own process with its own SQLite file, keep one set of books through a
 * CouchDB-compatible server: what each changed offline arrives on the other, and when both
 * changed the same customer, nothing either typed is lost: merged, or kept as a conflict record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouchServer } from '../support/couch-server.js';
import type { Device } from '../support/devices.js';
import { connectedDevice, converge, expectAuditIntact, serverDocs, setOnline, startScenarioServer } from '../support/sync-scenario.js';
import { ADDRESS } from '../support/books.js';

const PREFIX = 'muster';
let server: CouchServer;
let a: Device;
let b: Device;

beforeAll(async () => {
  server = await startScenarioServer();
  a = await connectedDevice(server, PREFIX, 'A', { first: true });
  b = await connectedDevice(server, PREFIX, 'B');
}, 180_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await server?.stop();
});

const customerInput = (view: Record<string, any>) => ({
  id: view.id,
  name: view.name,
  billingAddress: view.billingAddress,
  paymentTermsDays: view.paymentTermsDays,
  kind: view.kind,
  invoiceEmails: view.invoiceEmails,
  vatId: view.vatId,
  taxNumber: view.taxNumber,
});

describe('documents issued on one device', () => {
  it('opens on the other device byte for byte as frozen, made again from the synced invoice', async () => {
    const buyer = await a.invoke('admin', 'customers.save', { name: 'Café Krone', billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
    const line = { description: 'Kaffeebohnen, 1 kg', quantity: '3', unit: 'C62', netUnitPrice: '18.90', vatCategory: 'S', vatRate: '7' };
    const draft = await a.invoke('admin', 'invoices.saveDraft', { customerId: buyer.id, lines: [line] } as never);
    await a.invoke('admin', 'invoices.submit', { id: draft.id } as never);
    await a.invoke('supervisor', 'invoices.approve', { id: draft.id, acknowledgedRisks: [] } as never);
    const issued = await a.invoke('admin', 'invoices.issue', { id: draft.id } as never);
    const onA = await a.invoke('admin', 'documents.get', { invoiceId: draft.id, format: 'pdf' } as never);
    await converge([a, b]);

    const onB = await b.invoke('admin', 'documents.get', { invoiceId: draft.id, format: 'pdf' } as never);
    expect(onB.fileName).toBe(`${issued.number}.pdf`);
    expect(onB.sha256).toBe(onA.sha256);
    expect(onB.dataBase64).toBe(onA.dataBase64);
    // Still one record per format on both devices.
    expect(await b.invoke('admin', 'documents.list', { invoiceId: draft.id } as never)).toHaveLength(1);
  }, 120_000);
});

describe('master data edited on two devices', () => {
  it('carries a customer created on one device to the other and to the server', async () => {
    const created = await a.invoke('admin', 'customers.save', { name: 'Bäckerei Schmidt GmbH', billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
    const books = await converge([a, b]);
    expect(books.customers.map((c) => c.name)).toContain('Bäckerei Schmidt GmbH');
    const onB = await b.invoke('admin', 'customers.get', { id: created.id } as never);
    expect(onB.name).toBe('Bäckerei Schmidt GmbH');
    expect(await serverDocs(server, PREFIX, 'customers')).toEqual(books.customers);
  }, 120_000);

  it("keeps a device's SMTP settings and their sealed password on that device", async () => {
    await a.invoke('admin', 'mail.saveSettings', { host: '127.0.0.1', port: 2525, security: 'none', user: 'postfach', password: 'Smtp-Geheimnis-1', clearPassword: false, fromName: 'Muster', fromAddress: 'rechnung@muster.example', replyTo: '', bccSelf: false, dueSoonDays: 3, autoSendInvoices: false } as never);
    await a.invoke('admin', 'customers.save', { name: 'Nach den Mail-Einstellungen', billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
    const books = await converge([a, b]);
    expect(books.customers.map((c) => c.name)).toContain('Nach den Mail-Einstellungen');
    expect((await b.invoke('admin', 'mail.getSettings', {} as never)).host).not.toBe('127.0.0.1');
    const onServer = await serverDocs(server, PREFIX, 'settings');
    expect(onServer.filter((s) => s.kind === 'mail')).toEqual([]);
    expect(JSON.stringify(onServer)).not.toContain('Smtp-Geheimnis-1');
    expect((await a.invoke('admin', 'mail.getSettings', {} as never)).host).toBe('127.0.0.1');
  }, 120_000);

  it('merges different fields changed offline on both devices, and keeps the losing value of one field changed on both', async () => {
    const created = await a.invoke('admin', 'customers.save', { name: 'Metzgerei Wagner', billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
    await converge([a, b]);
    await setOnline(a, server, PREFIX, false);
    await setOnline(b, server, PREFIX, false);

    const onA = await a.invoke('admin', 'customers.get', { id: created.id } as never);
    await a.invoke('admin', 'customers.save', { ...customerInput(onA), paymentTermsDays: 30, name: 'Metzgerei Wagner KG' } as never);
    const onB = await b.invoke('admin', 'customers.get', { id: created.id } as never);
    await b.invoke('admin', 'customers.save', { ...customerInput(onB), taxNumber: '133/5819/0999', name: 'Metzgerei Wagner & Sohn' } as never);

    await setOnline(a, server, PREFIX, true);
    await setOnline(b, server, PREFIX, true);
    const books = await converge([a, b]);
    const merged = books.customers.find((c) => c.id === created.id)!;
    // One side changed each of these alone: both are kept.
    expect(merged.paymentTermsDays).toBe(30);
    expect(merged.taxNumber).toBe('133/5819/0999');
    // Both changed the name: B's change is the later one (it was made after A's by every clock).
    expect(merged.name).toBe('Metzgerei Wagner & Sohn');

    const conflicts = await a.invoke('admin', 'sync.conflicts', { open: true } as never);
    const conflict = conflicts.find((c) => c.documentId === created.id);
    expect(conflict?.rule).toBe('laterChange');
    expect(conflict?.fields).toContain('name');
    expect(conflict?.other.name).toBe('Metzgerei Wagner KG');
    expect(conflict?.canKeepOther).toBe(true);
    expect(await serverDocs(server, PREFIX, 'customers')).toEqual(books.customers);

    // A person keeps the other name; that is a change like any other, and it reaches B.
    await a.invoke('supervisor', 'sync.keepOther', { id: conflict!.id } as never);
    const after = await converge([a, b]);
    expect(after.customers.find((c) => c.id === created.id)?.name).toBe('Metzgerei Wagner KG');
    const open = await b.invoke('admin', 'sync.conflicts', { open: true } as never);
    expect(open.find((c) => c.id === conflict!.id)).toBeUndefined();
    await expectAuditIntact([a, b]);
  }, 180_000);
});
