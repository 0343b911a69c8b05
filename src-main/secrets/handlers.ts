import type { HandlerImpls } from '../server/dispatcher.js';
import type { SecretBox } from '../store/secret-box.js';
import { secretStorageStatus } from './status.js';

export type SecretHandlers = Pick<HandlerImpls, 'settings.secretStorage'>;

/** What the Settings screen shows about where passwords are kept; never a secret itself. */
export function secretHandlers(secrets: SecretBox): SecretHandlers {
  return {
    'settings.secretStorage': async () => secretStorageStatus(secrets),
  };
}
