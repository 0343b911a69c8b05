// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { adminSetup, PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { UsersPanel } from './UsersPanel.js';

let app: TestApp;
let admin: ApiClient;
const sent: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  const client = (admin = app.client());
  const session = await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  // The real client, noting every request the screen sends.
  const counting = { ...client, invoke: ((name: string, input: unknown) => (sent.push(name), client.invoke(name as never, input as never))) as ApiClient['invoke'] };
  useApp.setState({ api: counting, user: session.user, toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('users panel (real services, in-memory transport)', () => {
  it('creates the user once on a double click and shows no error', async () => {
    const user = userEvent.setup();
    render(<UsersPanel />);
    const form = await screen.findByRole('form', { name: 'Benutzer anlegen' });
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Bea Buchhaltung');
    await user.type(screen.getByRole('textbox', { name: /^E-Mail/ }), 'bea@example.org');
    await user.type(form.querySelector('input[type="password"]')!, PASSWORD);

    await user.dblClick(screen.getByRole('button', { name: 'Benutzer anlegen' }));
    await screen.findByRole('cell', { name: 'bea@example.org' });
    await waitFor(() => expect((screen.getByRole('button', { name: 'Benutzer anlegen' }) as HTMLButtonElement).disabled).toBe(false));

    expect(sent.filter((name) => name === 'users.create')).toHaveLength(1);
    expect(useApp.getState().toasts.map((t) => t.kind)).toEqual(['success']);
    expect(document.querySelectorAll('.field-error')).toHaveLength(0);
    expect((await unwrap(admin.invoke('users.list', {}))).filter((u) => u.email === 'bea@example.org')).toHaveLength(1);
  });
});
