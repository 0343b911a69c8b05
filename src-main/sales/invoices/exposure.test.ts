import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

describe('credit exposure in the approval queue', () => {
  it('a credit note lowers the customer exposure instead of adding to it', async () => {
    const c = await customer(t.bookkeeper, { creditLimit: '1000' });
    const draft = await unwrap(
      t.bookkeeper.invoke('invoices.saveDraft', {
        customerId: c.id,
        lines: [
          { description: 'Ofen A', quantity: '1', netUnitPrice: '250', vatCategory: 'S', vatRate: '19' },
          { description: 'Ofen B', quantity: '1', netUnitPrice: '250', vatCategory: 'S', vatRate: '19' },
        ],
      }),
    );
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    const invoice = await unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
    expect(invoice.totals.taxInclusive).toBe(59500);

    // A credit note of one of the two ovens (297.50 €) waits for approval.
    const note = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Ofen B zurück', lines: [{ lineId: invoice.lines[1]!.id, quantity: '1' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: note.id }));
    const queued = (await unwrap(t.supervisor.invoke('approval.queue', {}))).find((i) => i.id === note.id)!;
    expect({ exposure: queued.exposure, creditLeft: queued.creditLeft }).toEqual({ exposure: 59500, creditLeft: 100000 - (59500 - 29750) });

    // Approved but not yet issued, it already counts against the open invoice.
    await unwrap(t.supervisor.invoke('invoices.approve', { id: note.id }));
    const next = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Wartung', quantity: '1', netUnitPrice: '500', vatCategory: 'S', vatRate: '19' }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: next.id }));
    const item = (await unwrap(t.supervisor.invoke('approval.queue', {}))).find((i) => i.id === next.id)!;
    expect({ exposure: item.exposure, creditLeft: item.creditLeft, reasons: item.approvalReasons }).toEqual({ exposure: 29750, creditLeft: 100000 - 29750 - 59500, reasons: [] });
    // Within the limit once the credit note counts: approved without a risk confirmation.
    await unwrap(t.supervisor.invoke('invoices.approve', { id: next.id }));

    await unwrap(t.bookkeeper.invoke('invoices.issue', { id: note.id }));
    const risk = await unwrap(t.supervisor.invoke('customers.risk', { customerId: c.id }));
    expect(risk.exposure).toBe(29750 + 59500);
  });
});
