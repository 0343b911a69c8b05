import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import type { MailOptions } from '../../src-main/mail/index.js';
import type { Clock } from '../../src-main/server/scheduler.js';
import type { ReminderOptions } from '../../src-main/reminders/index.js';
import { startServices, type Services } from '../../src-main/services.js';
import type { ApiClient, Role } from '../../src-shared/contract/index.js';

export const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1', language: 'de' as const };
export const PASSWORD = 'Sicheres-Passwort-9';

export type TestApp = { services: Services; dataDir: string; client(): ApiClient; stop(): Promise<void> };

/**
 * Real services on a fresh data folder with a frozen clock; `timers` (a FakeClock) makes the
 * whole app, its scheduler included, run on a clock the test advances.
 */
export async function startTestApp(
  clock: () => Date = () => new Date('2026-11-27T09:00:00.000Z'),
  options: { freezeDocuments?: boolean; mail?: MailOptions; reminders?: ReminderOptions; timers?: Clock } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-app-'));
  // Documents are frozen in the background after issuing; tests that check them ask for it.
  // The mail scheduler runs only in the tests that send mail; it waits briefly there.
  const mail: MailOptions = { autoStart: false, pollMs: 200, backoff: { baseMs: 100, maxMs: 400 }, ...options.mail };
  const services = await startServices({ dataDir, clock, ...(options.timers ? { timers: options.timers } : {}), logger: { error: (...a: unknown[]) => { if (process.env.SHOW_ERRORS) console.error(...a); } }, documents: { freezeOnIssue: options.freezeDocuments ?? false }, mail, reminders: { autoStart: false, ...options.reminders } });
  return {
    services,
    dataDir,
    client: () => createInMemoryClient(services),
    stop: async () => {
      await services.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function unwrap<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * The first administrator's setup input with the one-time token this start of the app made, as
 * the local shell hands it to its own window.
 */
export function adminSetup(app: { services: Services }, admin: Omit<typeof ADMIN, 'language'> & { language?: 'de' | 'en' } = ADMIN) {
  const setupToken = app.services.setup.current();
  if (!setupToken) throw new Error('The first administrator exists already.');
  return { ...admin, setupToken };
}

/** Sets up the admin on `client` and creates a user of each role; returns their ids. */
export async function withUsers(app: { services: Services }, client: ApiClient, roles: Role[] = ['bookkeeper', 'supervisor', 'cashier']) {
  await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  const ids: Record<string, string> = {};
  for (const role of roles) {
    const user = await unwrap(client.invoke('users.create', { name: `${role} user`, email: `${role}@example.org`, role, password: PASSWORD }));
    ids[role] = user.id;
  }
  return ids;
}

export const COMPANY = {
  name: 'Muster & Söhne GmbH',
  street: 'Königsallee 1',
  postalCode: '40212',
  city: 'Düsseldorf',
  country: 'DE',
  vatId: 'DE136695976',
  taxNumber: '133/5819/0123',
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
  email: 'rechnung@muster.example',
  phone: '+49 211 123456',
  website: 'https://muster.example',
  register: 'HRB 12345, Amtsgericht Düsseldorf',
  managingDirectors: 'Erika Muster',
  defaultPaymentTermsDays: 14,
  defaultCurrency: 'EUR' as const,
  defaultLanguage: 'de' as const,
  invoicePrefix: 'RE',
  seriesLetter: 'A',
};
