/**
 * A user logged in with a password an administrator set may do nothing but choose their own;
 * until then the app pushes them no events either (no names of changed records, no progress).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer } from '../../tests/support/books.js';
import { adminSetup, PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

const TEMPORARY = 'Vorlaeufig-1234';
let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => app.stop());

describe('events for a login with a temporary password', () => {
  it('are held back until the user has chosen their own password', async () => {
    const admin = app.client();
    await unwrap(admin.invoke('auth.setupAdmin', adminSetup(app)));
    const created = await unwrap(admin.invoke('users.create', { name: 'Bea', email: 'bea@example.org', role: 'bookkeeper', password: PASSWORD }));
    await unwrap(admin.invoke('users.resetPassword', { id: created.id, password: TEMPORARY }));
    const bea = app.client();
    expect(await bea.invoke('auth.login', { login: 'bea@example.org', password: TEMPORARY })).toMatchObject({ ok: true, value: { user: { mustChangePassword: true } } });
    const seenByBea: string[] = [];
    const seenByAdmin: string[] = [];
    bea.on('data.changed', (e) => seenByBea.push(e.collection));
    admin.on('data.changed', (e) => seenByAdmin.push(e.collection));

    await customer(admin, { name: 'Erste Kundin GmbH' });
    expect(seenByAdmin).toContain('customers');
    expect(seenByBea).toEqual([]);

    await unwrap(bea.invoke('auth.changePassword', { currentPassword: TEMPORARY, newPassword: 'Meins-Eigenes-1' }));
    seenByBea.length = 0;
    await customer(admin, { name: 'Zweite Kundin GmbH' });
    expect(seenByBea).toContain('customers');
  });
});
