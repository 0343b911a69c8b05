import type { Core } from '../server/core.js';
import type { UserDoc } from '../store/schemas/config.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { SessionTokens } from './handlers.js';
import type { LoginThrottle } from './login-throttle.js';
import type { SetupToken } from './setup-token.js';

/** What the users need from other capabilities; the composition root passes it in. */
export type UsersPorts = {
  /** The notice of a bank change waiting for someone who now decides on it (settings). */
  pendingBankChangeNotice(user: UserDoc, writtenBy: string): Promise<FactDoc[]>;
};

/** What the user and login handlers work with: the books, the logins in memory, the setup token and the throttle. */
export type Accounts = Pick<Core, 'books' | 'writes' | 'clock'> & {
  tokens: SessionTokens;
  /** The one-time token for creating the first administrator; null once one exists. */
  setup: SetupToken;
  /** Failed logins per user and per connection, for every transport. */
  loginThrottle: LoginThrottle;
  ports: UsersPorts;
};
