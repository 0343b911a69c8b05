import type { Page } from 'playwright-core';
import { plain } from './common.js';

/** The mail screen, in German: outbox, templates, mail account. */
export class MailPage {
  constructor(private readonly page: Page) {}

  async tab(name: 'Postausgang' | 'Vorlagen' | 'E-Mail-Konto'): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const field = this.page.getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
  }

  async click(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  /** The text of the status box that appears after an action. */
  async notice(text: string | RegExp): Promise<string> {
    const box = this.page.locator('.notice', { hasText: text }).last();
    await box.waitFor();
    return plain(await box.textContent());
  }

  /** The outbox row that contains `text`. */
  outboxRow(text: string) {
    return this.page.getByRole('table', { name: 'Postausgang' }).locator('tbody tr', { hasText: text }).first();
  }

  /** The status cell of that row: status, error code, and who exported it when. */
  async outboxStatus(text: string): Promise<string> {
    return plain(await this.outboxRow(text).locator('.status').textContent());
  }

  /** The field error that contains `text`, once it is shown. */
  async fieldError(text: string): Promise<string> {
    const error = this.page.locator('.field-error', { hasText: text }).first();
    await error.waitFor();
    return plain(await error.textContent());
  }
}
