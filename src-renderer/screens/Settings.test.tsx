// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { Settings } from './Settings.js';

let app: TestApp | undefined;
afterEach(async () => {
  cleanup();
  await app?.stop();
  app = undefined;
});

async function openSettings(language: 'de' | 'en') {
  app = await startTestApp();
  const client = app.client();
  const session = await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  useApp.setState({ api: client, user: session.user, status: await unwrap(client.invoke('app.status', {})) });
  setLanguage(language);
  await i18next.changeLanguage(language);
  render(<Settings />);
}

describe('settings screen (real services, in-memory transport)', () => {
  it('warns in German that passwords are sealed only by a key file in the data folder', async () => {
    await openSettings('de');
    const warning = await screen.findByText(/nur mit einer Schlüsseldatei im Datenordner verschlüsselt/);
    expect(warning.getAttribute('role')).toBe('status');
  });

  it('warns in English too', async () => {
    await openSettings('en');
    expect((await screen.findByText(/encrypted only with a key file in the data folder/)).getAttribute('role')).toBe('status');
  });
});
