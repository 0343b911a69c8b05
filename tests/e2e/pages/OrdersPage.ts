import type { Locator, Page } from 'playwright-core';
import { fieldIn, plain, tableRows, toast, totalsOf } from './common.js';
import { FramePage } from './FramePage.js';

export type LineValues = { product?: string; description?: string; quantity?: string; unitPrice?: string; discount?: string };

/** Aufträge: list, editor with live totals, confirmation, invoicing, CSV import. */
export class OrdersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Aufträge');
    await this.page.getByRole('heading', { level: 1, name: 'Aufträge', exact: true }).waitFor();
  }

  editor(): Locator {
    return this.page.getByRole('form', { name: /^(Neuer Auftrag|Auftrag .+)$/ });
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Neuer Auftrag' }).click();
    await this.editor().waitFor();
  }

  /** Searches the customer and chooses the match whose label contains `name`. */
  async chooseCustomer(search: string, name: string): Promise<void> {
    const editor = this.editor();
    await fieldIn(editor, 'Kunde suchen').fill(search);
    const select = fieldIn(editor, 'Kunde');
    await select.locator('option', { hasText: name }).waitFor({ state: 'attached' });
    const label = (await select.locator('option', { hasText: name }).first().textContent()) ?? '';
    await select.selectOption({ label });
  }

  /** Fills line `n` (1-based); products by their option text "SKU – name". */
  async setLine(n: number, values: LineValues): Promise<void> {
    const editor = this.editor();
    if (values.product !== undefined) {
      const select = editor.getByRole('combobox', { name: `Artikel, Position ${n}`, exact: true });
      await select.locator('option', { hasText: values.product }).waitFor({ state: 'attached' });
      const label = (await select.locator('option', { hasText: values.product }).first().textContent()) ?? '';
      await select.selectOption({ label });
    }
    const text = (field: string) => editor.getByRole('textbox', { name: `${field}, Position ${n}`, exact: true });
    if (values.description !== undefined) await text('Beschreibung').fill(values.description);
    if (values.quantity !== undefined) await text('Menge').fill(values.quantity);
    if (values.unitPrice !== undefined) await text('Einzelpreis (netto)').fill(values.unitPrice);
    if (values.discount !== undefined) await text('Rabatt (%)').fill(values.discount);
  }

  /** What the quantity and price fields of line `n` show. */
  async lineInputs(n: number): Promise<{ quantity: string; unitPrice: string }> {
    const text = (field: string) => this.editor().getByRole('textbox', { name: `${field}, Position ${n}`, exact: true });
    return { quantity: await text('Menge').inputValue(), unitPrice: await text('Einzelpreis (netto)').inputValue() };
  }

  async addLine(): Promise<void> {
    await this.editor().getByRole('button', { name: /Position hinzufügen/ }).click();
  }

  /** The net amount shown in line `n` of the editor. */
  async lineNet(n: number): Promise<string> {
    const row = this.editor().getByRole('table', { name: 'Positionen' }).locator('tbody tr').nth(n - 1);
    return plain(await row.locator('td').nth(7).textContent());
  }

  async totals(): Promise<Record<string, string>> {
    return totalsOf(this.editor().getByRole('table', { name: 'Summen' }));
  }

  async saveDraft(): Promise<string> {
    await this.editor().getByRole('button', { name: 'Entwurf speichern' }).click();
    return toast(this.page, /Auftrag .+ gespeichert/);
  }

  async confirm(): Promise<string> {
    await this.editor().getByRole('button', { name: 'Auftrag bestätigen' }).click();
    return toast(this.page, /Auftrag .+ bestätigt/);
  }

  async title(): Promise<string> {
    return plain(await this.editor().getByRole('heading', { level: 1 }).textContent());
  }

  async status(): Promise<string> {
    return plain(await this.editor().locator('.record-head .chip').textContent());
  }

  async createInvoice(): Promise<string> {
    await this.editor().getByRole('button', { name: 'Rechnung erstellen' }).click();
    return toast(this.page, /Rechnungsentwurf aus Auftrag .+ erstellt/);
  }

  async importCsv(fileName: string, content: string): Promise<void> {
    await this.page.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  }

  async importProblems(fileName: string): Promise<{ text: string; rows: string[][] }> {
    const region = this.page.getByRole('alert', { name: `Probleme in ${fileName}` });
    await region.waitFor();
    return { text: plain(await region.locator('p').first().textContent()), rows: await tableRows(region.getByRole('table')) };
  }

  async rows(): Promise<string[][]> {
    return tableRows(this.page.getByRole('table', { name: 'Aufträge' }));
  }
}
