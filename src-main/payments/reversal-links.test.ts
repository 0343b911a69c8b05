/**
 * The payments list after a reversal (Storno) on a statement: the reversed payment and its
 * reversal name each other and nothing of them waits to be allocated; a reversal whose payment
 * was not found names none. Found in the same file (CAMT, end-to-end id) and across files
 * (MT940, bank reference).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { issued } from '../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let invoiceId: string;
const file = (name: string) => ({ fileName: name, dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements', name)).toString('base64') });
const listed = async () => new Map((await unwrap(t.bookkeeper.invoke('payments.list', {}))).items.map((p) => [p.id, p]));

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  const customerId = (await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] })).id;
  const item = await product(t.bookkeeper, { sku: 'S-100', netPrice: '100', vatRate: '19' });
  invoiceId = (await issued(t, { customerId, lines: [{ productId: item.id, quantity: '1' }] })).id;
});
afterEach(async () => app.stop());

describe('the payments list after a reversal on a statement', () => {
  it('shows the reversed payment and its reversal linked, nothing of them unallocated (CAMT, same file)', async () => {
    const result = await unwrap(t.bookkeeper.invoke('payments.importStatement', file('camt053-reversal.xml')));
    const [paidId, reversalId, unlinkedId] = result.paymentIds;
    const list = await listed();
    expect(list.get(paidId!)).toMatchObject({ direction: 'incoming', amount: 11900, unallocated: 0, reversedBy: { paymentId: reversalId, date: '2026-12-01' }, reverses: null });
    expect(list.get(reversalId!)).toMatchObject({ purpose: 'reversal', unallocated: 0, reversedBy: null, reverses: { paymentId: paidId, date: '2026-11-28' } });
    // Its payment was not found: left for a person, linked to nothing.
    expect(list.get(unlinkedId!)).toMatchObject({ purpose: 'reversal', reversedBy: null, reverses: null });
    expect(await unwrap(t.bookkeeper.invoke('payments.get', { id: paidId! }))).toMatchObject({ unallocated: 0, reversedBy: { paymentId: reversalId } });
  });

  it('links an MT940 reversal to the payment of an earlier file by the bank reference', async () => {
    const credit = await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-credit.sta'), autoAllocate: false, choices: [{ index: 0, invoiceIds: [invoiceId] }] }));
    expect((await listed()).get(credit.paymentIds[0]!)).toMatchObject({ reversedBy: null, reverses: null });
    // The preview names the payment the RC will take back; the RD naming nothing booked names none.
    const preview = await unwrap(t.bookkeeper.invoke('payments.previewStatement', file('mt940-reversal.sta')));
    expect(preview.entries.map((e) => e.reverses)).toEqual([{ date: expect.stringMatching(/^2026-11-\d\d$/), amount: 11900, currency: 'EUR', reference: expect.any(String) }, undefined]);
    const reversed = await unwrap(t.bookkeeper.invoke('payments.importStatement', file('mt940-reversal.sta')));
    const list = await listed();
    expect(list.get(credit.paymentIds[0]!)).toMatchObject({ unallocated: 0, reversedBy: { paymentId: reversed.paymentIds[0], date: '2026-12-01' } });
    expect(list.get(reversed.paymentIds[0]!)).toMatchObject({ reverses: { paymentId: credit.paymentIds[0] } });
    expect(list.get(reversed.paymentIds[1]!)).toMatchObject({ reverses: null });
  });
});
