/** Test helpers that set up the books through the real contract, as a user would. */
import type { ApiClient, CustomerView, ProductView } from '../../src-shared/contract/index.js';
import { COMPANY, PASSWORD, unwrap, withUsers } from './services.js';
import type { TestApp } from './services.js';

export type Team = { admin: ApiClient; bookkeeper: ApiClient; supervisor: ApiClient; ids: Record<string, string> };

export async function team(app: TestApp): Promise<Team> {
  const admin = app.client();
  const ids = await withUsers(app, admin, ['bookkeeper', 'supervisor', 'cashier']);
  const bookkeeper = app.client();
  await unwrap(bookkeeper.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD }));
  const supervisor = app.client();
  await unwrap(supervisor.invoke('auth.login', { userId: ids.supervisor!, password: PASSWORD }));
  await unwrap(admin.invoke('settings.saveCompany', COMPANY));
  return { admin, bookkeeper, supervisor, ids };
}

export const ADDRESS = { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' };

export async function customer(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<CustomerView> {
  return unwrap(
    client.invoke('customers.save', {
      name: 'Bäckerei Schmidt GmbH',
      billingAddress: ADDRESS,
      paymentTermsDays: 14,
      kind: 'business',
      invoiceEmails: ['buchhaltung@schmidt.example'],
      ...overrides,
    } as never),
  );
}

export async function product(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<ProductView> {
  return unwrap(client.invoke('products.save', { sku: 'MEHL-25', nameDe: 'Mehl Type 550, 25 kg', nameEn: 'Flour type 550, 25 kg', unit: 'C62', netPrice: '18.90', vatCategory: 'S', vatRate: '7', ...overrides } as never));
}

/**
 * The products and customers of every VAT case the sales reports and the tax exports are tested
 * with: consulting at 19 %, tea at 7 %, a stock-tracked machine; a domestic customer with Skonto,
 * § 13b, intra-EU (Austria), export (Switzerland) and tax-exempt, created in that order.
 */
export async function vatCaseBooks(client: ApiClient) {
  const service = await product(client, { sku: 'BERATUNG', nameDe: 'Beratung', nameEn: 'Consulting', unit: 'HUR', netPrice: '100.00', vatRate: '19' });
  const tea = await product(client, { sku: 'TEE', nameDe: 'Tee', nameEn: 'Tea', netPrice: '50.00', vatRate: '7' });
  const machine = await product(client, { sku: 'MASCHINE', nameDe: 'Maschine', nameEn: 'Machine', netPrice: '300.00', vatRate: '19', stockTracked: true, allowBackorder: true });
  const dom = await customer(client, { name: 'Inland GmbH', paymentTermsDays: 30, skontoPercent: '2', skontoDays: 10 });
  const rc = await customer(client, { name: 'Bau AG', vatTreatment: 'reverseCharge13b', vatId: 'DE811569869' });
  const eu = await customer(client, { name: 'Wien GmbH', vatTreatment: 'intraEu', vatId: 'ATU13585627', billingAddress: { street: 'Ring 1', postalCode: '1010', city: 'Wien', country: 'AT' } });
  const ex = await customer(client, { name: 'Zürich AG', vatTreatment: 'export', billingAddress: { street: 'Bahnhofstr. 1', postalCode: '8001', city: 'Zürich', country: 'CH' } });
  const exm = await customer(client, { name: 'Praxis Dr. Weiß', vatTreatment: 'exempt', exemptionReason: 'Steuerfrei nach § 4 Nr. 14 UStG' });
  return { service, tea, machine, dom, rc, eu, ex, exm };
}
