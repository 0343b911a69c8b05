// @vitest-environment jsdom
/**
 * The Übersicht against the real services: books built through the handlers (an overdue
 * invoice, one due this week, a paid one, one awaiting approval), the tiles show the figures
 * worked out by hand here, and a click on a tile or a customer opens the list behind it with its
 * filter. jsdom draws no canvas: the revenue chart shows its figures as the table.
 */
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { issued } from '../../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { CurrentScreen } from '../../App.js';
import { Dashboard } from '../Dashboard.js';

let app: TestApp;
let t: Team;
let bakery: CustomerView;
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  // The clock stands at Friday 2026-11-27.
  app = await startTestApp();
  t = await team(app);
  bakery = await customer(t.bookkeeper, { name: 'Bäckerei Schmidt GmbH' });
  const cafe = await customer(t.bookkeeper, { name: 'Café Morgenrot' });
  const consulting = await product(t.bookkeeper, { sku: 'BERATUNG', netPrice: '1000', vatRate: '19' });
  const cake = await product(t.bookkeeper, { sku: 'TORTE', netPrice: '50', vatRate: '19' });
  // 1.190,00 € due 15.10.2026: overdue.
  await issued(t, { customerId: bakery.id, issueDate: '2026-10-01', lines: [{ productId: consulting.id, quantity: '1' }] });
  // 119,00 € of 02.11.2026, paid in full on 20.11.2026.
  const paid = await issued(t, { customerId: cafe.id, issueDate: '2026-11-02', lines: [{ productId: cake.id, quantity: '2' }] });
  await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-20', amount: '119.00', customerId: cafe.id, allocations: [{ invoiceId: paid.id, amount: '119.00' }] }));
  // 59,50 € due Saturday 28.11.2026: due this week.
  await issued(t, { customerId: bakery.id, issueDate: '2026-11-14', lines: [{ productId: cake.id, quantity: '1' }] });
  // One draft waits for approval.
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: cafe.id, lines: [{ productId: cake.id, quantity: '1' }] } as never));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
});
afterEach(cleanup);
afterAll(async () => app.stop());

async function showAs(language: 'de' | 'en') {
  const user = await unwrap(t.bookkeeper.invoke('auth.whoami', {}));
  useApp.setState({ api: t.bookkeeper, user, toasts: [], screen: 'dashboard', params: null });
  setLanguage(language);
  await i18next.changeLanguage(language);
  render(<Dashboard />);
  await screen.findByRole('heading', { level: 2, name: language === 'de' ? 'Kennzahlen' : 'Key figures' });
}

const tile = (name: RegExp) => screen.getByRole('button', { name });

describe('the Übersicht', () => {
  it('shows open, overdue, due this week and received this month as worked out by hand, and the queues', async () => {
    await showAs('de');
    expect(plain(tile(/^Offene Forderungen/).textContent)).toBe('Offene Forderungen1.249,50 €2 Rechnungen');
    expect(plain(tile(/^Überfällig/).textContent)).toBe('Überfällig1.190,00 €1 Rechnung');
    expect(plain(tile(/^Fällig diese Woche/).textContent)).toBe('Fällig diese Woche59,50 €1 Rechnung');
    expect(plain(tile(/^Eingegangen diesen Monat/).textContent)).toBe('Eingegangen diesen Monat119,00 €1 Zahlung');
    expect(plain(tile(/^Warten auf Freigabe/).textContent)).toBe('Warten auf Freigabe1');
    expect(plain(tile(/^Fehlgeschlagene E-Mails/).textContent)).toBe('Fehlgeschlagene E-Mails0');
    expect(screen.getByText('Stand 27.11.2026')).toBeTruthy();

    const overdue = screen.getByRole('table', { name: 'Größte überfällige Beträge nach Kunde' });
    expect(within(overdue).getAllByRole('row').slice(1).map((row) => plain(row.textContent))).toEqual(['Bäckerei Schmidt GmbH1.190,00 €']);

    // No canvas in jsdom: the chart's figures stand in the table, net and gross per month.
    const revenue = screen.getByRole('table', { name: 'Umsatz der letzten 12 Monate (netto)' });
    const months = within(revenue).getAllByRole('row').slice(1).map((row) => plain(row.textContent));
    expect(months).toHaveLength(12);
    expect(months.at(0)).toBe('Dezember 20250,00 €0,00 €');
    expect(months.slice(-2)).toEqual(['Oktober 20261.000,00 €1.190,00 €', 'November 2026150,00 €178,50 €']);
  });

  it('opens the list behind a tile or a customer with its filter', async () => {
    const user = userEvent.setup();
    await showAs('de');
    await user.click(tile(/^Überfällig/));
    expect(useApp.getState().screen).toBe('reports');
    expect(useApp.getState().screenParams('reports')).toMatchObject({ tab: 'overdue' });

    await user.click(tile(/^Offene Forderungen/));
    expect(useApp.getState().screenParams('reports')).toMatchObject({ tab: 'openItems' });

    await user.click(tile(/^Eingegangen diesen Monat/));
    expect(useApp.getState().screenParams('reports')).toMatchObject({ tab: 'payments', from: '2026-11-01', to: '2026-11-27' });

    await user.click(screen.getByRole('button', { name: 'Bäckerei Schmidt GmbH' }));
    expect(useApp.getState().screenParams('reports')).toMatchObject({ tab: 'overdue', customerId: bakery.id });

    await user.click(tile(/^Warten auf Freigabe/));
    expect(useApp.getState().screen).toBe('approval');

    await user.click(tile(/^Fehlgeschlagene E-Mails/));
    expect(useApp.getState().screen).toBe('mail');
    expect(useApp.getState().screenParams('mail')).toMatchObject({ status: 'failed' });

    await user.click(screen.getByRole('button', { name: 'Umsatzbericht öffnen' }));
    expect(useApp.getState().screenParams('reports')).toEqual({ tab: 'revenue', from: '2025-12-01', to: '2026-11-27' });
  });

  it('shows the list behind: the overdue report, for one customer too, and the failed mails', async () => {
    const user = userEvent.setup();
    await showAs('de');
    cleanup();
    render(<CurrentScreen />);
    const backToDashboard = async () => {
      act(() => useApp.getState().go('dashboard'));
      await screen.findByRole('heading', { level: 2, name: 'Kennzahlen' });
    };
    await screen.findByRole('heading', { level: 2, name: 'Kennzahlen' });

    await user.click(tile(/^Überfällig/));
    await screen.findByRole('heading', { level: 1, name: 'Berichte' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Überfällig');

    await backToDashboard();
    await user.click(screen.getByRole('button', { name: 'Bäckerei Schmidt GmbH' }));
    await screen.findByRole('heading', { level: 1, name: 'Berichte' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Überfällig');
    await waitFor(() => expect((screen.getByRole('combobox', { name: /^Kunde/ }) as HTMLSelectElement).value).toBe(bakery.id));

    await backToDashboard();
    await user.click(tile(/^Fehlgeschlagene E-Mails/));
    await screen.findByRole('heading', { level: 1, name: 'E-Mail' });
    expect((screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('failed');
  });

  it('opens "due this week" as the forecast without overdue invoices, whose first week is the tile\'s figure', async () => {
    const user = userEvent.setup();
    await showAs('de');
    const figure = plain(tile(/^Fällig diese Woche/).querySelector('.dashboard-tile-figure')?.textContent);
    expect(figure).toBe('59,50 €');
    cleanup();
    render(<CurrentScreen />);
    await screen.findByRole('heading', { level: 2, name: 'Kennzahlen' });
    await user.click(tile(/^Fällig diese Woche/));
    await screen.findByRole('heading', { level: 1, name: 'Berichte' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Liquiditätsvorschau');
    expect((screen.getByRole('checkbox', { name: 'Überfällige Rechnungen in der ersten Woche mitzählen' }) as HTMLInputElement).checked).toBe(false);
    const table = await screen.findByRole('table', { name: 'Zahlungseingangsprognose' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const week = within(table).getAllByRole('row')[1]!;
    expect(plain(week.textContent)).toBe(`2026-W4823.11.202629.11.20261${figure}`);
    // With the overdue invoices the first week also holds the 1.190,00 € due in October.
    await user.click(screen.getByRole('checkbox', { name: 'Überfällige Rechnungen in der ersten Woche mitzählen' }));
    await waitFor(() => expect(plain(within(screen.getByRole('table', { name: 'Zahlungseingangsprognose' })).getAllByRole('row')[1]!.textContent)).toBe('2026-W4823.11.202629.11.202621.249,50 €'));
  });

  it('speaks English with English number formats', async () => {
    await showAs('en');
    expect(plain(tile(/^Open receivables/).textContent)).toBe('Open receivables€1,249.502 invoices');
    expect(plain(tile(/^Received this month/).textContent)).toBe('Received this month€119.001 payment');
    expect(screen.getByRole('table', { name: 'Revenue of the last 12 months (net)' })).toBeTruthy();
  });
});
