import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, adminSetup, COMPANY, PASSWORD, startTestApp, unwrap, withUsers, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => app.stop());

describe('the dispatcher, the only way in', () => {
  it('answers an unknown handler with UNKNOWN_HANDLER', async () => {
    const result = await app.services.dispatch('invoices.deleteEverything', {}, { user: null, token: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_HANDLER' } });
  });

  it('asks for a login before anything but the public handlers', async () => {
    const client = app.client();
    expect(await client.invoke('app.status', {})).toMatchObject({ ok: true, value: { needsSetup: true, companyName: null } });
    expect(await client.invoke('settings.getCompany', {})).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
  });

  it('creates the first admin once, then only logins', async () => {
    const client = app.client();
    const setup = adminSetup(app);
    const session = await unwrap(client.invoke('auth.setupAdmin', setup));
    expect(session.user).toMatchObject({ name: 'Anna Admin', role: 'admin' });
    expect(JSON.stringify(session)).not.toContain('scrypt');
    expect(await app.client().invoke('auth.setupAdmin', { ...setup, email: 'other@example.org' })).toMatchObject({
      ok: false,
      error: { code: 'SETUP_ALREADY_DONE' },
    });
    const other = app.client();
    expect(await other.invoke('auth.login', { userId: session.user.id, password: 'wrong password!' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await other.invoke('auth.login', { userId: session.user.id, password: ADMIN.password })).toMatchObject({ ok: true });
    const resumed = app.client();
    expect(await resumed.invoke('auth.resume', { token: session.token })).toMatchObject({ ok: true, value: { user: { id: session.user.id } } });
  });

  it('rejects bad input naming each field, and writes nothing', async () => {
    const client = app.client();
    await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
    const result = await client.invoke('settings.saveCompany', {
      ...COMPANY,
      iban: 'DE89 3704 0044 0532 0130 01',
      vatId: 'DE123',
      name: '',
      defaultPaymentTermsDays: 400,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.details?.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', problem: 'validation.required' },
        { field: 'vatId', problem: 'validation.vatId.format' },
        { field: 'iban', problem: 'validation.iban.checksum' },
        { field: 'defaultPaymentTermsDays', problem: 'validation.paymentTerms', params: { max: 365 } },
      ]),
    );
    expect(await unwrap(client.invoke('settings.getCompany', {}))).toBeNull();
    expect(await app.services.books.db.settings.count().exec()).toBe(0);
  });

  it('refuses a handler by role with FORBIDDEN', async () => {
    const admin = app.client();
    const ids = await withUsers(app, admin);
    const cashier = app.client();
    await unwrap(cashier.invoke('auth.login', { userId: ids.cashier!, password: PASSWORD }));
    expect(await cashier.invoke('settings.saveCompany', COMPANY)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cashier.invoke('users.create', { name: 'X', email: 'x@example.org', role: 'admin', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const bookkeeper = app.client();
    await unwrap(bookkeeper.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD }));
    // Bank details are an admin's (see settings/bank-details.test.ts); the rest of the profile is the bookkeeper's too.
    expect(await bookkeeper.invoke('settings.saveCompany', { ...COMPANY, iban: '', bic: '', bankName: '' })).toMatchObject({ ok: true });
  });

  it('applies a role change to an open session at its next call', async () => {
    const admin = app.client();
    const ids = await withUsers(app, admin);
    const bookkeeper = app.client();
    await unwrap(bookkeeper.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD }));
    await unwrap(admin.invoke('users.update', { id: ids.bookkeeper!, role: 'cashier' }));
    expect((await bookkeeper.invoke('settings.saveCompany', COMPANY)).ok).toBe(false);
  });

  it('keeps at least one active admin', async () => {
    const admin = app.client();
    const { user } = await unwrap(admin.invoke('auth.setupAdmin', adminSetup(app)));
    expect(await admin.invoke('users.update', { id: user.id, role: 'bookkeeper' })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } });
  });

  it('records every change in the hash-chained audit log and notices tampering', async () => {
    const admin = app.client();
    const changes: string[] = [];
    admin.on('data.changed', (e) => changes.push(e.collection));
    await withUsers(app, admin, ['bookkeeper']);
    await unwrap(admin.invoke('settings.saveCompany', COMPANY));
    await unwrap(admin.invoke('settings.saveCompany', { ...COMPANY, city: 'Köln' }));
    // Events reach a session once it is logged in: after the setup that logs it in.
    expect(changes).toEqual(['users', 'settings', 'settings']);

    const verified = await app.services.audit.verify();
    expect(verified).toEqual({ entries: 4, firstBreak: null });

    const entries = await app.services.books.db.facts.find({ selector: { kind: 'audit' }, sort: [{ seq: 'asc' }] }).exec();
    expect(entries.map((e) => e.audit!.action)).toEqual(['user.setupAdmin', 'user.created', 'settings.companySaved', 'settings.companySaved']);
    // Someone edits history: the third entry's "after" is changed.
    const third = entries[2]!;
    await third.incrementalPatch({ audit: { ...third.toMutableJSON().audit!, after: '{"city":"Berlin"}' } });
    expect((await app.services.audit.verify()).firstBreak).toMatchObject({ seq: 3, reason: 'hash' });
  });
});
