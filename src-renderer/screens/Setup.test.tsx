// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { ADMIN, startTestApp, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { Setup } from './Setup.js';

let app: TestApp;
const sent: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  const client = app.client();
  // The real client, noting every request the screen sends.
  const counting = { ...client, invoke: ((name: string, input: unknown) => (sent.push(name), client.invoke(name as never, input as never))) as ApiClient['invoke'] };
  useApp.setState({ api: counting, user: null, toasts: [] });
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('setup screen (real services, in-memory transport)', () => {
  it('creates the administrator once on a double click and shows no error', async () => {
    const user = userEvent.setup();
    const sessions: string[] = [];
    const { container } = render(<Setup onSession={(token) => sessions.push(token)} />);
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), ADMIN.name);
    await user.type(screen.getByRole('textbox', { name: /^E-Mail/ }), ADMIN.email);
    await user.type(container.querySelector('input[type="password"]')!, ADMIN.password);
    await user.type(await screen.findByRole('textbox', { name: /^Einrichtungsschlüssel/ }), app.services.setup.current()!);

    const submit = screen.getByRole('button', { name: /Administrator/ });
    await waitFor(() => expect((submit as HTMLButtonElement).disabled).toBe(false));
    await user.dblClick(submit);
    await waitFor(() => expect(sessions).toHaveLength(1));

    expect(sent.filter((name) => name === 'auth.setupAdmin')).toHaveLength(1);
    expect(useApp.getState().toasts).toEqual([]);
    expect(container.querySelectorAll('.field-error')).toHaveLength(0);
    expect(await app.services.books.db.users.count().exec()).toBe(1);
  });
});
