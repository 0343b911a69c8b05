import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { fieldIn, plain, tableRows, toast } from './common.js';
import { FramePage } from './FramePage.js';

export type SyncConnection = { url: string; prefix: string; username: string; password: string };

/** Settings → Synchronisation: the server, the login, the connection test and sync on/off. */
export class SyncSettingsPage {
  constructor(private readonly page: Page) {}

  private main(): Locator {
    return this.page.getByRole('main');
  }

  async open(): Promise<void> {
    await new FramePage(this.page).open('Einstellungen');
    await this.page.getByRole('tab', { name: 'Synchronisation' }).click();
    await fieldIn(this.main(), 'Serveradresse').waitFor();
  }

  async fill(connection: Partial<SyncConnection>): Promise<void> {
    const labels = { url: 'Serveradresse', prefix: 'Datenbank-Präfix der Firma', username: 'Benutzer auf dem Server' } as const;
    for (const [key, label] of Object.entries(labels)) {
      const value = connection[key as keyof typeof labels];
      if (value !== undefined) await fieldIn(this.main(), label).fill(value);
    }
    if (connection.password !== undefined) await this.main().getByLabel('Passwort auf dem Server', { exact: true }).fill(connection.password);
  }

  /** Presses "Verbindung testen" and returns the server's answer in words. */
  async test(): Promise<string> {
    await this.main().getByRole('button', { name: 'Verbindung testen' }).click();
    return this.answer();
  }

  /**
   * Presses "Datenbanken anlegen" under the answer, gives the server administrator's login in the
   * dialog that asks for it, and returns the new answer.
   */
  async createDatabases(admin: { name: string; password: string }): Promise<string> {
    await this.answerBox().getByRole('button', { name: 'Datenbanken anlegen' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Datenbanken anlegen' });
    await fieldIn(dialog, 'Administrator des Servers').fill(admin.name);
    await dialog.getByLabel(/^Passwort des Administrators/).fill(admin.password);
    await dialog.getByRole('button', { name: 'Anlegen', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await this.answerBox().getByRole('button', { name: 'Datenbanken anlegen' }).waitFor({ state: 'detached' });
    return this.answer();
  }

  private answerBox(): Locator {
    return this.main().getByRole('status', { name: 'Verbindung testen' });
  }

  private async answer(): Promise<string> {
    await this.answerBox().waitFor();
    return plain(await this.answerBox().textContent());
  }

  async setEnabled(on: boolean): Promise<void> {
    await this.main().getByRole('switch', { name: 'Synchronisation eingeschaltet' }).setChecked(on);
  }

  async save(): Promise<string> {
    await this.main().getByRole('button', { name: 'Speichern' }).click();
    return toast(this.page, 'Einstellungen der Synchronisation gespeichert');
  }
}

/** The sync status in the top bar. */
export function syncBadge(page: Page): Locator {
  return page.getByRole('banner').getByRole('status', { name: 'Synchronisation' });
}

/** Waits (bounded) until the top bar's sync status reads `state`, e.g. /^Synchronisiert/. */
export async function badgeReads(page: Page, state: RegExp, timeout = 30_000): Promise<string> {
  await expect.poll(async () => plain(await syncBadge(page).locator('.sync-state').textContent()), { timeout, interval: 250 }).toMatch(state);
  return plain(await syncBadge(page).textContent());
}

/** Konflikte: the list, one conflict opened with both versions, and "keep the other version". */
export class ConflictsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    // The entry carries the count of open conflicts when there are any ("Konflikte 1").
    await this.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: /^Konflikte( \d+)?$/ }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Konflikte', exact: true }).waitFor();
  }

  async rows(): Promise<string[][]> {
    return tableRows(this.page.getByRole('table', { name: 'Konflikte' }));
  }

  async openConflict(record: string): Promise<void> {
    await this.page.getByRole('table', { name: 'Konflikte' }).getByRole('button', { name: record }).click();
    await this.page.getByRole('heading', { level: 1, name: record }).waitFor();
  }

  /** The opened conflict's explanation under "Was die App behalten hat". */
  async why(): Promise<string> {
    return plain(await this.page.getByRole('heading', { level: 2, name: 'Was die App behalten hat' }).locator('xpath=following-sibling::p[1]').textContent());
  }

  /** The opened conflict's versions: field → [kept, other], only the fields marked "abweichend". */
  async differingFields(): Promise<Record<string, [string, string]>> {
    const rows = await this.page.locator('table.conflict-versions tbody tr.differs').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th')?.childNodes[0]?.textContent ?? '', ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')]),
    );
    return Object.fromEntries(rows.map(([field, kept, other]) => [plain(field), [plain(kept), plain(other)]]));
  }

  async keepOther(): Promise<string> {
    await this.page.getByRole('button', { name: 'Die andere Version behalten', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Die andere Version behalten?' });
    await dialog.getByRole('button', { name: 'Andere Version behalten', exact: true }).click();
    return toast(this.page, 'Die andere Version gilt jetzt.');
  }
}
