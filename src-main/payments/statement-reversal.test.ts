/**
 * Reversals (Storno) on bank statements: a CAMT entry with `RvslInd` and an MT940 RC/RD line
 * take back the allocation of the payment they reverse, found by its end-to-end id or the bank's
 * reference, in the same file or an earlier one; a reversal whose payment is not found is left
 * for a person, with its reason in German and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translateKnown } from '../../src-shared/i18n/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { issued } from '../../tests/support/pdf.js';
import { linkReversal, type ReversibleBooking } from './statement-reversal.js';

let app: TestApp;
let t: Team;
let invoiceId: string;
let customerId: string;
const file = (name: string) => ({ fileName: name, dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements', name)).toString('base64') });

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  customerId = (await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] })).id;
  const item = await product(t.bookkeeper, { sku: 'S-100', netPrice: '100', vatRate: '19' });
  // RE-2026-A-000001, 119.00 €: what the statements pay and reverse.
  invoiceId = (await issued(t, { customerId, lines: [{ productId: item.id, quantity: '1' }] })).id;
});
afterEach(async () => app.stop());

const stateOf = async () => unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId }));

describe('a CAMT reversal (RvslInd)', () => {
  it('takes back the allocation of the payment with its end-to-end id; one naming no booked payment is left for a person', async () => {
    const result = await unwrap(t.bookkeeper.invoke('payments.importStatement', file('camt053-reversal.xml')));
    expect(result).toMatchObject({ imported: 3, allocated: 1 });
    expect(result.reversals).toEqual({
      taken: 1,
      left: [{ index: 2, paymentId: result.paymentIds[2], key: 'statementImport.reversal.noPayment', params: { amount: '50.00 EUR', date: '2026-12-01', reference: 'ZZ-2026-10-4711' } }],
    });
    // Paid on the 28th, taken back by the bank on the 1st: the invoice is open again, the customer owes it.
    expect((await stateOf()).item).toMatchObject({ paid: 0, open: 11900, state: 'open' });
    expect((await stateOf()).payments).toEqual([]);
    expect(await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId }))).toMatchObject({ credit: 0, balance: 11900 });
    const [paid, reversal] = await Promise.all(result.paymentIds.slice(0, 2).map((id) => unwrap(t.bookkeeper.invoke('payments.get', { id }))));
    expect(paid!.allocations).toMatchObject([{ invoiceId, amount: 11900, reversed: true }]);
    expect(reversal).toMatchObject({ direction: 'outgoing', purpose: 'reversal', amount: 11900, customerId });
    const left = result.reversals.left[0]!;
    expect(translateKnown('de', left.key, left.params)).toBe(
      'Storno 50.00 EUR vom 2026-12-01: keine gebuchte Zahlung trägt die Referenz ZZ-2026-10-4711. Bitte die stornierte Zahlung selbst suchen und ihre Zuordnung zurücknehmen.',
    );
    expect(translateKnown('en', left.key, left.params)).toMatch(/^Reversal of 50.00 EUR on 2026-12-01: no booked payment carries the reference ZZ-2026-10-4711\./);
  });
});

describe('an MT940 reversal (RC, RD)', () => {
  it('RC takes back the allocation of a payment imported before, found by the bank reference; RD naming nothing booked is left', async () => {
    const credit = await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-credit.sta'), autoAllocate: false, choices: [{ index: 0, invoiceIds: [invoiceId] }] }));
    expect(credit).toMatchObject({ imported: 1, allocated: 1, reversals: { taken: 0, left: [] } });
    expect((await stateOf()).item).toMatchObject({ paid: 11900, state: 'paid' });

    const reversed = await unwrap(t.bookkeeper.invoke('payments.importStatement', file('mt940-reversal.sta')));
    expect(reversed).toMatchObject({ imported: 2, allocated: 0, unmatched: 0 });
    expect(reversed.reversals).toEqual({
      taken: 1,
      left: [{ index: 1, paymentId: reversed.paymentIds[1], key: 'statementImport.reversal.noPayment', params: { amount: '25.00 EUR', date: '2026-12-01', reference: 'BANKREF-7002' } }],
    });
    expect((await stateOf()).item).toMatchObject({ paid: 0, open: 11900, state: 'open' });
    // Nothing was left to take back a second time: the same file again is a duplicate.
    expect(await unwrap(t.bookkeeper.invoke('payments.importStatement', file('mt940-reversal.sta')))).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it('takes a payment back once: a second reversal naming it, in a later file, is left for a person and the balance stays', async () => {
    await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-credit.sta'), autoAllocate: false, choices: [{ index: 0, invoiceIds: [invoiceId] }] }));
    await unwrap(t.bookkeeper.invoke('payments.importStatement', file('mt940-reversal.sta')));
    const again = ':20:STARTUMSE\n:25:37040044/0532013000\n:28C:00233/001\n:60F:C261201EUR1025,00\n:61:2612031203RC119,00NTRFNONREF//BANKREF-7001\n:86:166?00STORNO GUTSCHRIFT?20SVWZ+Storno Rechnung RE-2026-A-0?2100001\n:62F:C261203EUR906,00\n-\n';
    const second = await unwrap(t.bookkeeper.invoke('payments.importStatement', { fileName: 'second.sta', dataBase64: Buffer.from(again, 'latin1').toString('base64') }));
    expect(second.reversals).toEqual({
      taken: 0,
      left: [{ index: 0, paymentId: second.paymentIds[0], key: 'statementImport.reversal.alreadyReversed', params: { amount: '119.00 EUR', date: '2026-12-03', reference: 'BANKREF-7001' } }],
    });
    expect(await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId }))).toMatchObject({ credit: 0, balance: 11900 });
    expect((await stateOf()).item).toMatchObject({ paid: 0, open: 11900, state: 'open' });
  });

  it('a reversed payment waits for no review: its request is closed as taken back by the bank', async () => {
    const requested = async () => (await unwrap(t.supervisor.invoke('paymentRequests.list', { status: 'requested' }))).filter((r) => r.direction === 'incoming');
    const credit = await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-credit.sta'), autoAllocate: false }));
    expect((await requested()).map((r) => r.paymentId)).toEqual([credit.paymentIds[0]]);
    await unwrap(t.bookkeeper.invoke('payments.importStatement', file('mt940-reversal.sta')));
    expect(await requested()).toEqual([]);
    const closed = (await unwrap(t.supervisor.invoke('paymentRequests.list', { status: 'rejected' }))).filter((r) => r.paymentId === credit.paymentIds[0]);
    expect(closed).toMatchObject([{ status: 'rejected', decisionReason: 'payment.reversedByBank' }]);
    // Nor can anyone allocate the money that went back.
    const refused = await t.bookkeeper.invoke('payments.allocate', { paymentId: credit.paymentIds[0]!, allocations: [{ invoiceId, amount: '119.00' }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'paymentId', problem: 'validation.paymentReversed' }] } } });
  });

  it('RC in the same file as the payment it reverses, named by the end-to-end id', async () => {
    const result = await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-latin1.sta'), autoAllocate: false, choices: [{ index: 0, invoiceIds: [invoiceId] }] }));
    expect(result).toMatchObject({ imported: 4, allocated: 1, reversals: { taken: 1, left: [] } });
    expect((await stateOf()).item).toMatchObject({ paid: 0, open: 11900, state: 'open' });
  });
});

describe('which payment a reversal names', () => {
  const booked = (over: Partial<ReversibleBooking>): ReversibleBooking => ({ paymentId: 'p', direction: 'incoming', date: '2026-11-28', amount: 11900, currency: 'EUR', customerId: 'c', endToEndId: '', bankReference: '', ...over });
  const entry = { endToEndId: '', bankReference: '', amount: -11900, currency: 'EUR', date: '2026-12-01' };

  it('the end-to-end id first, else the bank reference; placeholders name nothing', () => {
    const byId = booked({ paymentId: 'by-id', endToEndId: 'E2E-1', bankReference: 'OTHER' });
    const byRef = booked({ paymentId: 'by-ref', bankReference: 'REF-1' });
    expect(linkReversal({ ...entry, endToEndId: 'E2E-1', bankReference: 'REF-1' }, [byRef, byId])).toEqual({ reversed: byId });
    expect(linkReversal({ ...entry, bankReference: 'REF-1' }, [byRef, byId])).toEqual({ reversed: byRef });
    expect(linkReversal({ ...entry, endToEndId: 'NOTPROVIDED', bankReference: 'NONREF' }, [byRef, byId])).toEqual({ reason: 'noReference', reference: '' });
    expect(linkReversal({ ...entry, endToEndId: 'E2E-9' }, [byRef, byId])).toEqual({ reason: 'noPayment', reference: 'E2E-9' });
  });

  it('only a payment of the same amount and currency, the other way, booked before the reversal', () => {
    const named = { ...entry, endToEndId: 'E2E-1' };
    expect(linkReversal(named, [booked({ endToEndId: 'E2E-1', amount: 5000 })])).toEqual({ reason: 'amountDiffers', reference: 'E2E-1' });
    expect(linkReversal(named, [booked({ endToEndId: 'E2E-1', direction: 'outgoing' })])).toEqual({ reason: 'amountDiffers', reference: 'E2E-1' });
    expect(linkReversal(named, [booked({ endToEndId: 'E2E-1', date: '2026-12-02' })])).toEqual({ reason: 'amountDiffers', reference: 'E2E-1' });
    // RD: money going out came back.
    const out = booked({ paymentId: 'out', direction: 'outgoing', endToEndId: 'E2E-2' });
    expect(linkReversal({ ...entry, amount: 11900, endToEndId: 'E2E-2' }, [out])).toEqual({ reversed: out });
  });

  it('a payment reversed already is not reversed again', () => {
    const named = { ...entry, endToEndId: 'E2E-1' };
    const earlier = booked({ paymentId: 'earlier', endToEndId: 'E2E-1', date: '2026-11-20' });
    const later = booked({ paymentId: 'later', endToEndId: 'E2E-1', date: '2026-11-28', reversed: true });
    expect(linkReversal(named, [earlier, later])).toEqual({ reversed: earlier });
    expect(linkReversal(named, [{ ...earlier, reversed: true }, later])).toEqual({ reason: 'alreadyReversed', reference: 'E2E-1' });
  });
});
