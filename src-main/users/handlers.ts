import { randomBytes } from 'node:crypto';
import { newId } from '../ids.js';
import { AppError, type PublicUser, type Role } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Session } from '../server/session.js';
import type { Services } from '../services.js';
import type { UserDoc } from '../store/schemas/config.js';
import { hashPassword, verifyPassword } from './passwords.js';

type UserHandlers = Pick<
  HandlerImpls,
  | 'auth.loginChoices'
  | 'auth.setupAdmin'
  | 'auth.login'
  | 'auth.resume'
  | 'auth.logout'
  | 'auth.whoami'
  | 'auth.setLanguage'
  | 'users.list'
  | 'users.create'
  | 'users.update'
>;

export function toPublicUser(doc: UserDoc): PublicUser {
  return { id: doc.id, name: doc.name, email: doc.email ?? '', role: doc.role as Role, active: doc.active, language: doc.language ?? 'de' };
}

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
  revokeUser(userId: string): void {
    for (const [token, owner] of this.tokens) if (owner === userId) this.tokens.delete(token);
  }
}

export function userHandlers(services: Services): UserHandlers {
  const { books, writes, clock, tokens } = services;
  const users = books.db.users;

  const startSession = (session: Session, doc: UserDoc) => {
    tokens.revoke(session.token);
    session.user = toPublicUser(doc);
    session.token = tokens.issue(doc.id);
    return { user: session.user, token: session.token };
  };

  const emailTaken = async (email: string, exceptId?: string) => {
    const all = await users.find().exec();
    return all.some((u) => u.id !== exceptId && (u.email ?? '').toLowerCase() === email.toLowerCase());
  };

  const activeAdmins = async () => (await users.find({ selector: { role: 'admin' } }).exec()).filter((u) => u.active);

  return {
    'auth.loginChoices': async () =>
      (await users.find({ sort: [{ id: 'asc' }] }).exec())
        .filter((u) => u.active)
        .map((u) => ({ id: u.id, name: u.name, role: u.role as Role })),

    'auth.setupAdmin': async (input, { session }) => {
      if ((await users.count().exec()) > 0) {
        throw new AppError('SETUP_ALREADY_DONE', 'The first administrator exists already; log in instead.');
      }
      const now = clock().toISOString();
      const doc: UserDoc = {
        id: newId(),
        name: input.name,
        email: input.email,
        role: 'admin',
        passwordHash: await hashPassword(input.password),
        active: true,
        language: input.language,
        createdAt: now,
        updatedAt: now,
      };
      await writes.write(doc.id, { collection: 'users', action: 'user.setupAdmin', entity: 'user', entityId: doc.id, after: toPublicUser(doc) }, () =>
        users.insert(doc),
      );
      return startSession(session, doc);
    },

    'auth.login': async (input, { session }) => {
      const doc = await users.findOne(input.userId).exec();
      const ok = doc !== null && doc.active && (await verifyPassword(input.password, doc.passwordHash));
      if (!doc || !ok) throw new AppError('INVALID_CREDENTIALS', 'User or password is wrong.');
      return startSession(session, doc.toMutableJSON());
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

    'users.list': async () => (await users.find({ sort: [{ id: 'asc' }] }).exec()).map((u) => toPublicUser(u.toMutableJSON())),

    'users.create': async (input, { session }) => {
      if (await emailTaken(input.email)) {
        throw new AppError('VALIDATION_FAILED', 'E-mail in use', { fields: [{ field: 'email', problem: 'validation.emailTaken' }] });
      }
      const now = clock().toISOString();
      const doc: UserDoc = {
        id: newId(),
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash: await hashPassword(input.password),
        active: true,
        language: input.language,
        createdAt: now,
        createdBy: session.user!.id,
        updatedAt: now,
        updatedBy: session.user!.id,
      };
      await writes.write(session.user!.id, { collection: 'users', action: 'user.created', entity: 'user', entityId: doc.id, after: toPublicUser(doc) }, () =>
        users.insert(doc),
      );
      return toPublicUser(doc);
    },

    'users.update': async (input, { session }) => {
      const doc = await users.findOne(input.id).exec();
      if (!doc) throw new AppError('NOT_FOUND', 'User not found.');
      const losesAdmin = doc.role === 'admin' && ((input.role && input.role !== 'admin') || input.active === false);
      if (losesAdmin && (await activeAdmins()).length <= 1) {
        throw new AppError('LAST_ADMIN', 'At least one active administrator must remain.');
      }
      if (input.email && (await emailTaken(input.email, doc.id))) {
        throw new AppError('VALIDATION_FAILED', 'E-mail in use', { fields: [{ field: 'email', problem: 'validation.emailTaken' }] });
      }
      const { id, password, ...changes } = input;
      const patch: Partial<UserDoc> = { ...changes, updatedAt: clock().toISOString(), updatedBy: session.user!.id };
      if (password) patch.passwordHash = await hashPassword(password);
      const before = toPublicUser(doc.toMutableJSON());
      const updated = await writes.write(
        session.user!.id,
        { collection: 'users', action: 'user.updated', entity: 'user', entityId: id, before, after: { ...changes, passwordChanged: Boolean(password) } },
        () => doc.incrementalPatch(patch),
      );
      if (password || input.active === false || input.role) tokens.revokeUser(id);
      return toPublicUser(updated.toMutableJSON());
    },
  };
}
