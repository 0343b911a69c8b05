// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { Button } from '../ui/controls.js';
import { Frame } from './Frame.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const client = app.client();
  const session = await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  useApp.setState({ api: client, user: session.user, status: await unwrap(client.invoke('app.status', {})), toasts: [] });
});
afterEach(cleanup);
afterAll(async () => app.stop());

/** A screen as the app draws one: its heading, and a list that opens a new record. */
function Screen() {
  const { t } = useTranslation();
  const current = useApp((s) => s.screen);
  const [editing, setEditing] = useState(false);
  if (editing) return <h1>{t('orders.newTitle')}</h1>;
  return (
    <section>
      <h1>{t(`nav.${current}`)}</h1>
      <Button shortcut="new" onClick={() => setEditing(true)}>
        {t('orders.new')}
      </Button>
    </section>
  );
}

async function show(language: 'de' | 'en') {
  setLanguage(language);
  await i18next.changeLanguage(language);
  act(() => useApp.getState().go('dashboard'));
  render(
    <Frame onLogout={() => {}}>
      <Screen key={useApp.getState().screen} />
    </Frame>,
  );
}

describe('frame: focus, window title and shortcuts', () => {
  it('names the screen in the window title and focuses its heading (English)', async () => {
    await show('en');
    await waitFor(() => expect(document.title).toBe('Dashboard – Rechnungswerk'));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 }));
    // Alt+2: orders; the new heading gets focus and names the window.
    fireEvent.keyDown(document.body, { key: '2', code: 'Digit2', altKey: true });
    await waitFor(() => expect(document.title).toBe('Orders – Rechnungswerk'));
    expect(document.activeElement?.textContent).toBe('Orders');
    // Alt+N: the screen's new-record button; focus on the form's heading.
    fireEvent.keyDown(document.body, { key: 'n', code: 'KeyN', altKey: true });
    await waitFor(() => expect(document.title).toBe('New order – Orders – Rechnungswerk'));
    expect(document.activeElement?.textContent).toBe('New order');
  });

  it('a click on empty space leaves focus there; a removed control gives focus to the heading', async () => {
    await show('en');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
    const heading = screen.getByRole('heading', { level: 1 });
    fireEvent.pointerDown(heading.parentElement!);
    act(() => heading.blur());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.activeElement).toBe(document.body);
    // By keyboard: the new-record button is pressed and disappears; focus goes to the new heading.
    const button = screen.getByRole('button', { name: 'New order' });
    fireEvent.keyDown(button, { key: 'Enter' });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('New order'));
    expect(document.activeElement?.tagName).toBe('H1');
  });

  it('the window title is German in German, and the shortcuts show in tooltips', async () => {
    await show('de');
    await waitFor(() => expect(document.title).toBe('Übersicht – Rechnungswerk'));
    const orders = screen.getByRole('link', { name: 'Aufträge' });
    expect(orders.getAttribute('aria-keyshortcuts')).toBe('Alt+2');
    expect(orders.getAttribute('title')).toBe('Tastenkürzel: Alt+2');
    expect(screen.getByRole('button', { name: 'Neuer Auftrag' }).getAttribute('title')).toBe('Tastenkürzel: Alt+N');
    expect(screen.getByRole('link', { name: 'Zum Hauptinhalt springen' })).toBeTruthy();
  });

  it('runs a shortcut chosen in the menu of the shell like its keys', async () => {
    // The shell sends the menu's choice on the event channel; a client that passes such events on.
    const real = useApp.getState().api!;
    const listeners: ((payload: { action: unknown }) => void)[] = [];
    const shell = {
      invoke: real.invoke.bind(real),
      on: ((event: string, listener: (payload: { action: unknown }) => void) => {
        if (event !== 'app.shortcut') return real.on(event as 'data.changed', listener as never);
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      }) as typeof real.on,
    };
    useApp.setState({ api: shell });
    try {
      await show('en');
      await waitFor(() => expect(listeners).toHaveLength(1));
      act(() => listeners[0]!({ action: { screen: 'orders' } }));
      await waitFor(() => expect(document.title).toBe('Orders – Rechnungswerk'));
      act(() => listeners[0]!({ action: 'new' }));
      await waitFor(() => expect(document.activeElement?.textContent).toBe('New order'));
    } finally {
      cleanup();
      useApp.setState({ api: real });
    }
  });
});
