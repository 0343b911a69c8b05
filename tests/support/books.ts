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
