import type { PublicUser } from '../../src-shared/contract/index.js';

/**
 * Who is on the other end of one connection (a window, a browser tab, a test client).
 * Every handler receives it; login fills it, logout empties it.
 */
export type Session = {
  user: PublicUser | null;
  token: string | null;
};

export function newSession(): Session {
  return { user: null, token: null };
}

/**
 * Whether pushed events (data changed, job progress …) may go to this connection: only while
 * it is logged in with a login that still holds (not logged out, deactivated or revoked), and
 * not while the user must first replace a password an administrator set (they may do nothing else).
 */
export function receivesEvents(session: Session, tokens: { userOf(token: string): string | undefined }): boolean {
  if (session.user === null || session.token === null || session.user.mustChangePassword) return false;
  return tokens.userOf(session.token) === session.user.id;
}
