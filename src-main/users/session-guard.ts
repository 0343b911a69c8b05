import type { Dispatch } from '../server/dispatcher.js';
import type { Session } from '../server/session.js';
import type { Accounts } from './accounts.js';
import { passwordChangeRequired } from './password-gate.js';
import { toPublicUser } from './public-user.js';

/** Before every call: the session's user as stored now (role changed, deactivated, token revoked). */
export async function refreshSession(accounts: Pick<Accounts, 'books' | 'tokens'>, session: Session): Promise<void> {
  if (!session.user) return;
  const doc = session.token && accounts.tokens.userOf(session.token) === session.user.id ? await accounts.books.db.users.findOne(session.user.id).exec() : null;
  if (!doc || !doc.active) {
    session.user = null;
    session.token = null;
  } else {
    session.user = toPublicUser(doc.toMutableJSON());
  }
}

/** Every call sees the user as stored now, and one who must choose a new password may do only that. */
export function guardSessions(accounts: Pick<Accounts, 'books' | 'tokens'>, dispatch: Dispatch): Dispatch {
  return async (name, input, session) => {
    await refreshSession(accounts, session);
    const blocked = passwordChangeRequired(name, session);
    if (blocked) return { ok: false, error: blocked };
    return dispatch(name, input, session);
  };
}
