import type { Page } from 'playwright-core';
import { CustomersPage } from './CustomersPage.js';
import { FramePage } from './FramePage.js';
import { OrdersPage, type LineValues } from './OrdersPage.js';
import { SettingsPage } from './SettingsPage.js';
import { SetupPage } from './SetupPage.js';

export const ADMIN = { name: 'Anna Admin', email: 'anna@example.org', password: 'Geheim-Passwort-1' };
/** The company profile as typed into Settings, by German field label. */
export const COMPANY_FORM = {
  Firmenname: 'Muster & Söhne GmbH',
  'Straße und Hausnummer': 'Königsallee 1',
  PLZ: '40212',
  Ort: 'Düsseldorf',
  'USt-IdNr.': 'DE136695976',
  IBAN: 'DE89 3704 0044 0532 0130 00',
  BIC: 'COBADEFFXXX',
  'Zahlungsziel (Tage)': '14',
  Präfix: 'RE',
  'Serienbuchstabe dieses Geräts': 'A',
};
export const CUSTOMER = 'Café Morgenrot GmbH';
const CUSTOMER_ADDRESS = { Name: CUSTOMER, 'Straße und Hausnummer': 'Ehrenstraße 12', PLZ: '50672', Ort: 'Köln' };

/** New books set up through the screens as a user does: the first administrator, the company, a customer, an order. */
export class FirstBooks {
  constructor(private readonly page: Page) {}

  /** Creates the first administrator on the first-start screen and fills in the company profile; returns the save's message. */
  async company(extra: Record<string, string> = {}): Promise<string> {
    await new SetupPage(this.page).createAdmin(ADMIN.name, ADMIN.email, ADMIN.password);
    await this.page.getByRole('heading', { name: `Willkommen, ${ADMIN.name}` }).waitFor();
    await new FramePage(this.page).open('Einstellungen');
    const settings = new SettingsPage(this.page);
    await settings.waitForForm();
    await settings.fill({ ...COMPANY_FORM, ...extra });
    await settings.save();
    return settings.toast();
  }

  /** Creates the customer Café Morgenrot in Köln (with `extra` fields) and waits until it is saved. */
  async customer(extra: Record<string, string> = {}): Promise<CustomersPage> {
    const customers = new CustomersPage(this.page);
    await customers.open();
    await customers.startNew();
    await customers.fill({ ...CUSTOMER_ADDRESS, ...extra });
    await customers.save();
    await this.page.locator('.toast', { hasText: `Kunde ${CUSTOMER} gespeichert` }).waitFor();
    return customers;
  }

  /** A new order for the customer, its first line filled in, not yet saved. */
  async order(firstLine: LineValues): Promise<OrdersPage> {
    const orders = new OrdersPage(this.page);
    await orders.open();
    await orders.startNew();
    await orders.chooseCustomer('Morgen', CUSTOMER);
    await orders.setLine(1, firstLine);
    return orders;
  }
}
