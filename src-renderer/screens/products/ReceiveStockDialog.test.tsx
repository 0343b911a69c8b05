// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { ReceiveStockDialog } from './ReceiveStockDialog.js';
import '../../../tests/support/jsdom-dialog.js';

let app: TestApp;
let t: Team;
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  setLanguage('de');
  await i18next.changeLanguage('de');
  const user = await unwrap(t.bookkeeper.invoke('auth.whoami', {}));
  useApp.setState({ api: t.bookkeeper, user, toasts: [] });
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('stock correction below zero', () => {
  it('asks first, books nothing on cancel, and books the correction once the user confirms', async () => {
    const flour = await product(t.bookkeeper, { sku: 'MEHL-NEG', stockTracked: true });
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '5' }));
    const stock = async () => (await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock?.onHand;
    let closed = 0;
    const user = userEvent.setup();
    render(<ReceiveStockDialog product={flour} onClose={() => closed++} />);

    await user.type(screen.getByLabelText(/^Menge/), '-7');
    await user.click(screen.getByRole('button', { name: 'Wareneingang' }));
    const question = await screen.findByRole('alertdialog');
    expect(plain(question.textContent)).toContain('Auf Lager sind 5. Nach dieser Korrektur wären es -2');
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await stock()).toBe('5');
    expect(closed).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Wareneingang' }));
    await user.click(await screen.findByRole('button', { name: 'Trotzdem buchen' }));
    await waitFor(() => expect(closed).toBe(1));
    expect(await stock()).toBe('-2');
  });
});
