// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, unwrap, withUsers, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { ChoosePassword } from './ChoosePassword.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const admin = app.client();
  const ids = await withUsers(app, admin, ['bookkeeper']);
  await unwrap(admin.invoke('users.resetPassword', { id: ids.bookkeeper!, password: 'Vom-Admin-gesetzt-1' }));
  const client = app.client();
  const session = await unwrap(client.invoke('auth.login', { userId: ids.bookkeeper!, password: 'Vom-Admin-gesetzt-1' }));
  useApp.setState({ api: client, user: session.user, toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('choosing a new password after an administrator set one', () => {
  it('names the page in the window title, starts in the first field and goes back to the bad field after a failed save', async () => {
    const user = userEvent.setup();
    render(<ChoosePassword onLogout={() => undefined} />);
    const current = await screen.findByLabelText(/Aktuelles Passwort/);
    expect(document.title).toContain('Neues Passwort wählen');
    expect(document.title).not.toContain('Anmelden');
    await waitFor(() => expect(document.activeElement).toBe(current));

    await user.type(current, 'Vom-Admin-gesetzt-1');
    await user.click(screen.getByRole('button', { name: /Passwort ändern/ }));
    const fresh = screen.getByLabelText(/^Neues Passwort/, { selector: 'input' });
    await waitFor(() => expect(fresh.getAttribute('aria-invalid')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(fresh));
  });
});
