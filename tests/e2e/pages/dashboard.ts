import type { Locator, Page } from 'playwright-core';
import { plain } from './common.js';
import { FramePage } from './FramePage.js';

/** The figures of the Übersicht: the four amounts and the two queues. */
export type DashboardTile = 'open' | 'overdue' | 'dueThisWeek' | 'receivedThisMonth' | 'approvalQueue' | 'failedMails';

/** Übersicht: figure tiles that open the list behind them, the revenue chart and the top overdue customers. */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Übersicht');
    await this.tile('open').waitFor();
  }

  tile(name: DashboardTile): Locator {
    return this.page.locator(`.dashboard-tile[data-tile="${name}"]`);
  }

  /** A tile's figure as shown (`1.190,00 €`, `2`), with plain spaces. */
  async figure(name: DashboardTile): Promise<string> {
    return plain(await this.tile(name).locator('.dashboard-tile-figure').textContent());
  }

  /** A tile's detail line (`1 Rechnung`); empty for the queues. */
  async detail(name: DashboardTile): Promise<string> {
    const detail = this.tile(name).locator('.dashboard-tile-detail');
    return (await detail.count()) ? plain(await detail.textContent()) : '';
  }

  /** Opens the list behind a tile. */
  async follow(name: DashboardTile): Promise<void> {
    await this.tile(name).click();
  }

  topOverdue(): Locator {
    return this.page.getByRole('table', { name: 'Größte überfällige Beträge nach Kunde' });
  }

  /** Customer and overdue amount of each row of the top overdue customers. */
  async topOverdueRows(): Promise<string[][]> {
    const table = this.topOverdue();
    await table.waitFor();
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim())));
  }

  /** Opens the overdue list of one of the top overdue customers. */
  async followCustomer(name: string): Promise<void> {
    await this.topOverdue().getByRole('button', { name, exact: true }).click();
  }

  /** The revenue chart's figures as its table gives them: month → net amount. */
  async revenueByMonth(): Promise<Record<string, string>> {
    const details = this.page.locator('.dashboard-figures');
    if (await details.count()) {
      const open = await details.evaluate((d) => (d as HTMLDetailsElement).open);
      if (!open) await details.locator('summary').click();
    }
    const rows = await this.page.locator('.dashboard-revenue-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? '']));
    return Object.fromEntries(rows.map(([month, net]) => [plain(month), plain(net)]));
  }

  /** The chart's text alternative (its accessible name) when it is drawn. */
  async chartLabel(): Promise<string | null> {
    const canvas = this.page.locator('.dashboard-chart canvas');
    return (await canvas.count()) ? canvas.getAttribute('aria-label') : null;
  }
}
