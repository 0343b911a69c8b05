// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { CompanyForm } from './CompanyForm.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  const client = app.client();
  const session = await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  useApp.setState({ api: client, user: session.user, status: await unwrap(client.invoke('app.status', {})) });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

const field = (name: string) => screen.getByRole('textbox', { name });

describe('company form (real services, in-memory transport)', () => {
  it('keeps unsaved input across a remount and forgets it on cancel', async () => {
    const user = userEvent.setup();
    const first = render(<CompanyForm />);
    await user.type(await screen.findByRole('textbox', { name: 'Firmenname' }), 'Bäckerei Süß');
    await waitFor(async () => {
      const { loadDraft } = await import('../drafts/drafts.js');
      expect((await loadDraft(`${useApp.getState().user!.id}:settings.company`))?.values.name).toBe('Bäckerei Süß');
    });
    first.unmount();

    render(<CompanyForm />);
    expect(await screen.findByText('Ihre ungespeicherten Eingaben wurden wiederhergestellt.')).toBeTruthy();
    expect((field('Firmenname') as HTMLInputElement).value).toBe('Bäckerei Süß');
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    await waitFor(() => expect((field('Firmenname') as HTMLInputElement).value).toBe(''));
  });

  it('shows the problem under each bad field in German and saves nothing', async () => {
    const user = userEvent.setup();
    render(<CompanyForm />);
    await user.type(await screen.findByRole('textbox', { name: 'IBAN' }), 'DE00 1234');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    // Name, street, postal code and city are required and empty.
    expect(await screen.findAllByText('Pflichtfeld', { selector: '.field-error' })).toHaveLength(4);
    expect(screen.getByText('IBAN: falsche Länge für dieses Land')).toBeTruthy();
    expect(field('IBAN').getAttribute('aria-invalid')).toBe('true');
    expect(await unwrap(useApp.getState().api!.invoke('settings.getCompany', {}))).toBeNull();
  });
});
