import type { Locator, Page } from 'playwright-core';

/** Settings → company profile, addressed by the German field labels. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  private form(): Locator {
    return this.page.getByRole('form', { name: 'Firmenprofil' });
  }

  /** A text box or select by its accessible name (the label without the required mark). */
  field(label: string): Locator {
    const form = this.form();
    return form.getByRole('textbox', { name: label, exact: true }).or(form.getByRole('combobox', { name: label, exact: true }));
  }

  async waitForForm(): Promise<void> {
    await this.field('Firmenname').waitFor();
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const field = this.field(label);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }

  async values(labels: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const label of labels) out[label] = await this.field(label).inputValue();
    return out;
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Speichern' }).click();
  }

  /** The error text shown under each field, by label. */
  async fieldErrors(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const field of await this.form().locator('.field-invalid').all()) {
      const label = ((await field.locator('label').textContent()) ?? '').replace(/\s*\*$/, '').trim();
      out[label] = ((await field.locator('.field-error').textContent()) ?? '').trim();
    }
    return out;
  }

  async toast(): Promise<string> {
    const toast = this.page.locator('.toast').last();
    await toast.waitFor();
    return (await toast.textContent()) ?? '';
  }
}
