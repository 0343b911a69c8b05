import type { AppStatus, CustomerView } from '../src-shared/contract/index.js';
import { APP_VERSION } from '../src-shared/version.js';
import { AuditAnchor } from './audit/anchor.js';
import { AuditLog } from './audit/log.js';
import { secretHandlers } from './secrets/handlers.js';
import { keyFileSecretBox, type SecretBox } from './secrets/secret-box.js';
import { passwordChangeRequired } from './users/password-gate.js';
import { createDispatcher, type Dispatch, type HandlerImpls, type Logger } from './server/dispatcher.js';
import { EventBus } from './server/events.js';
import { Jobs } from './server/jobs.js';
import type { Core } from './server/core.js';
import { Scheduler, systemClock, type Clock } from './server/scheduler.js';
import { invoicingHandlers } from './sales/index.js';
import { documentHandlers } from './documents/handlers.js';
import { registerMailEvents } from './mail/events.js';
import { mailHandlers } from './mail/handlers.js';
import { paymentHandlers } from './payments/handlers.js';
import { reminderHandlers } from './reminders/handlers.js';
import { noticesFor } from './reminders/notifications.js';
import { Reminders, type ReminderOptions } from './reminders/service.js';
import { MailService, type MailOptions } from './mail/service.js';
import { DocumentStore, type DocumentOptions, type ShellActions } from './documents/store.js';
import type { Session } from './server/session.js';
import { WritePath } from './server/write-path.js';
import { settingsHandlers, toCompanyProfile } from './settings/handlers.js';
import { openDatabase, type OpenBooks } from './store/database.js';
import { SessionTokens, toPublicUser, userHandlers } from './users/handlers.js';
import { LoginThrottle } from './users/login-throttle.js';
import { SetupToken } from './users/setup-token.js';

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
  /** Reminders: the daily run's timer. */
  reminders?: ReminderOptions;
};

/**
 * The main-process services without Electron: the books, the write path, the event bus and
 * the dispatcher with every handler. The Electron shell, the browser harness and the tests
 * all start exactly this.
 */
export type Services = Core & {
  tokens: SessionTokens;
  /** The one-time token for creating the first administrator; null once one exists. */
  setup: SetupToken;
  /** Failed logins per user and per connection, for every transport. */
  loginThrottle: LoginThrottle;
  /** Listeners the capabilities register for each other (issued documents → freeze them). */
  hooks: {
    issued: ((ids: string[], userId: string) => void)[];
    orderConfirmed: ((orderId: string, userId: string) => void)[];
    customerChanged: ((before: CustomerView, after: CustomerView, userId: string) => void)[];
  };
  documents: DocumentStore;
  mail: MailService;
  reminders: Reminders;
  shell: ShellActions | undefined;
  dispatch: Dispatch;
  close(): Promise<void>;
};

export async function startServices(options: ServiceOptions): Promise<Services> {
  const timers = options.timers ?? systemClock(options.clock);
  const clock = options.timers ? () => timers.now() : (options.clock ?? (() => new Date()));
  const logger = options.logger ?? console;
  const books = await openDatabase({ dataDir: options.dataDir });
  const bus = new EventBus((event, error) => logger.error(`Listener of ${event} failed`, error));
  const secrets = options.secrets ?? keyFileSecretBox(books.dataDir);
  const audit = new AuditLog(books, clock, AuditAnchor.open({ dataDir: books.dataDir, deviceId: books.deviceId, secrets, clock }));
  const scheduler = new Scheduler(timers, logger);
  const writes = new WritePath(books, audit, bus);
  const jobs = new Jobs(bus, options.logger);
  const core: Core = { books, writes, audit, bus, scheduler, clock, jobs, secrets, logger };
  const services = {
    ...core,
    tokens: new SessionTokens(),
    setup: SetupToken.inDataDir(books.dataDir, (await books.db.users.count().exec()) > 0),
    loginThrottle: new LoginThrottle(clock),
    hooks: { issued: [], orderConfirmed: [], customerChanged: [] },
    shell: options.shell,
    close: async () => {
      services.jobs.cancelAll();
      await services.reminders.stop();
      await services.mail.stop();
      await scheduler.stop();
      await services.jobs.idle();
      await services.documents.close();
      await books.close();
    },
  } as unknown as Services;

  services.documents = new DocumentStore(services, options.documents ?? {});
  services.mail = new MailService(services, options.mail ?? {});
  services.reminders = new Reminders(services, { ...(options.logger ? { logger: options.logger } : {}), ...options.reminders });
  registerMailEvents(services, services.mail);
  const impls: HandlerImpls = {
    'app.status': async (): Promise<AppStatus> => {
      const [userCount, company] = await Promise.all([books.db.users.count().exec(), books.db.settings.findOne('company').exec()]);
      return {
        needsSetup: userCount === 0,
        companyName: toCompanyProfile(company?.toMutableJSON() ?? null, null)?.name ?? null,
        deviceId: books.deviceId,
        version: APP_VERSION,
      };
    },
    ...userHandlers(services),
    ...settingsHandlers(services, (recipients, key, values, userId) => noticesFor(services, 'settings.bankChange', recipients, key, values, userId)),
    ...secretHandlers(services),
    ...invoicingHandlers(services),
    ...documentHandlers(services),
    ...mailHandlers(services),
    ...paymentHandlers(services),
    ...reminderHandlers(services),
  };
  const dispatch = createDispatcher(impls, options.logger);

  /** Before every call: the session's user as stored now (role changed, deactivated, token revoked). */
  const refresh = async (session: Session) => {
    if (!session.user) return;
    const doc = session.token && services.tokens.userOf(session.token) === session.user.id ? await books.db.users.findOne(session.user.id).exec() : null;
    if (!doc || !doc.active) {
      session.user = null;
      session.token = null;
    } else {
      session.user = toPublicUser(doc.toMutableJSON());
    }
  };
  services.dispatch = async (name, input, session) => {
    await refresh(session);
    const blocked = passwordChangeRequired(name, session);
    if (blocked) return { ok: false, error: blocked };
    return dispatch(name, input, session);
  };
  if (options.mail?.autoStart !== false) await services.mail.start();
  services.reminders.start();
  return services;
}
