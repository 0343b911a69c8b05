// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSetup, COMPANY, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { CompanyForm } from '../CompanyForm.js';
import { Dashboard } from '../Dashboard.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const client = app.client();
  const session = await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  await unwrap(client.invoke('settings.saveCompany', COMPANY));
  useApp.setState({ api: client, user: session.user, status: await unwrap(client.invoke('app.status', {})), toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
  // The first sync brought the number series of the device that already numbers with 'A'.
  await app.services.writes.quiet(async () => {
    await app.services.books.db.settings.insert({
      id: 'numberSeries-device-a',
      kind: 'numberSeries',
      numberSeries: { documentType: 'invoice', deviceId: 'device-a', prefix: 'RE', seriesLetter: 'A', lastNumber: 42 },
      createdAt: '2026-11-20T08:00:00.000Z',
      createdBy: session.user.id,
      updatedAt: '2026-11-20T08:00:00.000Z',
      updatedBy: session.user.id,
    });
  });
});
afterEach(cleanup);
afterAll(async () => app.stop());

const NOTICE = /^Dieses Gerät braucht einen eigenen Serienbuchstaben/;

describe('a new device is asked for its own series letter after the first sync', () => {
  it('says in the profile that the letter is taken', async () => {
    const profile = await unwrap(useApp.getState().api!.invoke('settings.getCompany', {}));
    expect(profile).toMatchObject({ seriesLetter: 'A', seriesLetterTaken: true });
  });

  it('asks on the Übersicht for an own letter and leads to the company profile', async () => {
    const user = userEvent.setup();
    render(<Dashboard />);
    const notice = await screen.findByText(NOTICE);
    expect(notice.textContent).toContain('„A“');
    expect(notice.textContent).toContain('Einstellungen → Firmenprofil');
    await user.click(screen.getByRole('button', { name: 'Serienbuchstaben wählen' }));
    expect(useApp.getState().screen).toBe('settings');
  });

  it('says it next to the series letter field, and no more once the device has its own letter', async () => {
    const user = userEvent.setup();
    render(<CompanyForm />);
    const letter = await screen.findByRole('textbox', { name: /^Serienbuchstabe dieses Geräts/ });
    expect(await screen.findByText(/^Ein anderes Gerät nummeriert schon mit diesem Buchstaben/)).toBeTruthy();
    await user.clear(letter);
    await user.type(letter, 'C');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    await screen.findByText('Nächste Rechnungsnummer z. B.: RE-' + new Date().getFullYear() + '-C-000001');
    await expect.poll(() => screen.queryByText(/^Ein anderes Gerät nummeriert schon mit diesem Buchstaben/)).toBeNull();
    cleanup();
    render(<Dashboard />);
    await screen.findByText(/Muster & Söhne GmbH/);
    expect(screen.queryByText(NOTICE)).toBeNull();
  });
});
