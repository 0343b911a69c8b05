/**
 * Where the SMTP and CouchDB passwords are kept, as the Settings screen shows it. Sealing itself
 * (`SecretBox`) is part of the store, which every capability stands on.
 */
import type { Core } from '../server/core.js';
import { secretHandlers, type SecretHandlers } from './handlers.js';

export type Secrets = { handlers: SecretHandlers };

export function createSecrets(core: Pick<Core, 'secrets'>): Secrets {
  return { handlers: secretHandlers(core.secrets) };
}
