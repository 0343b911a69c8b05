import type { Page } from 'playwright-core';

/** The login screen, in German: the name (or e-mail) typed, or picked where the settings list users. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async logIn(user: string, password: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    const typed = this.page.getByLabel('E-Mail oder Name');
    const listed = this.page.getByLabel('Benutzer', { exact: true });
    await typed.or(listed).first().waitFor();
    if (await typed.isVisible()) {
      await typed.fill(user);
    } else {
      // The users arrive after the page: wait (bounded) until the one asked for is offered.
      const offered = listed.locator('option').filter({ hasText: new RegExp(`^${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
      await offered.first().waitFor({ state: 'attached', timeout: 10_000 }).catch(async () => {
        throw new Error(`No user ${user} among ${(await listed.locator('option').allTextContents()).join(', ')}`);
      });
      await listed.selectOption({ label: user });
    }
    await this.page.getByLabel('Passwort').fill(password);
    await this.page.getByRole('button', { name: 'Anmelden' }).click();
  }

  async errorText(): Promise<string> {
    return (await this.page.getByRole('alert').first().textContent()) ?? '';
  }
}
