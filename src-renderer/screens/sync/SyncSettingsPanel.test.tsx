// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, PublicUser } from '../../../src-shared/contract/index.js';
import { createAdmin, createUser, freePort, startCouchServer, type CouchServer } from '../../../tests/support/couch-server.js';
import { startTestApp, unwrap, withUsers, PASSWORD, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { Settings } from '../Settings.js';
import { SyncSettingsPanel } from './SyncSettingsPanel.js';
import '../../../tests/support/jsdom-dialog.js';

let app: TestApp;
let couch: CouchServer;
let admin: ApiClient;
let ids: Record<string, string>;
beforeAll(async () => {
  [app, couch] = await Promise.all([startTestApp(), startCouchServer({ fullCouchDB: true })]);
  // The server's admin may create the company's databases; Berta syncs with her own login.
  await createAdmin(couch, { name: 'anna', password: 'geheim' });
  await createUser(couch, { name: 'anna', password: 'geheim' }, { name: 'berta', password: 'Berta-Passwort-7' });
  admin = app.client();
  ids = await withUsers(app, admin, ['bookkeeper', 'supervisor']);
});
afterEach(cleanup);
afterAll(async () => Promise.all([app.stop(), couch.stop()]));

async function as(role: 'admin' | 'supervisor' | 'bookkeeper', language: 'de' | 'en' = 'de') {
  let client = admin;
  if (role !== 'admin') {
    client = app.client();
    await unwrap(client.invoke('auth.login', { userId: ids[role]!, password: PASSWORD }));
  }
  const user: PublicUser | null = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [], status: await unwrap(client.invoke('app.status', {})) });
  setLanguage(language);
  await i18next.changeLanguage(language);
}

async function fill(user: ReturnType<typeof userEvent.setup>, values: { url?: string; prefix?: string; username?: string; password?: string }) {
  const field = (name: RegExp) => screen.getByRole('textbox', { name });
  if (values.url !== undefined) {
    await user.clear(field(/^Serveradresse/));
    if (values.url) await user.type(field(/^Serveradresse/), values.url);
  }
  if (values.prefix !== undefined) {
    await user.clear(field(/^Datenbank-Präfix/));
    if (values.prefix) await user.type(field(/^Datenbank-Präfix/), values.prefix);
  }
  if (values.username !== undefined) {
    await user.clear(field(/^Benutzer auf dem Server/));
    if (values.username) await user.type(field(/^Benutzer auf dem Server/), values.username);
  }
  if (values.password !== undefined) await user.type(screen.getByLabelText(/^Passwort auf dem Server/), values.password);
}

/** The toast after saving says so. */
async function toldSaved() {
  await waitFor(() => expect(useApp.getState().toasts.map((toast) => toast.text)).toContain('Einstellungen der Synchronisation gespeichert'));
  useApp.setState({ toasts: [] });
}

describe('settings: Synchronisation tab', () => {
  it('is there for supervisors and admins, not for bookkeepers', async () => {
    await as('supervisor');
    render(<Settings />);
    expect(screen.getByRole('tab', { name: 'Synchronisation' })).toBeTruthy();
    cleanup();
    await as('bookkeeper');
    render(<Settings />);
    expect(screen.getByRole('tab', { name: 'Firmenprofil' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Synchronisation' })).toBeNull();
  });
});

describe('sync settings form (real services, in-memory transport)', () => {
  it("names the login as the server's, apart from the app's own users", async () => {
    await as('admin');
    render(<SyncSettingsPanel />);
    expect(await screen.findByRole('textbox', { name: /^Benutzer auf dem Server/ })).toBeTruthy();
    expect(screen.getByLabelText(/^Passwort auf dem Server/)).toBeTruthy();
    cleanup();
    await as('admin', 'en');
    render(<SyncSettingsPanel />);
    expect(await screen.findByRole('textbox', { name: /^Server user/ })).toBeTruthy();
    expect(screen.getByLabelText(/^Server password/)).toBeTruthy();
  });

  it('names the problem next to the address and the prefix, and saves nothing', async () => {
    const user = userEvent.setup();
    await as('admin');
    render(<SyncSettingsPanel />);
    await screen.findByRole('textbox', { name: /^Serveradresse/ });
    await fill(user, { url: 'http://couch.muster.example', prefix: 'Muster GmbH', username: 'anna' });
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Eine Adresse mit https:// angeben; http:// nur für einen Server auf diesem Rechner (localhost)')).toBeTruthy();
    expect(screen.getByText('Kleinbuchstaben, Ziffern, _ und -, am Anfang ein Buchstabe (z. B. muster_gmbh)')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /^Serveradresse/ }).getAttribute('aria-invalid')).toBe('true');
    expect((await unwrap(admin.invoke('sync.getSettings', {}))).url).toBe('');
  });

  it('says in words that a server does not answer', async () => {
    const user = userEvent.setup();
    await as('admin');
    render(<SyncSettingsPanel />);
    await screen.findByRole('textbox', { name: /^Serveradresse/ });
    await fill(user, { url: `http://127.0.0.1:${await freePort()}`, prefix: 'muster', username: 'anna', password: 'geheim' });
    await user.click(screen.getByRole('button', { name: 'Verbindung testen' }));
    const answer = await screen.findByRole('status', { name: 'Verbindung testen' }, { timeout: 20_000 });
    expect(answer.textContent).toMatch(/^Der Server ist nicht erreichbar\. Prüfen Sie die Adresse und ob dieser Rechner online ist\./);
  });

  it('says that the password is wrong, and that an address is no CouchDB', async () => {
    const user = userEvent.setup();
    await as('admin');
    render(<SyncSettingsPanel />);
    await screen.findByRole('textbox', { name: /^Serveradresse/ });
    await fill(user, { url: couch.url, prefix: 'muster', username: 'anna', password: 'falsch' });
    await user.click(screen.getByRole('button', { name: 'Verbindung testen' }));
    let answer = await screen.findByRole('status', { name: 'Verbindung testen' }, { timeout: 20_000 });
    expect(answer.textContent).toMatch(/^Benutzer oder Passwort falsch\. Der Server hat die Anmeldung abgelehnt\./);
    const web = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Willkommen</html>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      await fill(user, { url: `http://127.0.0.1:${(web.address() as AddressInfo).port}` });
      await user.click(screen.getByRole('button', { name: 'Verbindung testen' }));
      answer = await screen.findByRole('status', { name: 'Verbindung testen' }, { timeout: 20_000 });
      expect(answer.textContent).toMatch(/^Unter dieser Adresse antwortet kein CouchDB-Server\./);
    } finally {
      web.closeAllConnections();
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it("lists the missing databases, creates them with the server admin's login asked for once, makes the person who syncs a member, and then says the connection is fine", async () => {
    const user = userEvent.setup();
    await as('supervisor');
    render(<SyncSettingsPanel />);
    await screen.findByRole('textbox', { name: /^Serveradresse/ });
    await fill(user, { url: couch.url, prefix: 'muster', username: 'berta', password: 'Berta-Passwort-7' });
    await user.click(screen.getByRole('button', { name: 'Verbindung testen' }));
    let answer = await screen.findByRole('status', { name: 'Verbindung testen' }, { timeout: 20_000 });
    expect(answer.textContent).toContain('Der Server antwortet, aber diese Datenbanken fehlen noch:');
    // The usual first step, not an error: a neutral notice.
    expect(answer.className).toContain('notice');
    expect(answer.className).not.toContain('alert');
    const missing = within(answer).getAllByRole('listitem').map((li) => li.textContent);
    expect(missing).toEqual(expect.arrayContaining(['muster-customers', 'muster-invoices']));

    // The button asks for the server administrator's login first.
    await user.click(within(answer).getByRole('button', { name: 'Datenbanken anlegen' }));
    let dialog = screen.getByRole('dialog', { name: 'Datenbanken anlegen' });
    // Nothing typed: both fields say so, nothing is created.
    await user.click(within(dialog).getByRole('button', { name: 'Anlegen' }));
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: /^Administrator des Servers/ }).getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByLabelText(/^Passwort des Administrators/).getAttribute('aria-invalid')).toBe('true');

    // A wrong admin password is named as such in the dialog, which stays open with the name kept, and not repeated.
    await user.type(within(dialog).getByRole('textbox', { name: /^Administrator des Servers/ }), 'anna');
    await user.type(within(dialog).getByLabelText(/^Passwort des Administrators/), 'Tippfehler-99');
    await user.click(within(dialog).getByRole('button', { name: 'Anlegen' }));
    const refused = await within(dialog).findByRole('alert', {}, { timeout: 20_000 });
    expect(refused.textContent).toMatch(/^Name oder Passwort des Administrators falsch/);
    expect(screen.getByRole('dialog', { name: 'Datenbanken anlegen' })).toBe(dialog);
    expect((within(dialog).getByRole('textbox', { name: /^Administrator des Servers/ }) as HTMLInputElement).value).toBe('anna');
    // The password is kept nowhere, not even in the dialog.
    expect((within(dialog).getByLabelText(/^Passwort des Administrators/) as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).not.toContain('Tippfehler-99');
    // The answer of the test still lists the missing databases.
    expect(screen.getByRole('status', { name: 'Verbindung testen' }).textContent).toContain('diese Datenbanken fehlen noch');
    await user.type(within(dialog).getByLabelText(/^Passwort des Administrators/), 'geheim');
    await user.click(within(dialog).getByRole('button', { name: 'Anlegen' }));
    await screen.findByText(/^Verbindung in Ordnung: .+\. Alle Datenbanken sind vorhanden\.$/, {}, { timeout: 20_000 });
    // The dialog closes once the databases exist (it may take a render after the answer shows).
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // Berta, who syncs, is a member of every database; the admin's login is stored nowhere.
    const security = await (await fetch(`${couch.url}/muster-customers/_security`, { headers: { authorization: `Basic ${Buffer.from('anna:geheim').toString('base64')}` } })).json();
    expect(security.members.names).toEqual(['berta']);
    expect(JSON.stringify(await unwrap(admin.invoke('sync.getSettings', {})))).not.toContain('geheim');
  });

  it('keeps the password: it is never shown, only said to be stored, and an empty field keeps it', async () => {
    const user = userEvent.setup();
    await as('admin');
    render(<SyncSettingsPanel />);
    await screen.findByRole('textbox', { name: /^Serveradresse/ });
    await fill(user, { url: couch.url, prefix: 'muster', username: 'anna', password: 'geheim' });
    expect((screen.getByRole('switch', { name: 'Synchronisation eingeschaltet' }) as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    await toldSaved();
    expect(await screen.findByText('Gespeichert. Leer lassen, um es zu behalten.')).toBeTruthy();
    expect((screen.getByLabelText(/^Passwort auf dem Server/) as HTMLInputElement).value).toBe('');
    const saved = await unwrap(admin.invoke('sync.getSettings', {}));
    expect(saved).toMatchObject({ url: couch.url, prefix: 'muster', username: 'anna', passwordSet: true, enabled: false });
    expect(JSON.stringify(saved)).not.toContain('geheim');
    // Saved again with the field empty: the stored password stays.
    await fill(user, { prefix: 'muster_gmbh' });
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    await toldSaved();
    expect(await unwrap(admin.invoke('sync.getSettings', {}))).toMatchObject({ prefix: 'muster_gmbh', username: 'anna', passwordSet: true });
  });
});
