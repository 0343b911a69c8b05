// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, SyncStatus } from '../../../src-shared/contract/index.js';
import { PASSWORD, startTestApp, unwrap, withUsers, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { Frame } from '../Frame.js';

let app: TestApp;
let admin: ApiClient;
let ids: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp();
  admin = app.client();
  ids = await withUsers(app, admin, ['bookkeeper']);
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

const STATUS: SyncStatus = { state: 'synced', lastSyncedAt: null, pending: 0, offlineSince: null, error: null, initial: null, openConflicts: 0 };

async function showFrame(client: ApiClient) {
  useApp.setState({ api: client, user: await unwrap(client.invoke('auth.whoami', {})), status: await unwrap(client.invoke('app.status', {})), toasts: [] });
  render(
    <Frame onLogout={() => {}}>
      <h1>Inhalt</h1>
    </Frame>,
  );
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
}

describe('frame: sync status and Konflikte', () => {
  it('shows the sync status in the top bar and the open conflicts in the navigation of an admin', async () => {
    const user = userEvent.setup();
    await showFrame(admin);
    const nav = screen.getByRole('navigation', { name: 'Hauptnavigation' });
    expect(within(nav).getByRole('link', { name: 'Konflikte' })).toBeTruthy();
    act(() => app.services.bus.emit('sync.status', { ...STATUS, state: 'syncing', pending: 3, openConflicts: 2 }));
    expect(screen.getByRole('banner').textContent).toContain('Synchronisiere 3 Dokumente');
    const link = within(nav).getByRole('link', { name: 'Konflikte 2' });
    await user.click(link);
    expect(useApp.getState().screen).toBe('conflicts');
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('shows the company name in the sidebar as soon as a sync brings the company profile', async () => {
    await showFrame(admin);
    const brand = () => screen.getByRole('navigation', { name: 'Hauptnavigation' }).querySelector('.brand small')!;
    expect(brand().textContent).not.toContain('Synchron GmbH');
    // The first sync writes the profile pulled from the server and says which collection changed.
    const at = '2026-12-01T08:00:00.000Z';
    await app.services.writes.quiet(async () => {
      await app.services.books.db.settings.insert({ id: 'company', kind: 'company', company: { name: 'Synchron GmbH' }, createdAt: at, createdBy: 'device-b', updatedAt: at, updatedBy: 'device-b' } as never);
    });
    act(() => app.services.bus.emit('data.changed', { collection: 'settings', ids: ['company'] }));
    await waitFor(() => expect(brand().textContent).toBe('Synchron GmbH'));
  });

  it('shows a bookkeeper the status but no Konflikte', async () => {
    const bookkeeper = app.client();
    await unwrap(bookkeeper.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD }));
    await showFrame(bookkeeper);
    act(() => app.services.bus.emit('sync.status', { ...STATUS, state: 'offline', offlineSince: null, openConflicts: 2 }));
    expect(screen.getByRole('status', { name: 'Synchronisation' }).textContent).toBe('Server nicht erreichbar');
    expect(within(screen.getByRole('navigation', { name: 'Hauptnavigation' })).queryByRole('link', { name: /Konflikte/ })).toBeNull();
  });
});
