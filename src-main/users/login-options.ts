import type { LoginOptions } from '../../src-shared/contract/index.js';
import type { OpenBooks } from '../store/database.js';

/**
 * Whether the login screen lists the users to pick from. Off unless an administrator turns it
 * on: then a login names no one to whoever merely reaches the app, and users type their e-mail
 * or name.
 */
export const LOGIN_OPTIONS_ID = 'login-options';
export const DEFAULT_LOGIN_OPTIONS: LoginOptions = { listUsers: false };

export async function readLoginOptions(books: OpenBooks): Promise<LoginOptions> {
  const doc = await books.db.settings.findOne(LOGIN_OPTIONS_ID).exec();
  if (!doc?.preference) return DEFAULT_LOGIN_OPTIONS;
  try {
    const stored = JSON.parse(doc.preference.value) as Partial<LoginOptions>;
    return { listUsers: stored.listUsers === true };
  } catch {
    return DEFAULT_LOGIN_OPTIONS;
  }
}

export function loginOptionsDoc(options: LoginOptions, userId: string, now: string, createdAt?: string) {
  return {
    id: LOGIN_OPTIONS_ID,
    kind: 'preference' as const,
    preference: { key: LOGIN_OPTIONS_ID, value: JSON.stringify(options) },
    createdAt: createdAt ?? now,
    createdBy: userId,
    updatedAt: now,
    updatedBy: userId,
  };
}
