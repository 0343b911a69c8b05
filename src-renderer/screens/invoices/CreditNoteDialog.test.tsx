// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issued } from '../../../tests/support/pdf.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { CreditNoteDialog } from './CreditNoteDialog.js';
import '../../../tests/support/jsdom-dialog.js';

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

describe('the credit note dialog', () => {
  it('a missing reason: focus goes to the reason field, inside the dialog', async () => {
    const c = await customer(t.bookkeeper);
    const p = await product(t.bookkeeper, { sku: 'GS-1' });
    const invoice = await issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] });
    const user = userEvent.setup();
    render(<CreditNoteDialog invoice={invoice} onClose={() => undefined} onCreated={() => undefined} />);
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Gutschrift-Entwurf erstellen' }));
    const reason = within(dialog).getByRole('textbox', { name: /Grund der Korrektur/ });
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(reason));
  });

  it('the whole invoice when all of it is credited already: says so, focused, inside the dialog', async () => {
    const c = await customer(t.bookkeeper);
    const p = await product(t.bookkeeper, { sku: 'GS-2' });
    const invoice = await issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] });
    await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Alles zurück' }));
    const user = userEvent.setup();
    render(<CreditNoteDialog invoice={invoice} onClose={() => undefined} onCreated={() => undefined} />);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /Grund der Korrektur/ }), 'Noch einmal');
    await user.click(within(dialog).getByRole('button', { name: 'Gutschrift-Entwurf erstellen' }));
    const message = await within(dialog).findByText('Diese Rechnung ist schon vollständig gutgeschrieben');
    await waitFor(() => expect(message.closest('[role="alert"]')).toBe(document.activeElement));
  });
});
