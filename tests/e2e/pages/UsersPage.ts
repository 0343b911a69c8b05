import type { Page } from 'playwright-core';
import { fillIn, toast } from './common.js';
import { FramePage } from './FramePage.js';

/** Settings → Benutzer: the admin adds users. */
export class UsersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Einstellungen');
    await this.page.getByRole('tab', { name: 'Benutzer' }).click();
    await this.form().waitFor();
  }

  private form() {
    return this.page.getByRole('form', { name: 'Benutzer anlegen' });
  }

  async add(user: { name: string; email: string; role: string; password: string }): Promise<string> {
    await fillIn(this.form(), { Name: user.name, 'E-Mail': user.email, Rolle: user.role, Passwort: user.password });
    await this.form().getByRole('button', { name: 'Benutzer anlegen' }).click();
    return toast(this.page, `Benutzer ${user.name} angelegt`);
  }
}
