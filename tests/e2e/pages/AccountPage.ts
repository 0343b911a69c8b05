import type { Page } from 'playwright-core';

/** After an administrator set the password: the screen where the user chooses their own. */
export class AccountPage {
  constructor(private readonly page: Page) {}

  async waitForChoice(): Promise<void> {
    await this.page.getByRole('form', { name: 'Neues Passwort wählen' }).waitFor();
  }

  async choosePassword(current: string, next: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Neues Passwort wählen' });
    await form.getByLabel('Aktuelles Passwort').fill(current);
    await form.getByLabel('Neues Passwort').fill(next);
    await form.getByRole('button', { name: 'Passwort ändern' }).click();
  }
}
