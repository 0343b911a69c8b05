/** The mail handlers of the contract: settings, test message, outbox, templates. */
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';

type MailHandlers = Pick<
  HandlerImpls,
  | 'mail.getSettings'
  | 'mail.saveSettings'
  | 'mail.sendTest'
  | 'mail.state'
  | 'mail.outbox'
  | 'mail.message'
  | 'mail.retry'
  | 'mail.cancel'
  | 'mail.exportEml'
  | 'mail.exportWaiting'
  | 'mail.templates'
  | 'mail.saveTemplate'
  | 'mail.resetTemplate'
  | 'mail.preview'
>;

export function mailHandlers(services: Services): MailHandlers {
  const mail = () => services.mail;
  return {
    'mail.getSettings': () => mail().settingsView(),
    'mail.saveSettings': (input, { session }) => mail().saveSettings(input, session.user!.id),
    'mail.sendTest': ({ to }) => mail().sendTest(to),
    'mail.state': () => mail().state(),
    'mail.outbox': (input) => mail().list(input),
    'mail.message': ({ id }) => mail().message(id),
    'mail.retry': ({ id }, { session }) => mail().retry(id, session.user!.id),
    'mail.cancel': ({ id }, { session }) => mail().cancel(id, session.user!.id),
    'mail.exportEml': ({ id }) => mail().eml(id),
    'mail.exportWaiting': () => mail().exportWaiting(),
    'mail.templates': () => mail().templateViews(),
    'mail.saveTemplate': (input, { session }) => mail().saveTemplate(input, session.user!.id),
    'mail.resetTemplate': ({ event, language }, { session }) => mail().resetTemplate(event, language, session.user!.id),
    'mail.preview': async ({ language, subject, html, text }) => mail().preview({ subject, html, text }, language),
  };
}
