import type { Download, Locator, Page } from 'playwright-core';
import { plain, tableRows } from './common.js';

export type ReportTabName = 'Offene Posten' | 'Kontoauszug' | 'Zahlungen' | 'Überfällig' | 'Umsatz' | 'Umsatzsteuer' | 'Liquiditätsvorschau';
export type QuickPeriod = 'Dieser Monat' | 'Letzter Monat' | 'Dieses Quartal' | 'Letztes Quartal' | 'Dieses Jahr' | 'Letztes Jahr';

/** The Berichte screen, in German: its tabs, filters, the tables it shows, the exports. */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  /** Opens Berichte from the sidebar, at its first tab. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Berichte', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Berichte', level: 1 }).waitFor();
  }

  async tab(name: ReportTabName): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
    await this.settled();
  }

  /** A period typed into Von and Bis (`YYYY-MM-DD`), or one of the quick picks. */
  async period(from: string, to: string): Promise<void> {
    await this.panel().getByLabel('Von', { exact: true }).fill(from);
    await this.panel().getByLabel('Bis', { exact: true }).fill(to);
    await this.settled();
  }

  async quickPeriod(name: QuickPeriod): Promise<void> {
    await this.panel().getByRole('group', { name: 'Zeitraum schnell wählen' }).getByRole('button', { name, exact: true }).click();
    await this.settled();
  }

  async asOf(day: string): Promise<void> {
    await this.panel().getByLabel('Stichtag', { exact: true }).fill(day);
    await this.settled();
  }

  /** Chooses a customer by name (searched first), or all customers with `null`. */
  async customer(name: string | null): Promise<void> {
    const select = this.panel().getByRole('combobox', { name: /^Kunde/ });
    if (name === null) {
      await select.selectOption({ index: 0 });
    } else {
      await this.panel().getByRole('searchbox', { name: 'Kunde suchen' }).fill(name);
      await select.locator('option', { hasText: name }).first().waitFor({ state: 'attached' });
      await select.selectOption({ label: await select.locator('option', { hasText: name }).first().innerText() });
    }
    await this.settled();
  }

  /** A table of the open tab by its caption (the report's title). */
  table(caption: string | RegExp): Locator {
    return this.panel().locator('table', { has: this.page.locator('caption', { hasText: caption }) }).first();
  }

  async rows(caption: string | RegExp): Promise<string[][]> {
    return tableRows(this.table(caption));
  }

  /** The figure in column `column` of the first row that mentions `rowText` (`null`: the totals row). */
  async figure(caption: string | RegExp, rowText: string | null, column: string): Promise<string> {
    const table = this.table(caption);
    await table.waitFor();
    const headers = (await table.locator('thead th').allInnerTexts()).map((h) => plain(h.replace(/[▲▼]/g, '')));
    const index = headers.indexOf(column);
    if (index < 0) throw new Error(`No column "${column}" in ${headers.join(' | ')}`);
    const row = rowText === null ? table.locator('tfoot tr').first() : table.locator('tbody tr', { hasText: rowText }).first();
    return plain(await row.locator('th, td').nth(index).innerText());
  }

  /** The check line of Offene Posten (✓ or ✗ and its words). */
  async checkLine(): Promise<string> {
    return plain(await this.panel().getByTestId('receivables-check').innerText());
  }

  /** Clicks CSV, Excel or PDF and returns the download. */
  async export(format: 'CSV' | 'Excel' | 'PDF'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.panel().getByRole('group', { name: 'Bericht exportieren' }).getByRole('button', { name: format, exact: true }).click()]);
    return download;
  }

  /** Opens the documents behind a VAT figure (a Kennzahl such as 81) and returns the dialog. */
  async vatDocuments(key: string): Promise<Locator> {
    await this.panel().getByRole('button', { name: `Belege zu Kennzahl ${key} zeigen` }).first().click();
    const dialog = this.page.getByRole('dialog', { name: `Belege zu Kennzahl ${key}` });
    await dialog.locator('table').waitFor();
    return dialog;
  }

  private panel(): Locator {
    return this.page.getByRole('tabpanel');
  }

  /** Waits until the reports of the open tab have been worked out for the filters shown. */
  private async settled(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('[role="tabpanel"] [data-busy="true"]') === null);
  }
}
