/** Test support: real issued documents of every VAT case, made through the contract as a user would. */
import type { ApiClient, InvoiceView } from '../../../src-shared/contract/index.js';
import { customer, product, team } from '../books.js';
import { COMPANY, unwrap, type TestApp } from '../services.js';

export type Samples = {
  domestic: InvoiceView;
  reverseCharge: InvoiceView;
  intraEu: InvoiceView;
  export: InvoiceView;
  publicBuyer: InvoiceView;
  creditNote: InvoiceView;
  smallBusiness: InvoiceView;
};

export const LEITWEG_ID = '991-12345-67';

export async function issueSamples(app: TestApp): Promise<Samples> {
  const t = await team(app);
  const b = t.bookkeeper;
  const issue = async (draft: InvoiceView): Promise<InvoiceView> => {
    await unwrap(b.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
    return unwrap(b.invoke('invoices.issue', { id: draft.id }));
  };
  const draft = (client: ApiClient, input: Record<string, unknown>) => unwrap(client.invoke('invoices.saveDraft', input as never));

  const flour = await product(b); // 18.90 at 7 %
  const service = await product(b, { sku: 'WART-1', nameDe: 'Backofen-Wartung', nameEn: 'Oven maintenance', unit: 'HUR', netPrice: '95.00', vatRate: '19' });
  const screws = await product(b, { sku: 'SCHR-4', nameDe: 'Schrauben 4 x 40 mm', unit: 'C62', netPrice: '0.125', vatRate: '19' });
  const goods = await product(b, { sku: 'OFEN-9', nameDe: 'Etagenbackofen', nameEn: 'Deck oven', netPrice: '4890.00', vatRate: '19', stockTracked: true });
  await unwrap(b.invoke('products.receiveStock', { productId: goods.id, quantity: '10' }));

  const bakery = await customer(b, { skontoPercent: '2', skontoDays: 10 });
  const domestic = await issue(
    await draft(b, {
      customerId: bakery.id,
      supplyDate: '2026-11-20',
      lines: [
        // 3 x 18.90 = 56.70, 5 % off (2.84, 2.835 half up) -> 53.86 at 7 %
        { productId: flour.id, quantity: '3', discountPercent: '5' },
        // 2.5 h x 95.00 = 237.50 at 19 %
        { productId: service.id, quantity: '2.5' },
        // 250 x 0.125 = 31.25, minus 1.50 -> 29.75 at 19 %; a price with three decimals
        { productId: screws.id, quantity: '250', discountAmount: '1.50' },
      ],
      allowancesCharges: [
        { isCharge: true, amount: '9.90', reason: 'Fracht', vatCategory: 'S', vatRate: '19' },
        // 2 % of all lines: of the 7 % lines (53.86 -> 1.08) and of the 19 % lines (267.25 -> 5.35)
        { isCharge: false, percent: '2', reason: 'Treuerabatt', allRates: true },
      ],
    }),
  );

  const builder = await customer(b, { name: 'Bau AG', vatTreatment: 'reverseCharge13b', vatId: 'DE811569869', invoiceEmails: ['rechnung@bau.example'] });
  const reverseCharge = await issue(
    await draft(b, { customerId: builder.id, servicePeriodFrom: '2026-11-01', servicePeriodTo: '2026-11-30', lines: [{ productId: service.id, quantity: '12' }] }),
  );

  const vienna = await customer(b, {
    name: 'Wiener Backstube GmbH',
    vatTreatment: 'intraEu',
    vatId: 'ATU13585627',
    language: 'en',
    billingAddress: { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' },
    shippingAddress: { name: 'Wiener Backstube GmbH, Lager', street: 'Industriestraße 7', postalCode: '2351', city: 'Wiener Neudorf', country: 'AT' },
    invoiceEmails: ['office@backstube.example'],
  });
  const intraEu = await issue(await draft(b, { customerId: vienna.id, supplyDate: '2026-11-25', lines: [{ productId: goods.id, quantity: '1' }] }));

  const zurich = await customer(b, {
    name: 'Zürcher Beck AG',
    vatTreatment: 'export',
    billingAddress: { street: 'Bahnhofstrasse 10', postalCode: '8001', city: 'Zürich', country: 'CH' },
    invoiceEmails: ['kreditoren@beck.example'],
  });
  const exported = await issue(await draft(b, { customerId: zurich.id, lines: [{ productId: flour.id, quantity: '40' }] }));

  const city = await customer(b, {
    name: 'Stadt Köln, Amt für Schulentwicklung',
    buyerReference: LEITWEG_ID,
    eInvoiceFormat: 'xrechnung-cii',
    billingAddress: { street: 'Willy-Brandt-Platz 2', postalCode: '50679', city: 'Köln', country: 'DE' },
    invoiceEmails: ['e-rechnung@stadt-koeln.example'],
    paymentTermsDays: 30,
  });
  const publicBuyer = await issue(await draft(b, { customerId: city.id, lines: [{ productId: service.id, quantity: '4' }, { productId: flour.id, quantity: '2' }] }));

  // The whole domestic invoice back: lines, freight and allowance.
  const note = await unwrap(b.invoke('invoices.createCreditNote', { invoiceId: domestic.id, reason: 'Rücknahme der gesamten Lieferung' }));
  const creditNote = await issue(note);

  await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, smallBusiness: true }));
  const smallBusiness = await issue(await draft(b, { customerId: bakery.id, lines: [{ productId: flour.id, quantity: '2' }, { productId: service.id, quantity: '1' }] }));

  return { domestic, reverseCharge, intraEu, export: exported, publicBuyer, creditNote, smallBusiness };
}
