// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { MailScreen } from '../screens/mail/MailScreen.js';
import { PaymentsScreen } from '../screens/payments/PaymentsScreen.js';
import { NotificationBell } from '../screens/reminders/NotificationBell.js';
import { RemindersScreen } from '../screens/reminders/RemindersScreen.js';
import { Settings } from '../screens/Settings.js';
import { useApp } from '../state/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const client = app.client();
  const session = await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
  useApp.setState({ api: client, user: session.user, status: await unwrap(client.invoke('app.status', {})), toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

/** The ARIA tab pattern: linked tabs and panels, arrow keys, Home and End, one tab stop. */
async function expectTabPattern(names: string[]) {
  const user = userEvent.setup();
  const tabs = screen.getAllByRole('tab');
  expect(tabs.map((tab) => tab.textContent)).toEqual(names);
  expect(tabs.map((tab) => tab.getAttribute('tabindex'))).toEqual(names.map((_, i) => (i === 0 ? '0' : '-1')));
  const panel = screen.getByRole('tabpanel');
  expect(panel.id).toBe(tabs[0]!.getAttribute('aria-controls'));
  expect(panel.getAttribute('aria-labelledby')).toBe(tabs[0]!.id);

  tabs[0]!.focus();
  await user.keyboard('{ArrowRight}');
  const second = screen.getByRole('tab', { name: names[1] });
  expect(document.activeElement).toBe(second);
  expect(second.getAttribute('aria-selected')).toBe('true');
  expect(second.getAttribute('tabindex')).toBe('0');
  expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(second.id);

  await user.keyboard('{End}');
  expect(document.activeElement).toBe(screen.getByRole('tab', { name: names.at(-1) }));
  await user.keyboard('{ArrowRight}');
  expect(document.activeElement).toBe(screen.getByRole('tab', { name: names[0] }));
  await user.keyboard('{ArrowLeft}');
  expect(document.activeElement).toBe(screen.getByRole('tab', { name: names.at(-1) }));
  await user.keyboard('{Home}');
  expect(document.activeElement).toBe(screen.getByRole('tab', { name: names[0] }));
  expect(screen.getByRole('tab', { name: names[0] }).getAttribute('aria-selected')).toBe('true');
}

describe('tabs follow the ARIA tab pattern', () => {
  it('in the settings', async () => {
    render(<Settings />);
    await expectTabPattern(['Firmenprofil', 'Benutzer', 'Synchronisation']);
  });

  it('in the mail screen', async () => {
    render(<MailScreen />);
    await expectTabPattern(['Postausgang', 'Vorlagen', 'E-Mail-Konto']);
  });

  it('in the payments and reminders screens', async () => {
    render(<PaymentsScreen />);
    await expectTabPattern(screen.getAllByRole('tab').map((tab) => tab.textContent ?? ''));
    cleanup();
    render(<RemindersScreen />);
    await expectTabPattern(screen.getAllByRole('tab').map((tab) => tab.textContent ?? ''));
  });
});

describe('notifications popover', () => {
  async function openPanel() {
    const user = userEvent.setup();
    render(
      <>
        <NotificationBell />
        <p>Außerhalb</p>
      </>,
    );
    const button = await screen.findByRole('button', { name: /Mitteilungen/ });
    await user.click(button);
    await screen.findByRole('region', { name: 'Mitteilungen' });
    return { user, button };
  }

  it('closes on Escape and gives focus back to its button', async () => {
    const { user, button } = await openPanel();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Mitteilungen' })).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on a click outside and gives focus back to its button', async () => {
    const { button } = await openPanel();
    act(() => {
      fireEvent.mouseDown(screen.getByText('Außerhalb'));
    });
    expect(screen.queryByRole('region', { name: 'Mitteilungen' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(button));
  });
});
