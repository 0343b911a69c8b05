import type { Page } from 'playwright-core';
import { toast } from './common.js';

/** Cancelling an open order from its editor: the dialog that asks first and wants a reason. */
export class OrderCancelPage {
  constructor(private readonly page: Page) {}

  async openOrder(number: string): Promise<void> {
    await this.page.getByRole('button', { name: number, exact: true }).click();
    await this.page.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();
  }

  private dialog(number: string) {
    return this.page.getByRole('dialog', { name: `Auftrag ${number} stornieren` });
  }

  async ask(number: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Auftrag stornieren' }).click();
    await this.dialog(number).waitFor();
  }

  /** Confirms without a reason: the field's error as shown. */
  async confirmWithoutReason(number: string): Promise<string> {
    const dialog = this.dialog(number);
    await dialog.getByRole('button', { name: 'Auftrag stornieren' }).click();
    const error = dialog.locator('.field-error');
    await error.waitFor();
    return (await error.textContent()) ?? '';
  }

  async confirm(number: string, reason: string): Promise<string> {
    const dialog = this.dialog(number);
    await dialog.getByLabel('Grund der Stornierung').fill(reason);
    await dialog.getByRole('button', { name: 'Auftrag stornieren' }).click();
    return toast(this.page, `Auftrag ${number} storniert`);
  }
}
