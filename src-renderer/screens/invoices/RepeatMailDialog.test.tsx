// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, InvoiceView } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { issued } from '../../../tests/support/pdf.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import '../../../tests/support/jsdom-dialog.js';

let app: TestApp;
let t: Team;

async function actAs(client: ApiClient) {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
}

const toastTexts = () => useApp.getState().toasts.map((toast) => toast.text);
const messagesOf = (invoice: InvoiceView) => unwrap(t.bookkeeper.invoke('mail.forInvoice', { invoiceId: invoice.id }));

let products = 0;

async function issuedWithWaitingMail(): Promise<InvoiceView> {
  const c = await customer(t.bookkeeper, { invoiceEmails: ['einkauf@baeckerei.example'] });
  const p = await product(t.bookkeeper, { sku: `W-${++products}` });
  const invoice = await issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] });
  // Mailed at issue: its message waits in the outbox (no mail account on this device).
  await waitFor(async () => expect(await messagesOf(invoice)).toHaveLength(1), { timeout: 10_000 });
  return invoice;
}

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('mailing a document a second time (real services, in-memory transport)', () => {
  it('asks first, says what happened to the first mail, and queues a second one only when confirmed', async () => {
    await actAs(t.bookkeeper);
    const invoice = await issuedWithWaitingMail();
    const user = userEvent.setup();
    render(<DocumentsPanel invoice={invoice} />);
    await user.click(await screen.findByRole('button', { name: 'Per E-Mail senden' }));

    const dialog = await screen.findByRole('dialog', { name: 'Noch einmal senden?' });
    expect(dialog.textContent).toContain(`Rechnung ${invoice.number} wartet seit`);
    expect(dialog.textContent).toContain('einkauf@baeckerei.example');
    expect(await messagesOf(invoice)).toHaveLength(1);

    await user.click(within(dialog).getByRole('button', { name: 'Noch einmal senden' }));
    await waitFor(() => expect(toastTexts()).toContain('Für einkauf@baeckerei.example in den Postausgang gelegt.'));
    expect(screen.queryByRole('dialog', { name: 'Noch einmal senden?' })).toBeNull();
    expect(await messagesOf(invoice)).toHaveLength(2);
  });

  it('queues nothing when the user cancels the question', async () => {
    await actAs(t.bookkeeper);
    const invoice = await issuedWithWaitingMail();
    const user = userEvent.setup();
    render(<DocumentsPanel invoice={invoice} />);
    await user.click(await screen.findByRole('button', { name: 'Per E-Mail senden' }));
    const dialog = await screen.findByRole('dialog', { name: 'Noch einmal senden?' });
    await user.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Noch einmal senden?' })).toBeNull());
    expect(await messagesOf(invoice)).toHaveLength(1);
    expect(toastTexts()).toEqual([]);
  });
});
