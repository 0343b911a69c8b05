import type { Locator, Page } from 'playwright-core';
import { FramePage } from './FramePage.js';

/** The "Kontoauszug importieren" tab of the payments screen. */
export class StatementImportPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Zahlungen');
    await this.page.getByRole('tab', { name: 'Kontoauszug importieren' }).click();
  }

  async pick(file: string): Promise<void> {
    await this.page.locator('input[type="file"]').setInputFiles(file);
  }

  problem(): Locator {
    return this.page.getByRole('alert');
  }

  bookButton(): Locator {
    return this.page.getByRole('button', { name: 'Kontoauszug buchen' });
  }

  confirmUnchecked(): Locator {
    return this.page.getByRole('checkbox', { name: 'Ich habe die Umsätze selbst geprüft und möchte trotzdem buchen.' });
  }
}
