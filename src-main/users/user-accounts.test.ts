import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, adminSetup, PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { hashPassword } from './passwords.js';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => app.stop());

const userCount = () => app.services.books.db.users.count().exec();
const nameTaken = { ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'name', problem: 'validation.nameTaken' }] } } };
const passwordTooShort = { ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'password', problem: 'validation.passwordTooShort' }] } } };

async function loggedInAdmin() {
  const admin = app.client();
  await unwrap(admin.invoke('auth.setupAdmin', adminSetup(app)));
  return admin;
}

describe('user names', () => {
  it('are refused when another user has the same name in other case, with other spaces or other Unicode form', async () => {
    const admin = await loggedInAdmin();
    await unwrap(admin.invoke('users.create', { name: 'Jörg', email: 'joerg@example.org', role: 'bookkeeper', password: PASSWORD }));
    const before = await userCount();
    for (const name of ['anna admin', '  ANNA ADMIN ', 'JÖRG', 'jo\u0308rg']) {
      expect(await admin.invoke('users.create', { name, email: 'other@example.org', role: 'cashier', password: PASSWORD })).toMatchObject(nameTaken);
    }
    expect(await userCount()).toBe(before);
    expect(await admin.invoke('users.create', { name: 'Jörg Zwei', email: 'joerg2@example.org', role: 'cashier', password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('are refused when renaming to another user’s name; a user may change the case of their own name', async () => {
    const admin = await loggedInAdmin();
    const bea = await unwrap(admin.invoke('users.create', { name: 'Bea', email: 'bea@example.org', role: 'bookkeeper', password: PASSWORD }));
    expect(await admin.invoke('users.update', { id: bea.id, name: 'Anna Admin ' })).toMatchObject(nameTaken);
    expect((await unwrap(admin.invoke('users.list', {}))).map((u) => u.name)).toEqual(expect.arrayContaining(['Anna Admin', 'Bea']));
    expect(await admin.invoke('users.update', { id: bea.id, name: 'BEA' })).toMatchObject({ ok: true, value: { name: 'BEA' } });
  });

  it('are given once when two users with the same name are created at the same moment', async () => {
    const admin = await loggedInAdmin();
    const results = await Promise.all([
      admin.invoke('users.create', { name: 'Carla', email: 'carla1@example.org', role: 'bookkeeper', password: PASSWORD }),
      admin.invoke('users.create', { name: 'carla', email: 'carla2@example.org', role: 'cashier', password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([nameTaken]);
    expect(await userCount()).toBe(2);
  });

  it('that several active users still share (older books) ask for the e-mail at login; an unknown name stays a wrong login', async () => {
    const admin = await loggedInAdmin();
    const now = new Date().toISOString();
    const passwordHash = await hashPassword(PASSWORD);
    // Written straight into the books, as older versions of the app allowed.
    for (const [id, email] of [['01OLDUSERDANA0000000000001', 'dana1@example.org'], ['01OLDUSERDANA0000000000002', 'dana2@example.org']] as const) {
      await app.services.books.db.users.insert({ id, name: id.endsWith('1') ? 'Dana' : ' dana', email, role: 'bookkeeper', passwordHash, active: true, language: 'de', createdAt: now, updatedAt: now });
    }
    expect(await app.client().invoke('auth.login', { login: 'Dana', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'LOGIN_NAME_AMBIGUOUS' } });
    expect(await app.client().invoke('auth.login', { login: 'Nobody', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await app.client().invoke('auth.login', { login: 'Anna Admin', password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await app.client().invoke('auth.login', { login: 'dana2@example.org', password: PASSWORD })).toMatchObject({ ok: true, value: { user: { email: 'dana2@example.org' } } });
    // Once one of them is renamed, the name logs in again.
    await unwrap(admin.invoke('users.update', { id: '01OLDUSERDANA0000000000002', name: 'Dana Zwei' }));
    expect(await app.client().invoke('auth.login', { login: 'dana', password: PASSWORD })).toMatchObject({ ok: true, value: { user: { email: 'dana1@example.org' } } });
  });
});

describe('passwords', () => {
  it('need 10 characters besides spaces at the start and end, at setup, creation and change', async () => {
    const client = app.client();
    expect(await client.invoke('auth.setupAdmin', { ...adminSetup(app), password: ' '.repeat(10) })).toMatchObject(passwordTooShort);
    expect(await client.invoke('auth.setupAdmin', { ...adminSetup(app), password: ` ${'\u00a0'.repeat(12)}\t` })).toMatchObject(passwordTooShort);
    expect(await userCount()).toBe(0);
    await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));

    expect(await client.invoke('users.create', { name: 'Emil', email: 'emil@example.org', role: 'cashier', password: '   123456789   ' })).toMatchObject(passwordTooShort);
    expect(await userCount()).toBe(1);
    const emil = await unwrap(client.invoke('users.create', { name: 'Emil', email: 'emil@example.org', role: 'cashier', password: 'ab cd ef gh' }));
    expect(await client.invoke('users.update', { id: emil.id, password: ' '.repeat(12) })).toMatchObject(passwordTooShort);
    expect(await app.client().invoke('auth.login', { login: 'emil@example.org', password: 'ab cd ef gh' })).toMatchObject({ ok: true });
    expect(ADMIN.password.trim().length).toBeGreaterThanOrEqual(10);
  });
});

describe('accounts an administrator manages', () => {
  const auditActions = async (entityId: string) =>
    (await app.services.books.db.facts.find({ selector: { kind: 'audit', subjectId: entityId } }).exec())
      .map((f) => f.toMutableJSON())
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
      .map((f) => f.audit?.action);

  it('a password reset makes the user choose a new one at the next login before anything else; audited', async () => {
    const admin = await loggedInAdmin();
    const bea = await unwrap(admin.invoke('users.create', { name: 'Bea', email: 'bea@example.org', role: 'bookkeeper', password: PASSWORD }));
    const beaBefore = app.client();
    await unwrap(beaBefore.invoke('auth.login', { login: 'bea@example.org', password: PASSWORD }));

    expect(await admin.invoke('users.resetPassword', { id: bea.id, password: 'Vorlaeufig-1234' })).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    // The running login ends; the old password no longer works.
    expect(await beaBefore.invoke('customers.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
    expect(await app.client().invoke('auth.login', { login: 'bea@example.org', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });

    const bea2 = app.client();
    expect(await bea2.invoke('auth.login', { login: 'bea@example.org', password: 'Vorlaeufig-1234' })).toMatchObject({ ok: true, value: { user: { mustChangePassword: true } } });
    expect(await bea2.invoke('customers.list', {})).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(await bea2.invoke('auth.changePassword', { currentPassword: 'falsch-falsch', newPassword: 'Meins-Eigenes-1' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'currentPassword', problem: 'validation.currentPasswordWrong' }] } } });
    expect(await bea2.invoke('auth.changePassword', { currentPassword: 'Vorlaeufig-1234', newPassword: 'Vorlaeufig-1234' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'newPassword', problem: 'validation.passwordUnchanged' }] } } });
    expect(await bea2.invoke('auth.changePassword', { currentPassword: 'Vorlaeufig-1234', newPassword: 'Meins-Eigenes-1' })).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect(await bea2.invoke('customers.list', {})).toMatchObject({ ok: true });
    expect(await app.client().invoke('auth.login', { login: 'bea@example.org', password: 'Meins-Eigenes-1' })).toMatchObject({ ok: true, value: { user: { mustChangePassword: false } } });
    expect(await auditActions(bea.id)).toEqual(expect.arrayContaining(['user.created', 'user.passwordReset', 'user.passwordChanged']));
  });

  it('an administrator changes their own password only with the current one, not through the user administration', async () => {
    const admin = await loggedInAdmin();
    const me = (await unwrap(admin.invoke('auth.whoami', {})))!;
    const refused = (field: string) => ({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field, problem: 'validation.ownPasswordNeedsCurrent' }] } } });
    expect(await admin.invoke('users.update', { id: me.id, password: 'Ohne-Altes-Passwort-1' })).toMatchObject(refused('password'));
    expect(await admin.invoke('users.resetPassword', { id: me.id, password: 'Ohne-Altes-Passwort-2' })).toMatchObject(refused('id'));
    // Nothing changed: the old password still logs in, and no change was written.
    expect(await app.client().invoke('auth.login', { login: ADMIN.email, password: ADMIN.password })).toMatchObject({ ok: true });
    expect(await app.client().invoke('auth.login', { login: ADMIN.email, password: 'Ohne-Altes-Passwort-1' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await auditActions(me.id)).not.toEqual(expect.arrayContaining(['user.passwordReset']));
    expect(await auditActions(me.id)).not.toEqual(expect.arrayContaining(['user.updated']));
    // Other changes of their own account still go through; the own password through auth.changePassword.
    expect(await admin.invoke('users.update', { id: me.id, name: 'Anna Admin' })).toMatchObject({ ok: true });
    expect(await admin.invoke('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'Mit-Altem-Passwort-1' })).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect(await auditActions(me.id)).toEqual(expect.arrayContaining(['user.passwordChanged']));
  });

  it('a role change and a deactivation are audited; a deactivated user cannot log in and their login ends', async () => {
    const admin = await loggedInAdmin();
    const cem = await unwrap(admin.invoke('users.create', { name: 'Cem', email: 'cem@example.org', role: 'bookkeeper', password: PASSWORD }));
    const cemClient = app.client();
    await unwrap(cemClient.invoke('auth.login', { login: 'cem@example.org', password: PASSWORD }));
    expect(await admin.invoke('users.update', { id: cem.id, role: 'supervisor' })).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    expect(await admin.invoke('users.update', { id: cem.id, active: false })).toMatchObject({ ok: true, value: { active: false } });
    expect(await cemClient.invoke('customers.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
    expect(await app.client().invoke('auth.login', { login: 'cem@example.org', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await auditActions(cem.id)).toEqual(['user.created', 'user.updated', 'user.updated']);
  });

  it('the last active administrator can be neither demoted nor deactivated', async () => {
    const admin = await loggedInAdmin();
    const me = await unwrap(admin.invoke('auth.whoami', {}));
    expect(await admin.invoke('users.update', { id: me!.id, role: 'bookkeeper' })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    expect(await admin.invoke('users.update', { id: me!.id, active: false })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
    expect(await unwrap(admin.invoke('auth.whoami', {}))).toMatchObject({ role: 'admin', active: true });
  });

  it('a user changes their own password without an administrator', async () => {
    await loggedInAdmin();
    const admin = app.client();
    await unwrap(admin.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    expect(await admin.invoke('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'Neues-Admin-Passwort' })).toMatchObject({ ok: true });
    expect(await app.client().invoke('auth.login', { login: ADMIN.email, password: 'Neues-Admin-Passwort' })).toMatchObject({ ok: true });
  });

  it('a password change ends the user’s other logins; the one that changed it goes on, also after a reload', async () => {
    await loggedInAdmin();
    const here = app.client();
    const { token } = await unwrap(here.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    const elsewhere = app.client();
    await unwrap(elsewhere.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    await unwrap(here.invoke('auth.changePassword', { currentPassword: ADMIN.password, newPassword: 'Neues-Admin-Passwort' }));
    expect(await elsewhere.invoke('customers.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
    expect(await here.invoke('customers.list', {})).toMatchObject({ ok: true });
    expect(await app.client().invoke('auth.resume', { token })).toMatchObject({ ok: true });
  });
});
