/**
 * Two devices, each in its own process with its own SQLite file, act offline on the same
 * documents through their life: a draft edited while it is approved elsewhere, one approved
 * invoice issued twice, a mail template reset on one device while edited on the other, a device
 * that wants another device's series letter, and a device whose clock is a day ahead. Each ends
 * with the same documents on every device and the server, every write kept in a document or a
 * conflict record, and every device's audit chain intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS } from '../../src-shared/contract/sync.js';
import { compareStamps } from '../../src-main/sync/hlc.js';
import type { CouchServer } from '../support/couch-server.js';
import { deviceFolder, setUpDevice, startDevice, type Device } from '../support/devices.js';
import { connectedDevice, converge, expectAuditIntact, serverDocs, setOnline, settingsFor, startScenarioServer } from '../support/sync-scenario.js';
import { ADDRESS } from '../support/books.js';
import { ADMIN, COMPANY, PASSWORD } from '../support/services.js';

const PREFIX = 'lebenslauf';
const DAY_MS = 86_400_000;
let server: CouchServer;
let a: Device;
let b: Device;
const others: Device[] = [];

beforeAll(async () => {
  server = await startScenarioServer();
  a = await connectedDevice(server, PREFIX, 'A', { first: true });
  b = await connectedDevice(server, PREFIX, 'B');
}, 180_000);
afterAll(async () => {
  await Promise.all([a, b, ...others].map((d) => d?.stop()));
  await server?.stop();
});

type Books = Awaited<ReturnType<typeof converge>>;

/** The devices meet, and the server holds what they hold. */
async function settle(devices: Device[]): Promise<Books> {
  const books = await converge(devices);
  for (const name of SYNCED_COLLECTIONS) expect(await serverDocs(server, PREFIX, name), `server's ${name}`).toEqual(books[name]);
  return books;
}

async function offline(...devices: Device[]): Promise<void> {
  for (const device of devices) await setOnline(device, server, PREFIX, false);
}

/** Back online one after the other: the first one's changes reach the server first. */
async function online(...devices: Device[]): Promise<void> {
  for (const device of devices) {
    await setOnline(device, server, PREFIX, true);
    await device.call('inSync');
  }
}

const LINES = [{ description: 'Beratung', quantity: '2', netUnitPrice: '80', unit: 'HUR' }];

async function draftOn(device: Device, name: string) {
  const customer = await device.invoke('admin', 'customers.save', { name, billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
  return device.invoke('admin', 'invoices.saveDraft', { customerId: customer.id, lines: LINES } as never);
}

/** Written and submitted by the device's admin, approved by its supervisor (four eyes). */
async function approvedOn(device: Device, name: string) {
  const draft = await draftOn(device, name);
  await device.invoke('admin', 'invoices.submit', { id: draft.id });
  return device.invoke('supervisor', 'invoices.approve', { id: draft.id } as never);
}

/**
 * Every number of every series is on one document or voided, once, and the numbers of each
 * series run from 1 without a gap.
 */
function expectSeriesGaplessAndUnique(books: Books): string[] {
  const onDocuments = books.invoices.map((d) => String(d.number ?? '')).filter(Boolean);
  const voided = books.facts.filter((f) => f.kind === 'numberVoided').map((f) => String((f.numberVoided as { number: string }).number));
  const all = [...onDocuments, ...voided];
  expect(new Set(all).size, `numbers used twice: ${all.join(', ')}`).toBe(all.length);
  const bySeries = new Map<string, number[]>();
  for (const number of all) {
    const match = /^(.*-)(\d+)$/.exec(number)!;
    bySeries.set(match[1]!, [...(bySeries.get(match[1]!) ?? []), Number(match[2])]);
  }
  for (const [series, counters] of bySeries) {
    expect(counters.sort((x, y) => x - y), `series ${series}`).toEqual(counters.map((_, i) => i + 1));
  }
  return all;
}

/** The device's process ends and starts again on its data folder; its people log in again. */
async function restart(device: Device, letter: string): Promise<Device> {
  await device.stop();
  const again = await startDevice(device.dataDir);
  const users = (await again.call<Books>('dump')).users;
  const idOf = (email: string) => String(users.find((u) => u.email === email)!.id);
  await again.invoke('admin', 'auth.login', { userId: idOf(`admin-${letter.toLowerCase()}@example.org`), password: ADMIN.password } as never);
  await again.invoke('supervisor', 'auth.login', { userId: idOf(`sabine-${letter.toLowerCase()}@example.org`), password: PASSWORD } as never);
  await again.call('inSync');
  return again;
}

describe('documents through their life on two devices', () => {
  let approvedId = '';

  it('keeps the approval of a draft that was edited offline on the other device, and the edit as a conflict record', async () => {
    const draft = await draftOn(a, 'Bäckerei Schmidt GmbH');
    await settle([a, b]);
    await offline(a, b);

    // A raises the price in the draft, while on B it is submitted and approved by B's supervisor.
    await a.invoke('admin', 'invoices.saveDraft', { id: draft.id, customerId: draft.customerId, lines: [{ ...LINES[0]!, netUnitPrice: '95' }] } as never);
    await b.invoke('admin', 'invoices.submit', { id: draft.id });
    const approved = await b.invoke('supervisor', 'invoices.approve', { id: draft.id } as never);
    expect(approved.status).toBe('approved');
    const editOnA = (await a.call<Books>('dump')).invoices.find((d) => d.id === draft.id)!;
    const approvalOnB = (await b.call<Books>('dump')).invoices.find((d) => d.id === draft.id)!;
    expect(editOnA.grossAmount).not.toBe(approvalOnB.grossAmount);

    await online(b, a);
    const books = await settle([a, b]);
    const invoice = books.invoices.find((d) => d.id === draft.id)!;
    expect(invoice).toEqual(approvalOnB);

    for (const device of [a, b]) {
      const conflict = (await device.invoke('supervisor', 'sync.conflicts', { open: false } as never)).find((c) => c.documentId === draft.id);
      expect(conflict?.rule).toBe('stateForward');
      expect(conflict?.canKeepOther).toBe(false);
      expect(conflict?.kept.status).toBe('approved');
      // A's edit is kept here, whole.
      expect(conflict?.other).toMatchObject({ status: 'draft', grossAmount: editOnA.grossAmount, lines: editOnA.lines });
    }
    // The approved version is final: the edit cannot be put back over it.
    const conflict = (await a.invoke('supervisor', 'sync.conflicts', { open: false } as never)).find((c) => c.documentId === draft.id)!;
    const refused = await a.attempt('supervisor', 'sync.keepOther', { id: conflict.id } as never);
    expect(refused.error?.code).toBe('CONFLICT');
    expect((await settle([a, b])).invoices.find((d) => d.id === draft.id)?.status).toBe('approved');
    await expectAuditIntact([a, b]);
    approvedId = draft.id;
  }, 240_000);

  it('keeps one number for an approved invoice issued offline on both devices and voids the other with its reason; no number is used twice, also after a restart', async () => {
    expect(approvedId).not.toBe('');
    await offline(a, b);
    const onA = await a.invoke('admin', 'invoices.issue', { id: approvedId });
    const onB = await b.invoke('admin', 'invoices.issue', { id: approvedId });
    expect(onA.number).toMatch(/-A-000001$/);
    expect(onB.number).toMatch(/-B-000001$/);

    // B's issue reaches the server first: that one is kept everywhere.
    await online(b, a);
    let books = await settle([a, b]);
    const invoice = books.invoices.find((d) => d.id === approvedId)!;
    expect(invoice).toMatchObject({ status: 'issued', number: onB.number });
    const voided = books.facts.filter((f) => f.kind === 'numberVoided');
    expect(voided.map((f) => f.numberVoided)).toEqual([{ number: onA.number, documentId: approvedId, reason: 'sync.voided.issuedTwice', keptNumber: onB.number }]);
    for (const device of [a, b]) {
      const conflict = (await device.invoke('supervisor', 'sync.conflicts', { open: false } as never)).find((c) => c.documentId === approvedId && c.rule === 'issuedTwice');
      expect(conflict?.kept.number).toBe(onB.number);
      expect(conflict?.other.number).toBe(onA.number);
      expect(conflict?.canKeepOther).toBe(false);
    }
    expectSeriesGaplessAndUnique(books);

    // A starts again (its counter is read afresh) and issues its next invoice: the voided number
    // stays voided, the next one follows it.
    a = await restart(a, 'A');
    const next = await approvedOn(a, 'Metzgerei Wagner');
    const issued = await a.invoke('admin', 'invoices.issue', { id: next.id });
    expect(issued.number).toMatch(/-A-000002$/);
    books = await settle([a, b]);
    expect(expectSeriesGaplessAndUnique(books)).toEqual(expect.arrayContaining([onA.number, onB.number, issued.number]));
    await expectAuditIntact([a, b]);
  }, 240_000);

  it('keeps a mail template edited on one device that the other reset; keeping the other version then resets it on both', async () => {
    const key = { event: 'invoiceIssued', language: 'de' } as const;
    const template = (subject: string) => ({ ...key, subject, html: `<p>${subject}</p>`, text: subject });
    await a.invoke('admin', 'mail.saveTemplate', template('Ihre Rechnung {{invoiceNumber}}'));
    await settle([a, b]);
    expect((await b.invoke('admin', 'mail.templates', {} as never)).find((t) => t.event === key.event && t.language === key.language)?.custom).toBe(true);
    await offline(a, b);

    await a.invoke('admin', 'mail.resetTemplate', key);
    await b.invoke('admin', 'mail.saveTemplate', template('Rechnung {{invoiceNumber}} von Muster & Söhne'));
    // The reset reaches the server first; the edit comes after it.
    await online(a, b);
    let books = await settle([a, b]);
    const id = `mailTemplate-${key.event}-${key.language}`;
    expect((books.settings.find((s) => s.id === id)?.mailTemplate as { subject: string } | undefined)?.subject).toBe('Rechnung {{invoiceNumber}} von Muster & Söhne');

    const conflicts = await a.invoke('supervisor', 'sync.conflicts', { open: true } as never);
    const conflict = conflicts.find((c) => c.documentId === id);
    expect(conflict?.rule).toBe('deleted');
    expect(conflict?.other._deleted).toBe(true);
    expect(conflict?.canKeepOther).toBe(true);
    expect((await b.invoke('supervisor', 'sync.conflicts', { open: true } as never)).map((c) => c.id)).toContain(conflict!.id);

    // A person keeps the reset after all: the template is gone on both devices and the server.
    await b.invoke('supervisor', 'sync.keepOther', { id: conflict!.id } as never);
    books = await settle([a, b]);
    expect(books.settings.find((s) => s.id === id)).toBeUndefined();
    for (const device of [a, b]) {
      expect((await device.invoke('admin', 'mail.templates', {} as never)).find((t) => t.event === key.event && t.language === key.language)?.custom).toBe(false);
      expect((await device.invoke('supervisor', 'sync.conflicts', { open: true } as never)).find((c) => c.id === conflict!.id)).toBeUndefined();
    }
    await expectAuditIntact([a, b]);
  }, 240_000);

  it('refuses a new device another device’s series letter, and lets a device without its own letter issue nothing', async () => {
    const approved = await approvedOn(a, 'Gärtnerei Blum');
    await settle([a, b]);
    // A new device syncs the books; it has not chosen its letter yet.
    const c = await startDevice(deviceFolder());
    others.push(c);
    await setUpDevice(c, 'C');
    await c.invoke('admin', 'sync.saveSettings', settingsFor(server, PREFIX));
    await c.call('inSync');

    const taken = await c.attempt('admin', 'settings.saveCompany', { ...COMPANY, seriesLetter: 'A' } as never);
    expect(taken.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'seriesLetter', problem: 'validation.seriesLetterTaken' }] } });

    // Without a letter of its own it would number with 'A', A's letter: refused before any number is taken.
    const refused = await c.attempt('admin', 'invoices.issue', { id: approved.id });
    expect(refused.error?.code).toBe('INVOICE_INCOMPLETE');
    expect((refused.error?.details as { fields: { problem: string }[] }).fields).toContainEqual({ field: 'ownSeriesLetter', problem: 'issue.missing.ownSeriesLetter' });
    expect(await c.invoke('admin', 'invoices.get', { id: approved.id })).toMatchObject({ status: 'approved', number: '' });

    // With its own letter it issues.
    await c.invoke('admin', 'settings.saveCompany', { ...COMPANY, seriesLetter: 'C' } as never);
    const issued = await c.invoke('admin', 'invoices.issue', { id: approved.id });
    expect(issued.number).toMatch(/-C-000001$/);
    const books = await settle([a, b, c]);
    expectSeriesGaplessAndUnique(books);
    await expectAuditIntact([a, b, c]);
    await c.stop();
    others.splice(others.indexOf(c), 1);
  }, 240_000);

  it('agrees with a device whose clock is a day ahead, keeps the losing value, and lets a later edit on the other device win', async () => {
    const ahead = await connectedDevice(server, PREFIX, 'D', { clockOffsetMs: DAY_MS });
    others.push(ahead);
    const created = await b.invoke('admin', 'customers.save', { name: 'Weinhandlung Roth', billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
    await settle([a, b, ahead]);
    await offline(b, ahead);

    const input = (view: Record<string, unknown>, name: string) => ({ id: view.id, name, billingAddress: view.billingAddress, paymentTermsDays: view.paymentTermsDays, kind: view.kind });
    // The device ahead changes the name first; B changes it a moment later by real time.
    await ahead.invoke('admin', 'customers.save', input(await ahead.invoke('admin', 'customers.get', { id: created.id } as never), 'Weinhandlung Roth KG') as never);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await b.invoke('admin', 'customers.save', input(await b.invoke('admin', 'customers.get', { id: created.id } as never), 'Weinhandlung Roth & Söhne') as never);

    await online(b, ahead);
    let books = await settle([a, b, ahead]);
    const merged = books.customers.find((c) => c.id === created.id)!;
    // By the clocks the device ahead changed it later (a day later): its name is kept.
    expect(merged.name).toBe('Weinhandlung Roth KG');
    const conflict = (await b.invoke('supervisor', 'sync.conflicts', { open: true } as never)).find((c) => c.documentId === created.id);
    expect(conflict?.rule).toBe('laterChange');
    expect(conflict?.fields).toContain('name');
    expect(conflict?.other.name).toBe('Weinhandlung Roth & Söhne');

    // B, having synced, changes the name again: its clock carried it past the stamps from ahead.
    await b.invoke('admin', 'customers.save', input(await b.invoke('admin', 'customers.get', { id: created.id } as never), 'Weinhandlung Roth GmbH') as never);
    books = await settle([a, b, ahead]);
    const after = books.customers.find((c) => c.id === created.id)!;
    expect(after.name).toBe('Weinhandlung Roth GmbH');
    expect(compareStamps(String(after.hlc), String(merged.hlc))).toBeGreaterThan(0);
    // Its wall clock is still a day behind the stamp it overtook.
    expect(String(after.updatedAt) < String(merged.updatedAt)).toBe(true);
    await expectAuditIntact([a, b, ahead]);
  }, 240_000);
});
