// @vitest-environment jsdom
/**
 * The DATEV settings form against a stand-in for the main process: another Sachkontenlänge
 * offers the chart's default accounts at that length, as another chart does. Taken, the accounts
 * are sent empty (the main process fills in the defaults at the new length), the first Debitor
 * is lengthened alike, and the form says so; kept, the accounts are sent as they stand.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATEV_ACCOUNT_KEYS, type ApiClient, type DatevAccounts, type DatevSettingsView } from '../../../src-shared/contract/index.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { DatevSettingsForm } from './DatevSettingsForm.js';
import '../../../tests/support/jsdom-dialog.js';

const FOUR = Object.fromEntries(DATEV_ACCOUNT_KEYS.map((key, i) => [key, String(1000 + i)])) as DatevAccounts;
const VIEW: DatevSettingsView = { beraterNummer: '1001', mandantNummer: '12345', fiscalYearStartMonth: 1, accountLength: 4, chart: 'SKR03', debitorStart: 10000, accounts: FOUR, automaticAccounts: [], configured: true };

/** A main process that answers with VIEW and records what is saved. */
function fakeApi() {
  const saved: Record<string, unknown>[] = [];
  const client = {
    invoke: vi.fn(async (name: string, input: Record<string, unknown>) => {
      if (name === 'exports.datevSettings') return { ok: true, value: VIEW };
      if (name === 'exports.saveDatevSettings') {
        saved.push(input);
        return { ok: true, value: { ...VIEW, accountLength: input.accountLength, debitorStart: input.debitorStart } };
      }
      return { ok: false, error: { code: 'INTERNAL', message: name } };
    }),
    on: () => () => undefined,
  } as unknown as ApiClient;
  return { client, saved };
}

async function openAndChooseLength(length: string) {
  render(<DatevSettingsForm mayEdit onSaved={() => undefined} />);
  await userEvent.click(screen.getByRole('button', { name: 'DATEV-Einstellungen und Kontenzuordnung bearbeiten' }));
  await userEvent.selectOptions(await screen.findByLabelText('Sachkontenlänge'), length);
  return screen.findByRole('dialog', { name: 'Konten an die Sachkontenlänge anpassen?' });
}

beforeEach(async () => {
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('DATEV settings: another account length', () => {
  it('offers the defaults at the new length: the accounts are sent empty, the first Debitor lengthened, and the form says so', async () => {
    const { client, saved } = fakeApi();
    useApp.setState({ api: client, toasts: [] });
    const dialog = await openAndChooseLength('5');
    expect(dialog.textContent).toContain('Standardkonten des SKR03 mit 5 Stellen');
    expect(dialog.textContent).toContain('ab 100000');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Standardkonten eintragen' }));
    expect(screen.getByRole('status').textContent).toBe('Die Kontenzuordnung wird beim Speichern mit den Standardkonten des SKR03 mit 5 Stellen gefüllt.');
    expect((screen.getByLabelText('Erlöse 19 % USt') as HTMLInputElement).value).toBe('');
    await userEvent.click(screen.getByRole('button', { name: /Einstellungen speichern/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ accountLength: 5, debitorStart: 100000, chart: 'SKR03' });
    expect(Object.values(saved[0]!.accounts as DatevAccounts).every((a) => a === '')).toBe(true);
  });

  it('keeps the accounts as they stand when told to', async () => {
    const { client, saved } = fakeApi();
    useApp.setState({ api: client, toasts: [] });
    const dialog = await openAndChooseLength('6');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Konten behalten' }));
    expect(screen.queryByRole('status')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Einstellungen speichern/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ accountLength: 6, debitorStart: 10000, accounts: FOUR });
  });
});
