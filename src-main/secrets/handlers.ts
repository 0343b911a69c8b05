import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';
import { secretStorageStatus } from './status.js';

type SecretHandlers = Pick<HandlerImpls, 'settings.secretStorage'>;

/** What the Settings screen shows about where passwords are kept; never a secret itself. */
export function secretHandlers(services: Pick<Services, 'secrets'>): SecretHandlers {
  return {
    'settings.secretStorage': async () => secretStorageStatus(services.secrets),
  };
}
