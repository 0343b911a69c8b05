// @vitest-environment jsdom
/**
 * Requesting an outgoing payment on the Payments screen against the real services: a refund
 * chosen from a credit note fills in payee, IBAN and the most that may be refunded, a wrong IBAN
 * is marked at its field in the screen's language and nothing is requested, and the review and
 * cashier lists show payee, IBAN in groups of four, amount, reason, requester and request date.
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, InvoiceView } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { approveAndIssue, issued } from '../../../tests/support/pdf.js';
import { formatDate } from '../../format.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { RequestList } from './RequestList.js';
import '../../../tests/support/jsdom-dialog.js';

let app: TestApp;
let t: Team;
let note: InvoiceView;

async function actAs(client: ApiClient, language: 'de' | 'en') {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
  setLanguage(language);
  await i18next.changeLanguage(language);
}

const requests = () => app.services.books.db.paymentRequests.find().exec();

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  // 119.00 € paid in full, then one of two cakes credited: 59.50 € to pay back.
  const cafe = await customer(t.bookkeeper, { name: 'Café Morgenrot', invoiceEmails: ['kasse@morgenrot.example'] });
  const cake = await product(t.bookkeeper, { sku: 'TORTE', netPrice: '50', vatRate: '19' });
  const invoice = await issued(t, { customerId: cafe.id, lines: [{ productId: cake.id, quantity: '2' }] });
  await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '119.00', counterpartyIban: 'DE89370400440532013000', customerId: cafe.id, allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
  const draft = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Eine Torte beschädigt', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
  note = await approveAndIssue(t, draft.id);
});
afterEach(async () => {
  vi.useRealTimers();
  cleanup();
  await app.stop();
});

describe('requesting a refund from a credit note', () => {
  it('fills in payee, IBAN and amount from the credit note, refuses a wrong IBAN at its field, then requests', async () => {
    await actAs(t.bookkeeper, 'de');
    const user = userEvent.setup();
    render(<RequestList mode="review" />);
    await user.click(await screen.findByRole('button', { name: /Zahlung anfordern/ }));
    const form = await screen.findByRole('form', { name: 'Ausgehende Zahlung anfordern' });

    expect((within(form).getByLabelText('Art der Zahlung') as HTMLSelectElement).value).toBe('refundCreditNote');
    const creditNote = within(form).getByLabelText(/Gutschrift/) as HTMLSelectElement;
    await waitFor(() => expect(within(creditNote).getByRole('option', { name: new RegExp(note.number) })).toBeTruthy());
    await user.selectOptions(creditNote, within(creditNote).getByRole('option', { name: new RegExp(note.number) }));

    const payee = within(form).getByLabelText(/Empfänger$|^Empfänger/) as HTMLInputElement;
    const iban = within(form).getByLabelText(/IBAN des Empfängers/) as HTMLInputElement;
    const amount = within(form).getByLabelText(/^Betrag/) as HTMLInputElement;
    await waitFor(() => expect(amount.value).toBe('59,50'));
    expect(payee.value).toBe('Café Morgenrot');
    expect(iban.value).toBe('DE89370400440532013000');
    expect(within(form).getByText(/^Höchstens 59,50\s€ \(noch nicht erstattet\)$/)).toBeTruthy();

    // A typo in the IBAN: marked at the field, in German, and nothing requested.
    await user.clear(iban);
    await user.type(iban, 'DE001234');
    const reason = within(form).getByLabelText(/Grund/) as HTMLInputElement;
    expect(reason.value).toBe(note.number);
    await user.clear(reason);
    await user.type(reason, 'Erstattung Gutschrift{Enter}');
    await waitFor(() => expect(iban.getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByText('IBAN: falsche Länge für dieses Land')).toBeTruthy();
    // Focus goes to the field to fix, inside the dialog.
    await waitFor(() => expect(document.activeElement).toBe(iban));
    expect(await requests()).toHaveLength(0);

    // More than the credit note: the amount is marked.
    await user.clear(iban);
    await user.type(iban, 'DE89 3704 0044 0532 0130 00');
    await user.clear(amount);
    await user.type(amount, '60,00{Enter}');
    await waitFor(() => expect(within(form).getByText('Betrag: mehr als noch erstattet werden darf')).toBeTruthy());
    expect(await requests()).toHaveLength(0);

    await user.clear(amount);
    await user.type(amount, '59,50{Enter}');
    await waitFor(async () => expect(await requests()).toHaveLength(1));
    const [request] = await requests();
    expect(request!.toMutableJSON()).toMatchObject({ purpose: 'refund', amount: 5950, creditNoteId: note.id, counterpartyIban: 'DE89370400440532013000', reference: 'Erstattung Gutschrift' });
  });

  it('a refund with no credit note chosen is marked, in English', async () => {
    await actAs(t.bookkeeper, 'en');
    const user = userEvent.setup();
    render(<RequestList mode="review" />);
    await user.click(await screen.findByRole('button', { name: /Request payment/ }));
    const form = await screen.findByRole('form', { name: 'Request an outgoing payment' });
    await user.click(within(form).getByRole('button', { name: /Send for review/ }));
    const source = within(form).getByLabelText(/Credit note/);
    await waitFor(() => expect(source.getAttribute('aria-invalid')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(source));
    expect(await requests()).toHaveLength(0);

    // Another kind of payment is another form: the old error goes.
    await user.selectOptions(within(form).getByLabelText('Kind of payment'), 'refundCredit');
    await waitFor(() => expect(within(form).getByLabelText(/Customer with credit/).getAttribute('aria-invalid')).not.toBe('true'));
  });

  it('says why nothing is left to refund when a request of the credit note is waiting already', async () => {
    await unwrap(t.bookkeeper.invoke('paymentRequests.create', { purpose: 'refund', amount: '59.50', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE89370400440532013000', reference: 'Erstattung', creditNoteId: note.id }));
    await actAs(t.bookkeeper, 'de');
    const user = userEvent.setup();
    render(<RequestList mode="review" />);
    await user.click(await screen.findByRole('button', { name: /Zahlung anfordern/ }));
    const form = await screen.findByRole('form', { name: 'Ausgehende Zahlung anfordern' });
    const creditNote = within(form).getByLabelText(/Gutschrift/) as HTMLSelectElement;
    await waitFor(() => expect(within(creditNote).getByRole('option', { name: new RegExp(note.number) })).toBeTruthy());
    await user.selectOptions(creditNote, within(creditNote).getByRole('option', { name: new RegExp(note.number) }));
    await within(form).findByText(/^Nichts mehr zu erstatten: 59,50\s€ sind bereits angefordert/);
    expect((within(form).getByLabelText(/^Betrag/) as HTMLInputElement).value).toBe('');
  });
});

describe('the review and cashier lists', () => {
  it('a bank receipt waiting for review says it was received and by whom it was recorded, not requested', async () => {
    const file = fs.readFileSync(path.resolve('tests/fixtures/statements/mt940-latin1.sta')).toString('base64');
    await unwrap(t.bookkeeper.invoke('payments.importStatement', { fileName: 'mt940-latin1.sta', dataBase64: file, autoAllocate: false }));
    await actAs(t.supervisor, 'de');
    render(<RequestList mode="review" />);
    const cells = await screen.findAllByRole('cell', { name: /^Eingegangen, erfasst von bookkeeper user am 02\.12\.2026$/ });
    // The café's payment; the bakery's is reversed by the bank further down the file and waits for no one.
    expect(cells).toHaveLength(1);
  });

  it('show payee, IBAN in groups of four, amount, reason, requester and request date', async () => {
    await unwrap(t.bookkeeper.invoke('paymentRequests.create', { purpose: 'refund', amount: '59.50', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE89370400440532013000', reference: 'Erstattung Gutschrift', creditNoteId: note.id }));
    await actAs(t.supervisor, 'de');
    render(<RequestList mode="review" />);
    const row = (await screen.findByRole('cell', { name: 'DE89 3704 0044 0532 0130 00' })).closest('tr')!;
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(expect.arrayContaining([`Erstattung · ${note.number}`, 'Café Morgenrot', 'DE89 3704 0044 0532 0130 00', '59,50\u00a0€', 'Erstattung Gutschrift', 'bookkeeper user am 02.12.2026']));
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Empfänger', 'IBAN des Empfängers', 'Betrag', 'Grund (Verwendungszweck)', 'Angefordert']));

    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: 'Freigeben' }));
    await waitFor(() => expect(useApp.getState().toasts.map((x) => x.text)).toContain('Freigegeben: 59,50\u00a0€ · Café Morgenrot'));
    cleanup();

    const cashier = app.client();
    await unwrap(cashier.invoke('auth.login', { userId: t.ids.cashier!, password: PASSWORD }));
    await actAs(cashier, 'en');
    render(<RequestList mode="cashier" />);
    const paid = (await screen.findByRole('cell', { name: 'DE89 3704 0044 0532 0130 00' })).closest('tr')!;
    expect(within(paid).getAllByRole('cell').map((c) => c.textContent)).toEqual(expect.arrayContaining(['€59.50', `bookkeeper user on ${formatDate('2026-12-02', 'en')}`, 'supervisor user']));

    // "Paid today" asks first, naming payee, IBAN and amount; cancelling books nothing.
    // The screen's today is the books' today.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 2, 12));
    await user.click(within(paid).getByRole('button', { name: 'Paid today' }));
    let dialog = await screen.findByRole('dialog', { name: 'Book the payment as paid?' });
    expect(dialog.textContent).toContain('Paid €59.50 to Café Morgenrot today, IBAN DE89 3704 0044 0532 0130 00.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Book the payment as paid?' })).toBeNull());
    expect((await requests())[0]!.status).toBe('approved');

    await user.click(within(paid).getByRole('button', { name: 'Paid today' }));
    dialog = await screen.findByRole('dialog', { name: 'Book the payment as paid?' });
    await user.click(within(dialog).getByRole('button', { name: 'Book as paid' }));
    await waitFor(() => expect(useApp.getState().toasts.map((x) => x.text)).toContain('€59.50 to Café Morgenrot booked as paid'));
    expect((await unwrap(cashier.invoke('paymentRequests.list', { status: 'executed' }))).map((r) => r.id)).toEqual([(await requests())[0]!.id]);
    vi.useRealTimers();
  });
});
