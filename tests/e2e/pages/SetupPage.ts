import type { Page } from 'playwright-core';

/** The first-start screen, in German. */
export class SetupPage {
  constructor(private readonly page: Page) {}

  async createAdmin(name: string, email: string, password: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Willkommen! Legen Sie den Administrator an' }).waitFor();
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('E-Mail').fill(email);
    await this.page.getByLabel('Passwort').fill(password);
    await this.page.getByRole('button', { name: 'Administrator anlegen' }).click();
  }
}
