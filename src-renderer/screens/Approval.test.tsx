// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customer, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { Approval } from './Approval.js';

let app: TestApp;
let t: Team;
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const toastTexts = () => useApp.getState().toasts.map((toast) => plain(toast.text));

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  setLanguage('de');
  await i18next.changeLanguage('de');
  const user = await unwrap(t.supervisor.invoke('auth.whoami', {}));
  useApp.setState({ api: t.supervisor, user, toasts: [] });
});
afterEach(cleanup);
afterAll(async () => app.stop());

async function submitted(customerId: string, issueDate?: string) {
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId, ...(issueDate ? { issueDate } : {}), lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '80' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  return draft;
}

describe('approval list', () => {
  it('shows the document date and due date of each item, and names the dates when one would go backwards in its series', async () => {
    const dated = await customer(t.bookkeeper, { name: 'Datiert GmbH' });
    const undated = await customer(t.bookkeeper, { name: 'Ohne Datum KG' });
    const issuedFirst = await submitted(dated.id, '2026-11-20');
    await unwrap(t.supervisor.invoke('invoices.approve', { id: issuedFirst.id }));
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: issuedFirst.id }));
    await submitted(dated.id, '2026-11-02');
    await submitted(undated.id);

    const user = userEvent.setup();
    render(<Approval />);
    const backdatedRow = (await screen.findByText('Datiert GmbH')).closest('tr')!;
    expect(plain(backdatedRow.textContent)).toContain('Belegdatum 02.11.2026');
    expect(plain(backdatedRow.textContent)).toContain('fällig 16.11.2026');
    const undatedRow = screen.getByText('Ohne Datum KG').closest('tr')!;
    expect(plain(undatedRow.textContent)).toContain('Belegdatum: Tag der Ausstellung');
    expect(plain(undatedRow.textContent)).toContain('fällig 11.12.2026');

    await user.click(within(backdatedRow).getByRole('button', { name: 'Freigeben' }));
    await waitFor(() =>
      expect(toastTexts()).toContain('Das Datum 02.11.2026 liegt vor RE-2026-A-000001 vom 20.11.2026. Innerhalb einer Nummernfolge gehen die Daten nicht zurück: bitte ein Datum ab dem 20.11.2026 wählen.'),
    );
  });
});
