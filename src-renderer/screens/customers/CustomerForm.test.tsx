// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { CustomerForm } from './CustomerForm.js';

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

describe('the customer form', () => {
  it('names the wrong address of a list of invoice e-mails', async () => {
    const user = userEvent.setup();
    render(<CustomerForm customer={null} onClose={() => undefined} />);
    const emails = await screen.findByRole('textbox', { name: /^Rechnungs-E-Mails/ });
    await user.type(emails, 'a@b.de, kaputt');
    await user.click(screen.getByRole('button', { name: /Speichern/ }));
    await waitFor(() => expect(emails.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Keine gültige E-Mail-Adresse: kaputt')).toBeTruthy();
  });
});
