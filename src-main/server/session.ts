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
