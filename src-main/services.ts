import type { AppStatus } from '../src-shared/contract/index.js';
import { APP_VERSION } from '../src-shared/version.js';
import { AuditAnchor } from './audit/anchor.js';
import { AuditLog } from './audit/log.js';
import { createSecrets } from './secrets/index.js';
import { keyFileSecretBox, type SecretBox } from './store/secret-box.js';
import { createDispatcher, type Dispatch, type HandlerImpls, type Logger } from './server/dispatcher.js';
import { EventBus } from './server/events.js';
import { Jobs } from './server/jobs.js';
import type { Core } from './server/core.js';
import { Scheduler, systemClock, type Clock } from './server/scheduler.js';
import { buyerSnapshot, createSales, loadSeller, viewWithNames } from './sales/index.js';
import { createDocuments, eInvoiceFormatOf, type DocumentOptions, type DocumentStore, type ShellActions } from './documents/index.js';
import { createMail, itemOf, signatureOf, type Mail, type MailOptions } from './mail/index.js';
import { createPayments } from './payments/index.js';
import { createCashbook, vatLines as cashVatLines } from './cashbook/index.js';
import { createReminders, type Reminders, type ReminderOptions } from './reminders/index.js';
import { createReports, reportData } from './reports/index.js';
import { createTaxExports } from './exports/index.js';
import { exportHandlers } from './reports/export/index.js';
import { WritePath } from './server/write-path.js';
import { createSettings, toCompanyProfile } from './settings/index.js';
import { openDatabase, type OpenBooks } from './store/database.js';
import { createUsers, type SessionTokens, type SetupToken } from './users/index.js';
import { ConflictDesk, conflictHandlersFor, createSync, type Sync, type SyncOptions } from './sync/index.js';

export type ServiceOptions = {
  /** The data folder: Electron's userData in the app, `./.data-web` in the browser harness. */
  dataDir: string;
  /** "Now" for the books (frozen in tests); the scheduler's timers still run on the wall clock. */
  clock?: () => Date;
  /** The scheduler's clock; a fake one in tests that advance time instead of sleeping. */
  timers?: Clock;
  logger?: Logger;
  /** How secrets are sealed; the data folder's key file when the OS key store is not at hand. */
  secrets?: SecretBox;
  /** Documents: render and freeze PDF and e-invoice right after issuing (default on). */
  documents?: DocumentOptions;
  /** What only the desktop shell can do (print dialog); absent in the browser harness and tests. */
  shell?: ShellActions;
  /** Mail: templates folder, scheduler timing. */
  mail?: MailOptions;
  /** Reminders: the daily run's check with the scheduler. */
  reminders?: ReminderOptions;
  /** Sync: timing, and whether it starts with the app when it is switched on. */
  sync?: SyncOptions;
};

/**
 * The main process without Electron, as the shell, the browser harness and the tests start it:
 * what every capability stands on (`Core`), the dispatcher with every handler, and the few
 * capabilities the shell and the tests reach directly.
 */
export type Services = Core & {
  tokens: SessionTokens;
  /** The one-time token for creating the first administrator; null once one exists. */
  setup: SetupToken;
  documents: DocumentStore;
  mail: Mail;
  reminders: Reminders;
  sync: Sync;
  dispatch: Dispatch;
  close(): Promise<void>;
};

/** The books, the one write path, audit log, event bus, scheduler and clock, jobs and secrets. */
async function openCore(options: ServiceOptions, desk: ConflictDesk): Promise<Core> {
  const timers = options.timers ?? systemClock(options.clock);
  const clock = options.timers ? () => timers.now() : (options.clock ?? (() => new Date()));
  const logger = options.logger ?? console;
  const books = await openDatabase({ dataDir: options.dataDir, conflictHandlers: conflictHandlersFor(desk) });
  const bus = new EventBus((event, error) => logger.error(`Listener of ${event} failed`, error));
  const secrets = options.secrets ?? keyFileSecretBox(books.dataDir);
  const audit = new AuditLog(books, clock, AuditAnchor.open({ dataDir: books.dataDir, deviceId: books.deviceId, secrets, clock }));
  const scheduler = new Scheduler(timers, logger);
  const writes = new WritePath(books, audit, bus);
  const jobs = new Jobs(bus, options.logger);
  return { books, writes, audit, bus, scheduler, clock, jobs, secrets, logger };
}

/** Whether the app still needs its first administrator, the company's name, this device and the version. */
async function appStatus(books: OpenBooks): Promise<AppStatus> {
  const [userCount, company] = await Promise.all([books.db.users.count().exec(), books.db.settings.findOne('company').exec()]);
  return {
    needsSetup: userCount === 0,
    companyName: toCompanyProfile(company?.toMutableJSON() ?? null, null)?.name ?? null,
    deviceId: books.deviceId,
    version: APP_VERSION,
  };
}

/**
 * The composition root: core first, then each capability from its factory with the ports it
 * needs from others. A port that names a capability built further down is called only later,
 * when a handler runs. Capabilities hear each other's domain events on the bus.
 */
export async function startServices(options: ServiceOptions): Promise<Services> {
  const desk = new ConflictDesk();
  const core = await openCore(options, desk);
  const { books, scheduler, jobs } = core;
  const sync = createSync(core, desk, options.sync);

  const documents = createDocuments(core, { invoiceView: (doc) => viewWithNames(books, doc) }, { ...options.documents, shell: options.shell });
  const mail = createMail(core, { openAmount: (invoiceId) => payments.openAmountOf(invoiceId), frozenFiles: (invoiceId, userId) => documents.store.ensure(invoiceId, userId) }, options.mail ?? {});
  const reminders = createReminders(
    core,
    {
      mail: {
        compose: (event, language, values) => mail.compose(event, language, values),
        enqueue: (messages, userId) => mail.enqueue(messages, userId),
        prepare: (messages, userId) => mail.prepare(messages, userId),
        kick: () => mail.kick(),
        settingsView: () => mail.settingsView(),
        signatureOf,
      },
      renderLetter: (source) => documents.store.renderLetter(source),
      seller: async () => (await loadSeller(books)).snapshot,
      buyerOf: buyerSnapshot,
    },
    { ...(options.logger ? { logger: options.logger } : {}), ...options.reminders },
  );
  const sales = createSales(core, {
    risk: {
      assertNotBlocked: (customerId) => reminders.risk.assertNotBlocked(customerId),
      approvalReasons: (customerId, amount) => reminders.risk.approvalReasons(customerId, amount),
      exposure: async (customerId) => (await reminders.risk.riskFacts(customerId)).facts.exposure,
    },
    eInvoices: {
      checkBeforeIssue: (items) =>
        documents.store.eInvoices.beforeIssue(items.flatMap(({ view, eInvoiceFormat }) => {
          const format = eInvoiceFormatOf(eInvoiceFormat);
          return format ? [{ view, format }] : [];
        })),
    },
    orderMail: {
      holdingOutbox: (work) => mail.holdingOutbox(work),
      cancellation: (orderId, userId) => mail.orderMailsCancellation(orderId, userId),
    },
  });
  const payments = createPayments(core, {
    paymentNotices: (notices, userId) => mail.paymentNotices(notices, userId),
    mailQueued: () => mail.kick(),
    seller: async () => (await loadSeller(books)).snapshot,
    renderReceipt: (receipt) => documents.store.renderLetter({ kind: 'receipt', receipt }),
  });
  const cashbook = createCashbook(core, {
    settleInvoice: async (s, user, alongside) => {
      const allocations = [{ invoiceId: s.invoiceId, amount: s.amount, skonto: '0', writeOff: '0' }];
      const payment = { direction: 'incoming', purpose: 'customerPayment', method: 'cash', date: s.date, amount: s.amount, currency: s.currency, counterpartyName: '', counterpartyIban: '', reference: s.reference, customerId: '', allocations } as const;
      await payments.record({ ...payment, allocations }, user, alongside, s.paymentId);
    },
    takeBackSettlement: (paymentId, user, alongside) => payments.reverseCashSettlement(paymentId, user, alongside),
    seller: async () => (await loadSeller(books)).snapshot,
    renderTable: (letter) => documents.store.renderLetter({ kind: 'table', letter }),
  });
  const settings = createSettings(core, {
    noticeFacts: (recipients, key, values, userId) => reminders.noticesFor('settings.bankChange', recipients, key, values, userId),
    mail: {
      configured: async () => (await mail.settingsView()).configured,
      enqueue: (messages, userId) => mail.enqueue(messages, userId),
    },
  });
  const users = createUsers(core, { pendingBankChangeNotice: settings.pendingBankChangeNotice }, { usersExist: (await books.db.users.count().exec()) > 0 });
  const secrets = createSecrets(core);
  const reports = createReports(core, {
    company: async () => {
      const profile = toCompanyProfile((await books.db.settings.findOne('company').exec())?.toMutableJSON() ?? null, null);
      return { taxation: profile?.taxation ?? 'soll', currency: profile?.defaultCurrency ?? 'EUR' };
    },
    cashVat: async (from, to) => (await cashbook.entries(from, to)).map((entry) => ({ entry, lines: cashVatLines([entry]) })),
  });

  const taxExports = createTaxExports(core, {
    reportData: () => reportData(books),
    cashEntries: (from, to) => cashbook.entries(from, to),
    auditor: {
      ensureFrozen: (invoiceId, userId) => documents.store.ensure(invoiceId, userId),
      readFrozen: async (invoiceId, format, userId) => (await documents.store.read(invoiceId, format, userId)).bytes,
      supplier: async () => {
        const profile = toCompanyProfile((await books.db.settings.findOne('company').exec())?.toMutableJSON() ?? null, null);
        return { name: profile?.name ?? '', location: [profile?.postalCode, profile?.city].filter(Boolean).join(' ') };
      },
    },
  });

  const exports = exportHandlers(core, {
    handler: (name) => impls[name],
    renderLetter: (source) => documents.store.renderLetter(source),
    seller: async () => (await loadSeller(books)).snapshot,
    customer: async (id) => {
      const doc = await books.db.customers.findOne(id).exec();
      return doc ? { snapshot: buyerSnapshot(doc), language: doc.language === 'en' ? 'en' : 'de', invoiceEmails: [...(doc.invoiceEmails ?? [])] } : null;
    },
    mail: {
      compose: (event, language, values) => mail.compose(event, language, values),
      enqueue: async (messages, userId) => (await mail.enqueue(messages, userId)).map((doc) => itemOf(doc)),
      signatureOf,
    },
  });

  const impls: HandlerImpls = {
    'app.status': () => appStatus(books),
    ...users.handlers,
    ...settings.handlers,
    ...secrets.handlers,
    ...sales.handlers,
    ...documents.handlers,
    ...mail.handlers,
    ...payments.handlers,
    ...cashbook.handlers,
    ...reminders.handlers,
    ...sync.handlers,
    ...reports.handlers,
    ...exports,
    ...taxExports.handlers,
  };
  const dispatch = users.guard(createDispatcher(impls, options.logger));

  /**
   * Mail first: a delivery the server holds up ends now instead of at its timeout. Then the
   * reminders and every other scheduled task (no new runs, the running ones finish), the
   * capabilities and the books.
   */
  const close = async () => {
    jobs.cancelAll();
    await sync.stop();
    await mail.stop();
    await reminders.service.stop();
    await scheduler.stop();
    await jobs.idle();
    await documents.store.close();
    await books.close();
  };

  if (options.mail?.autoStart !== false) await mail.start();
  reminders.service.start();
  if (options.sync?.autoStart !== false) await sync.start();
  return { ...core, tokens: users.tokens, setup: users.setup, documents: documents.store, mail, reminders: reminders.service, sync, dispatch, close };
}
