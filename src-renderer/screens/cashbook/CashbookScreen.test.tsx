// @vitest-environment jsdom
/**
 * The Kasse screen against the real services: three receipts typed in a row with the keyboard
 * only (Enter moves on and records, date and type stay, the cursor returns to the amount, the
 * voucher is announced), a refused entry marked at its field with everything typed kept, a
 * reversal that names the entry it takes back, and the daily closing with counted cash,
 * expected balance and difference before it is confirmed; the month with its days, totals and VAT
 * by rate, in English; a cash book of another device only to read.
 */
import 'fake-indexeddb/auto';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, CashBookView } from '../../../src-shared/contract/index.js';
import { newFact } from '../../../src-main/store/facts.js';
import { team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { formatDate, formatMoney } from '../../format.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { Toasts } from '../../ui/feedback.js';
import { CashbookScreen } from './CashbookScreen.js';
import '../../../tests/support/jsdom-dialog.js';

const NOW = new Date('2026-11-27T09:00:00.000Z');
// Each save goes through the real books; on a busy machine that takes more than a second.
configure({ asyncUtilTimeout: 8000 });
let app: TestApp;
let t: Team;
let book: CashBookView;

/** Calls of the screen still under way: the books close only once they are answered. */
let inFlight = 0;

async function actAs(client: ApiClient, language: 'de' | 'en' = 'de') {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  const counted: ApiClient = {
    on: (event, listener) => client.on(event, listener),
    invoke: ((name: never, input: never) => {
      inFlight += 1;
      return client.invoke(name, input).finally(() => (inFlight -= 1));
    }) as ApiClient['invoke'],
  };
  useApp.setState({ api: counted, user, toasts: [] });
  setLanguage(language);
  await i18next.changeLanguage(language);
}

/** "100,00 €" as the screen writes it, with plain spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
const entries = () => unwrap(t.bookkeeper.invoke('cashbook.day', { cashBookId: book.id, date: '2026-11-27' }));

beforeEach(async () => {
  // The screen's "today" and "now" are the books' frozen day.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  app = await startTestApp(() => new Date(NOW));
  t = await team(app);
  book = await unwrap(t.bookkeeper.invoke('cashbook.create', { name: 'Hauptkasse', location: 'Laden Köln', openingDate: '2026-11-01', openingBalance: '100.00' }));
  await actAs(t.bookkeeper);
});
afterEach(async () => {
  cleanup();
  await waitFor(() => expect(inFlight).toBe(0));
  vi.useRealTimers();
  await app.stop();
});

async function showScreen() {
  render(
    <>
      <CashbookScreen />
      <Toasts />
    </>,
  );
  const form = await screen.findByRole('form', { name: 'Kassenbuchung erfassen' });
  expect(screen.getByTestId('cash-device').textContent).toBe('Dieses Kassenbuch wird auf diesem Gerät geführt.');
  return form;
}

const field = (form: HTMLElement, label: RegExp) => within(form).getByLabelText(label) as HTMLInputElement;

describe('typing receipts', () => {
  it('records three entries in a row by keyboard: Enter walks the fields and records in the last one, the cursor returns to the amount', async () => {
    const user = userEvent.setup();
    const form = await showScreen();
    expect(field(form, /^Datum/).value).toBe('2026-11-27');
    expect(field(form, /^Uhrzeit/).value).toMatch(/^\d\d:\d\d$/);
    const amount = field(form, /^Betrag/);
    amount.focus();

    // 1: an income at 19 %: amount, VAT rate, category, text, invoice (none): Enter records.
    await user.keyboard('11,90');
    expect(within(form).getByText('Netto 10,00 € + 19 % MwSt 1,90 €')).toBeTruthy();
    await user.keyboard('{Enter}{Enter}Warenverkauf{Enter}Kaffee und Kuchen{Enter}{Enter}');
    await screen.findByText(/^Beleg \d+ gebucht$/);
    await waitFor(() => expect(document.activeElement).toBe(field(form, /^Betrag/)));
    expect(field(form, /^Betrag/).value).toBe('');
    expect(field(form, /^Buchungstext/).value).toBe('');
    expect(field(form, /^Datum/).value).toBe('2026-11-27');

    // 2: back to the type (Shift+Tab), key 2: an expense at 7 %; the invoice field is gone, the text records.
    await user.keyboard('{Shift>}{Tab}{/Shift}2');
    expect((field(form, /^Art/) as unknown as HTMLSelectElement).value).toBe('expense');
    expect(within(form).queryByLabelText(/^Rechnung/)).toBeNull();
    await user.keyboard('{Tab}10,70{Enter}');
    expect(document.activeElement).toBe(field(form, /^MwSt-Satz/));
    await user.keyboard('7');
    expect((field(form, /^MwSt-Satz/) as unknown as HTMLSelectElement).value).toBe('7');
    await user.keyboard('{Enter}Büromaterial{Enter}Druckerpapier{Enter}');
    await waitFor(() => expect(screen.getAllByText(/^Beleg \d+ gebucht$/)).toHaveLength(1));
    await waitFor(() => expect(document.activeElement).toBe(field(form, /^Betrag/)));

    // 3: the type stays an expense.
    expect((field(form, /^Art/) as unknown as HTMLSelectElement).value).toBe('expense');
    await user.keyboard('5{Enter}{Enter}Porto{Enter}Briefmarken{Enter}');
    await waitFor(async () => expect((await entries()).entries.filter((e) => e.type !== 'opening')).toHaveLength(3));

    const day = await entries();
    const typed = day.entries.filter((e) => e.type !== 'opening');
    expect(typed.map((e) => [e.type, e.amount, e.vatRate, e.vat, e.category, e.text])).toEqual([
      ['income', 1190, 19, 190, 'Warenverkauf', 'Kaffee und Kuchen'],
      ['expense', -1070, 7, -70, 'Büromaterial', 'Druckerpapier'],
      ['expense', -500, 19, -80, 'Porto', 'Briefmarken'],
    ]);
    // Gap-free voucher numbers, one after another.
    expect(typed.map((e) => e.voucher)).toEqual([typed[0]!.voucher, typed[0]!.voucher + 1, typed[0]!.voucher + 2]);
    // 100,00 + 11,90 − 10,70 − 5,00 = 96,20 at the end of the day, shown with the running balance.
    await waitFor(() => expect(plain(screen.getByTestId('cash-closing').textContent)).toBe('96,20 €'));
    const rows = within(screen.getByRole('table', { name: 'Buchungen des Tages' })).getAllByRole('row');
    expect(plain(rows.at(-1)!.textContent)).toContain('Briefmarken');
    expect(plain(rows.at(-1)!.textContent)).toContain('96,20 €');
  }, 120_000);

  it('marks a refused entry at its field and keeps everything typed', async () => {
    const user = userEvent.setup();
    const form = await showScreen();
    field(form, /^Art/).focus();
    // An expense of 500,00 € from 100,00 € in the till: the balance would go negative.
    await user.keyboard('2{Tab}500{Enter}{Enter}Wareneinkauf{Enter}Großeinkauf{Enter}');
    const amount = field(form, /^Betrag/);
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText(/^Der Kassenbestand würde negativ/)).toBeTruthy();
    expect(document.activeElement).toBe(amount);
    expect(amount.value).toBe('500,00');
    expect(field(form, /^Kategorie/).value).toBe('Wareneinkauf');
    expect(field(form, /^Buchungstext/).value).toBe('Großeinkauf');
    expect((await entries()).entries.filter((e) => e.type !== 'opening')).toHaveLength(0);

    // Corrected, it records.
    await user.clear(amount);
    await user.keyboard('50{Enter}{Enter}{Enter}{Enter}');
    await screen.findByText(/^Beleg \d+ gebucht$/);
    await waitFor(() => expect(document.activeElement).toBe(field(form, /^Betrag/)));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Buchungen des Tages' })).getByText('Großeinkauf')).toBeTruthy());
    expect((await entries()).entries.filter((e) => e.type !== 'opening').map((e) => e.amount)).toEqual([-5000]);
  }, 120_000);
});

describe('the form date', () => {
  it('typing a closed day keeps the form, the day shown and everything typed, and names the problem at the date', async () => {
    await unwrap(t.bookkeeper.invoke('cashbook.close', { cashBookId: book.id, date: '2026-11-26', counted: '100.00' }));
    const user = userEvent.setup();
    const form = await showScreen();
    field(form, /^Betrag/).focus();
    await user.keyboard('12,50');
    fireEvent.change(field(form, /^Datum/), { target: { value: '2026-11-26' } });
    await waitFor(() => expect(within(form).getByText('Dieser Tag ist abgeschlossen (Kassensturz bis 26.11.2026)')).toBeTruthy());
    expect(screen.getByRole('form', { name: 'Kassenbuchung erfassen' })).toBe(form);
    expect(document.querySelector<HTMLInputElement>('input[name="day"]')!.value).toBe('2026-11-27');
    expect(field(form, /^Betrag/).value).toBe('12,50');
    expect(field(form, /^Datum/).value).toBe('2026-11-26');
  }, 120_000);
});

describe('reversal and daily closing', () => {
  it('reverses an entry with a reason; both entries name each other', async () => {
    const entry = await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-27', time: '08:30', type: 'expense', amount: '20.00', vatRate: 19, category: 'Bewirtung', text: 'Kundenessen', invoiceId: '' }));
    const user = userEvent.setup();
    await showScreen();
    await user.click(await screen.findByRole('button', { name: `Beleg ${entry.voucher} stornieren` }));
    const dialog = await screen.findByRole('form', { name: `Beleg ${entry.voucher} stornieren` });
    await user.type(within(dialog).getByLabelText(/^Grund des Stornos/), 'Doppelt erfasst{Enter}');
    await screen.findByText(`Beleg ${entry.voucher} storniert`);
    const table = screen.getByRole('table', { name: 'Buchungen des Tages' });
    await waitFor(() => expect(within(table).getByText(`(storniert durch Beleg ${entry.voucher + 1})`)).toBeTruthy());
    expect(within(table).getByText(`(Storno von Beleg ${entry.voucher})`)).toBeTruthy();
    // Neither can be reversed again; the balance is back at the opening balance.
    expect(screen.queryByRole('button', { name: /stornieren$/ })).toBeNull();
    expect(plain(screen.getByTestId('cash-closing').textContent)).toBe('100,00 €');
  }, 120_000);

  it('closes the day: counted cash, expected balance and difference before confirming; then the day takes no entries', async () => {
    await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-27', time: '08:30', type: 'income', amount: '23.80', vatRate: 19, category: 'Warenverkauf', text: 'Verkauf', invoiceId: '' }));
    const user = userEvent.setup();
    await showScreen();
    const closing = screen.getByRole('form', { name: 'Kassensturz' });
    expect(plain(within(closing).getByTestId('cash-expected').textContent)).toBe('123,80 €');
    await user.type(within(closing).getByLabelText(/^Gezählter Bestand/), '123,50');
    expect(plain(within(closing).getByTestId('cash-difference').textContent)).toBe('-0,30 €');
    await user.click(within(closing).getByRole('button', { name: 'Tag abschließen …' }));
    const confirm = await screen.findByRole('button', { name: 'Kassensturz bestätigen' });
    const dialog = confirm.closest('dialog')!;
    expect(plain(dialog.textContent)).toContain('Soll-Bestand laut Kassenbuch123,80 €');
    expect(plain(dialog.textContent)).toContain('Differenz-0,30 €');
    await user.click(confirm);
    await screen.findByText('Kassensturz am 27.11.2026 gebucht');
    await waitFor(() => expect(plain(screen.getByTestId('cash-day-state').textContent)).toMatch(/^Tag abgeschlossen: gezählt 123,50 €, Differenz -0,30 €/));
    expect(screen.queryByRole('form', { name: 'Kassenbuchung erfassen' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Kassensturz' })).toBeNull();
    // The difference is booked: the day ends at what was counted.
    expect(plain(screen.getByTestId('cash-closing').textContent)).toBe('123,50 €');
    expect((await entries()).closed?.counted).toBe(12350);
  }, 120_000);
});

describe('the month', () => {
  const money = (cents: number) => plain(formatMoney(cents, 'EUR', 'en'));
  it('shows each day, the totals by kind and the VAT by rate, in English', async () => {
    const record = (date: string, type: 'income' | 'expense', amount: string, vatRate: 19 | 7, text: string) =>
      unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date, time: '08:00', type, amount, vatRate, category: 'Misc', text, invoiceId: '' }));
    await record('2026-11-26', 'expense', '10.70', 7, 'Coffee beans');
    await record('2026-11-27', 'income', '119.00', 19, 'Catering');
    await actAs(t.bookkeeper, 'en');
    const user = userEvent.setup();
    render(<CashbookScreen />);
    await user.click(await screen.findByRole('tab', { name: 'Month' }));
    const days = await screen.findByRole('table', { name: 'Days of the month' });
    const rows = within(days)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => plain(cell.textContent)));
    expect(rows.slice(-2)).toEqual([
      [formatDate('2026-11-26', 'en'), '1', money(0), money(1070), expect.any(String), 'no'],
      [formatDate('2026-11-27', 'en'), '1', money(11900), money(0), expect.any(String), 'no'],
    ]);
    const totals = screen.getByRole('table', { name: 'Totals of the month' });
    expect(plain(within(totals).getByRole('row', { name: /^Income/ }).textContent)).toBe(`Income${money(11900)}`);
    expect(plain(within(totals).getByRole('row', { name: /^Expenses/ }).textContent)).toBe(`Expenses${money(1070)}`);
    const vat = within(screen.getByRole('table', { name: 'VAT by rate' }))
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => plain(cell.textContent)));
    expect(vat).toEqual(
      expect.arrayContaining([
        ['Income', '19 %', money(11900), money(10000), money(1900)],
        ['Expenses', '7 %', money(1070), money(1000), money(70)],
      ]),
    );
    // The month of the opening starts with the opening balance: 100,00 + 119,00 − 10,70 = 208,30.
    expect(plain(screen.getByTestId('cash-month-opening').textContent)).toBe(money(10000));
    expect(plain(screen.getByTestId('cash-month-closing').textContent)).toBe(money(20830));
    expect(screen.getByRole('button', { name: 'PDF of the month' })).toBeTruthy();
  }, 120_000);
});

describe('a cash book of another device', () => {
  it('is shown to read, naming the device that keeps it, with no entry form or closing', async () => {
    await app.services.books.db.facts.insert(
      newFact('other-device', {
        kind: 'cashBook',
        subjectId: 'other-book',
        id: 'other-book',
        occurredAt: '2026-11-01T08:00:00.000Z',
        cashBook: { name: 'Filialkasse', location: 'Bonn', openingDate: '2026-11-01', openingBalance: 0, currency: 'EUR' },
      }),
    );
    await unwrap(t.bookkeeper.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-27', time: '08:30', type: 'income', amount: '5.00', vatRate: 19, category: 'Warenverkauf', text: 'Verkauf', invoiceId: '' }));
    const user = userEvent.setup();
    await showScreen();
    await user.selectOptions(screen.getByLabelText('Kassenbuch'), 'other-book');
    await waitFor(() => expect(screen.getByTestId('cash-device').textContent).toBe('Dieses Kassenbuch wird auf einem anderen Gerät geführt (other-device); hier können Sie es nur lesen.'));
    await screen.findByText('Nur lesbar: gebucht wird auf dem Gerät, das dieses Kassenbuch führt.');
    expect(screen.queryByRole('form', { name: 'Kassenbuchung erfassen' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Kassensturz' })).toBeNull();
    // Back to the book of this device: the form is there again, the entry with it, and may be reversed.
    await user.selectOptions(screen.getByLabelText('Kassenbuch'), book.id);
    await screen.findByRole('form', { name: 'Kassenbuchung erfassen' });
    expect(await screen.findByRole('button', { name: /^Beleg \d+ stornieren$/ })).toBeTruthy();
  }, 120_000);
});
