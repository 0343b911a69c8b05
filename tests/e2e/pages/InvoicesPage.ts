import type { Locator, Page } from 'playwright-core';
import { plain, tableRows, toast, totalsOf } from './common.js';
import { FramePage } from './FramePage.js';

/** Rechnungen: the list and the detail view of one document with its actions. */
export class InvoicesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Rechnungen');
    await this.page.getByRole('heading', { level: 1, name: 'Rechnungen', exact: true }).waitFor();
  }

  list(): Locator {
    return this.page.getByRole('table', { name: 'Rechnungen' });
  }

  /** Number, type, customer, issue date, due date, gross, status per row. */
  async rows(): Promise<string[][]> {
    return tableRows(this.list());
  }

  /** Opens the first row that contains every one of `texts`. */
  async openRow(...texts: string[]): Promise<void> {
    let rows = this.list().locator('tbody tr');
    for (const text of texts) rows = rows.filter({ hasText: text });
    await rows.first().locator('.link-button').click();
    await this.detail().waitFor();
  }

  detail(): Locator {
    return this.page.locator('article.invoice-detail');
  }

  async waitForTitle(title: string): Promise<void> {
    await this.detail().getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
  }

  async title(): Promise<string> {
    return plain(await this.detail().getByRole('heading', { level: 1 }).textContent());
  }

  async status(): Promise<string> {
    return plain(await this.detail().locator('.record-head .chip').textContent());
  }

  /** The header facts (customer, dates, terms) by their German labels. */
  async facts(): Promise<Record<string, string>> {
    const pairs = await this.detail()
      .locator('.invoice-head dl')
      .evaluateAll((lists) => lists.flatMap((dl) => [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? ''] as const)));
    return Object.fromEntries(pairs.map(([k, v]) => [plain(k), plain(v)]));
  }

  async lines(): Promise<string[][]> {
    return tableRows(this.detail().getByRole('table', { name: 'Positionen' }));
  }

  async vatBreakdown(): Promise<string[][]> {
    return tableRows(this.detail().getByRole('table', { name: 'Steueraufstellung' }));
  }

  async totals(): Promise<Record<string, string>> {
    return totalsOf(this.detail().getByRole('table', { name: 'Summen' }));
  }

  /** The names of the action buttons offered for the document. */
  async actions(): Promise<string[]> {
    return (await this.detail().locator('.document-actions button').allTextContents()).map(plain);
  }

  /** Notices and alerts shown above the actions. */
  async notices(): Promise<string[]> {
    return (await this.detail().locator('.notice, .alert').allTextContents()).map(plain);
  }

  async act(button: string, toastText: string | RegExp): Promise<string> {
    await this.detail().locator('.document-actions').getByRole('button', { name: button, exact: true }).click();
    return toast(this.page, toastText);
  }

  /** Credit note dialog: a reason and, per invoice line (1-based), the quantity to credit. */
  async createCreditNote(reason: string, quantities: Record<number, string>): Promise<string> {
    await this.detail().getByRole('button', { name: 'Gutschrift erstellen …' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Gutschrift zu / });
    await dialog.getByRole('textbox', { name: 'Grund der Korrektur' }).fill(reason);
    await dialog.getByRole('radio', { name: 'Gewählte Positionen und Mengen' }).check();
    for (const [n, quantity] of Object.entries(quantities)) await dialog.getByRole('textbox', { name: `Menge der Gutschrift, Position ${n}` }).fill(quantity);
    await dialog.getByRole('button', { name: 'Gutschrift-Entwurf erstellen' }).click();
    return toast(this.page, 'Gutschrift-Entwurf erstellt');
  }

  async backToList(): Promise<void> {
    await this.detail().getByRole('button', { name: /Zurück zur Liste/ }).click();
    await this.list().waitFor();
  }
}
