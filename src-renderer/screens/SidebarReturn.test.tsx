// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { CurrentScreen } from '../App.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { Frame } from './Frame.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  useApp.setState({ api: t.bookkeeper, user: await unwrap(t.bookkeeper.invoke('auth.whoami', {})), toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('the sidebar', () => {
  it('choosing the section shown again returns to its list', async () => {
    const user = userEvent.setup();
    useApp.getState().go('orders');
    render(
      <Frame onLogout={() => undefined}>
        <CurrentScreen />
      </Frame>,
    );
    const sidebar = screen.getByRole('navigation', { name: /Hauptnavigation|Navigation/ });
    await user.click(await screen.findByRole('button', { name: 'Neuer Auftrag' }));
    await screen.findByRole('heading', { name: 'Neuer Auftrag' });

    await user.click(within(sidebar).getByRole('link', { name: 'Aufträge' }));
    expect(await screen.findByRole('button', { name: 'Neuer Auftrag' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Neuer Auftrag' })).toBeNull();
  });
});
