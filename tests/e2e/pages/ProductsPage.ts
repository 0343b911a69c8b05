import type { Locator, Page } from 'playwright-core';
import { fillIn, tableRows, toast } from './common.js';
import { FramePage } from './FramePage.js';

export type NewProduct = { sku: string; name: string; price: string; vatRate: '19' | '7'; unit?: string; stockTracked?: boolean };

export class ProductsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Artikel');
    await this.page.getByRole('heading', { level: 1, name: 'Artikel', exact: true }).waitFor();
  }

  private form(): Locator {
    return this.page.getByRole('form', { name: /^(Neuer Artikel|Artikel .+ bearbeiten)$/ });
  }

  async create(p: NewProduct): Promise<string> {
    await this.page.getByRole('button', { name: 'Neuer Artikel' }).click();
    const form = this.form();
    await form.waitFor();
    await fillIn(form, { Artikelnummer: p.sku, 'Bezeichnung (deutsch)': p.name, Nettopreis: p.price, 'USt.-Satz (%)': p.vatRate, ...(p.unit ? { Einheit: p.unit } : {}) });
    if (p.stockTracked) await form.getByRole('checkbox', { name: 'Wird auf Lager geführt' }).check();
    await form.getByRole('button', { name: 'Speichern' }).click();
    return toast(this.page, `Artikel ${p.sku} gespeichert`);
  }

  async receiveStock(sku: string, quantity: string): Promise<string> {
    await this.page.getByRole('button', { name: `Wareneingang: ${sku}`, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `Wareneingang: ${sku}` });
    await dialog.getByRole('textbox', { name: 'Menge', exact: true }).fill(quantity);
    await dialog.getByRole('button', { name: 'Wareneingang', exact: true }).click();
    return toast(this.page, `Bestand von ${sku} gebucht`);
  }

  async rows(): Promise<string[][]> {
    return tableRows(this.page.getByRole('table', { name: 'Artikel' }));
  }

  /** Price, VAT and the stock column (on hand / reserved / available) of the product with `sku`. */
  async row(sku: string): Promise<{ price: string; vat: string; onHand: string; reserved: string; available: string }> {
    const row = (await this.rows()).find((cells) => cells[0] === sku);
    if (!row) throw new Error(`No product ${sku}`);
    const [, , , price = '', vat = '', stock = ''] = row;
    const [onHand = stock, reserved = stock, available = stock] = stock.includes('/') ? stock.split('/').map((s) => s.trim()) : [];
    return { price, vat, onHand, reserved, available };
  }
}
