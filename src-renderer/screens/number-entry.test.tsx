// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { vatIdProblem } from '../../src-shared/validation/vat-id.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { CustomerForm } from './customers/CustomerForm.js';
import { OrderEditor } from './orders/OrderEditor.js';
import { ProductForm } from './products/ProductForm.js';
import { DunningSettingsPanel } from './reminders/DunningSettingsPanel.js';

let app: TestApp;
let t: Team;

async function actAs(client: ApiClient) {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
}

const input = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;

/** Replaces what a field holds by `text` as a user types it, then leaves the field. */
async function typeInto(user: ReturnType<typeof userEvent.setup>, field: HTMLInputElement, text: string) {
  await user.clear(field);
  await user.type(field, text);
  await user.tab();
}

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('German number entry in the forms (real services, in-memory transport)', () => {
  it('the order editor takes "2,5" and "1.249,00" and shows them so after saving, never "68.5"', async () => {
    await actAs(t.bookkeeper);
    const flour = await product(t.bookkeeper, { sku: 'MEHL-ZAHL', nameDe: 'Mehl Type 550, lose', unit: 'KGM' });
    const c = await customer(t.bookkeeper, { name: 'Café Zahl' });
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '68.5' }] }));
    const user = userEvent.setup();
    render(<OrderEditor orderId={order.id} onClose={() => undefined} />);
    await waitFor(() => expect(input('Menge, Position 1').value).toBe('68,5'));

    await typeInto(user, input('Menge, Position 1'), '2,5');
    await typeInto(user, input('Einzelpreis (netto), Position 1'), '1.249,00');
    await user.click(screen.getByRole('button', { name: /^Entwurf speichern/ }));
    await waitFor(async () => expect((await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).lines[0]).toMatchObject({ quantity: '2.5', netUnitPrice: '1249' }));
    await waitFor(() => expect(input('Menge, Position 1').value).toBe('2,5'));
    expect(input('Einzelpreis (netto), Position 1').value).toBe('1.249,00');
  });

  it('a quantity the books refuse is named with its line, and the problem goes once the value is changed', async () => {
    await actAs(t.bookkeeper);
    const flour = await product(t.bookkeeper, { sku: 'MEHL-NULL' });
    const c = await customer(t.bookkeeper, { name: 'Café Null' });
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '1' }, { productId: flour.id, quantity: '2' }] }));
    const user = userEvent.setup();
    render(<OrderEditor orderId={order.id} onClose={() => undefined} />);
    await waitFor(() => expect(input('Menge, Position 2').value).toBe('2'));
    await typeInto(user, input('Menge, Position 2'), '0');
    await user.click(screen.getByRole('button', { name: /^Entwurf speichern/ }));
    expect(await screen.findByText('Menge, Position 2: Muss größer als 0 sein')).toBeTruthy();
    expect(input('Menge, Position 2').getAttribute('aria-invalid')).toBe('true');

    await user.clear(input('Menge, Position 2'));
    await user.type(input('Menge, Position 2'), '3');
    expect(screen.queryByText(/Muss größer als 0 sein/)).toBeNull();
    expect(input('Menge, Position 2').getAttribute('aria-invalid')).toBe('false');
  });

  it('the product form takes a pasted "1.249,00 €" and shows "1.249,00" when opened again', async () => {
    await actAs(t.bookkeeper);
    const user = userEvent.setup();
    const first = render(<ProductForm product={null} onClose={() => undefined} />);
    await user.type(await screen.findByRole('textbox', { name: /Artikelnummer/ }), 'WAAGE-1');
    await user.type(screen.getByRole('textbox', { name: /Bezeichnung \(deutsch\)/ }), 'Ladenwaage');
    await typeInto(user, input('Nettopreis'), '1.249,00 €');
    expect(input('Nettopreis').value).toBe('1.249,00');
    await user.click(screen.getByRole('button', { name: /^Speichern/ }));
    let saved;
    await waitFor(async () => {
      saved = (await unwrap(t.bookkeeper.invoke('products.list', { search: 'WAAGE-1' }))).items[0];
      expect(saved?.netPrice).toBe('1249');
    });
    first.unmount();
    render(<ProductForm product={saved!} onClose={() => undefined} />);
    expect((await screen.findByRole('textbox', { name: 'Nettopreis' }) as HTMLInputElement).value).toBe('1.249,00');
  });

  it('a price that does not read is named with what is wrong (a separator, a limit), never "decimals"', async () => {
    await actAs(t.bookkeeper);
    const user = userEvent.setup();
    render(<ProductForm product={null} onClose={() => undefined} />);
    await typeInto(user, await screen.findByRole('textbox', { name: 'Nettopreis' }), '1.24.9');
    expect(screen.getByText(/^Nettopreis: Punkt und Komma stehen in „1\.24\.9“ an falscher Stelle/)).toBeTruthy();
    expect(input('Nettopreis').getAttribute('aria-invalid')).toBe('true');
    await typeInto(user, input('Nettopreis'), '99.999.999.999.999,00 €');
    expect(screen.getByText('Nettopreis: höchstens 99.999.999,99')).toBeTruthy();
  });

  it('the customer form takes a credit limit of "1.000,00", shows it back, and names the limit of 999999999999', async () => {
    await actAs(t.bookkeeper);
    const c = await customer(t.bookkeeper, { name: 'Kredit GmbH' });
    const user = userEvent.setup();
    const first = render(<CustomerForm customer={c} onClose={() => undefined} />);
    const limit = await screen.findByRole('textbox', { name: 'Kreditlimit (EUR)' });
    expect(vatIdProblem(screen.getByText(/^DE\d{9}$/).textContent ?? '')).toBeUndefined();
    await typeInto(user, limit as HTMLInputElement, '1.000,00');
    await user.click(screen.getByRole('button', { name: /^Speichern/ }));
    await waitFor(async () => expect((await unwrap(t.bookkeeper.invoke('customers.get', { id: c.id }))).creditLimit).toBe(100_000));
    first.unmount();

    const saved = await unwrap(t.bookkeeper.invoke('customers.get', { id: c.id }));
    render(<CustomerForm customer={saved} onClose={() => undefined} />);
    const again = (await screen.findByRole('textbox', { name: 'Kreditlimit (EUR)' })) as HTMLInputElement;
    expect(again.value).toBe('1.000,00');
    await typeInto(user, again, '999999999999');
    expect(screen.getByText('Kreditlimit (EUR): höchstens 99.999.999,99')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Speichern/ }));
    // The contract refuses it at the field with its limit; never "an unexpected error".
    await waitFor(() => expect(useApp.getState().toasts.map((toast) => toast.text)).toContain(i18next.t('settings.fixErrors')));
    expect(screen.getByText('Kreditlimit (EUR): höchstens 99.999.999,99')).toBeTruthy();
    expect(input('Kreditlimit (EUR)').getAttribute('aria-invalid')).toBe('true');
    expect(useApp.getState().toasts.map((toast) => toast.text)).not.toContain(i18next.t('errors.INTERNAL'));
    expect((await unwrap(t.bookkeeper.invoke('customers.get', { id: c.id }))).creditLimit).toBe(100_000);
  });

  it('the dunning fee takes "3,75" and shows "3,75" after saving and when opened again', async () => {
    await actAs(t.bookkeeper);
    const user = userEvent.setup();
    const fees = () => screen.getAllByRole('textbox', { name: 'Gebühr für Verbraucher (€)' }) as HTMLInputElement[];
    const first = render(<DunningSettingsPanel />);
    await screen.findAllByRole('textbox', { name: 'Gebühr für Verbraucher (€)' });
    await typeInto(user, fees()[1]!, '3,75');
    await user.click(screen.getByRole('button', { name: /^Speichern/ }));
    await waitFor(async () => expect((await unwrap(t.bookkeeper.invoke('reminders.settings', {}))).levels[1]!.feeConsumer).toBe(375));
    expect(fees()[1]!.value).toBe('3,75');
    first.unmount();
    render(<DunningSettingsPanel />);
    await waitFor(() => expect(fees()[1]!.value).toBe('3,75'));
    expect(fees()[0]!.value).toBe('0,00');
  });
});
