import type { Page } from 'playwright-core';

/** The frame around every screen: sidebar navigation and the top bar. */
export class FramePage {
  constructor(private readonly page: Page) {}

  async open(screen: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: screen, exact: true }).click();
  }

  async sidebarEntries(): Promise<string[]> {
    return this.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link').allTextContents();
  }

  async loggedInAs(): Promise<string> {
    return (await this.page.locator('.topbar .who').textContent()) ?? '';
  }
}
