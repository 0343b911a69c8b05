/**
 * Users, logins and the first administrator's setup: the one entry the composition root and the
 * transports use.
 */
import type { Core } from '../server/core.js';
import type { Dispatch } from '../server/dispatcher.js';
import type { Accounts, UsersPorts } from './accounts.js';
import { SessionTokens, userHandlers, type UserHandlers } from './handlers.js';
import { LoginThrottle } from './login-throttle.js';
import { guardSessions } from './session-guard.js';
import { SetupToken } from './setup-token.js';

export type { UsersPorts } from './accounts.js';
export type { SessionTokens } from './handlers.js';
export type { SetupToken } from './setup-token.js';

export type Users = {
  handlers: UserHandlers;
  tokens: SessionTokens;
  setup: SetupToken;
  /** Wraps the dispatcher: the session's user as stored now, and the password change first when one is due. */
  guard(dispatch: Dispatch): Dispatch;
};

/** `usersExist`: whether the books hold a user yet (no setup token is made then). */
export function createUsers(core: Core, ports: UsersPorts, { usersExist }: { usersExist: boolean }): Users {
  const accounts: Accounts = {
    books: core.books,
    writes: core.writes,
    clock: core.clock,
    tokens: new SessionTokens(),
    setup: SetupToken.inDataDir(core.books.dataDir, usersExist),
    loginThrottle: new LoginThrottle(core.clock),
    ports,
  };
  return {
    handlers: userHandlers(accounts),
    tokens: accounts.tokens,
    setup: accounts.setup,
    guard: (dispatch) => guardSessions(accounts, dispatch),
  };
}
