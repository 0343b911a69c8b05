/**
 * Books for the contract fuzzer: real services on a temp folder, a session per role, and one
 * valid input per handler, made through the contract as a user would (customers, products,
 * orders, invoices in every state, payments, requests, mail, reminders).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSession, type Session } from '../../src-main/server/session.js';
import { startServices, type Services } from '../../src-main/services.js';
import type { HandlerName, Role } from '../../src-shared/contract/index.js';
import { ADDRESS } from '../support/books.js';
import { ADMIN, COMPANY, PASSWORD } from '../support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server.js';
import { validInputs } from './fuzz-valid-inputs.js';

export type FuzzRole = Role | 'anonymous';
export const FUZZ_ROLES: readonly FuzzRole[] = ['anonymous', 'admin', 'bookkeeper', 'supervisor', 'cashier', 'accountManager'];

export type FuzzBooks = {
  services: Services;
  dataDir: string;
  /** Errors the services logged (an INTERNAL error, a failed job), oldest first. */
  logged: { message: string; error: unknown }[];
  /** One valid input per handler. */
  valid: Record<HandlerName, unknown>;
  /** The session of a role, logged in again when a call ended it. */
  session(role: FuzzRole): Promise<Session>;
  /** Calls a handler as a role and fails on an error (for setting the books up). */
  call(role: FuzzRole, name: HandlerName, input: unknown): Promise<any>;
  /** The mail settings that send to the local test server only. */
  restoreMailSettings(): Promise<void>;
  stop(): Promise<void>;
};

const DAY_ONE = new Date('2026-09-01T09:00:00.000Z');
const TODAY = new Date('2026-11-27T09:00:00.000Z');

const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export async function startFuzzBooks(): Promise<FuzzBooks> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-fuzz-'));
  let now = DAY_ONE;
  const logged: FuzzBooks['logged'] = [];
  const smtp: TestSmtpServer = await startSmtpServer();
  const services = await startServices({
    dataDir,
    clock: () => now,
    logger: { error: (message, error) => void logged.push({ message, error }) },
    documents: { freezeOnIssue: false },
    mail: { autoStart: false, pollMs: 200, backoff: { baseMs: 100, maxMs: 400 } },
    reminders: { autoStart: false },
  });
  const userIds: Partial<Record<FuzzRole, string>> = {};
  const sessions = new Map<FuzzRole, Session>();

  const dispatch = (session: Session, name: HandlerName, input: unknown) => services.dispatch(name, input, session);
  const call = async (role: FuzzRole, name: HandlerName, input: unknown): Promise<any> => {
    const result = await dispatch(await session(role), name, input);
    if (!result.ok) throw new Error(`${name} as ${role}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const login = async (role: FuzzRole): Promise<Session> => {
    const s = newSession();
    if (role === 'anonymous') return s;
    const result = await dispatch(s, 'auth.login', { userId: userIds[role], password: role === 'admin' ? ADMIN.password : PASSWORD });
    if (!result.ok) throw new Error(`The ${role} cannot log in again: ${result.error.code} ${result.error.message}`);
    return s;
  };
  /** A role's session stays its own: a call that logged it out or in as someone else gets a new one. */
  const session = async (role: FuzzRole): Promise<Session> => {
    const current = sessions.get(role);
    const intact = role === 'anonymous' ? current?.user === null : current?.user?.id === userIds[role] && current?.token !== null && services.tokens.userOf(current!.token!) === userIds[role];
    if (current && intact) return current;
    const fresh = await login(role);
    sessions.set(role, fresh);
    return fresh;
  };

  // The team: the first admin, one user of each role, and a user whose account the fuzzer may change.
  const adminSession = newSession();
  const setup = await dispatch(adminSession, 'auth.setupAdmin', { ...ADMIN, setupToken: services.setup.current() });
  if (!setup.ok) throw new Error(`setup: ${setup.error.message}`);
  userIds.admin = (setup.value as { user: { id: string } }).user.id;
  sessions.set('admin', adminSession);
  for (const role of ['bookkeeper', 'supervisor', 'cashier', 'accountManager'] as const) {
    userIds[role] = (await call('admin', 'users.create', { name: `${role} user`, email: `${role}@example.org`, role, password: PASSWORD })).id;
  }
  const spare = await call('admin', 'users.create', { name: 'Spare User', email: 'spare@example.org', role: 'cashier', password: PASSWORD });
  const spareSession = newSession();
  const spareLogin = await dispatch(spareSession, 'auth.login', { userId: spare.id, password: PASSWORD });
  if (!spareLogin.ok) throw new Error('spare login');
  const spareToken = (spareLogin.value as { token: string }).token;

  await call('admin', 'settings.saveCompany', COMPANY);
  const restoreMailSettings = async () => {
    await call('admin', 'mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Muster & Söhne GmbH', fromAddress: 'rechnung@muster.example' });
  };
  await restoreMailSettings();

  // Master data.
  const customerInput = {
    name: 'Bäckerei Schmidt GmbH',
    billingAddress: ADDRESS,
    paymentTermsDays: 14,
    kind: 'business',
    invoiceEmails: ['buchhaltung@schmidt.example'],
    vatId: 'DE136695976',
    creditLimit: '100000.00',
  };
  const customer = await call('bookkeeper', 'customers.save', customerInput);
  const productInput = { sku: 'MEHL-25', nameDe: 'Mehl Type 550, 25 kg', nameEn: 'Flour type 550, 25 kg', unit: 'C62', netPrice: '18.90', vatCategory: 'S', vatRate: '7', stockTracked: true };
  const flour = await call('bookkeeper', 'products.save', productInput);
  await call('bookkeeper', 'products.receiveStock', { productId: flour.id, quantity: '1000' });
  const line = { productId: flour.id, quantity: '3', description: 'Mehl „Type 550“ für Brötchen' };

  // Orders: one open, one confirmed.
  const orderInput = { customerId: customer.id, orderDate: '2026-08-30', lines: [line] };
  const openOrder = await call('bookkeeper', 'orders.save', orderInput);
  const confirmed = await call('bookkeeper', 'orders.save', orderInput);
  await call('bookkeeper', 'orders.confirm', { id: confirmed.id });

  // Invoices in each state; the issued one is overdue by the fuzzer's day.
  const draftInput = { customerId: customer.id, issueDate: '2026-09-01', lines: [line] };
  const draft = await call('bookkeeper', 'invoices.saveDraft', draftInput);
  const submitted = await call('bookkeeper', 'invoices.saveDraft', draftInput);
  await call('bookkeeper', 'invoices.submit', { id: submitted.id });
  const approved = await call('bookkeeper', 'invoices.saveDraft', draftInput);
  await call('bookkeeper', 'invoices.submit', { id: approved.id });
  await call('supervisor', 'invoices.approve', { id: approved.id });
  const issuedDraft = await call('bookkeeper', 'invoices.saveDraft', draftInput);
  await call('bookkeeper', 'invoices.submit', { id: issuedDraft.id });
  await call('supervisor', 'invoices.approve', { id: issuedDraft.id });
  const issued = await call('bookkeeper', 'invoices.issue', { id: issuedDraft.id });

  // Payments: one allocated in part, one left as credit.
  const allocated = await call('cashier', 'payments.record', { date: '2026-09-01', amount: '10.00', customerId: customer.id, allocations: [{ invoiceId: issued.id, amount: '10.00' }] });
  const credit = await call('cashier', 'payments.record', { date: '2026-09-01', amount: '5.00', customerId: customer.id });
  const request = await call('cashier', 'paymentRequests.create', { purpose: 'refund', amount: '2.00', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE44 5001 0517 5407 3249 31', reference: 'Erstattung', customerId: customer.id });
  const toExecute = await call('cashier', 'paymentRequests.create', { purpose: 'payout', amount: '12.00', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE44 5001 0517 5407 3249 31', reference: 'Auszahlung' });
  await call('supervisor', 'paymentRequests.approve', { id: toExecute.id });
  await call('cashier', 'payments.saveCsvMapping', { name: 'Sparkasse', mapping: { columns: { date: 'Buchungstag', amount: 'Betrag' } } });

  // A proposed change of the bank details, waiting for the second person.
  await call('admin', 'settings.saveCompany', { ...COMPANY, iban: 'DE44 5001 0517 5407 3249 31' });
  const pending = (await call('admin', 'settings.getCompany', {})).pendingBankChange;

  // Mail: the issued invoice's message, queued by hand once its automatic one is out of the way.
  await settle(services);
  const message = await call('bookkeeper', 'mail.sendInvoice', { invoiceId: issued.id, confirmRepeat: true });

  // The fuzzer's day: the issued invoice is overdue and gets its first reminder.
  now = TODAY;
  await call('bookkeeper', 'reminders.run', { invoiceIds: [issued.id] });
  await settle(services);
  const record = (await call('bookkeeper', 'reminders.history', { invoiceId: issued.id }))[0];
  const dunning = await call('bookkeeper', 'reminders.settings', {});
  const levels = dunning.levels.map((l: { feeConsumer: number; feeBusiness: number }) => ({ ...l, feeConsumer: euros(l.feeConsumer), feeBusiness: euros(l.feeBusiness) }));
  const notifications = await call('bookkeeper', 'notifications.list', {});
  const cashBook = await call('cashier', 'cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '100.00' });
  const cashEntry = await call('cashier', 'cashbook.record', { cashBookId: cashBook.id, date: '2026-11-20', time: '10:15', type: 'income', amount: '11.90', vatRate: 19, category: 'Warenverkauf', text: 'Barverkauf' });

  const valid = validInputs({ spare, spareToken, smtpPort: smtp.port, customer, customerInput, flour, productInput, line, orderInput, openOrder, confirmed, draftInput, draft, submitted, approved, issued, allocated, credit, request, toExecute, pending, message, record, levels, notifications, cashBook, cashEntry });
  await settle(services);

  return {
    services,
    dataDir,
    logged,
    valid,
    session,
    call,
    restoreMailSettings,
    stop: async () => {
      await services.close();
      await smtp.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the work a call left running in the background (jobs, mail queued after an issue
 * or a confirmed order) has ended: the write queue drained twice with nothing new in between.
 */
export async function settle(services: Services): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await services.jobs.idle();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await services.writes.quiet(async () => undefined);
  }
}
