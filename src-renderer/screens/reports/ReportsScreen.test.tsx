// @vitest-environment jsdom
/**
 * The Berichte screen against the real services: the open items of books built through the
 * handlers, as of today and as of a past day (a later payment does not count), with the check
 * line; a VAT figure opens the documents behind it; an export button saves the report's file.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, InvoiceView } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { issued } from '../../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { ReportsScreen } from './ReportsScreen.js';
import '../../../tests/support/jsdom-dialog.js';

let app: TestApp;
let t: Team;
let now = new Date('2026-10-01T09:00:00Z');
let cafeInvoice: InvoiceView;
let bakeryInvoice: InvoiceView;
let cafeId = '';

async function actAs(client: ApiClient) {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  // The screen opens as a link would open it: as of the books' today, for November.
  useApp.setState({ api: client, user, toasts: [], params: { screen: 'reports', values: { asOf: '2026-11-27', from: '2026-11-01', to: '2026-11-30' } } });
  setLanguage('de');
  await i18next.changeLanguage('de');
}

/** Intl separates a figure from its unit by a no-break space; the test reads it as a space. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const rowOf = (table: HTMLElement, text: string) => within(table).getAllByRole('row').find((r) => r.textContent?.includes(text));
const cellsOf = (row: HTMLElement | undefined) => (row ? within(row).getAllByRole('cell').map((c) => plain(c.textContent)) : []);

/** The files the screen saves (jsdom has no downloads): name and bytes of each. */
function catchDownloads(): { name: string; blob: Blob }[] {
  const saved: { name: string; blob: Blob }[] = [];
  let blob: Blob | null = null;
  URL.createObjectURL = vi.fn((b: Blob) => {
    blob = b;
    return 'blob:report';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (blob) saved.push({ name: this.download, blob });
  });
  return saved;
}

beforeAll(async () => {
  now = new Date('2026-10-01T09:00:00Z');
  app = await startTestApp(() => now);
  t = await team(app);
  const cafe = await customer(t.bookkeeper, { name: 'Café Morgenrot', paymentTermsDays: 14 });
  cafeId = cafe.id;
  const bakery = await customer(t.bookkeeper, { name: 'Bäckerei Abend', paymentTermsDays: 14 });
  const cake = await product(t.bookkeeper, { sku: 'TORTE', netPrice: '50', vatRate: '19' });
  const flour = await product(t.bookkeeper, { sku: 'MEHL', netPrice: '18.90', vatRate: '7' });
  // 1 Oct: 2 cakes, 119.00 € due 15 Oct; 10 Nov: flour, 20.22 € due 24 Nov; 20 Nov: 50.00 € paid on the cakes.
  cafeInvoice = await issued(t, { customerId: cafe.id, lines: [{ productId: cake.id, quantity: '2' }] });
  now = new Date('2026-11-10T09:00:00Z');
  bakeryInvoice = await issued(t, { customerId: bakery.id, lines: [{ productId: flour.id, quantity: '1' }] });
  now = new Date('2026-11-20T09:00:00Z');
  await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-11-20', amount: '50.00', customerId: cafe.id, allocations: [{ invoiceId: cafeInvoice.id, amount: '50.00' }] }));
  now = new Date('2026-11-27T09:00:00Z');
});
beforeEach(() => actAs(t.bookkeeper));
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});
afterAll(() => app.stop());

describe('Offene Posten', () => {
  it('shows the open items of the books with their aging and a check line that agrees', async () => {
    render(<ReportsScreen />);
    const table = await screen.findByRole('table', { name: /Offene Posten/ }, { timeout: 10_000 });
    await waitFor(() => expect(rowOf(table, cafeInvoice.number!)).toBeTruthy());
    // 119.00 − 50.00 paid = 69.00 open, 43 days overdue; 20.22 open, 3 days overdue.
    expect(cellsOf(rowOf(table, cafeInvoice.number!))).toContain('69,00 €');
    expect(cellsOf(rowOf(table, cafeInvoice.number!))).toContain('43');
    expect(cellsOf(rowOf(table, bakeryInvoice.number!))).toContain('20,22 €');
    expect(plain(screen.getByTestId('receivables-check').textContent)).toMatch(/^✓ .*89,22 €/);
    expect(screen.getByRole('table', { name: 'Altersstruktur der offenen Posten' })).toBeTruthy();
  });

  it('as of a day before the payment, the whole invoice is open', async () => {
    const user = userEvent.setup();
    render(<ReportsScreen />);
    const asOf = screen.getByLabelText('Stichtag') as HTMLInputElement;
    await user.clear(asOf);
    await user.type(asOf, '2026-11-15');
    await waitFor(() => expect(plain(screen.getByTestId('receivables-check').textContent)).toMatch(/^✓ .*139,22 €.*15\.11\.2026/), { timeout: 10_000 });
    const table = screen.getByRole('table', { name: /Offene Posten/ });
    expect(cellsOf(rowOf(table, cafeInvoice.number!))).toContain('119,00 €');
  });

  it('marks buckets that are not whole days at their field and runs nothing', async () => {
    const user = userEvent.setup();
    render(<ReportsScreen />);
    const buckets = (await screen.findByLabelText(/Altersstufen/)) as HTMLInputElement;
    await waitFor(() => expect(buckets.value).toBe('30, 60, 90'), { timeout: 10_000 });
    await user.clear(buckets);
    await user.type(buckets, '30, sechzig');
    expect(await screen.findByText('Ganze Tage, durch Kommas getrennt, z. B. 30, 60, 90')).toBeTruthy();
  });
});

describe('every report', () => {
  it('opens in its tab with the shared filters and shows its table, none refused', async () => {
    const user = userEvent.setup();
    render(<ReportsScreen />);
    const tables: Record<string, RegExp> = { Zahlungen: /Zahlungseingänge/, Überfällig: /Überfällige Rechnungen/, Umsatz: /^Umsatz$/, Liquiditätsvorschau: /Zahlungseingangsprognose/ };
    for (const [tab, caption] of Object.entries(tables)) {
      await user.click(screen.getByRole('tab', { name: tab }));
      await screen.findByRole('table', { name: caption }, { timeout: 10_000 });
      expect(screen.queryByRole('alert')).toBeNull();
    }
    // Payments of November: the 50.00 € on the cakes, with the DSO's formula said in words.
    await user.click(screen.getByRole('tab', { name: 'Zahlungen' }));
    expect(cellsOf(rowOf(await screen.findByRole('table', { name: /Zahlungseingänge/ }), 'Café Morgenrot'))).toContain('50,00 €');
    expect(screen.getByText(/^DSO = Forderung.* ÷ Bruttoumsatz des Zeitraums/)).toBeTruthy();

    // The statement needs a customer: chosen, it shows the invoice and the payment.
    await user.click(screen.getByRole('tab', { name: 'Kontoauszug' }));
    expect(screen.getByText('Wählen Sie einen Kunden, um seinen Kontoauszug zu sehen.')).toBeTruthy();
    const select = screen.getByRole('combobox', { name: /^Kunde/ }) as HTMLSelectElement;
    await waitFor(() => expect(within(select).getByRole('option', { name: /Café Morgenrot/ })).toBeTruthy());
    await user.selectOptions(select, within(select).getByRole('option', { name: /Café Morgenrot/ }));
    const statement = await screen.findByRole('table', { name: /Kontoauszug/ }, { timeout: 10_000 });
    expect(rowOf(statement, '50,00')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    // As a letter: saved as PDF, and put into the outbox for the customer.
    const saved = catchDownloads();
    await user.click(screen.getByRole('button', { name: 'Kontoauszug als PDF' }));
    await waitFor(() => expect(saved).toHaveLength(1), { timeout: 20_000 });
    expect(saved[0]!.name).toMatch(/\.pdf$/);
    // Sending asks first, naming the addresses and the period; "Abbrechen" sends nothing.
    await user.click(screen.getByRole('button', { name: 'Per E-Mail senden' }));
    const ask = await screen.findByRole('dialog', { name: 'Kontoauszug per E-Mail senden?' });
    expect(ask.textContent).toMatch(/Café Morgenrot für \d\d\.\d\d\.2026 bis \d\d\.\d\d\.2026 geht an: buchhaltung@schmidt\.example\./);
    await user.click(within(ask).getByRole('button', { name: 'Abbrechen' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(useApp.getState().toasts.map((toast) => toast.text)).not.toContain('Der Kontoauszug liegt im Postausgang.');
    await user.click(screen.getByRole('button', { name: 'Per E-Mail senden' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Senden' }));
    await waitFor(() => expect(useApp.getState().toasts.map((toast) => toast.text)).toContain('Der Kontoauszug liegt im Postausgang.'), { timeout: 20_000 });
  });
});

describe('a link from the dashboard', () => {
  it('opens the tab it names for the customer it names', async () => {
    useApp.getState().go('reports', { tab: 'overdue', customerId: cafeId, asOf: '2026-11-27' });
    render(<ReportsScreen />);
    expect(screen.getByRole('tab', { name: 'Überfällig' }).getAttribute('aria-selected')).toBe('true');
    const table = await screen.findByRole('table', { name: /Überfällig/ }, { timeout: 10_000 });
    await waitFor(() => expect(rowOf(table, cafeInvoice.number!)).toBeTruthy());
    expect(rowOf(table, bakeryInvoice.number!)).toBeUndefined();
    // The table's heading names the customer the filter keeps across the tabs.
    await waitFor(() => expect(screen.getByRole('table', { name: /Überfällig/ }).querySelector('caption')?.textContent).toMatch(/ – für Kunde .+ – Café Morgenrot$/));
    await waitFor(() => expect((screen.getByRole('combobox', { name: /^Kunde/ }) as HTMLSelectElement).selectedOptions[0]?.textContent).toMatch(/Café Morgenrot$/));
  });

  it('opens the forecast for the one week a link asks for', async () => {
    useApp.getState().go('reports', { tab: 'forecast', from: '2026-11-27', weeks: '1' });
    render(<ReportsScreen />);
    expect((screen.getByRole('combobox', { name: 'Zeitraum' }) as HTMLSelectElement).value).toBe('1');
    const table = await screen.findByRole('table', { name: /Zahlungseingangsprognose/ }, { timeout: 10_000 });
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1));
  });
});

describe('Umsatzsteuer', () => {
  it('opens the documents behind a Kennzahl: in November only the flour at 7 %', async () => {
    const user = userEvent.setup();
    render(<ReportsScreen />);
    await user.click(screen.getByRole('tab', { name: 'Umsatzsteuer' }));
    await user.click(await screen.findByRole('button', { name: 'Belege zu Kennzahl 86 zeigen' }, { timeout: 10_000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Belege zu Kennzahl 86' });
    const documents = await within(dialog).findByRole('table', {}, { timeout: 10_000 });
    expect(cellsOf(rowOf(documents, bakeryInvoice.number!))).toEqual(expect.arrayContaining(['10.11.2026', 'Bäckerei Abend', '18,90 €', '1,32 €']));
    expect(rowOf(documents, cafeInvoice.number!)).toBeUndefined();
    expect(screen.queryByRole('button', { name: 'Belege zu Kennzahl 81 zeigen' })).toBeNull();
  });
});

describe('export', () => {
  it('saves the open items as a CSV file for German Excel with the figures of the screen', async () => {
    const saved = catchDownloads();
    const user = userEvent.setup();
    render(<ReportsScreen />);
    const csv = await screen.findByRole('button', { name: 'CSV' });
    await waitFor(() => expect((csv as HTMLButtonElement).disabled).toBe(false), { timeout: 10_000 });
    await user.click(csv);
    await waitFor(() => expect(saved).toHaveLength(1), { timeout: 10_000 });
    expect(saved[0]!.name).toMatch(/\.csv$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await saved[0]!.blob.arrayBuffer());
    expect(text.startsWith('\ufeff')).toBe(true);
    const line = text.split(/\r?\n/).find((l) => l.includes(cafeInvoice.number!));
    expect(line?.split(';')).toEqual(expect.arrayContaining(['69,00']));
  });
});
