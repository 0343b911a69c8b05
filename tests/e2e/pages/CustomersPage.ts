import type { Locator, Page } from 'playwright-core';
import { fieldErrorsIn, fillIn, tableRows } from './common.js';
import { FramePage } from './FramePage.js';

export class CustomersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Kunden');
    await this.page.getByRole('heading', { level: 1, name: 'Kunden', exact: true }).waitFor();
  }

  form(): Locator {
    return this.page.getByRole('form', { name: /^(Neuer Kunde|Kunde .+ bearbeiten)$/ });
  }

  async startNew(): Promise<void> {
    await this.page.getByRole('button', { name: 'Neuer Kunde' }).click();
    await this.form().waitFor();
  }

  async fill(values: Record<string, string>): Promise<void> {
    await fillIn(this.form(), values);
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Speichern' }).click();
  }

  async fieldErrors(): Promise<Record<string, string>> {
    return fieldErrorsIn(this.form());
  }

  async rows(): Promise<string[][]> {
    return tableRows(this.page.getByRole('table', { name: 'Kunden' }));
  }
}
