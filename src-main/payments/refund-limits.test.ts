/**
 * Money held for a refund is not available twice: a refund names what it pays back, its limit
 * holds when it is requested, approved and executed, a customer's credit held for a refund is not
 * allocated to invoices, an outgoing refund booked directly keeps to the same limit, the reviewer
 * and the cashier are others than the requester, and a credit note's refund settles the invoice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { approveAndIssue, issued } from '../../tests/support/pdf.js';

let app: TestApp;
let t: Team;
let cashier: ApiClient;
let cafe: { id: string };
const IBAN = 'DE89 3704 0044 0532 0130 00';

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  cashier = app.client();
  await unwrap(cashier.invoke('auth.login', { userId: t.ids.cashier!, password: PASSWORD }));
  cafe = await customer(t.bookkeeper, { name: 'Café Morgenrot', invoiceEmails: ['kasse@morgenrot.example'] });
});
afterEach(async () => {
  await app.stop();
});

const refusal = (field: string, problem: string) => ({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: expect.arrayContaining([{ field, problem }]) } } });

async function creditOf(customerId: string) {
  return (await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId }))).credit;
}

/** 100 € the customer paid with no invoice to settle, and a refund of it approved. */
async function creditHeldForRefund() {
  const payment = await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '100.00', counterpartyIban: IBAN, customerId: cafe.id }));
  const request = await unwrap(t.bookkeeper.invoke('paymentRequests.create', { purpose: 'refund', amount: '100.00', counterpartyName: 'Café Morgenrot', counterpartyIban: IBAN, customerId: cafe.id }));
  const item = await product(t.bookkeeper, { sku: 'TORTE', netPrice: '84.03', vatRate: '19' });
  const invoice = await issued(t, { customerId: cafe.id, lines: [{ productId: item.id, quantity: '1' }] });
  return { payment, request, invoice };
}

/** An invoice of 119 € paid in full, a credit note of 59.50 € on it, and its refund requested. */
async function creditNoteRefundRequested() {
  const item = await product(t.bookkeeper, { sku: 'TORTE', netPrice: '50', vatRate: '19' });
  const invoice = await issued(t, { customerId: cafe.id, lines: [{ productId: item.id, quantity: '2' }] });
  const payment = await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '119.00', counterpartyIban: IBAN, customerId: cafe.id, allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
  const draft = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Eine Torte zurück', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
  const note = await approveAndIssue(t, draft.id);
  const request = await unwrap(t.bookkeeper.invoke('paymentRequests.create', { purpose: 'refund', amount: '59.50', counterpartyName: 'Café Morgenrot', counterpartyIban: IBAN, creditNoteId: note.id }));
  return { invoice, note, request, allocationId: payment.allocations[0]!.id };
}

describe('the refund limit', () => {
  it('a refund that names neither a credit nor a credit note is refused, naming the field', async () => {
    const refused = await t.bookkeeper.invoke('paymentRequests.create', { purpose: 'refund', amount: '9999999.00', counterpartyName: 'Café Morgenrot', counterpartyIban: IBAN });
    expect(refused).toMatchObject(refusal('customerId', 'validation.refundSourceRequired'));
    expect(await app.services.books.db.paymentRequests.count().exec()).toBe(0);
  });

  it('credit held for an approved refund cannot be allocated to an invoice, and stays for the refund', async () => {
    const { payment, request, invoice } = await creditHeldForRefund();
    await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: request.id }));
    const allocated = await t.bookkeeper.invoke('payments.allocate', { paymentId: payment.id, allocations: [{ invoiceId: invoice.id, amount: '100.00' }] });
    expect(allocated).toMatchObject(refusal('allocations.0.amount', 'validation.creditReserved'));
    expect(await unwrap(cashier.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' }))).toMatchObject({ status: 'executed' });
    expect(await creditOf(cafe.id)).toBe(0);
  });

  it('credit held for a refund that was rejected may be allocated again', async () => {
    const { payment, request, invoice } = await creditHeldForRefund();
    await unwrap(t.supervisor.invoke('paymentRequests.reject', { id: request.id, reason: 'Kunde verrechnet' }));
    await unwrap(t.bookkeeper.invoke('payments.allocate', { paymentId: payment.id, allocations: [{ invoiceId: invoice.id, amount: '100.00' }] }));
    expect(await creditOf(cafe.id)).toBe(0);
  });

  it('a credit note’s refund whose overpayment was taken back is refused at approval', async () => {
    const { request, allocationId } = await creditNoteRefundRequested();
    await unwrap(t.bookkeeper.invoke('payments.reverseAllocation', { id: allocationId }));
    expect(await t.supervisor.invoke('paymentRequests.approve', { id: request.id })).toMatchObject(refusal('amount', 'validation.exceedsRefundable'));
    expect(await app.services.books.db.paymentRequests.findOne(request.id).exec()).toMatchObject({ status: 'requested' });
  });

  it('a credit note’s refund whose overpayment was taken back after approval is refused at execution', async () => {
    const { request, allocationId } = await creditNoteRefundRequested();
    await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: request.id }));
    await unwrap(t.bookkeeper.invoke('payments.reverseAllocation', { id: allocationId }));
    expect(await cashier.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' })).toMatchObject(refusal('amount', 'validation.exceedsRefundable'));
    expect((await unwrap(t.bookkeeper.invoke('payments.list', { direction: 'outgoing' }))).items).toEqual([]);
  });

  it('an outgoing refund booked directly keeps to the customer’s credit', async () => {
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '100.00', counterpartyIban: IBAN, customerId: cafe.id }));
    const refused = await t.bookkeeper.invoke('payments.record', { direction: 'outgoing', purpose: 'refund', date: '2026-12-01', amount: '5000.00', counterpartyIban: IBAN, customerId: cafe.id });
    expect(refused).toMatchObject(refusal('amount', 'validation.exceedsRefundable'));
    expect(await creditOf(cafe.id)).toBe(10000);
    await unwrap(t.bookkeeper.invoke('payments.record', { direction: 'outgoing', purpose: 'refund', date: '2026-12-01', amount: '100.00', counterpartyIban: IBAN, customerId: cafe.id }));
    expect(await creditOf(cafe.id)).toBe(0);
  });
});

describe('four eyes on payments out', () => {
  it('a reviewer named by the requester is not taken: only the review names one', async () => {
    const request = await unwrap(t.bookkeeper.invoke('paymentRequests.create', { purpose: 'payout', amount: '50.00', counterpartyName: 'Kasse', counterpartyIban: IBAN, reviewerId: t.ids.supervisor! }));
    expect(request).toMatchObject({ status: 'requested', reviewerId: '', reviewerName: '' });
    const approved = await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: request.id }));
    expect(approved.reviewerId).toBe(t.ids.supervisor);
  });

  it('whoever requested a payment cannot execute it', async () => {
    const request = await unwrap(t.supervisor.invoke('paymentRequests.create', { purpose: 'payout', amount: '100.00', counterpartyName: 'Kasse', counterpartyIban: IBAN }));
    await unwrap(t.admin.invoke('paymentRequests.approve', { id: request.id }));
    expect(await t.supervisor.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await unwrap(cashier.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' }))).toMatchObject({ status: 'executed' });
  });
});

describe('a credit note refunded', () => {
  it('settles the invoice’s overpayment once the refund is executed', async () => {
    const { invoice, note, request } = await creditNoteRefundRequested();
    expect((await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: invoice.id }))).item).toMatchObject({ open: -5950, state: 'overpaid' });
    await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: request.id }));
    await unwrap(cashier.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' }));
    expect((await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: invoice.id }))).item).toMatchObject({ open: 0, state: 'paid' });
    expect(await creditOf(cafe.id)).toBe(0);
    expect((await unwrap(t.bookkeeper.invoke('paymentRequests.refundSource', { customerId: '', creditNoteId: note.id }))).available).toBe(0);
  });
});
