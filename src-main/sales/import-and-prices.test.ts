import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('CSV order import through the contract', () => {
  it('imports every order of a good file as drafts, priced from the products', async () => {
    const c = await customer(t.bookkeeper);
    await product(t.bookkeeper);
    // Yeast by the kilogram: 2,5 of it is a quantity.
    await product(t.bookkeeper, { sku: 'HEFE-1', nameDe: 'Hefe, 1 kg', unit: 'KGM', netPrice: '4.20' });
    const csv = [
      'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Einzelpreis;Notiz',
      `W-1001;${c.number};20.11.2026;MEHL-25;4;;Lieferung bis Freitag`,
      `W-1001;${c.number};20.11.2026;HEFE-1;2,5;3,99;`,
      `W-1002;${c.number};21.11.2026;HEFE-1;1;;`,
    ].join('\n');
    const result = await unwrap(t.bookkeeper.invoke('orders.importCsv', { fileName: 'webshop.csv', dataBase64: b64(csv) }));
    expect(result.imported).toBe(2);
    const first = await unwrap(t.bookkeeper.invoke('orders.get', { id: result.orderIds[0]! }));
    expect(first).toMatchObject({ status: 'draft', customerReference: 'W-1001', orderDate: '2026-11-20', note: 'Lieferung bis Freitag' });
    expect(first.lines.map((l) => [l.description, l.quantity, l.netUnitPrice])).toEqual([
      ['Mehl Type 550, 25 kg', '4', '18.9'],
      ['Hefe, 1 kg', '2.5', '3.99'],
    ]);
    // The same file again is refused as a whole.
    const again = await t.bookkeeper.invoke('orders.importCsv', { fileName: 'webshop.csv', dataBase64: b64(csv) });
    expect(again).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED' } });
    expect((await unwrap(t.bookkeeper.invoke('orders.list', {}))).total).toBe(2);
  });

  it('reports every bad row with line and field and imports nothing', async () => {
    const c = await customer(t.bookkeeper);
    await product(t.bookkeeper);
    const csv = [
      'order_number,customer_number,order_date,sku,quantity',
      `A1,${c.number},2026-11-20,MEHL-25,2`,
      `A2,K-99999,2026-11-20,MEHL-25,1`,
      `A3,${c.number},2026-11-20,GIBTSNICHT,1`,
      `A4,${c.number},2026-02-31,MEHL-25,0`,
    ].join('\n');
    const result = await t.bookkeeper.invoke('orders.importCsv', { fileName: 'bad.csv', dataBase64: b64(csv) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('IMPORT_FAILED');
    // The format problems come first; the file never reaches the customer and product checks.
    expect(result.error.details?.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 5, field: 'order_date', problem: 'import.date' }),
        expect.objectContaining({ line: 5, field: 'quantity', problem: 'import.quantity' }),
      ]),
    );
    expect((await unwrap(t.bookkeeper.invoke('orders.list', {}))).total).toBe(0);

    const fixed = csv.replace('2026-02-31,MEHL-25,0', '2026-02-28,MEHL-25,1');
    const second = await t.bookkeeper.invoke('orders.importCsv', { fileName: 'bad.csv', dataBase64: b64(fixed) });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.details?.problems).toEqual([
      { line: 3, field: 'customer_number', problem: 'import.unknownCustomer', value: 'K-99999' },
      { line: 4, field: 'sku', problem: 'import.unknownProduct', value: 'GIBTSNICHT' },
    ]);
    expect((await unwrap(t.bookkeeper.invoke('orders.list', {}))).total).toBe(0);
  });
});

describe('promotional price lists', () => {
  it('apply within their dates and for their customers only, never above the list price', async () => {
    const flour = await product(t.bookkeeper);
    const regular = await customer(t.bookkeeper);
    const favoured = await customer(t.bookkeeper, { name: 'Konditorei Weber' });
    await unwrap(
      t.bookkeeper.invoke('priceLists.save', { name: 'Herbstaktion', validFrom: '2026-11-01', validTo: '2026-11-30', customerIds: [favoured.id], prices: [{ productId: flour.id, netPrice: '16.50' }] }),
    );
    const priceOn = async (customerId: string, orderDate: string) =>
      (await unwrap(t.bookkeeper.invoke('orders.save', { customerId, orderDate, lines: [{ productId: flour.id, quantity: '1' }] }))).lines[0]!.netUnitPrice;
    expect(await priceOn(favoured.id, '2026-11-15')).toBe('16.5');
    expect(await priceOn(favoured.id, '2026-12-01')).toBe('18.9');
    expect(await priceOn(regular.id, '2026-11-15')).toBe('18.9');
    expect(await t.bookkeeper.invoke('priceLists.save', { name: 'Falsch', validFrom: '2026-12-01', validTo: '2026-11-01', prices: [{ productId: flour.id, netPrice: '1' }] })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'validTo', problem: 'validation.periodOrder' }] } },
    });
  });
});
