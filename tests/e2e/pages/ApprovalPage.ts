import type { Locator, Page } from 'playwright-core';
import { tableRows, toast } from './common.js';
import { FramePage } from './FramePage.js';

/** Freigabe: the approval queue. */
export class ApprovalPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Freigabe');
    await this.page.getByRole('heading', { level: 1, name: 'Freigabe', exact: true }).waitFor();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Freigabe' });
  }

  /** Document, customer, creator, amount, credit limit, exposure, credit left, risk, dates, actions. */
  async rows(): Promise<string[][]> {
    return tableRows(this.table());
  }

  row(text: string): Locator {
    return this.table().locator('tbody tr', { hasText: text });
  }

  async creditLeftIsHighlighted(text: string): Promise<boolean> {
    return (await this.row(text).locator('td').nth(6).locator('.negative').count()) === 1;
  }

  async approve(text: string): Promise<string> {
    // Over the limit or a high risk, the button says that approving confirms the risk.
    await this.row(text).getByRole('button', { name: /^(Freigeben|Trotz Risiko freigeben)$/ }).click();
    return toast(this.page, /freigegeben/);
  }

  async emptyText(): Promise<string> {
    return (await this.page.locator('.empty-state p').textContent()) ?? '';
  }
}
