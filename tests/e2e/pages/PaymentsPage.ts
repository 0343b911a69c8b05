import type { Locator, Page } from 'playwright-core';
import { fieldIn, tableRows } from './common.js';

/** The Payments screen, in German: its tabs, the request form, the review and cashier lists. */
export class PaymentsPage {
  constructor(private readonly page: Page) {}

  async tab(name: 'Zahlungen' | 'Kontoauszug importieren' | 'Prüfung' | 'Kasse' | 'Offene Posten'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  /** Opens "Zahlung anfordern" and returns the form. */
  async openRequestForm(): Promise<Locator> {
    await this.page.getByRole('button', { name: /^Zahlung anfordern/ }).click();
    const form = this.page.getByRole('form', { name: 'Ausgehende Zahlung anfordern' });
    await form.waitFor();
    return form;
  }

  field(form: Locator, label: string): Locator {
    return fieldIn(form, label);
  }

  /** The rows of the review or cashier list, as cell texts. */
  async requestRows(list: 'Prüfung' | 'Kasse'): Promise<string[][]> {
    return tableRows(this.page.locator('table', { has: this.page.locator('caption', { hasText: list }) }));
  }
}
