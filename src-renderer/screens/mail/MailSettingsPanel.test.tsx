// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { MailSettingsPanel } from './MailSettingsPanel.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const admin = app.client();
  const session = await unwrap(admin.invoke('auth.setupAdmin', adminSetup(app)));
  useApp.setState({ api: admin, user: session.user, toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('mail account form', () => {
  it('leaves checking to the app: no browser bubble, the field names its own problem in German', async () => {
    const user = userEvent.setup();
    const { container } = render(<MailSettingsPanel />);
    const sender = await screen.findByRole('textbox', { name: /^Absenderadresse/ });
    const form = container.querySelector('form')!;
    expect(form.noValidate).toBe(true);
    await user.type(screen.getByRole('textbox', { name: /^Server/ }), 'smtp.example.com');
    await user.type(sender, 'rechnung@');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    expect(await screen.findByText('Keine gültige E-Mail-Adresse: rechnung@')).toBeTruthy();
    expect(sender.getAttribute('aria-invalid')).toBe('true');
  });
});
