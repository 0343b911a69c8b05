/**
 * `npm run demo` writes books in which every screen has something to show: invoices overdue at
 * several dunning levels, some partly paid, a bank statement to import that pays some of them,
 * and a refund waiting for review.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, PASSWORD } from '../../scripts/demo/build.js';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices, type Services } from '../../src-main/services.js';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { unwrap } from '../support/services.js';

const TODAY = '2026-12-07';
let out: string;
let services: Services;
let bk: ApiClient;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-demo-'));
  await buildDemo(out, TODAY);
  services = await startServices({ dataDir: path.join(out, 'data'), clock: () => new Date(`${TODAY}T12:00:00Z`), logger: { error: () => undefined }, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  bk = createInMemoryClient(services);
  await unwrap(bk.invoke('auth.login', { login: 'bernd@demo.example', password: PASSWORD }));
}, 600_000);
afterAll(async () => {
  await services?.close();
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe('the demo books', () => {
  it('have invoices overdue at several dunning levels', async () => {
    const records = await unwrap(bk.invoke('reminders.history', {}));
    const levels = new Map<string, number>();
    for (const r of records) levels.set(r.invoiceId, Math.max(levels.get(r.invoiceId) ?? -1, r.level));
    expect(new Set(levels.values())).toEqual(new Set([0, 1, 2, 3]));
    const open = await unwrap(bk.invoke('payments.openItems', {}));
    expect(open.items.filter((i) => i.overdue).length).toBeGreaterThanOrEqual(5);
  });

  it('have partly paid invoices', async () => {
    const open = await unwrap(bk.invoke('payments.openItems', {}));
    const partly = open.items.filter((i) => i.paid > 0 && i.open > 0);
    expect(partly.map((i) => i.customerName).sort()).toEqual(['Bau & Söhne AG', 'Bäckerei Schmidt GmbH']);
  });

  it('have a bank statement in bank/ that the import reads and that pays open invoices', async () => {
    const files = fs.readdirSync(path.join(out, 'bank'));
    expect(files).toHaveLength(1);
    const data = fs.readFileSync(path.join(out, 'bank', files[0]!));
    const preview = await unwrap(bk.invoke('payments.previewStatement', { fileName: files[0]!, dataBase64: data.toString('base64') }));
    expect(preview.entries).toHaveLength(3);
    const open = await unwrap(bk.invoke('payments.openItems', {}));
    const paid = preview.entries.filter((e) => e.match.confident).map((e) => e.match.candidates[0]!.numbers[0]);
    expect(paid).toHaveLength(2);
    for (const number of paid) expect(open.items.find((i) => i.number === number)).toMatchObject({ overdue: true });
  });

  it('have a refund request waiting for review', async () => {
    const requests = await unwrap(bk.invoke('paymentRequests.list', {}));
    expect(requests.filter((r) => r.purpose === 'refund' && r.status === 'requested')).toHaveLength(1);
  });
});
