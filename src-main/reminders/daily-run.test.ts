/**
 * The daily reminder run is due work of the one scheduler: on a fake clock, its first check comes
 * 5 seconds after the start and the next every 10 minutes; each day's run happens once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { FakeClock } from '../../tests/support/fake-clock.js';
import { issued } from '../../tests/support/pdf.js';
import { unwrap } from '../../tests/support/services.js';
import { createInMemoryClient } from '../server/in-memory.js';
import { startServices, type Services } from '../services.js';
import { DAILY_TASK } from './index.js';

let clock: FakeClock;
let services: Services;
let dataDir: string;
let t: Team;

beforeEach(async () => {
  clock = new FakeClock('2026-01-05T08:00:00.000Z');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-daily-'));
  services = await startServices({ dataDir, timers: clock, logger: { error: () => undefined }, documents: { freezeOnIssue: false }, mail: { autoStart: false } });
  t = await team({ services, dataDir, client: () => createInMemoryClient(services), stop: async () => undefined });
});
afterEach(async () => {
  await services.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const advance = (ms: number) => clock.advance(ms, () => services.scheduler.idle());
const reminders = async () => (await services.books.db.facts.find({ selector: { kind: 'reminder' } }).exec()).map((d) => d.reminder!.level);

async function sendAutomatically(): Promise<void> {
  const settings = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
  const levels = settings.levels.map((l) => ({ ...l, feeConsumer: '0', feeBusiness: '0' }));
  await unwrap(t.bookkeeper.invoke('reminders.saveSettings', { levels, chargeInterest: false, flatFeeBusiness: false, minimumOpen: '5.00', autoRun: 'send', blockOrdersAtFinalNotice: true }));
}

it('runs 5 seconds after the start, then looks every 10 minutes, and writes each level once', async () => {
  const c = await customer(t.bookkeeper, { name: 'Omega GmbH', invoiceEmails: ['ap@omega.example'] });
  const p = await product(t.bookkeeper, { sku: 'DAILY-1', netPrice: '100', vatRate: '19' });
  await issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '1' }] }); // due 19 January
  await sendAutomatically();
  expect(services.scheduler.isScheduled(DAILY_TASK)).toBe(true);

  // A start on 26 January, the day the first level is due.
  await services.reminders.stop();
  expect(services.scheduler.isScheduled(DAILY_TASK)).toBe(false);
  clock.set('2026-01-26T08:00:00.000Z');
  services.reminders.start();
  await advance(4_999);
  expect(await reminders()).toEqual([]);
  await advance(1);
  expect(await reminders()).toEqual([0]);
  expect((await services.books.db.outbox.find({}).exec()).filter((m) => m.event === 'reminder0')).toHaveLength(1);

  // Every 10 minutes a look; the next level is due on 9 February, found by the first look that day (00:00:05).
  const untilNextLevel = Date.parse('2026-02-09T00:00:05.000Z') - clock.now().getTime();
  await advance(untilNextLevel - 1);
  expect(await reminders()).toEqual([0]);
  await advance(1);
  expect((await reminders()).sort()).toEqual([0, 1]);
});

it('is not scheduled when switched off in the options', async () => {
  await services.close();
  services = await startServices({ dataDir, timers: clock, logger: { error: () => undefined }, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  expect(services.scheduler.isScheduled(DAILY_TASK)).toBe(false);
  services.reminders.start();
  expect(services.scheduler.isScheduled(DAILY_TASK)).toBe(false);
});
