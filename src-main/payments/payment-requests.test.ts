/**
 * Payments out through the contract: a refund, payout or supplier payment is requested with the
 * payee's bank account checked, a refund never pays back more than the customer's credit or the
 * credit note, reviewer and cashier see who asked for what, four eyes hold, and a waiting bank
 * payment assigned in review thanks the customer like every other way of booking a payment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../../tests/support/smtp-server.js';
import { approveAndIssue, issued } from '../../tests/support/pdf.js';

let app: TestApp;
let t: Team;
let cashier: ApiClient;
let smtp: TestSmtpServer | undefined;
let cafe: { id: string };

const GERMAN_IBAN = 'DE89 3704 0044 0532 0130 00';

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  cashier = app.client();
  await unwrap(cashier.invoke('auth.login', { userId: t.ids.cashier!, password: PASSWORD }));
  cafe = await customer(t.bookkeeper, { name: 'Café Morgenrot', invoiceEmails: ['kasse@morgenrot.example'] });
});
afterEach(async () => {
  await app.stop();
  await smtp?.stop();
  smtp = undefined;
});

async function requestCount() {
  return app.services.books.db.paymentRequests.count().exec();
}

/** An invoice of 119.00 € the café paid in full, and an issued credit note of 59.50 € on it. */
async function paidInvoiceWithCreditNote() {
  const item = await product(t.bookkeeper, { sku: 'TORTE', netPrice: '50', vatRate: '19' });
  const invoice = await issued(t, { customerId: cafe.id, lines: [{ productId: item.id, quantity: '2' }] });
  await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '119.00', counterpartyIban: GERMAN_IBAN, customerId: cafe.id, allocations: [{ invoiceId: invoice.id, amount: '119.00' }] }));
  const draft = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Eine Torte beschädigt', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
  return approveAndIssue(t, draft.id);
}

describe('the payee’s bank account', () => {
  it('refuses the IBAN "DE001234" naming the field, and writes nothing', async () => {
    const result = await t.bookkeeper.invoke('paymentRequests.create', { purpose: 'payout', amount: '25.00', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE001234' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'counterpartyIban', problem: 'validation.iban.length' }] } } });
    expect(await requestCount()).toBe(0);
  });

  it('refuses a wrong checksum, a malformed BIC, and a bank transfer without an IBAN', async () => {
    const base = { purpose: 'supplierPayment', amount: '25.00', counterpartyName: 'Mühle Schulte' } as const;
    expect(await t.bookkeeper.invoke('paymentRequests.create', { ...base, counterpartyIban: 'DE89370400440532013001' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'counterpartyIban', problem: 'validation.iban.checksum' }] } } });
    expect(await t.bookkeeper.invoke('paymentRequests.create', { ...base, counterpartyIban: GERMAN_IBAN, counterpartyBic: 'COBADEF' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'counterpartyBic', problem: 'validation.bic' }] } } });
    expect(await t.bookkeeper.invoke('paymentRequests.create', { ...base })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'counterpartyIban', problem: 'validation.ibanRequired' }] } } });
    expect(await requestCount()).toBe(0);
  });

  it('accepts real IBANs in print form; outside SEPA only with a BIC', async () => {
    const base = { purpose: 'supplierPayment', amount: '25.00', counterpartyName: 'Mühle Schulte' } as const;
    const german = await unwrap(t.bookkeeper.invoke('paymentRequests.create', { ...base, counterpartyIban: GERMAN_IBAN }));
    expect(german).toMatchObject({ counterpartyIban: 'DE89370400440532013000', counterpartyBic: '' });
    expect((await unwrap(t.bookkeeper.invoke('paymentRequests.create', { ...base, counterpartyIban: 'GB82 WEST 1234 5698 7654 32', counterpartyBic: 'westgb2l' }))).counterpartyBic).toBe('WESTGB2L');
    await unwrap(t.bookkeeper.invoke('paymentRequests.create', { ...base, counterpartyIban: 'NL91ABNA0417164300' }));
    expect(await t.bookkeeper.invoke('paymentRequests.create', { ...base, counterpartyIban: 'SA0380000000608010167519' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'counterpartyBic', problem: 'validation.bicRequired' }] } } });
    expect(await requestCount()).toBe(3);
  });
});

describe('refunds from a credit note or a customer’s credit', () => {
  it('a credit note gives payee, IBAN and the most that may be refunded; more is refused', async () => {
    const note = await paidInvoiceWithCreditNote();
    const source = await unwrap(t.bookkeeper.invoke('paymentRequests.refundSource', { creditNoteId: note.id }));
    expect(source).toMatchObject({ creditNoteNumber: note.number, payeeName: 'Café Morgenrot', iban: 'DE89370400440532013000', available: 5950, currency: 'EUR' });

    const refund = { purpose: 'refund', counterpartyName: source.payeeName, counterpartyIban: source.iban, creditNoteId: note.id } as const;
    expect(await t.bookkeeper.invoke('paymentRequests.create', { ...refund, amount: '59.51' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'amount', problem: 'validation.exceedsRefundable' }] } } });
    expect(await requestCount()).toBe(0);
    expect(await unwrap(t.bookkeeper.invoke('paymentRequests.create', { ...refund, amount: '59.50' }))).toMatchObject({ creditNoteId: note.id, creditNoteNumber: note.number, amount: 5950 });
    // Requested once: nothing is left to refund from it.
    expect((await unwrap(t.bookkeeper.invoke('paymentRequests.refundSource', { creditNoteId: note.id }))).available).toBe(0);
    expect(await t.bookkeeper.invoke('paymentRequests.create', { ...refund, amount: '0.01' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'amount', problem: 'validation.exceedsRefundable' }] } } });
  });

  it('a credit note of an unpaid invoice refunds nothing: it lowered what is owed', async () => {
    const item = await product(t.bookkeeper, { sku: 'KUCHEN', netPrice: '50', vatRate: '19' });
    const invoice = await issued(t, { customerId: cafe.id, lines: [{ productId: item.id, quantity: '2' }] });
    const draft = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Retoure', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
    const note = await approveAndIssue(t, draft.id);
    expect((await unwrap(t.bookkeeper.invoke('paymentRequests.refundSource', { creditNoteId: note.id }))).available).toBe(0);
    expect(await t.bookkeeper.invoke('paymentRequests.refundSource', { creditNoteId: invoice.id })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'creditNoteId', problem: 'validation.notRefundable' }] } } });
  });

  it('a customer’s credit is refunded at most once; the booked refund lowers the credit', async () => {
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '40.00', counterpartyIban: GERMAN_IBAN, customerId: cafe.id }));
    const source = await unwrap(t.bookkeeper.invoke('paymentRequests.refundSource', { customerId: cafe.id }));
    expect(source).toMatchObject({ payeeName: 'Café Morgenrot', iban: 'DE89370400440532013000', available: 4000 });
    const refund = { purpose: 'refund', counterpartyName: 'Café Morgenrot', counterpartyIban: source.iban, customerId: cafe.id } as const;
    expect(await t.bookkeeper.invoke('paymentRequests.create', { ...refund, amount: '40.01' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'amount', problem: 'validation.exceedsRefundable' }] } } });
    const request = await unwrap(t.bookkeeper.invoke('paymentRequests.create', { ...refund, amount: '30.00' }));
    expect((await unwrap(t.bookkeeper.invoke('paymentRequests.refundSource', { customerId: cafe.id }))).available).toBe(1000);

    await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: request.id }));
    await unwrap(cashier.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' }));
    expect((await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId: cafe.id }))).credit).toBe(1000);
    expect((await unwrap(t.bookkeeper.invoke('paymentRequests.refundSource', { customerId: cafe.id }))).available).toBe(1000);
  });

  it('only a refund names a customer or a credit note', async () => {
    expect(await t.bookkeeper.invoke('paymentRequests.create', { purpose: 'payout', amount: '1.00', counterpartyName: 'Café Morgenrot', counterpartyIban: GERMAN_IBAN, customerId: cafe.id })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'purpose', problem: 'validation.refundOnly' }] } },
    });
  });
});

describe('who asked, who decides, who pays', () => {
  it('the review and cashier lists name the requester and carry the IBAN and the reason', async () => {
    const request = await unwrap(t.bookkeeper.invoke('paymentRequests.create', { purpose: 'payout', amount: '12.00', counterpartyName: 'Café Morgenrot', counterpartyIban: GERMAN_IBAN, reference: 'Pfand zurück' }));
    const [waiting] = await unwrap(t.supervisor.invoke('paymentRequests.list', { status: 'requested' }));
    expect(waiting).toMatchObject({ id: request.id, createdByName: 'bookkeeper user', counterpartyIban: 'DE89370400440532013000', reference: 'Pfand zurück', createdAt: '2026-12-02T09:00:00.000Z' });
    await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: request.id }));
    const [approved] = await unwrap(cashier.invoke('paymentRequests.list', { status: 'approved' }));
    expect(approved).toMatchObject({ createdByName: 'bookkeeper user', reviewerName: 'supervisor user', counterpartyIban: 'DE89370400440532013000' });
  });

  it('the requester can neither approve nor reject their own request; a bookkeeper does not execute', async () => {
    const request = await unwrap(t.supervisor.invoke('paymentRequests.create', { purpose: 'payout', amount: '12.00', counterpartyName: 'Café Morgenrot', counterpartyIban: GERMAN_IBAN }));
    expect(await t.supervisor.invoke('paymentRequests.reject', { id: request.id, reason: 'Doppelt' })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await t.supervisor.invoke('paymentRequests.approve', { id: request.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await cashier.invoke('paymentRequests.approve', { id: request.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await unwrap(t.admin.invoke('paymentRequests.approve', { id: request.id }));
    expect(await t.bookkeeper.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await requestCountByStatus()).approved).toBe(1);
  });
});

async function requestCountByStatus() {
  const docs = await app.services.books.db.paymentRequests.find().exec();
  return docs.reduce<Record<string, number>>((counts, d) => ({ ...counts, [d.status]: (counts[d.status] ?? 0) + 1 }), {});
}

describe('a waiting bank payment assigned in review', () => {
  it('sends the customer the "payment received" mail, like a payment booked by hand or from a statement', async () => {
    smtp = await startSmtpServer();
    await unwrap(t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Muster GmbH', fromAddress: 'rechnung@muster.example' } as never));
    const baeckerei = await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] });
    const item = async (net: string) => (await product(t.bookkeeper, { sku: `S-${net}`, netPrice: net, vatRate: '19' })).id;
    const first = await issued(t, { customerId: baeckerei.id, lines: [{ productId: await item('100'), quantity: '1' }] });
    await issued(t, { customerId: cafe.id, lines: [{ productId: await item('80'), quantity: '1' }] });
    // The bakery's 119.00 € alone (the sample statement with more entries also has the bank reverse them).
    const statement = { fileName: 'mt940-credit.sta', dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements/mt940-credit.sta')).toString('base64') };
    await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...statement, autoAllocate: false }));
    const waiting = (await unwrap(t.supervisor.invoke('paymentRequests.list', { status: 'requested' }))).find((r) => r.amount === 11900)!;
    const outbox = async () => (await unwrap(t.bookkeeper.invoke('mail.outbox', {}))).items.filter((m) => m.event === 'paymentReceived');
    expect(await outbox()).toEqual([]);

    await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: waiting.id, invoiceIds: [first.id] }));
    const [thanks] = await outbox();
    expect(thanks).toMatchObject({ to: ['buchhaltung@baeckerei.example'] });
    const queued = (await unwrap(t.bookkeeper.invoke('mail.outbox', {}))).total;
    await app.services.mail.start();
    await smtp.waitFor(queued);
    const subjects = await Promise.all(smtp.received.map(async (r) => (await r.parse()).subject));
    expect(subjects).toContain(thanks!.subject);
    // Assigned once: a second approval is refused and no second thank-you is queued.
    expect(await t.supervisor.invoke('paymentRequests.approve', { id: waiting.id, invoiceIds: [first.id] })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await outbox()).toHaveLength(1);
  });
});
