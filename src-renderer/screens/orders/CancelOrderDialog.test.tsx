// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { OrderEditor } from './OrderEditor.js';
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

describe('cancelling an order in the editor', () => {
  it('asks first and needs a reason; "keep" changes nothing; the reason is shown on the cancelled order', async () => {
    const p = await product(t.bookkeeper, { sku: 'STORNO-1' });
    const c = await customer(t.bookkeeper);
    const draft = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: p.id, quantity: '2' }] }));
    const order = await unwrap(t.bookkeeper.invoke('orders.confirm', { id: draft.id }));
    const user = userEvent.setup();
    render(<OrderEditor orderId={order.id} onClose={() => undefined} />);

    await user.click(await screen.findByRole('button', { name: 'Auftrag stornieren' }));
    let dialog = await screen.findByRole('dialog', { name: `Auftrag ${order.number} stornieren` });
    expect((await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).status).toBe('confirmed');
    await user.click(within(dialog).getByRole('button', { name: 'Auftrag behalten' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Auftrag stornieren' }));
    dialog = await screen.findByRole('dialog', { name: `Auftrag ${order.number} stornieren` });
    await user.click(within(dialog).getByRole('button', { name: 'Auftrag stornieren' }));
    await within(dialog).findByText('Bitte einen Grund angeben');
    // Focus goes back to the field to fix, inside the dialog.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: /Grund der Stornierung/ })));
    expect((await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).status).toBe('confirmed');

    await user.type(within(dialog).getByRole('textbox', { name: /Grund der Stornierung/ }), 'Doppelt bestellt');
    await user.click(within(dialog).getByRole('button', { name: 'Auftrag stornieren' }));
    await screen.findByText('Storniert: Doppelt bestellt');
    expect(await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).toMatchObject({ status: 'cancelled', cancelReason: 'Doppelt bestellt' });
  });
});
