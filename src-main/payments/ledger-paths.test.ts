/**
 * One ledger for both ways a payment is allocated: what a payment booked by hand may not do, an
 * allocation chosen in the statement import may not do either (beyond the open amount, a
 * write-off by a role that may not or past its limit, Skonto after its term), and nothing is
 * written; a payment within the Skonto term takes the Skonto through either way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, InvoiceView } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { issued } from '../../tests/support/pdf.js';
import { camtFile } from './import/testing.js';

let app: TestApp;
let t: Team;
let now: Date;
let customerId: string;
let sku = 0;

beforeEach(async () => {
  now = new Date('2026-11-27T09:00:00Z');
  app = await startTestApp(() => now);
  t = await team(app);
  customerId = (await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'], skontoPercent: '2', skontoDays: 10 })).id;
});
afterEach(async () => app.stop());

/** An invoice of 119.00 € issued today: 2 % Skonto is 2.38 within 10 days. */
async function invoice(): Promise<InvoiceView> {
  const p = await product(t.bookkeeper, { sku: `LDG-${++sku}`, netPrice: '100', vatRate: '19' });
  return issued(t, { customerId, lines: [{ productId: p.id, quantity: '1', unit: 'HUR' }] });
}

type Allocation = { invoiceId: string; amount: string; skonto?: string; writeOff?: string };

/** A payment booked by hand with one allocation. */
const byHand = (client: ApiClient, date: string, amount: string, allocation: Allocation) => client.invoke('payments.record', { date, amount, allocations: [allocation] });

/** One bank entry of `cents` on `date`, imported with the user's choice for it. */
function imported(client: ApiClient, date: string, cents: number, choice: { invoiceIds?: string[]; allocations?: Allocation[] }) {
  const dataBase64 = camtFile([{ amount: cents, date, bankReference: `REF-${date}-${cents}`, name: 'Bäckerei Größe KG', iban: 'DE02120300000000202051', remittance: ['Zahlung'] }]).toString('base64');
  return client.invoke('payments.importStatement', { fileName: 'auszug.xml', dataBase64, autoAllocate: false, choices: [{ index: 0, invoiceIds: [], ...choice }] });
}

const refused = (field: string, problem: string) => ({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field, problem }] } } });
const booked = async () => (await unwrap(t.bookkeeper.invoke('payments.list', {}))).total;
const stateOf = async (id: string) => (await unwrap(t.bookkeeper.invoke('payments.forInvoice', { invoiceId: id }))).item;

describe('the statement import refuses what a payment booked by hand may not do', () => {
  it('an allocation beyond the open amount', async () => {
    const a = await invoice();
    expect(await byHand(t.bookkeeper, '2026-11-27', '150.00', { invoiceId: a.id, amount: '120.00' })).toMatchObject(refused('allocations.0.amount', 'validation.exceedsOpen'));
    expect(await imported(t.bookkeeper, '2026-11-27', 15000, { allocations: [{ invoiceId: a.id, amount: '120.00' }] })).toMatchObject(refused('choices.0.allocations.0.amount', 'validation.exceedsOpen'));
    expect(await booked()).toBe(0);
    expect(await stateOf(a.id)).toMatchObject({ open: 11900, state: 'open' });
  });

  it('a write-off by a role that may not write off', async () => {
    const a = await invoice();
    const rest = { invoiceId: a.id, amount: '114.00', writeOff: '5.00' };
    expect(await byHand(t.bookkeeper, '2026-11-27', '114.00', rest)).toMatchObject(refused('allocations.0.writeOff', 'validation.writeOffNotAllowed'));
    expect(await imported(t.bookkeeper, '2026-11-27', 11400, { allocations: [rest] })).toMatchObject(refused('choices.0.allocations.0.writeOff', 'validation.writeOffNotAllowed'));
    expect(await booked()).toBe(0);
    // A supervisor may, through either way.
    await unwrap(imported(t.supervisor, '2026-11-27', 11400, { allocations: [rest] }));
    expect(await stateOf(a.id)).toMatchObject({ paid: 11400, writtenOff: 500, open: 0, state: 'paid' });
  });

  it('a write-off past its limit', async () => {
    const a = await invoice();
    const rest = { invoiceId: a.id, amount: '100.00', writeOff: '19.00' };
    expect(await byHand(t.supervisor, '2026-11-27', '100.00', rest)).toMatchObject(refused('allocations.0.writeOff', 'validation.writeOffTooHigh'));
    expect(await imported(t.supervisor, '2026-11-27', 10000, { allocations: [rest] })).toMatchObject(refused('choices.0.allocations.0.writeOff', 'validation.writeOffTooHigh'));
    expect(await booked()).toBe(0);
  });

  it('Skonto after its term', async () => {
    const a = await invoice();
    now = new Date('2026-12-08T09:00:00Z');
    const withSkonto = { invoiceId: a.id, amount: '116.62', skonto: '2.38' };
    expect(await byHand(t.bookkeeper, '2026-12-08', '116.62', withSkonto)).toMatchObject(refused('allocations.0.skonto', 'validation.skontoExpired'));
    expect(await imported(t.bookkeeper, '2026-12-08', 11662, { allocations: [withSkonto] })).toMatchObject(refused('choices.0.allocations.0.skonto', 'validation.skontoExpired'));
    // Chosen by invoice, a late payment of the amount less Skonto leaves the discount open.
    await unwrap(imported(t.bookkeeper, '2026-12-08', 11662, { invoiceIds: [a.id] }));
    expect(await stateOf(a.id)).toMatchObject({ paid: 11662, skonto: 0, open: 238, state: 'partlyPaid' });
  });
});

describe('Skonto through the statement import', () => {
  it('a payment within the term of the amount less Skonto settles the invoice, as one booked by hand does', async () => {
    const manual = await invoice();
    const bank = await invoice();
    now = new Date('2026-12-04T09:00:00Z');
    await unwrap(byHand(t.bookkeeper, '2026-12-04', '116.62', { invoiceId: manual.id, amount: '116.62', skonto: '2.38' }));
    const result = await unwrap(imported(t.bookkeeper, '2026-12-04', 11662, { invoiceIds: [bank.id] }));
    expect(result).toMatchObject({ imported: 1, allocated: 1 });
    const settled = { amountDue: 11900, paid: 11662, skonto: 238, open: 0, state: 'paid' };
    expect(await stateOf(manual.id)).toMatchObject(settled);
    expect(await stateOf(bank.id)).toMatchObject(settled);
    expect((await unwrap(t.bookkeeper.invoke('payments.openItems', { customerId }))).balance).toBe(0);
  });
});
