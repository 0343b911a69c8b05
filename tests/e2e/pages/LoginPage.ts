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
      let options: string[] = [];
      for (const until = Date.now() + 10_000; !options.includes(user) && Date.now() < until; await this.page.waitForTimeout(50)) {
        options = await listed.locator('option').allTextContents();
      }
      if (!options.includes(user)) throw new Error(`No user ${user} among ${options.join(', ')}`);
      await listed.selectOption({ label: user });
    }
    await this.page.getByLabel('Passwort').fill(password);
    await this.page.getByRole('button', { name: 'Anmelden' }).click();
  }

  async errorText(): Promise<string> {
    return (await this.page.getByRole('alert').first().textContent()) ?? '';
  }
}
