// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import i18next, { setLanguage } from '../i18n.js';
import { useApp } from '../state/app.js';
import { InvoiceDetail } from './invoices/InvoiceDetail.js';
import { InvoicesScreen } from './invoices/InvoicesScreen.js';
import { OrderEditor } from './orders/OrderEditor.js';
import { OrdersScreen } from './orders/OrdersScreen.js';
import '../../tests/support/jsdom-dialog.js';

let app: TestApp;
let t: Team;

async function actAs(client: ApiClient) {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
}

const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const toastTexts = () => useApp.getState().toasts.map((toast) => toast.text);

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(cleanup);
afterAll(async () => app.stop());

describe('orders (real services, in-memory transport)', () => {
  it('names the products short in stock when an order cannot be confirmed', async () => {
    await actAs(t.bookkeeper);
    const flour = await product(t.bookkeeper, { sku: 'MEHL-1', stockTracked: true });
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '1' }));
    const c = await customer(t.bookkeeper);
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '3' }] }));

    const user = userEvent.setup();
    render(<OrderEditor orderId={order.id} onClose={() => undefined} />);
    await screen.findByDisplayValue('3');
    await user.click(screen.getByRole('button', { name: 'Auftrag bestätigen' }));
    const alert = await screen.findByText('Nicht genug auf Lager:');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('MEHL-1: 1 verfügbar, 3 bestellt');
    expect(toastTexts()).toContain('Für diesen Auftrag ist nicht genug auf Lager.');
    expect((await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).status).toBe('draft');
  });

  it('invoices all confirmed orders as a job and reports the result', async () => {
    await actAs(t.bookkeeper);
    const p = await product(t.bookkeeper, { sku: 'BROT-1' });
    const c = await customer(t.bookkeeper, { name: 'Café Batch' });
    for (const quantity of ['1', '2']) {
      const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-21', lines: [{ productId: p.id, quantity }] }));
      await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
    }
    const user = userEvent.setup();
    render(<OrdersScreen />);
    await user.click(await screen.findByRole('button', { name: 'Alle bestätigten Aufträge abrechnen' }));
    await waitFor(() => expect(toastTexts()).toContain('2 von 2 Aufträgen abgerechnet'));
    const drafts = await unwrap(t.bookkeeper.invoke('invoices.list', { customerId: c.id }));
    expect(drafts.items.map((i) => i.status)).toEqual(['draft', 'draft']);
  });

  it('shows the problems of a CSV file that is refused', async () => {
    await actAs(t.bookkeeper);
    const user = userEvent.setup({ applyAccept: false });
    const { container } = render(<OrdersScreen />);
    const csv = 'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge\nX-1;K-1;2026-11-20;NICHTDA;0\n';
    await user.upload(container.querySelector('input[type="file"]')!, new File([csv], 'auftraege.csv', { type: 'text/csv' }));
    const region = await screen.findByRole('alert', { name: 'Probleme in auftraege.csv' });
    expect(within(region).getByText('Die Datei enthält Fehler. Es wurde nichts importiert.')).toBeTruthy();
    expect(within(region).getByText('Menge muss größer als 0 sein')).toBeTruthy();
  });
});

describe('invoices (real services, in-memory transport)', () => {
  it('writes a direct invoice with live totals and saves it as a draft', async () => {
    await actAs(t.bookkeeper);
    const c = await customer(t.bookkeeper, { name: 'Direkt GmbH' });
    const user = userEvent.setup();
    render(<InvoicesScreen />);
    await user.click(await screen.findByRole('button', { name: 'Neue Rechnung' }));
    const select = await screen.findByRole('combobox', { name: 'Kunde' });
    await waitFor(() => expect(within(select).getByRole('option', { name: new RegExp('Direkt GmbH') })).toBeTruthy());
    await user.selectOptions(select, c.id);
    await user.type(screen.getByRole('textbox', { name: 'Beschreibung, Position 1' }), 'Beratung');
    await user.clear(screen.getByRole('textbox', { name: 'Menge, Position 1' }));
    await user.type(screen.getByRole('textbox', { name: 'Menge, Position 1' }), '2');
    await user.type(screen.getByRole('textbox', { name: 'Einzelpreis (netto), Position 1' }), '80,00');
    // 2 x 80.00 = 160.00 at 19 %: VAT 30.40, gross 190.40 (free text lines are standard-rated).
    const totals = screen.getByRole('table', { name: 'Summen' });
    await waitFor(() => expect(plain(totals.textContent)).toContain('Gesamtbetrag bruttoBT-112190,40 €'));
    expect(plain(totals.textContent)).toContain('USt. 19 % auf 160,00 €30,40 €');

    await user.click(screen.getByRole('button', { name: 'Entwurf speichern' }));
    expect(await screen.findByRole('heading', { name: 'Rechnungsentwurf' })).toBeTruthy();
    expect(plain(screen.getByRole('table', { name: 'Summen' }).textContent)).toContain('Zahlbetrag' + 'BT-115' + '190,40 €');
  });

  it('lets a supervisor reject with a reason, which the bookkeeper then sees', async () => {
    const c = await customer(t.bookkeeper, { name: 'Ablehnung KG' });
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));

    await actAs(t.supervisor);
    const user = userEvent.setup();
    render(<InvoiceDetail id={draft.id} onClose={() => undefined} onEdit={() => undefined} onOpen={() => undefined} />);
    await user.click(await screen.findByRole('button', { name: 'Ablehnen' }));
    const dialog = screen.getByRole('form', { name: 'Beleg ablehnen' });
    await user.click(within(dialog).getByRole('button', { name: 'Ablehnen' }));
    expect(await within(dialog).findByText('Pflichtfeld')).toBeTruthy();
    await user.type(within(dialog).getByRole('textbox', { name: /Grund der Ablehnung/ }), 'Stundensatz laut Vertrag 90 €');
    await user.click(within(dialog).getByRole('button', { name: 'Ablehnen' }));
    expect(await screen.findByText('Abgelehnt: Stundensatz laut Vertrag 90 €')).toBeTruthy();
    cleanup();

    await actAs(t.bookkeeper);
    render(<InvoiceDetail id={draft.id} onClose={() => undefined} onEdit={() => undefined} onOpen={() => undefined} />);
    expect(await screen.findByText('Abgelehnt: Stundensatz laut Vertrag 90 €')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Entwurf bearbeiten' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Zur Freigabe einreichen' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Freigeben' })).toBeNull();
  });

  it('names the missing mandatory data when an approved invoice cannot be issued', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, vatId: '', taxNumber: '' }));
    try {
      const c = await customer(t.bookkeeper, { name: 'Unvollständig AG' });
      const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '80' }] }));
      await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
      await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));

      await actAs(t.bookkeeper);
      const user = userEvent.setup();
      render(<InvoiceDetail id={draft.id} onClose={() => undefined} onEdit={() => undefined} onOpen={() => undefined} />);
      await user.click(await screen.findByRole('button', { name: 'Ausstellen' }));
      const title = await screen.findByText('Vor dem Ausstellen fehlt noch:');
      expect(title.closest('[role="alert"]')?.textContent).toContain('USt-IdNr. oder Steuernummer der Firma (Einstellungen)');
      expect(toastTexts()).toContain('Pflichtangaben fehlen; die Rechnung kann noch nicht ausgestellt werden.');
    } finally {
      await unwrap(t.admin.invoke('settings.saveCompany', COMPANY));
    }
  });
});
