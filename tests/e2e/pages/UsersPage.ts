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

  private row(email: string) {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('cell', { name: email, exact: true }) });
  }

  /** Sets a password the user must replace at the next login. */
  async resetPassword(user: { name: string; email: string }, password: string): Promise<string> {
    await this.row(user.email).getByRole('button', { name: 'Passwort zurücksetzen' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Neues Passwort für ${user.name}` });
    await dialog.getByLabel('Neues Passwort').fill(password);
    await dialog.getByRole('button', { name: 'Passwort setzen' }).click();
    return toast(this.page, `Passwort von ${user.name} zurückgesetzt`);
  }

  async deactivate(user: { name: string; email: string }): Promise<string> {
    await this.row(user.email).getByRole('button', { name: 'Deaktivieren' }).click();
    // Asked first, naming the user.
    await this.page.getByRole('dialog', { name: `${user.name} deaktivieren?` }).getByRole('button', { name: 'Deaktivieren' }).click();
    return toast(this.page, `${user.name} deaktiviert`);
  }

  async changeRole(user: { name: string }, role: string): Promise<string> {
    await this.page.getByRole('combobox', { name: `Rolle von ${user.name}` }).selectOption({ label: role });
    return toast(this.page, `Rolle von ${user.name} geändert`);
  }

  /** The row's cells as shown. */
  async rowOf(email: string): Promise<string[]> {
    return (await this.row(email).getByRole('cell').allTextContents()).map((c) => c.trim());
  }
}
