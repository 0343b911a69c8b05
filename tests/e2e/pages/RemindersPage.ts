import type { Page } from 'playwright-core';

/** The Reminders screen: today's proposed run, its letter preview and sending. */
export class RemindersPage {
  constructor(private readonly page: Page) {}

  async proposalRow(invoiceNumber: string) {
    const row = this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name: invoiceNumber, exact: true }) });
    await row.waitFor();
    return row;
  }

  /** Opens the preview of a proposal; returns the mail's subject and text as shown. */
  async preview(invoiceNumber: string): Promise<{ title: string; mailText: string }> {
    const row = await this.proposalRow(invoiceNumber);
    await row.getByRole('button', { name: 'Vorschau' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.locator('iframe').waitFor();
    const title = (await dialog.getByRole('heading').first().textContent()) ?? '';
    const mailText = (await dialog.locator('pre.mail-text').textContent()) ?? '';
    await dialog.getByRole('button', { name: 'Schließen' }).click();
    return { title, mailText };
  }

  /** How far the main area's content reaches beyond its visible width, in CSS pixels (0: it fits). */
  async mainOverflow(): Promise<number> {
    return this.page.locator('main#main').evaluate((main) => main.scrollWidth - main.clientWidth);
  }

  async sendAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Alle freigeben und senden' }).click();
    await this.page.getByText('Der Mahnlauf ist fertig.').waitFor({ timeout: 60_000 });
  }
}
