import type { Page } from 'playwright-core';
import { LoginPage } from './LoginPage.js';

/** "Benutzer wechseln" in the top bar, then log in as someone else. */
export async function switchUser(page: Page, user: string, password: string): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Benutzer wechseln' }).click();
  await new LoginPage(page).logIn(user, password);
  await page.locator('.topbar .who').waitFor();
}
