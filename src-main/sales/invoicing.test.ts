import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { customerInputOf } from '../../src-shared/contract/index.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

async function confirmedOrder(lines: { productId: string; quantity: string }[], customerId: string) {
  const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId, orderDate: '2026-11-20', lines }));
  return unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
}

describe('orders and stock', () => {
  it('reserves stock on confirming, refuses what is not there, releases on cancel', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '10' }));

    const big = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '12' }] }));
    const refused = await t.bookkeeper.invoke('orders.confirm', { id: big.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_STOCK', details: { products: [{ sku: 'MEHL-25', available: '10', requested: '12' }] } } });

    const order = await confirmedOrder([{ productId: flour.id, quantity: '4' }], c.id);
    expect(order.status).toBe('confirmed');
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '10', reserved: '4', available: '6' });
    expect(await t.bookkeeper.invoke('orders.save', { id: order.id, customerId: c.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: '1' }] })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_EDITABLE' },
    });
    await unwrap(t.bookkeeper.invoke('orders.cancel', { id: order.id, reason: 'Kunde hat abgesagt' }));
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '10', reserved: '0', available: '10' });
  });

  it('prices lines from the product and the customer discount, with live totals', async () => {
    const flour = await product(t.bookkeeper);
    const oven = await product(t.bookkeeper, { sku: 'OFEN-1', nameDe: 'Backofen-Wartung', unit: 'HUR', netPrice: '95.00', vatRate: '19' });
    const c = await customer(t.bookkeeper, { discountPercent: '5' });
    const order = await unwrap(
      t.bookkeeper.invoke('orders.save', {
        customerId: c.id,
        orderDate: '2026-11-20',
        lines: [
          { productId: flour.id, quantity: '3' },
          { productId: oven.id, quantity: '2.5', discountPercent: '0' },
        ],
        allowancesCharges: [{ isCharge: true, amount: '9.90', reason: 'Fracht', vatCategory: 'S', vatRate: '19' }],
      }),
    );
    // Flour: 3 x 18.90 = 56.70, 5 % customer discount 2.84 (2.835 half up) -> 53.86 at 7 %: VAT 3.77
    // Service: 2.5 x 95.00 = 237.50 at 19 %, plus freight 9.90 -> 247.40: VAT 47.01
    expect(order.lines.map((l) => [l.description, l.discountPercent ?? '', l.vatRate])).toEqual([
      ['Mehl Type 550, 25 kg', '5', '7'],
      ['Backofen-Wartung', '0', '19'],
    ]);
    expect(order.totals).toMatchObject({ lineTotal: 29136, chargeTotal: 990, taxExclusive: 30126, vatTotal: 5078, taxInclusive: 35204 });
    expect(order.totals.vatBreakdown).toEqual([
      { category: 'S', rate: '19', taxableAmount: 24740, taxAmount: 4701 },
      { category: 'S', rate: '7', taxableAmount: 5386, taxAmount: 377 },
    ]);
  });
});

describe('invoice lifecycle', () => {
  it('goes from order to approved, numbered, frozen invoice; four eyes; gapless numbers', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '100' }));
    const order = await confirmedOrder([{ productId: flour.id, quantity: '10' }], c.id);

    const draft = await unwrap(t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [order.id] }));
    expect(draft).toMatchObject({ status: 'draft', number: '', orderIds: [order.id], supplyDate: '2026-11-20', dueDate: '2026-12-11', legalNotes: [] });
    expect(draft.totals).toMatchObject({ taxExclusive: 18900, vatTotal: 1323, taxInclusive: 20223, amountDue: 20223 });
    expect((await unwrap(t.bookkeeper.invoke('orders.get', { id: order.id }))).status).toBe('invoiced');

    // Not yet approved: cannot be issued.
    expect(await t.bookkeeper.invoke('invoices.issue', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    // A bookkeeper may not approve at all; the creator may not either, even as supervisor.
    expect(await t.bookkeeper.invoke('invoices.approve', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const own = await unwrap(t.supervisor.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '100', unit: 'HUR' }] }));
    await unwrap(t.supervisor.invoke('invoices.submit', { id: own.id }));
    expect(await t.supervisor.invoke('invoices.approve', { id: own.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });

    const queue = await unwrap(t.supervisor.invoke('approval.queue', {}));
    expect(queue.map((q) => [q.id, q.mayApprove])).toEqual(expect.arrayContaining([[draft.id, true], [own.id, false]]));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    const issued = await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
    expect(issued).toMatchObject({ status: 'issued', number: 'RE-2026-A-000001', issueDate: '2026-11-27', dueDate: '2026-12-11' });
    expect(issued.seller).toMatchObject({ name: 'Muster & Söhne GmbH', vatId: 'DE136695976' });
    expect(issued.buyer).toMatchObject({ name: 'Bäckerei Schmidt GmbH', customerNumber: c.number });
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '90', reserved: '0', available: '90' });

    // Frozen: no edit, no second issue; a later change of the customer does not touch it.
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { id: draft.id, customerId: c.id, lines: [{ description: 'x', quantity: '1', netUnitPrice: '1' }] })).toMatchObject({
      ok: false,
      error: { code: 'INVOICE_IMMUTABLE' },
    });
    expect(await t.bookkeeper.invoke('invoices.issue', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'INVOICE_IMMUTABLE' } });
    await unwrap(t.bookkeeper.invoke('customers.save', { ...customerInputOf(c), name: 'Schmidt Backwaren AG' }));
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: draft.id }))).customerName).toBe('Bäckerei Schmidt GmbH');

    // The next one gets the next number.
    const second = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Lieferpauschale', quantity: '1', netUnitPrice: '25' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: second.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: second.id }));
    expect((await unwrap(t.bookkeeper.invoke('invoices.issue', { id: second.id }))).number).toBe('RE-2026-A-000002');

    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });

  it('rejects with a reason, and the draft can be corrected and resubmitted', async () => {
    const c = await customer(t.bookkeeper);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '2', netUnitPrice: '80', unit: 'HUR' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    expect(await t.supervisor.invoke('invoices.reject', { id: draft.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'reason' }] } } });
    const rejected = await unwrap(t.supervisor.invoke('invoices.reject', { id: draft.id, reason: 'Stundensatz laut Vertrag 75 €' }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Stundensatz laut Vertrag 75 €' });
    const fixed = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { id: draft.id, customerId: c.id, lines: [{ description: 'Beratung', quantity: '2', netUnitPrice: '75', unit: 'HUR' }] }));
    expect(fixed.totals.taxInclusive).toBe(17850);
    expect((await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }))).status).toBe('submitted');
  });

  it('blocks issuing while mandatory data is missing, naming what is missing', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...(await import('../../tests/support/services.js')).COMPANY, vatId: '', taxNumber: '' }));
    const c = await customer(t.bookkeeper);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '80' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    expect(await t.bookkeeper.invoke('invoices.issue', { id: draft.id })).toMatchObject({
      ok: false,
      error: { code: 'INVOICE_INCOMPLETE', details: { fields: [{ problem: 'issue.missing.companyTaxId' }] } },
    });
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: draft.id }))).status).toBe('approved');
  });

  it('an XRechnung customer: issuing names what the e-invoice needs beyond § 14 UStG, before a number is taken', async () => {
    const { COMPANY } = await import('../../tests/support/services.js');
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, phone: '' }));
    try {
      const c = await unwrap(t.bookkeeper.invoke('customers.save', { name: 'Amt für Papier', billingAddress: { street: 'Am Markt 1', postalCode: '50667', city: 'Köln' }, paymentTermsDays: 30, kind: 'business', eInvoiceFormat: 'xrechnung-cii' } as never));
      const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '80', unit: 'HUR' }] }));
      await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
      await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
      const refused = await t.bookkeeper.invoke('invoices.issue', { id: draft.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVOICE_INCOMPLETE' } });
      const problems = refused.ok ? [] : (refused.error.details?.fields ?? []).map((f) => f.problem);
      expect(problems).toEqual(expect.arrayContaining(['issue.missing.companyPhone', 'issue.missing.customerEmail']));
      expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: draft.id }))).status).toBe('approved');
    } finally {
      await unwrap(t.admin.invoke('settings.saveCompany', COMPANY));
    }
  });

  it('a public buyer needs a valid Leitweg-ID, and issuing checks it again', async () => {
    const base = { name: 'Stadt Köln', billingAddress: { street: 'Willy-Brandt-Platz 2', postalCode: '50679', city: 'Köln' }, paymentTermsDays: 30, kind: 'business', publicBuyer: true };
    expect(await t.bookkeeper.invoke('customers.save', base as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'buyerReference', problem: 'validation.leitwegIdRequired' }] } },
    });
    expect(await t.bookkeeper.invoke('customers.save', { ...base, buyerReference: '04011000-1234512345-07' } as never)).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'buyerReference', problem: 'validation.leitwegId' }] } },
    });
    const c = await unwrap(t.bookkeeper.invoke('customers.save', { ...base, buyerReference: ' 04011000-12345abcxyz-86 ' } as never));
    expect(c).toMatchObject({ publicBuyer: true, buyerReference: '04011000-12345ABCXYZ-86' });

    // A record that came in by sync from a device that does not know the rule yet.
    const doc = await app.services.books.db.customers.findOne(c.id).exec();
    await doc!.incrementalPatch({ buyerReference: '' });
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '80' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    expect(await t.bookkeeper.invoke('invoices.issue', { id: draft.id })).toMatchObject({
      ok: false,
      error: { code: 'INVOICE_INCOMPLETE', details: { fields: [{ field: 'buyerReference', problem: 'issue.missing.buyerReference' }] } },
    });
  });
});

describe('VAT cases', () => {
  let products = 0;
  async function issuedFor(customerOverrides: Record<string, unknown>, productOverrides: Record<string, unknown> = {}) {
    const p = await product(t.bookkeeper, { sku: `P-${++products}`, ...productOverrides });
    const c = await customer(t.bookkeeper, customerOverrides);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] }));
    return draft;
  }

  it('reverse charge (§ 13b) needs the buyer VAT ID and prints the note', async () => {
    expect(await t.bookkeeper.invoke('customers.save', { name: 'Bau AG', billingAddress: { street: 'A 1', postalCode: '10115', city: 'Berlin' }, paymentTermsDays: 30, kind: 'business', vatTreatment: 'reverseCharge13b' } as never)).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'vatId', problem: 'validation.vatIdRequiredForCase' }] } },
    });
    const draft = await issuedFor({ vatTreatment: 'reverseCharge13b', vatId: 'DE811569869' });
    expect(draft.lines[0]).toMatchObject({ vatCategory: 'AE', vatRate: '0' });
    expect(draft.totals).toMatchObject({ taxExclusive: 3780, vatTotal: 0, taxInclusive: 3780 });
    expect(draft.legalNotes).toEqual(['vatNotes.reverseCharge']);
  });

  it('intra-EU supply of goods is tax-free (K), services are reverse charge (AE)', async () => {
    const goods = await issuedFor({ vatTreatment: 'intraEu', vatId: 'ATU13585627', billingAddress: { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' } }, { stockTracked: true, allowBackorder: true });
    expect(goods.lines[0]).toMatchObject({ vatCategory: 'K', vatRate: '0' });
    expect(goods.legalNotes).toEqual(['vatNotes.intraEu']);
  });

  it('exempt customers carry their reason; 7 % and 19 % mix in one document', async () => {
    const exempt = await issuedFor({ vatTreatment: 'exempt', exemptionReason: 'Steuerfreie Heilbehandlung § 4 Nr. 14 UStG' });
    expect(exempt.lines[0]).toMatchObject({ vatCategory: 'E', exemptionReason: 'Steuerfreie Heilbehandlung § 4 Nr. 14 UStG' });
    expect(exempt.totals.vatBreakdown).toEqual([{ category: 'E', rate: '0', taxableAmount: 3780, taxAmount: 0, exemptionReason: 'Steuerfreie Heilbehandlung § 4 Nr. 14 UStG' }]);
    expect(exempt.legalNotes).toEqual(['vatNotes.exempt']);
  });

  it('a small business (§ 19 UStG) shows no VAT', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...(await import('../../tests/support/services.js')).COMPANY, smallBusiness: true }));
    expect((await unwrap(t.admin.invoke('settings.getCompany', {})))?.smallBusiness).toBe(true);
    const draft = await issuedFor({});
    expect(draft.lines[0]).toMatchObject({ vatCategory: 'E', vatRate: '0' });
    expect(draft.totals.vatTotal).toBe(0);
    expect(draft.legalNotes).toEqual(['vatNotes.smallBusiness']);
  });
});

describe('credit notes', () => {
  it('correct part of an issued invoice with their own series; the original stays; stock comes back', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '20' }));
    const order = await confirmedOrder([{ productId: flour.id, quantity: '10' }], c.id);
    const inv = await unwrap(t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [order.id] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: inv.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: inv.id }));
    const issued = await unwrap(t.bookkeeper.invoke('invoices.issue', { id: inv.id }));

    expect(await t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: inv.id, reason: 'Retoure', lines: [{ lineId: issued.lines[0]!.id, quantity: '11' }] })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'lines.0.quantity', problem: 'validation.creditTooMuch' }] } },
    });
    const note = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: inv.id, reason: '3 Sack beschädigt geliefert', lines: [{ lineId: issued.lines[0]!.id, quantity: '3' }] }));
    expect(note).toMatchObject({ documentType: 'creditNote', status: 'draft', correctsInvoiceId: inv.id, correctsNumber: 'RE-2026-A-000001' });
    expect(note.totals).toMatchObject({ taxExclusive: 5670, vatTotal: 397, taxInclusive: 6067 });
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: note.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: note.id }));
    expect((await unwrap(t.bookkeeper.invoke('invoices.issue', { id: note.id }))).number).toBe('GS-2026-A-000001');

    const original = await unwrap(t.bookkeeper.invoke('invoices.get', { id: inv.id }));
    expect(original).toMatchObject({ status: 'issued', number: 'RE-2026-A-000001', totals: issued.totals, lines: issued.lines });
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '13', reserved: '0', available: '13' });
    // Only 7 are left to credit.
    expect((await t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: inv.id, reason: 'Rest', lines: [{ lineId: issued.lines[0]!.id, quantity: '8' }] })).ok).toBe(false);
  });
});

describe('batch invoicing', () => {
  it('invoices all confirmed orders as a job with progress events', async () => {
    const c = await customer(t.bookkeeper);
    const p = await product(t.bookkeeper);
    for (let i = 0; i < 6; i++) await confirmedOrder([{ productId: p.id, quantity: String(i + 1) }], c.id);
    const progress: { done: number; total: number; state: string }[] = [];
    const finished = new Promise<void>((resolve) =>
      t.bookkeeper.on('job.progress', (e) => {
        progress.push(e);
        if (e.state !== 'running') resolve();
      }),
    );
    const { total } = await unwrap(t.bookkeeper.invoke('jobs.invoiceConfirmedOrders', {}));
    expect(total).toBe(6);
    await finished;
    expect(progress.at(-1)).toMatchObject({ done: 6, total: 6, state: 'done' });
    // One event when the job starts, one per order (each is a new percent of six), one at the end.
    expect(progress.map((e) => `${e.done}/${e.total} ${e.state}`)).toEqual([
      '0/6 running',
      '1/6 running',
      '2/6 running',
      '3/6 running',
      '4/6 running',
      '5/6 running',
      '6/6 running',
      '6/6 done',
    ]);
    const drafts = await unwrap(t.bookkeeper.invoke('invoices.list', { status: 'draft' }));
    expect(drafts.total).toBe(6);
    expect((await unwrap(t.bookkeeper.invoke('orders.list', { status: 'confirmed' }))).total).toBe(0);
  });
});

describe('approving and issuing several at once', () => {
  it('issues consecutive numbers in one step, and nothing when one document is not approved', async () => {
    const c = await customer(t.bookkeeper);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: `Wartung ${i}`, quantity: '1', netUnitPrice: '50' }] }));
      await unwrap(t.bookkeeper.invoke('invoices.submit', { id: d.id }));
      ids.push(d.id);
    }
    expect(await unwrap(t.supervisor.invoke('invoices.approveMany', { ids: ids.slice(0, 3) }))).toEqual({ approved: 3 });
    // The fourth is only submitted: the whole batch is refused and no number is used.
    expect(await t.bookkeeper.invoke('invoices.issueMany', { ids })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await unwrap(t.bookkeeper.invoke('invoices.issueMany', { ids: ids.slice(0, 3) }))).toEqual({
      issued: 3,
      numbers: ['RE-2026-A-000001', 'RE-2026-A-000002', 'RE-2026-A-000003'],
    });
    await unwrap(t.supervisor.invoke('invoices.approve', { id: ids[3]! }));
    expect((await unwrap(t.bookkeeper.invoke('invoices.issue', { id: ids[3]! }))).number).toBe('RE-2026-A-000004');
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });
});

describe('editing an invoice made from an order', () => {
  it('keeps the order link of its lines, so issuing still books the order’s stock', async () => {
    const flour = await product(t.bookkeeper, { stockTracked: true });
    const c = await customer(t.bookkeeper);
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '50' }));
    const order = await confirmedOrder([{ productId: flour.id, quantity: '5' }], c.id);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.createFromOrders', { orderIds: [order.id] }));
    const line = draft.lines[0]!;
    const edited = await unwrap(
      t.bookkeeper.invoke('invoices.saveDraft', {
        id: draft.id,
        customerId: c.id,
        lines: [{ id: line.id, productId: flour.id, quantity: '5', netUnitPrice: '17.90' }],
      }),
    );
    expect(edited.lines[0]).toMatchObject({ orderId: order.id, netUnitPrice: '17.9' });
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
    expect((await unwrap(t.bookkeeper.invoke('products.get', { id: flour.id }))).stock).toEqual({ onHand: '45', reserved: '0', available: '45' });
  });
});
