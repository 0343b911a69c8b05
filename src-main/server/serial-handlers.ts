import type { HandlerName } from '../../src-shared/contract/index.js';

/**
 * Handlers that only read the books. Every other handler changes something, and the dispatcher
 * runs those one at a time from the first read of their checks to their last write, so that two
 * calls at once (a double click, two windows, two users) can never both pass a check that only
 * one of them may pass: one issues the invoice, the other finds it issued.
 * A handler missing here is serialized: the safe side for a new handler. (`documents.list` is
 * not here: it freezes the files of an issued document that are still missing.)
 */
export const READ_ONLY_HANDLERS: ReadonlySet<HandlerName> = new Set<HandlerName>([
  'app.status',
  'approval.queue',
  'audit.verify',
  'auth.loginChoices',
  'auth.whoami',
  'customers.get',
  'customers.list',
  'customers.risk',
  'invoices.get',
  'invoices.list',
  'mail.forInvoice',
  'mail.getSettings',
  'mail.message',
  'mail.outbox',
  'mail.preview',
  'mail.state',
  'mail.templates',
  'notifications.list',
  'orders.get',
  'orders.list',
  'paymentRequests.list',
  'payments.csvHeader',
  'payments.csvMappings',
  'payments.forInvoice',
  'payments.get',
  'payments.list',
  'payments.openItems',
  'payments.previewStatement',
  'products.get',
  'products.list',
  'reminders.baseRates',
  'reminders.history',
  'reminders.letter',
  'reminders.preview',
  'reminders.settings',
  'reminders.stops',
  // Exports read a report and render a file; nothing is written.
  'reports.export',
  'reports.statementPdf',
  'settings.getCompany',
  'settings.getLogo',
  'settings.secretStorage',
  'sync.conflicts',
  'sync.getSettings',
  'sync.status',
  'users.list',
  'users.loginOptions',
]);

/**
 * Handlers that change only the caller's session, talk to another server or wait for long work
 * off the main thread, and so must not hold up other writers (a login throttled by delay, a test
 * message to a slow SMTP server, a sync server's connection test or database setup, a long e-invoice judged by the rule workers; the documents it
 * may freeze first are written through the write path like every background freeze).
 */
export const UNSERIALIZED_HANDLERS: ReadonlySet<HandlerName> = new Set<HandlerName>(['auth.login', 'auth.resume', 'auth.logout', 'mail.sendTest', 'documents.einvoiceCheck', 'sync.test', 'sync.createDatabases']);

/** One at a time, in the order of arrival; a failure does not stop the queue. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

export function runsAlone(name: HandlerName): boolean {
  return !READ_ONLY_HANDLERS.has(name) && !UNSERIALIZED_HANDLERS.has(name);
}
