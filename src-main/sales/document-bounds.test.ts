import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
let customerId: string;
let customerNumber: string;
beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  const c = await customer(t.bookkeeper, { paymentTermsDays: 14, skontoPercent: '2', skontoDays: 10 });
  customerId = c.id;
  customerNumber = c.number;
});
afterEach(async () => app.stop());

const line = (extra: Record<string, unknown> = {}) => ({ description: 'Beratung', quantity: '1', netUnitPrice: '1', ...extra });
const refused = (field: string, problem: string) => ({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field, problem }] } } });
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

async function approved(draft: Record<string, unknown>) {
  const saved = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId, ...draft } as never));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: saved.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: saved.id }));
  return saved;
}

describe('an invoice or order never comes to less than zero', () => {
  it('refuses a line discount above the line and allowances above the lines of their VAT rate, naming them', async () => {
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId, lines: [line({ discountAmount: '500.00' })] })).toMatchObject(refused('lines.0.discountAmount', 'validation.discountBeyondLine'));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId, lines: [line()], allowancesCharges: [{ isCharge: false, amount: '1000.00' }] })).toMatchObject(refused('allowancesCharges.0.amount', 'validation.allowanceBeyondTotal'));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId, lines: [line()], allowancesCharges: [{ isCharge: false, percent: '100' }, { isCharge: false, percent: '100' }] })).toMatchObject(refused('allowancesCharges.1.percent', 'validation.allowanceBeyondTotal'));
    // An allowance of the 7 % rate cannot be paid for by lines of 19 %.
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId, lines: [line({ netUnitPrice: '100' })], allowancesCharges: [{ isCharge: false, amount: '5.00', vatRate: '7' }] })).toMatchObject(refused('allowancesCharges.0.amount', 'validation.allowanceBeyondTotal'));
    expect(await t.bookkeeper.invoke('orders.save', { customerId, orderDate: '2026-12-01', lines: [line({ discountAmount: '1000.00' })] } as never)).toMatchObject(refused('lines.0.discountAmount', 'validation.discountBeyondLine'));
    // With the product's price, known only when the lines are built.
    const cheap = await product(t.bookkeeper, { sku: 'N1', netPrice: '1', vatRate: '19' });
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId, lines: [{ productId: cheap.id, quantity: '1', discountAmount: '5.00' }] })).toMatchObject(refused('lines.0.discountAmount', 'validation.discountBeyondLine'));
    // Exactly zero is fine: a free line.
    expect((await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId, lines: [line({ discountAmount: '1.00' }), line()] }))).totals.lines[0]!.netAmount).toBe(0);
  });

  it('refuses to confirm or issue one stored before the rule', async () => {
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId, orderDate: '2026-12-01', lines: [line()] } as never));
    const stored = (await app.services.books.db.orders.findOne(order.id).exec())!;
    await stored.incrementalPatch({ lines: [{ ...stored.toMutableJSON().lines[0]!, discountAmount: '1000' }] as never });
    expect(await t.bookkeeper.invoke('orders.confirm', { id: order.id })).toMatchObject(refused('lines.0.discountAmount', 'validation.discountBeyondLine'));

    const draft = await approved({ lines: [line()] });
    const doc = (await app.services.books.db.invoices.findOne(draft.id).exec())!;
    await doc.incrementalPatch({ allowancesCharges: [{ isCharge: false, amount: '1000', vatCategory: 'S', vatRate: '19' }] as never, totals: undefined as never });
    expect(await t.bookkeeper.invoke('invoices.issue', { id: draft.id })).toMatchObject(refused('allowancesCharges.0.amount', 'validation.allowanceBeyondTotal'));
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: draft.id }))).status).toBe('approved');
  });
});

describe('one stored order beyond the bounds', () => {
  it('is listed with its problem beside the others and can be cancelled, never confirmed', async () => {
    const fine = await unwrap(t.bookkeeper.invoke('orders.save', { customerId, orderDate: '2026-12-01', lines: [line()] } as never));
    const bad = await unwrap(t.bookkeeper.invoke('orders.save', { customerId, orderDate: '2026-12-01', lines: [line()] } as never));
    const stored = (await app.services.books.db.orders.findOne(bad.id).exec())!;
    await stored.incrementalPatch({ lines: [{ ...stored.toMutableJSON().lines[0]!, quantity: '999999999999', netUnitPrice: '99999999999999' }] as never });

    const list = await unwrap(t.supervisor.invoke('orders.list', {} as never));
    expect(list.items.map((o) => o.id).sort()).toEqual([fine.id, bad.id].sort());
    expect(list.items.find((o) => o.id === bad.id)).toMatchObject({ grossAmount: 0, problems: [{ field: 'lines.0', problem: 'validation.outOfRange' }] });
    expect(list.items.find((o) => o.id === fine.id)?.problems).toBeUndefined();
    expect(await t.bookkeeper.invoke('orders.get', { id: bad.id })).toMatchObject({ ok: true, value: { problems: [{ field: 'lines.0' }] } });
    expect(await t.bookkeeper.invoke('orders.confirm', { id: bad.id })).toMatchObject(refused('lines.0', 'validation.outOfRange'));
    expect(await t.bookkeeper.invoke('orders.cancel', { id: bad.id, reason: 'Menge falsch importiert' })).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('cannot come from a CSV import: the file is refused with line and column', async () => {
    await product(t.bookkeeper, { sku: 'MEHL-25' });
    const csv = ['Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Einzelpreis', `Z-1;${customerNumber};20.11.2026;MEHL-25;999999999999;1,00`].join('\n');
    expect(await t.bookkeeper.invoke('orders.importCsv', { fileName: 'f.csv', dataBase64: b64(csv) })).toMatchObject({
      ok: false,
      error: { code: 'IMPORT_FAILED', details: { problems: [{ line: 2, field: 'quantity', problem: 'validation.tooLarge', value: '999999999999', params: { max: '1000000' } }] } },
    });
    expect((await unwrap(t.bookkeeper.invoke('orders.list', {} as never))).items).toEqual([]);
  });
});

describe('issue dates', () => {
  it('refuses a date after today and a date before the newest invoice of an earlier year, at approval and issue', async () => {
    const { id } = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId, issueDate: '2026-12-31', lines: [line()] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id }));
    expect(await t.supervisor.invoke('invoices.approve', { id })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { date: '2026-12-31', today: '2026-12-02', fields: [{ field: 'issueDate', problem: 'validation.issueDateInFuture' }] } } });

    const current = await approved({ issueDate: '2026-12-01', lines: [line()] });
    expect((await unwrap(t.bookkeeper.invoke('invoices.issue', { id: current.id }))).number).toBe('RE-2026-A-000001');
    const backdated = await approved({ issueDate: '2026-11-30', lines: [line()] }).catch((e: Error) => e);
    expect(backdated).toBeInstanceOf(Error);
    // An earlier year has its own (empty) series, but numbers still follow time.
    const saved = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId, issueDate: '2019-01-01', lines: [line()] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: saved.id }));
    expect(await t.supervisor.invoke('invoices.approve', { id: saved.id })).toMatchObject({
      ok: false,
      error: { code: 'SERIES_DATE_BACKWARDS', details: { date: '2019-01-01', previousNumber: 'RE-2026-A-000001', previousDate: '2026-12-01' } },
    });
    // Stored as approved before the rule: refused at issue too, and nothing is numbered.
    await (await app.services.books.db.invoices.findOne(saved.id).exec())!.incrementalPatch({ status: 'approved', approvedBy: t.ids.supervisor!, approvedSeller: (await app.services.books.db.invoices.findOne(current.id).exec())!.toMutableJSON().approvedSeller as never });
    expect(await t.bookkeeper.invoke('invoices.issue', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'SERIES_DATE_BACKWARDS', details: { previousNumber: 'RE-2026-A-000001' } } });
    expect((await unwrap(t.bookkeeper.invoke('invoices.list', { search: 'RE-2019' } as never))).items).toEqual([]);
  });
});

describe('Skonto on the invoice draft', () => {
  it('is checked on the terms and Skonto the invoice ends up with, its own or the customer\'s', async () => {
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId, skontoPercent: '3', skontoDays: 30, lines: [line()] })).toMatchObject(refused('skontoDays', 'validation.skontoWithinTerms'));
    expect(await t.bookkeeper.invoke('invoices.saveDraft', { customerId, paymentTermsDays: 5, lines: [line()] })).toMatchObject(refused('paymentTermsDays', 'validation.skontoWithinTerms'));
    const fine = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId, paymentTermsDays: 30, skontoPercent: '3', skontoDays: 20, lines: [line()] }));
    expect(fine).toMatchObject({ paymentTermsDays: 30, skonto: { percent: '3', days: 20 } });
  });
});
