import type { Page } from 'playwright-core';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async logIn(userLabel: RegExp, password: string): Promise<void> {
    await this.page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    const select = this.page.getByLabel('Benutzer');
    // The users arrive after the page: wait (bounded) until the one asked for is offered.
    let options: string[] = [];
    let label: string | undefined;
    for (const until = Date.now() + 10_000; !label && Date.now() < until; await this.page.waitForTimeout(50)) {
      options = await select.locator('option').allTextContents();
      label = options.find((o) => userLabel.test(o));
    }
    if (!label) throw new Error(`No user ${userLabel} among ${options.join(', ')}`);
    await select.selectOption({ label });
    await this.page.getByLabel('Passwort').fill(password);
    await this.page.getByRole('button', { name: 'Anmelden' }).click();
  }

  async errorText(): Promise<string> {
    return (await this.page.getByRole('alert').first().textContent()) ?? '';
  }
}
