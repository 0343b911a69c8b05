import { newId } from '../ids.js';
import { AppError, type ParsedInputOf } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Session } from '../server/session.js';
import type { UserDoc } from '../store/schemas/config.js';
import type { Accounts } from './accounts.js';
import { readLoginOptions } from './login-options.js';
import type { LoginSubject } from './login-throttle.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { toPublicUser } from './public-user.js';
import { nameKey } from './user-names.js';

type AuthHandlers = Pick<
  HandlerImpls,
  'auth.loginChoices' | 'auth.setupAdmin' | 'auth.login' | 'auth.resume' | 'auth.logout' | 'auth.whoami' | 'auth.setLanguage' | 'auth.changePassword'
>;

/** A stored hash no password matches: unknown users cost as much time as known ones. */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(`decoy ${newId()} ${newId()}`));

function throttled(waitMs: number): AppError {
  const retryAfterSeconds = Math.ceil(waitMs / 1000);
  return new AppError('LOGIN_THROTTLED', `Too many failed logins; try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
}

export function authHandlers(accounts: Accounts): AuthHandlers {
  const { books, writes, clock, tokens, setup, loginThrottle } = accounts;
  const users = books.db.users;

  const startSession = (session: Session, doc: UserDoc) => {
    tokens.revoke(session.token);
    session.user = toPublicUser(doc);
    session.token = tokens.issue(doc.id);
    return { user: session.user, token: session.token };
  };

  /**
   * The user picked by id, or typed by e-mail, or by a name that only one active user has;
   * `ambiguous` when several active users share the typed name (books from before names were unique).
   */
  const userToLogIn = async (input: ParsedInputOf<'auth.login'>): Promise<UserDoc | null | 'ambiguous'> => {
    if (input.userId !== undefined) return (await users.findOne(input.userId).exec())?.toMutableJSON() ?? null;
    const typed = input.login!.normalize('NFC').toLowerCase();
    const active = (await users.find().exec()).map((u) => u.toMutableJSON()).filter((u) => u.active);
    const byEmail = active.find((u) => (u.email ?? '').toLowerCase() === typed);
    if (byEmail) return byEmail;
    const byName = active.filter((u) => nameKey(u.name) === nameKey(input.login!));
    return byName.length > 1 ? 'ambiguous' : (byName[0] ?? null);
  };

  return {
    'auth.loginChoices': async () => {
      const { listUsers } = await readLoginOptions(books);
      if (!listUsers) return { listUsers, users: [] };
      const all = await users.find({ sort: [{ id: 'asc' }] }).exec();
      return { listUsers, users: all.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name })) };
    },

    'auth.setupAdmin': async (input, { session }) => {
      if (setup.current() === null) {
        throw new AppError('SETUP_ALREADY_DONE', 'The first administrator exists already; log in instead.');
      }
      if (!setup.matches(input.setupToken)) {
        throw new AppError('SETUP_TOKEN_INVALID', 'The setup token is wrong; the app shows it only on this computer.', {
          fields: [{ field: 'setupToken', problem: 'validation.setupToken' }],
        });
      }
      const now = clock().toISOString();
      const id = newId();
      const doc: UserDoc = {
        id,
        name: input.name,
        email: input.email,
        role: 'admin',
        passwordHash: await hashPassword(input.password),
        active: true,
        language: input.language,
        passwordSetBy: id,
        createdAt: now,
        updatedAt: now,
      };
      // Counted inside the write: of two setups at once only the first finds no user.
      await writes.write(doc.id, { collection: 'users', action: 'user.setupAdmin', entity: 'user', entityId: doc.id, after: toPublicUser(doc) }, async () => {
        if ((await users.count().exec()) > 0) {
          throw new AppError('SETUP_ALREADY_DONE', 'The first administrator exists already; log in instead.');
        }
        return users.insert(doc);
      });
      setup.consume();
      return startSession(session, doc);
    },

    'auth.login': async (input, { session }) => {
      const found = await userToLogIn(input);
      const doc = found === 'ambiguous' ? null : found;
      const subject: LoginSubject = doc ? { userId: doc.id } : { unknown: input.userId !== undefined ? `id:${input.userId}` : `login:${nameKey(input.login!)}` };
      const wait = loginThrottle.waitMs(subject, session);
      if (wait > 0) throw throttled(wait);
      // Counted before the password is checked, so attempts sent at once are throttled too.
      loginThrottle.failed(subject, session);
      // Unknown users and shared names cost the same time as a known user: a decoy hash is checked.
      const ok = doc !== null && doc.active ? await verifyPassword(input.password, doc.passwordHash) : await verifyPassword(input.password, await decoy()).then(() => false);
      if (found === 'ambiguous') {
        throw new AppError('LOGIN_NAME_AMBIGUOUS', 'Several users have this name; log in with the e-mail address.');
      }
      if (!doc || !ok) throw new AppError('INVALID_CREDENTIALS', 'User or password is wrong.');
      loginThrottle.succeeded(subject, session);
      return startSession(session, doc);
    },

    'auth.resume': async (input, { session }) => {
      const userId = tokens.userOf(input.token);
      const doc = userId ? await users.findOne(userId).exec() : null;
      if (!doc || !doc.active) throw new AppError('NOT_AUTHENTICATED', 'The login has expired; log in again.');
      session.user = toPublicUser(doc.toMutableJSON());
      session.token = input.token;
      return { user: session.user, token: input.token };
    },

    'auth.logout': async (_input, { session }) => {
      tokens.revoke(session.token);
      session.user = null;
      session.token = null;
      return null;
    },

    'auth.whoami': async (_input, { session }) => session.user,

    'auth.changePassword': async (input, { session }) => {
      const userId = session.user!.id;
      const current = await users.findOne(userId).exec();
      if (!current) throw new AppError('NOT_FOUND', 'User not found.');
      if (!(await verifyPassword(input.currentPassword, current.passwordHash))) {
        throw new AppError('VALIDATION_FAILED', 'The current password is wrong.', { fields: [{ field: 'currentPassword', problem: 'validation.currentPasswordWrong' }] });
      }
      const passwordHash = await hashPassword(input.newPassword);
      const change = { collection: 'users', action: 'user.passwordChanged', entity: 'user', entityId: userId, after: { passwordChanged: true } } as const;
      const updated = await writes.write(userId, change, async () => {
        const doc = await users.findOne(userId).exec();
        if (!doc) throw new AppError('NOT_FOUND', 'User not found.');
        return doc.incrementalPatch({ passwordHash, mustChangePassword: false, passwordSetBy: userId, updatedAt: clock().toISOString(), updatedBy: userId });
      });
      // Other logins of this user end; this one goes on (its token, kept for a reload of the window, stays).
      tokens.revokeUser(userId, session.token);
      session.user = toPublicUser(updated.toMutableJSON());
      return session.user;
    },

    'auth.setLanguage': async (input, { session }) => {
      const doc = await users.findOne(session.user!.id).exec();
      if (!doc) throw new AppError('NOT_FOUND', 'User not found.');
      const updated = await writes.write(
        session.user!.id,
        { collection: 'users', action: 'user.languageChanged', entity: 'user', entityId: doc.id, before: doc.language, after: input.language },
        () => doc.incrementalPatch({ language: input.language, updatedAt: clock().toISOString(), updatedBy: session.user!.id }),
      );
      session.user = toPublicUser(updated.toMutableJSON());
      return session.user;
    },
  };
}
