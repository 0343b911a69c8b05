// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { adminSetup, PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { UsersPanel } from './UsersPanel.js';
import '../../tests/support/jsdom-dialog.js';

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

  it('says what the login shows for the setting as it stands: on after switching it on', async () => {
    const user = userEvent.setup();
    render(<UsersPanel />);
    const box = await screen.findByRole('checkbox', { name: 'Benutzer bei der Anmeldung zur Auswahl anzeigen' });
    expect(screen.getByText(/^Aus:/)).toBeTruthy();
    await user.click(box);
    await screen.findByText(/^An: Die Anmeldung zeigt die Namen/);
    expect(screen.queryByText(/^Aus:/)).toBeNull();
    await user.click(box);
    await screen.findByText(/^Aus:/);
  });

  it('changes a role, resets a password (the user must choose a new one) and deactivates a user', async () => {
    const user = userEvent.setup();
    const cem = await unwrap(admin.invoke('users.create', { name: 'Cem Kasse', email: 'cem@example.org', role: 'cashier', password: PASSWORD }));
    render(<UsersPanel />);
    const role = await screen.findByRole('combobox', { name: 'Rolle von Cem Kasse' });
    await user.selectOptions(role, 'supervisor');
    await waitFor(async () => expect((await unwrap(admin.invoke('users.list', {}))).find((u) => u.id === cem.id)?.role).toBe('supervisor'));
    // Focus stays on the changed select once the list is drawn anew.
    await waitFor(() => expect(useApp.getState().toasts.map((x) => x.text).join()).toMatch(/Cem Kasse/));
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Rolle von Cem Kasse' }));

    const row = screen.getByRole('cell', { name: 'cem@example.org' }).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Passwort zurücksetzen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Neues Passwort für Cem Kasse' });
    await user.type(within(dialog).getByLabelText(/^Neues Passwort/), 'Vorlaeufig-1234');
    await user.click(within(dialog).getByRole('button', { name: 'Passwort setzen' }));
    await screen.findByText(/Muss neues Passwort wählen/);

    // Deactivating asks first, naming the user; "keep active" changes nothing.
    await user.click(within(screen.getByRole('cell', { name: 'cem@example.org' }).closest('tr')!).getByRole('button', { name: 'Deaktivieren' }));
    let ask = await screen.findByRole('dialog', { name: 'Cem Kasse deaktivieren?' });
    expect(ask.textContent).toContain('laufende Anmeldungen werden sofort beendet');
    expect((await unwrap(admin.invoke('users.list', {}))).find((u) => u.id === cem.id)?.active).toBe(true);
    await user.click(within(ask).getByRole('button', { name: 'Aktiv lassen' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Cem Kasse deaktivieren?' })).toBeNull());
    expect((await unwrap(admin.invoke('users.list', {}))).find((u) => u.id === cem.id)?.active).toBe(true);
    await user.click(within(screen.getByRole('cell', { name: 'cem@example.org' }).closest('tr')!).getByRole('button', { name: 'Deaktivieren' }));
    ask = await screen.findByRole('dialog', { name: 'Cem Kasse deaktivieren?' });
    await user.click(within(ask).getByRole('button', { name: 'Deaktivieren' }));
    await waitFor(async () => expect((await unwrap(admin.invoke('users.list', {}))).find((u) => u.id === cem.id)).toMatchObject({ active: false, mustChangePassword: true }));
  });
});
