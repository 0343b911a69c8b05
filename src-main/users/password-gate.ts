import { CONTRACT, isHandlerName, type AppErrorValue, type HandlerName } from '../../src-shared/contract/index.js';
import type { Session } from '../server/session.js';

/** What a user whose password an administrator set may do before choosing their own. */
const WHILE_PASSWORD_SET_BY_ADMIN: ReadonlySet<HandlerName> = new Set<HandlerName>(['auth.changePassword', 'auth.logout', 'auth.whoami', 'auth.setLanguage']);

/** Refuses every call but the password change (and logging out) while the user must choose a new password. */
export function passwordChangeRequired(name: unknown, session: Session): AppErrorValue | undefined {
  if (!session.user?.mustChangePassword || !isHandlerName(name)) return undefined;
  if (CONTRACT[name].access === 'public' || WHILE_PASSWORD_SET_BY_ADMIN.has(name)) return undefined;
  return { code: 'PASSWORD_CHANGE_REQUIRED', message: 'Choose a new password first.' };
}
