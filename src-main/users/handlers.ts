import { randomBytes } from 'node:crypto';
import { newId } from '../ids.js';
import { AppError } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { ChangeDescription } from '../server/write-path.js';
import type { UserDoc } from '../store/schemas/config.js';
import type { Accounts } from './accounts.js';
import { authHandlers } from './auth.js';
import { LOGIN_OPTIONS_ID, loginOptionsDoc, readLoginOptions } from './login-options.js';
import { hashPassword } from './passwords.js';
import { toPublicUser } from './public-user.js';
import { nameInUse } from './user-names.js';

export { toPublicUser } from './public-user.js';

export type UserHandlers = Pick<
  HandlerImpls,
  | 'auth.loginChoices'
  | 'auth.setupAdmin'
  | 'auth.login'
  | 'auth.resume'
  | 'auth.logout'
  | 'auth.whoami'
  | 'auth.setLanguage'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.resetPassword'
  | 'users.loginOptions'
  | 'users.saveLoginOptions'
>;

/** Login tokens live in memory: a restart of the app asks everyone to log in again. */
export class SessionTokens {
  private readonly tokens = new Map<string, string>();
  issue(userId: string): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, userId);
    return token;
  }
  userOf(token: string): string | undefined {
    return this.tokens.get(token);
  }
  revoke(token: string | null): void {
    if (token) this.tokens.delete(token);
  }
  /** Ends every login of the user, but `keep` (the login that asked for it). */
  revokeUser(userId: string, keep?: string | null): void {
    for (const [token, owner] of this.tokens) if (owner === userId && token !== keep) this.tokens.delete(token);
  }
}

const TAKEN = { email: 'validation.emailTaken', name: 'validation.nameTaken' } as const;

/** Name and e-mail belong to one user each; refused with every field another user has already. */
function takenError(fields: (keyof typeof TAKEN)[]): AppError {
  return new AppError('VALIDATION_FAILED', `In use: ${fields.join(', ')}`, { fields: fields.map((field) => ({ field, problem: TAKEN[field] })) });
}

/** One's own password is changed only with the current one (auth.changePassword), never by an administrator's hand. */
function ownPasswordRefused(field: 'password' | 'id'): AppError {
  return new AppError('VALIDATION_FAILED', 'Your own password is changed with the current one.', { fields: [{ field, problem: 'validation.ownPasswordNeedsCurrent' }] });
}

/** A password set by an administrator for someone else must be replaced by the user at the next login. */
function passwordSetFor(userId: string, setBy: string, passwordHash: string): Pick<UserDoc, 'passwordHash' | 'mustChangePassword' | 'passwordSetBy'> {
  return { passwordHash, mustChangePassword: userId !== setBy, passwordSetBy: setBy };
}

export function userHandlers(accounts: Accounts): UserHandlers {
  const { books, writes, clock, tokens } = accounts;
  const users = books.db.users;

  /** Checked inside the write: of two users saved at once with the same name or e-mail only the first passes. */
  const refuseTaken = async (wanted: { name?: string | undefined; email?: string | undefined }, exceptId?: string) => {
    const all = (await users.find().exec()).map((u) => u.toMutableJSON());
    const taken: (keyof typeof TAKEN)[] = [];
    if (wanted.name !== undefined && nameInUse(all, wanted.name, exceptId)) taken.push('name');
    if (wanted.email !== undefined && all.some((u) => u.id !== exceptId && (u.email ?? '').toLowerCase() === wanted.email!.toLowerCase())) taken.push('email');
    if (taken.length > 0) throw takenError(taken);
  };

  /** Someone who now decides on bank changes hears of the one waiting, as the others did. */
  const tellOfPendingBankChange = async (doc: UserDoc, writtenBy: string) => {
    const notices = await accounts.ports.pendingBankChangeNotice(doc, writtenBy);
    if (notices.length) await books.db.facts.bulkInsert(notices);
  };

  const activeAdmins = async () => (await users.find({ selector: { role: 'admin' } }).exec()).filter((u) => u.active);

  return {
    ...authHandlers(accounts),

    'users.list': async () => (await users.find({ sort: [{ id: 'asc' }] }).exec()).map((u) => toPublicUser(u.toMutableJSON())),

    'users.create': async (input, { session }) => {
      const now = clock().toISOString();
      const doc: UserDoc = {
        id: newId(),
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        active: true,
        language: input.language,
        passwordSetBy: session.user!.id,
        createdAt: now,
        createdBy: session.user!.id,
        updatedAt: now,
        updatedBy: session.user!.id,
      };
      await writes.write(session.user!.id, { collection: 'users', action: 'user.created', entity: 'user', entityId: doc.id, after: toPublicUser(doc) }, async () => {
        await refuseTaken(input);
        const inserted = await users.insert(doc);
        await tellOfPendingBankChange(doc, session.user!.id);
        return inserted;
      });
      return toPublicUser(doc);
    },

    'users.update': async (input, { session }) => {
      if (input.password && input.id === session.user!.id) throw ownPasswordRefused('password');
      if (!(await users.findOne(input.id).exec())) throw new AppError('NOT_FOUND', 'User not found.');
      const { id, password, ...changes } = input;
      const passwordHash = password ? await hashPassword(password) : undefined;
      const change: ChangeDescription = { collection: 'users', action: 'user.updated', entity: 'user', entityId: id, after: { ...changes, passwordChanged: Boolean(password) } };
      // Checked inside the write: two admins demoted at once cannot both pass the last-admin rule.
      const updated = await writes.write(session.user!.id, change, async () => {
        const doc = await users.findOne(id).exec();
        if (!doc) throw new AppError('NOT_FOUND', 'User not found.');
        const losesAdmin = doc.role === 'admin' && doc.active && ((input.role && input.role !== 'admin') || input.active === false);
        if (losesAdmin && (await activeAdmins()).length <= 1) {
          throw new AppError('LAST_ADMIN', 'At least one active administrator must remain.');
        }
        await refuseTaken({ name: input.name, email: input.email }, id);
        change.before = toPublicUser(doc.toMutableJSON());
        const patch: Partial<UserDoc> = { ...changes, updatedAt: clock().toISOString(), updatedBy: session.user!.id };
        if (passwordHash) Object.assign(patch, passwordSetFor(id, session.user!.id, passwordHash));
        const patched = await doc.incrementalPatch(patch);
        await tellOfPendingBankChange(patched.toMutableJSON(), session.user!.id);
        return patched;
      });
      if (password || input.active === false || input.role) tokens.revokeUser(id);
      return toPublicUser(updated.toMutableJSON());
    },

    'users.resetPassword': async (input, { session }) => {
      const adminId = session.user!.id;
      if (input.id === adminId) throw ownPasswordRefused('id');
      const passwordHash = await hashPassword(input.password);
      const change: ChangeDescription = { collection: 'users', action: 'user.passwordReset', entity: 'user', entityId: input.id, after: { mustChangePassword: input.id !== adminId } };
      const updated = await writes.write(adminId, change, async () => {
        const doc = await users.findOne(input.id).exec();
        if (!doc) throw new AppError('NOT_FOUND', 'User not found.');
        return doc.incrementalPatch({ ...passwordSetFor(input.id, adminId, passwordHash), updatedAt: clock().toISOString(), updatedBy: adminId });
      });
      tokens.revokeUser(input.id);
      return toPublicUser(updated.toMutableJSON());
    },

    'users.loginOptions': async () => readLoginOptions(books),

    'users.saveLoginOptions': async (input, { session }) => {
      const userId = session.user!.id;
      const before = await readLoginOptions(books);
      await writes.write(userId, { collection: 'settings', action: 'settings.loginOptionsSaved', entity: 'settings', entityId: LOGIN_OPTIONS_ID, before, after: input }, async () => {
        const existing = await books.db.settings.findOne(LOGIN_OPTIONS_ID).exec();
        return books.db.settings.upsert(loginOptionsDoc(input, userId, clock().toISOString(), existing?.createdAt));
      });
      return readLoginOptions(books);
    },
  };
}
