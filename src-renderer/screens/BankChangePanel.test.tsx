// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { team, type Team } from '../../tests/support/books.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { CompanyForm } from './CompanyForm.js';

let app: TestApp;
let t: Team;

async function actAs(client: ApiClient, language: 'de' | 'en') {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
  setLanguage(language);
  await i18next.changeLanguage(language);
}

const toastTexts = () => useApp.getState().toasts.map((toast) => toast.text);
const ibanField = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('a proposed change of the bank details on the settings screen (real services)', () => {
  it('shows the supervisor the current and the new account in German; confirming makes the new one the company’s', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, iban: 'DE02 1203 0000 0000 2020 51', bic: 'BYLADEM1001', bankName: 'Deutsche Kreditbank' }));
    await actAs(t.supervisor, 'de');
    const user = userEvent.setup();
    render(<CompanyForm />);

    const panel = await screen.findByRole('region', { name: 'Änderung der Bankverbindung wartet auf Bestätigung' });
    expect(panel.textContent).toContain('Vorgeschlagen von Anna Admin');
    expect(panel.textContent).toContain('Commerzbank · IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX');
    expect(panel.textContent).toContain('Deutsche Kreditbank · IBAN DE02 1203 0000 0000 2020 51 · BIC BYLADEM1001');
    // The form keeps showing the account in force until the change is confirmed.
    expect(ibanField('IBAN').value).toBe('DE89 3704 0044 0532 0130 00');

    await user.click(screen.getByRole('button', { name: 'Bestätigen' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Änderung der Bankverbindung wartet auf Bestätigung' })).toBeNull());
    expect(toastTexts()).toContain('Neue Bankverbindung bestätigt; sie gilt ab jetzt.');
    await waitFor(() => expect(ibanField('IBAN').value).toBe('DE02 1203 0000 0000 2020 51'));
  });

  it('offers the proposer, in English, to withdraw the change but not to confirm it', async () => {
    await actAs(t.admin, 'en');
    const user = userEvent.setup();
    render(<CompanyForm />);
    await user.clear(await screen.findByRole('textbox', { name: 'IBAN' }));
    await user.type(ibanField('IBAN'), 'DE73 5001 0517 0137 5068 57');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const panel = await screen.findByRole('region', { name: 'A change of the bank details waits for confirmation' });
    await waitFor(() => expect(toastTexts()).toContain('Company profile saved. The new bank details apply only once a second person confirms them.'));
    expect(panel.textContent).toContain('IBAN DE73 5001 0517 0137 5068 57');
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'A change of the bank details waits for confirmation' })).toBeNull());
    expect((await unwrap(t.admin.invoke('settings.getCompany', {})))?.iban).toBe('DE02120300000000202051');
  });

  it('tells a bookkeeper under the field that only administrators change the bank details', async () => {
    await actAs(t.bookkeeper, 'de');
    const user = userEvent.setup();
    render(<CompanyForm />);
    await user.clear(await screen.findByRole('textbox', { name: 'IBAN' }));
    await user.type(ibanField('IBAN'), 'DE89 3704 0044 0532 0130 00');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Nur Administratoren ändern die Bankverbindung', { selector: '.field-error' })).toBeTruthy();
    expect((await unwrap(t.admin.invoke('settings.getCompany', {})))?.iban).toBe('DE02120300000000202051');
  });
});
