// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSetup, COMPANY, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { CompanyForm } from '../CompanyForm.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const client = app.client();
  const session = await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  await unwrap(client.invoke('settings.saveCompany', COMPANY));
  useApp.setState({ api: client, user: session.user, status: await unwrap(client.invoke('app.status', {})), toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
  // The number series of another device, as the first sync brought it here.
  await app.services.writes.quiet(async () => {
    await app.services.books.db.settings.insert({
      id: 'numberSeries-device-b',
      kind: 'numberSeries',
      numberSeries: { documentType: 'invoice', deviceId: 'device-b', prefix: 'RE', seriesLetter: 'B', lastNumber: 17 },
      createdAt: '2026-11-20T08:00:00.000Z',
      createdBy: session.user.id,
      updatedAt: '2026-11-20T08:00:00.000Z',
      updatedBy: session.user.id,
    });
  });
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('a new device chooses its own series letter after the first sync', () => {
  it('refuses a letter another device numbers with, next to the field, and keeps its own', async () => {
    const user = userEvent.setup();
    render(<CompanyForm />);
    const letter = await screen.findByRole('textbox', { name: /^Serienbuchstabe dieses Geräts/ });
    await user.clear(letter);
    await user.type(letter, 'B');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Diesen Serienbuchstaben verwendet schon ein anderes Gerät; jedes Gerät braucht einen eigenen')).toBeTruthy();
    expect(letter.getAttribute('aria-invalid')).toBe('true');
    const profile = await unwrap(useApp.getState().api!.invoke('settings.getCompany', {}));
    expect(profile?.seriesLetter).toBe('A');
  });

  it('takes a letter typed in lower case as the capital letter', async () => {
    const user = userEvent.setup();
    render(<CompanyForm />);
    const letter = await screen.findByRole('textbox', { name: /^Serienbuchstabe dieses Geräts/ });
    await user.clear(letter);
    await user.type(letter, 'c');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    await waitFor(() => expect(useApp.getState().toasts.map((toast) => toast.text)).toContain('Firmenprofil gespeichert'));
    const profile = await unwrap(useApp.getState().api!.invoke('settings.getCompany', {}));
    expect(profile?.seriesLetter).toBe('C');
    expect(letter.getAttribute('aria-invalid')).not.toBe('true');
  });
});
