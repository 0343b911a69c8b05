// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PublicUser, SyncStatus } from '../../../src-shared/contract/index.js';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { Settings } from '../Settings.js';
import { SyncStatusBadge } from './SyncStatusBadge.js';

let app: TestApp;
let admin: PublicUser;
beforeAll(async () => {
  app = await startTestApp();
  const client = app.client();
  admin = (await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)))).user;
  useApp.setState({ api: client, user: admin, toasts: [] });
});
afterEach(() => {
  cleanup();
  useApp.setState({ user: admin });
});
afterAll(async () => app.stop());

const QUIET: SyncStatus = { state: 'synced', lastSyncedAt: null, pending: 0, offlineSince: null, error: null, initial: null, openConflicts: 0 };

/** Today at hh:mm in this computer's time zone, as the main process sends moments (ISO, UTC). */
function todayAt(hours: number, minutes: number): string {
  const at = new Date();
  at.setHours(hours, minutes, 0, 0);
  return at.toISOString();
}

async function showBadge(language: 'de' | 'en') {
  setLanguage(language);
  await i18next.changeLanguage(language);
  render(<SyncStatusBadge />);
  // Whatever the first answer of `sync.status` says, the event that follows is the news.
  await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
}

function tell(status: Partial<SyncStatus>) {
  act(() => app.services.bus.emit('sync.status', { ...QUIET, ...status }));
}

const badge = () => screen.getByRole('status', { name: /Synchronisation|Sync/ });

describe('sync status in the top bar (real services, in-memory transport)', () => {
  it('says in German when it last synced, how many documents it syncs, and since when the server is unreachable', async () => {
    await showBadge('de');
    tell({ state: 'synced', lastSyncedAt: todayAt(14, 32) });
    expect(badge().textContent).toBe('Synchronisiert · 14:32');
    tell({ state: 'syncing', pending: 12 });
    expect(badge().textContent).toBe('Synchronisiere 12 Dokumente');
    tell({ state: 'syncing', pending: 1 });
    expect(badge().textContent).toBe('Synchronisiere 1 Dokument');
    tell({ state: 'offline', offlineSince: todayAt(14, 5) });
    expect(badge().textContent).toBe('Server nicht erreichbar seit 14:05');
    tell({ state: 'off' });
    expect(badge().textContent).toBe('Sync aus');
  });

  it('says the same in English', async () => {
    await showBadge('en');
    tell({ state: 'synced', lastSyncedAt: todayAt(9, 7) });
    expect(badge().textContent).toBe('Synced · 09:07');
    tell({ state: 'syncing', pending: 12 });
    expect(badge().textContent).toBe('Syncing 12 documents');
    tell({ state: 'offline', offlineSince: todayAt(14, 5) });
    expect(badge().textContent).toBe('Server unreachable since 14:05');
  });

  it('names the day too when the last sync was before today', async () => {
    await showBadge('de');
    const before = new Date();
    before.setDate(before.getDate() - 3);
    before.setHours(16, 45, 0, 0);
    tell({ state: 'synced', lastSyncedAt: before.toISOString() });
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(badge().textContent).toBe(`Synchronisiert · ${pad(before.getDate())}.${pad(before.getMonth() + 1)}.${before.getFullYear()}, 16:45`);
  });

  it('shows an error in red with what to do', async () => {
    await showBadge('de');
    tell({ state: 'error', error: { messageKey: 'sync.error.unauthorized', detail: 'HTTP 401' } });
    expect(badge().textContent).toMatch(/^Sync-Fehler: Der Server lehnt Benutzer oder Passwort ab\. Unter Einstellungen → Synchronisation das Passwort neu eingeben\./);
    expect(badge().className).toContain('sync-error');
    tell({ state: 'error', error: { messageKey: 'sync.error.refused', detail: 'forbidden', collection: 'invoices', documentId: 'x' } });
    expect(badge().textContent).toMatch(/Der Server hat ein Dokument abgelehnt/);
  });

  it('shows the detail of an error on hover and focus, and in a panel on click, with the way to the sync settings', async () => {
    const user = userEvent.setup();
    await showBadge('de');
    tell({ state: 'error', error: { messageKey: 'sync.error.failed', detail: 'TypeError: fetch failed', collection: 'invoices', documentId: 'inv-7' } });
    const toggle = within(badge()).getByRole('button', { name: /^Sync-Fehler: Ein Abgleich ist fehlgeschlagen/ });
    expect(toggle.getAttribute('title')).toContain('Detail für den Support: TypeError: fetch failed');
    expect(toggle.getAttribute('title')).toContain('Betrifft: Rechnung inv-7');
    const described = document.getElementById(toggle.getAttribute('aria-describedby')!);
    expect(described?.textContent).toContain('TypeError: fetch failed');
    expect(screen.queryByRole('region', { name: 'Details zum Sync-Fehler' })).toBeNull();
    toggle.focus();
    await user.keyboard('{Enter}');
    const panel = screen.getByRole('region', { name: 'Details zum Sync-Fehler' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel.textContent).toContain('Detail für den Support: TypeError: fetch failed');
    expect(panel.textContent).toContain('Betrifft: Rechnung inv-7');
    await user.click(within(panel).getByRole('button', { name: 'Einstellungen → Synchronisation' }));
    expect(useApp.getState().screen).toBe('settings');
    // The settings open at the Synchronisation tab.
    cleanup();
    render(<Settings />);
    expect(await screen.findByRole('textbox', { name: /^Serveradresse/ })).toBeTruthy();
    expect(useApp.getState().pending).toBeNull();
  });

  it('offers the way to the settings to supervisors and admins only, and names the missing databases', async () => {
    const user = userEvent.setup();
    useApp.setState({ user: { ...admin, role: 'bookkeeper' } });
    await showBadge('de');
    tell({ state: 'error', error: { messageKey: 'sync.error.missingDatabases', detail: 'HTTP 404 not_found' } });
    expect(badge().textContent).toMatch(/^Sync-Fehler: Die Datenbanken fehlen auf dem Server \(neu aufgesetzt oder zurückgespielt\?\)/);
    await user.click(within(badge()).getByRole('button', { name: /^Sync-Fehler/ }));
    const panel = screen.getByRole('region', { name: 'Details zum Sync-Fehler' });
    expect(panel.textContent).toContain('HTTP 404 not_found');
    expect(within(panel).queryByRole('button')).toBeNull();
  });

  it('shows the first sync of a new device as a progress bar', async () => {
    await showBadge('de');
    tell({ state: 'syncing', pending: 0, initial: { done: 1200, total: 50000 } });
    const bar = within(badge()).getByRole('progressbar', { name: 'Erste Synchronisation' });
    expect(bar.getAttribute('value')).toBe('1200');
    expect(bar.getAttribute('max')).toBe('50000');
    expect(badge().textContent).toContain('1200 / 50000');
    tell({ state: 'synced', lastSyncedAt: todayAt(14, 32) });
    expect(within(badge()).queryByRole('progressbar')).toBeNull();
  });

  it('links the open conflicts to the Konflikte screen for supervisors and admins only', async () => {
    const user = userEvent.setup();
    await showBadge('de');
    tell({ state: 'synced', lastSyncedAt: todayAt(14, 32), openConflicts: 2 });
    await user.click(within(badge()).getByRole('link', { name: '2 Konflikte' }));
    expect(useApp.getState().screen).toBe('conflicts');
    act(() => useApp.setState({ user: { ...admin, role: 'bookkeeper' } }));
    expect(within(badge()).queryByRole('link')).toBeNull();
    expect(badge().textContent).toBe('Synchronisiert · 14:32');
  });
});
