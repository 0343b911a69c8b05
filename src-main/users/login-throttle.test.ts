import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, PASSWORD, startTestApp, unwrap, withUsers, type TestApp } from '../../tests/support/services.js';
import { delayAfter, LOGIN_THROTTLE, LoginThrottle } from './login-throttle.js';

let app: TestApp;
let now: number;
const advance = (ms: number) => {
  now += ms;
};
beforeEach(async () => {
  now = Date.parse('2026-11-27T09:00:00.000Z');
  app = await startTestApp(() => new Date(now));
});
afterEach(async () => app.stop());

describe('the wait after failed logins', () => {
  it('starts after a few typing errors, doubles with each failure and stops growing at 15 minutes', () => {
    expect([0, 1, 4].map((n) => delayAfter(n))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => delayAfter(n))).toEqual([1000, 2000, 4000, 8000]);
    expect(delayAfter(40)).toBe(LOGIN_THROTTLE.maxDelayMs);
    expect(LOGIN_THROTTLE.maxDelayMs).toBe(15 * 60_000);
  });
});

describe('login throttling (per user and per connection, on the app clock)', () => {
  it('refuses the right password after 40 wrong ones until the wait has passed, and says how long', async () => {
    const ids = await withUsers(app, app.client(), ['bookkeeper']);
    const guesser = app.client();
    let throttled = 0;
    for (let i = 0; i < 40; i++) {
      const result = await guesser.invoke('auth.login', { userId: ids.bookkeeper!, password: `wrong password ${i}` });
      if (!result.ok && result.error.code === 'LOGIN_THROTTLED') {
        throttled++;
        // The guesser waits as told and tries again: every one of the 40 passwords is tried.
        advance(Number(result.error.details!.retryAfterSeconds) * 1000);
        i--;
      } else expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    }
    expect(throttled).toBe(35);

    const right = await guesser.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD });
    expect(right).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 900 } } });
    if (!right.ok) expect(right.error.message).toContain('900 seconds');
    // The user themself, from a fresh window, waits too: the count belongs to the user.
    const owner = app.client();
    expect(await owner.invoke('auth.login', { login: 'bookkeeper@example.org', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED' } });

    advance(899_000);
    expect(await owner.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 1 } } });
    advance(1000);
    expect(await owner.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD })).toMatchObject({ ok: true });
    // A successful login starts the count afresh.
    expect(await app.client().invoke('auth.login', { userId: ids.bookkeeper!, password: 'one typing error' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('slows down one connection that tries many users, also for a user it has not tried yet', async () => {
    const ids = await withUsers(app, app.client(), ['bookkeeper', 'supervisor', 'cashier']);
    const guesser = app.client();
    const tries = [ids.bookkeeper!, ids.supervisor!, ids.bookkeeper!, ids.supervisor!, ids.bookkeeper!];
    for (const userId of tries) {
      expect(await guesser.invoke('auth.login', { userId, password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    }
    expect(await guesser.invoke('auth.login', { userId: ids.cashier!, password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED' } });
    // Another window is not slowed down for the cashier, who never failed.
    expect(await app.client().invoke('auth.login', { userId: ids.cashier!, password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('throttles logins by a typed name that matches no user like any other', async () => {
    await withUsers(app, app.client(), []);
    const guesser = app.client();
    for (let i = 0; i < 5; i++) await guesser.invoke('auth.login', { login: 'nobody@example.org', password: 'wrong password' });
    expect(await app.client().invoke('auth.login', { login: 'NOBODY@example.org', password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED' } });
  });
});

describe('the throttle table', () => {
  it('keeps a real user throttled with the same wait while 2,000 connections try 10,000 made-up names', () => {
    const throttle = new LoginThrottle(() => new Date(now));
    const victim = { userId: '01REALUSER0000000000000001' };
    for (let i = 0; i < 12; i++) throttle.failed(victim, {});
    expect(throttle.waitMs(victim, {})).toBe(128_000);
    const connections = Array.from({ length: 2000 }, () => ({}));
    for (let i = 0; i < 10_000; i++) throttle.failed({ unknown: `login:made-up-${i}@example.org` }, connections[i % 2000]!);
    expect(throttle.waitMs(victim, {})).toBe(128_000);
    // Each made-up name is still counted: the one tried most is throttled like a user would be.
    for (let i = 0; i < 5; i++) throttle.failed({ unknown: 'login:made-up-0@example.org' }, {});
    // Its slot holds its own six failures (and those of the names that share it): at least a user's wait after six.
    expect(throttle.waitMs({ unknown: 'login:made-up-0@example.org' }, {})).toBeGreaterThanOrEqual(delayAfter(6));
  });
});

describe('who can be seen before login', () => {
  it('reveals no user by default; users type their e-mail or name', async () => {
    await withUsers(app, app.client());
    const stranger = app.client();
    expect(await unwrap(stranger.invoke('auth.loginChoices', {}))).toEqual({ listUsers: false, users: [] });
    expect(await stranger.invoke('auth.login', { login: 'ANNA@example.org', password: ADMIN.password })).toMatchObject({ ok: true, value: { user: { name: 'Anna Admin' } } });
    expect(await app.client().invoke('auth.login', { login: 'anna admin', password: ADMIN.password })).toMatchObject({ ok: true, value: { user: { role: 'admin' } } });
    expect(await app.client().invoke('auth.login', { password: ADMIN.password } as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'login', problem: 'validation.required' }] } },
    });
  });

  it('lists names, without roles, only after an administrator allows it', async () => {
    const admin = app.client();
    await withUsers(app, admin, ['cashier']);
    expect(await unwrap(admin.invoke('users.loginOptions', {}))).toEqual({ listUsers: false });
    expect(await unwrap(admin.invoke('users.saveLoginOptions', { listUsers: true }))).toEqual({ listUsers: true });
    const listed = await unwrap(app.client().invoke('auth.loginChoices', {}));
    expect(listed.listUsers).toBe(true);
    expect(listed.users.map((u) => u.name)).toEqual(['Anna Admin', 'cashier user']);
    expect(JSON.stringify(listed)).not.toMatch(/admin"|cashier"|role/);
    await unwrap(admin.invoke('users.saveLoginOptions', { listUsers: false }));
    expect(await unwrap(app.client().invoke('auth.loginChoices', {}))).toEqual({ listUsers: false, users: [] });
  });

  it('lets only an administrator change the setting', async () => {
    const ids = await withUsers(app, app.client(), ['supervisor']);
    const supervisor = app.client();
    await unwrap(supervisor.invoke('auth.login', { userId: ids.supervisor!, password: PASSWORD }));
    expect(await supervisor.invoke('users.saveLoginOptions', { listUsers: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
