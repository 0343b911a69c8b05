// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, withUsers, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { Login } from './Login.js';

let app: TestApp;
let now = Date.parse('2026-11-27T09:00:00.000Z');

beforeAll(async () => {
  app = await startTestApp(() => new Date(now));
  await withUsers(app, app.client(), []);
  useApp.setState({ api: app.client(), user: null });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('login screen (real services, in-memory transport)', () => {
  it('names no user, lets the user type the e-mail, and says how long to wait after failures', async () => {
    const user = userEvent.setup();
    const sessions: string[] = [];
    render(<Login onSession={(token) => sessions.push(token)} />);
    const login = await screen.findByRole('textbox', { name: 'E-Mail oder Name' });
    expect(screen.queryByRole('combobox', { name: 'Benutzer' })).toBeNull();
    expect(document.body.textContent).not.toContain('Anna');

    await user.type(login, ADMIN.email);
    const password = screen.getByLabelText('Passwort');
    for (let i = 0; i < 5; i++) {
      await user.clear(password);
      await user.type(password, `falsches Passwort ${i}`);
      await user.click(screen.getByRole('button', { name: 'Anmelden' }));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Benutzer oder Passwort ist falsch.'));
    }
    await user.clear(password);
    await user.type(password, ADMIN.password);
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));
    // Each attempt checks a password hash: on a busy machine that takes longer than waitFor's default second.
    await waitFor(
      () => expect(screen.getByRole('alert').textContent).toBe('Zu viele fehlgeschlagene Anmeldungen. Bitte warten Sie 1 Sekunde und versuchen Sie es dann erneut.'),
      { timeout: 15_000 },
    );
    expect(sessions).toEqual([]);

    now += 1000;
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));
    await waitFor(() => expect(sessions).toHaveLength(1), { timeout: 15_000 });
  });
});
