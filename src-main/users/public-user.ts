import type { PublicUser, Role } from '../../src-shared/contract/index.js';
import type { UserDoc } from '../store/schemas/config.js';

/** What the screens may see of a user: never the password hash. */
export function toPublicUser(doc: UserDoc): PublicUser {
  return { id: doc.id, name: doc.name, email: doc.email ?? '', role: doc.role as Role, active: doc.active, language: doc.language ?? 'de', mustChangePassword: doc.mustChangePassword === true };
}

/** Whether the user chose their current password themself (not an administrator for them). */
export function setOwnPassword(doc: UserDoc): boolean {
  return doc.passwordSetBy === doc.id && doc.mustChangePassword !== true;
}
