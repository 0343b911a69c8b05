import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, adminSetup, PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { SETUP_TOKEN_FILE, SetupToken } from './setup-token.js';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => app.stop());

const activeAdmins = async () => (await app.services.books.db.users.find().exec()).filter((u) => u.role === 'admin' && u.active).length;

describe('the first administrator', () => {
  it('is created once when two setups arrive at the same moment', async () => {
    const setup = adminSetup(app);
    const results = await Promise.all([
      app.client().invoke('auth.setupAdmin', setup),
      app.client().invoke('auth.setupAdmin', { ...setup, name: 'Bea Admin', email: 'bea@example.org' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: { code: 'SETUP_ALREADY_DONE' } }]);
    expect(await app.services.books.db.users.count().exec()).toBe(1);
  });

  it('needs the setup token of this start: without it or with a wrong one nothing is created', async () => {
    const client = app.client();
    const { setupToken: _omitted, ...withoutToken } = adminSetup(app);
    expect(await client.invoke('auth.setupAdmin', withoutToken as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'setupToken', problem: 'validation.required' }] } },
    });
    expect(await client.invoke('auth.setupAdmin', { ...ADMIN, setupToken: 'guessed-token-guessed-token-guessed-token' })).toMatchObject({
      ok: false,
      error: { code: 'SETUP_TOKEN_INVALID', details: { fields: [{ field: 'setupToken' }] } },
    });
    expect(await app.services.books.db.users.count().exec()).toBe(0);
    expect(await app.services.books.db.facts.count().exec()).toBe(0);
    expect(await unwrap(client.invoke('app.status', {}))).toMatchObject({ needsSetup: true });
    await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  });

  it('keeps the token in a file only its owner may read, and spends it with the setup', async () => {
    const file = path.join(app.dataDir, SETUP_TOKEN_FILE);
    const token = app.services.setup.current()!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(token);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    await unwrap(app.client().invoke('auth.setupAdmin', adminSetup(app)));
    expect(fs.existsSync(file)).toBe(false);
    expect(await app.client().invoke('auth.setupAdmin', { ...ADMIN, setupToken: token })).toMatchObject({ ok: false, error: { code: 'SETUP_ALREADY_DONE' } });

    // A later start of the same books (users exist) makes no token at all.
    fs.writeFileSync(file, 'left over\n');
    expect(SetupToken.inDataDir(app.dataDir, true).current()).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('the last administrator', () => {
  it('remains when the last two administrators are demoted at the same moment', async () => {
    const admin = app.client();
    const { user } = await unwrap(admin.invoke('auth.setupAdmin', adminSetup(app)));
    const bea = await unwrap(admin.invoke('users.create', { name: 'Bea Admin', email: 'bea@example.org', role: 'admin', password: PASSWORD }));
    const results = await Promise.all([
      admin.invoke('users.update', { id: user.id, role: 'bookkeeper' }),
      admin.invoke('users.update', { id: bea.id, role: 'bookkeeper' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: { code: 'LAST_ADMIN' } }]);
    expect(await activeAdmins()).toBe(1);
  });

  it('remains when the last two administrators are deactivated at the same moment', async () => {
    const admin = app.client();
    const { user } = await unwrap(admin.invoke('auth.setupAdmin', adminSetup(app)));
    const bea = await unwrap(admin.invoke('users.create', { name: 'Bea Admin', email: 'bea@example.org', role: 'admin', password: PASSWORD }));
    const results = await Promise.all([admin.invoke('users.update', { id: user.id, active: false }), admin.invoke('users.update', { id: bea.id, active: false })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ error: { code: 'LAST_ADMIN' } }]);
    expect(await activeAdmins()).toBe(1);
  });
});
