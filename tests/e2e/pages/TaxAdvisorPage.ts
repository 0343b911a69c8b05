import type { Download, Locator, Page } from 'playwright-core';
import { fieldErrorsIn, fieldIn, plain, tableRows, toast } from './common.js';

/** The DATEV settings as the form labels them (German); only the fields given are typed. */
export type DatevSettingsValues = Partial<Record<'Beraternummer' | 'Mandantennummer' | 'Debitoren ab Konto' | 'Sachkontenlänge' | 'Wirtschaftsjahr beginnt im Monat', string>>;

/** Berichte → Export für den Steuerberater, in German: DATEV, its settings, UStVA and ZM, auditor export, history. */
export class TaxAdvisorPage {
  constructor(private readonly page: Page) {}

  /** Opens Berichte from the sidebar and its tab "Export für den Steuerberater". */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Berichte', exact: true }).click();
    await this.page.getByRole('heading', { name: 'Berichte', level: 1 }).waitFor();
    await this.page.getByRole('tab', { name: 'Export für den Steuerberater', exact: true }).click();
    await this.section('DATEV').waitFor();
  }

  /** A section of the tab by the start of its heading (DATEV, Umsatzsteuer-Voranmeldung, Zusammenfassende Meldung, Betriebsprüfung, Bisherige Exporte). */
  section(heading: string): Locator {
    return this.panel().getByRole('region', { name: new RegExp(`^${heading}`) });
  }

  /** The shared period Von/Bis (`YYYY-MM-DD`). */
  async period(from: string, to: string): Promise<void> {
    await this.panel().getByLabel('Von', { exact: true }).fill(from);
    await this.panel().getByLabel('Bis', { exact: true }).fill(to);
  }

  async festgeschrieben(on: boolean): Promise<void> {
    await this.section('DATEV').getByRole('checkbox', { name: /^Festgeschrieben/ }).setChecked(on);
  }

  // ---- settings ----

  /** The settings form, opened if closed. */
  async settings(): Promise<Locator> {
    const toggle = this.section('DATEV').getByRole('button', { name: /DATEV-Einstellungen/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const form = this.section('DATEV').getByRole('form', { name: 'Kontenzuordnung und DATEV-Einstellungen' });
    await fieldIn(form, 'Beraternummer').waitFor();
    return form;
  }

  async fillSettings(values: DatevSettingsValues): Promise<void> {
    const form = await this.settings();
    for (const [label, value] of Object.entries(values)) {
      const field = fieldIn(form, label);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
  }

  /** Chooses SKR03 or SKR04 and answers the question about the default accounts. */
  async chart(chart: 'SKR03' | 'SKR04', fillDefaults: boolean): Promise<void> {
    const form = await this.settings();
    await fieldIn(form, 'Kontenrahmen').selectOption(chart);
    const dialog = this.page.getByRole('dialog', { name: 'Standardkonten übernehmen?' });
    await dialog.getByRole('button', { name: fillDefaults ? 'Standardkonten eintragen' : 'Konten behalten' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** An account of the map by its label ("Erlöse 19 % USt"). */
  async account(label: string): Promise<string> {
    return fieldIn(await this.settings(), label).inputValue();
  }

  /** The field errors the settings form shows now, by label. */
  async settingsErrors(): Promise<Record<string, string>> {
    return fieldErrorsIn(await this.settings());
  }

  /** Saves the settings; returns the field errors shown (empty when saved). */
  async saveSettings(): Promise<Record<string, string>> {
    const form = await this.settings();
    // Submitting takes the toasts of the save before away; the answer brings its own.
    await form.getByRole('button', { name: 'Einstellungen speichern' }).click();
    const outcome = await Promise.race([
      toast(this.page, 'Bitte korrigieren Sie die markierten Felder').then(() => 'invalid' as const),
      toast(this.page, 'DATEV-Einstellungen wurden gespeichert').then(() => 'saved' as const),
    ]);
    return outcome === 'invalid' ? fieldErrorsIn(form) : {};
  }

  // ---- DATEV ----

  async preview(): Promise<void> {
    await this.section('DATEV').getByRole('button', { name: 'Vorschau', exact: true }).click();
    await this.section('DATEV').getByTestId('datev-preview').waitFor();
    await this.settledButtons();
  }

  /** The sentence over the preview ("… 3 Buchungszeilen in 1 Datei(en)."). */
  async previewSummary(): Promise<string> {
    return plain(await this.section('DATEV').locator('.datev-preview .report-summary').innerText());
  }

  /** Sums per account: rows of Konto, Bezeichnung, Soll, Haben. */
  async accountSums(): Promise<string[][]> {
    return tableRows(this.table('DATEV', 'Summen je Konto'));
  }

  /** The first lines: Umsatz, S/H, Konto, Gegenkonto, BU, Belegdatum, Belegfeld 1, Buchungstext, Fälligkeit. */
  async lines(): Promise<string[][]> {
    return tableRows(this.table('DATEV', /^Erste Buchungszeilen/));
  }

  async problems(kind: 'errors' | 'warnings'): Promise<string[]> {
    const box = this.section('DATEV').getByTestId(`datev-${kind}`);
    if ((await box.count()) === 0) return [];
    return (await box.locator('li').allInnerTexts()).map(plain);
  }

  downloadButton(): Locator {
    return this.section('DATEV').getByRole('button', { name: 'Herunterladen', exact: true });
  }

  /**
   * Clicks Herunterladen and returns the `count` files saved. `confirmAgain`: the period was
   * exported before; the question naming the earlier exports is answered with "Erneut exportieren"
   * and its text returned.
   */
  async download(count: number, confirmAgain = false): Promise<{ files: Download[]; earlier: string }> {
    const files: Download[] = [];
    const all = new Promise<void>((resolve) => {
      const on = (d: Download) => {
        files.push(d);
        if (files.length === count) {
          this.page.off('download', on);
          resolve();
        }
      };
      this.page.on('download', on);
    });
    await this.downloadButton().click();
    let earlier = '';
    if (confirmAgain) {
      const dialog = this.page.getByRole('dialog', { name: 'Zeitraum bereits exportiert' });
      await dialog.waitFor();
      earlier = plain(await dialog.innerText());
      await dialog.getByRole('button', { name: 'Erneut exportieren' }).click();
    }
    await all;
    await toast(this.page, 'DATEV-Export erstellt');
    await this.settledButtons();
    return { files, earlier };
  }

  // ---- UStVA, ZM ----

  /** Chooses the UStVA's year and month ("Dezember") or quarter ("4. Quartal"). */
  async ustvaPeriod(year: string, part: string): Promise<void> {
    const section = this.section('Umsatzsteuer-Voranmeldung');
    await fieldIn(section, 'Jahr').selectOption(year);
    await fieldIn(section, 'Monat oder Quartal').selectOption({ label: part });
    await this.settledReports();
  }

  /** Chooses the ZM's year and month or quarter; returns the caption of its table once shown. */
  async zmPeriod(year: string, part: string): Promise<string> {
    const section = this.section('Zusammenfassende Meldung');
    await fieldIn(section, 'Jahr').selectOption(year);
    await fieldIn(section, 'Monat oder Quartal').selectOption({ label: part });
    await this.settledReports();
    return plain(await section.locator('table caption').first().innerText());
  }

  /** The UStVA's Kennzahl row ("Kz 81") as Kennzahl, Bezeichnung, Bemessungsgrundlage, Steuer; "Kz 83" from its highlighted row. */
  async kennzahl(kz: string): Promise<string[]> {
    const table = this.section('Umsatzsteuer-Voranmeldung').locator('table').first();
    await table.waitFor();
    await this.settledReports();
    if (kz === 'Kz 83') return (await table.getByTestId('ustva-kz83').locator('th, td').allInnerTexts()).map(plain);
    const rows = await tableRows(table);
    const row = rows.find((r) => r[0] === kz);
    if (!row) throw new Error(`No ${kz} in ${JSON.stringify(rows)}`);
    return row;
  }

  async elsterNote(): Promise<string> {
    return plain(await this.section('Umsatzsteuer-Voranmeldung').getByTestId('elster-note').innerText());
  }

  /** PDF or CSV of the UStVA or the ZM. */
  async exportReturn(section: 'Umsatzsteuer-Voranmeldung' | 'Zusammenfassende Meldung', format: 'PDF' | 'CSV'): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.section(section).getByRole('group', { name: 'Bericht exportieren' }).getByRole('button', { name: format, exact: true }).click()]);
    return download;
  }

  // ---- auditor, history ----

  /** Creates the auditor export and returns the ZIP saved and the tables listed (name, rows). */
  async auditorExport(): Promise<{ file: Download; tables: string[][]; button: string }> {
    const section = this.section('Betriebsprüfung');
    const button = plain(await section.getByRole('button', { name: /^Prüferexport/ }).innerText());
    const [file] = await Promise.all([this.page.waitForEvent('download'), section.getByRole('button', { name: /^Prüferexport .+ erstellen$/ }).click()]);
    return { file, button, tables: await tableRows(section.locator('table').first()) };
  }

  /** The history's rows: Datum, Benutzer, Art, Zeitraum (with "erneut exportiert"), Festgeschrieben, Dateien. */
  async history(): Promise<string[][]> {
    return tableRows(this.section('Bisherige Exporte').locator('table'));
  }

  /** Waits until the history lists `count` exports. */
  async historyCount(count: number): Promise<string[][]> {
    await this.page.waitForFunction((n) => document.querySelectorAll('[data-testid="tax-export-history"] tbody tr:not(:has(.report-empty))').length === n, count);
    return this.history();
  }

  private table(section: string, caption: string | RegExp): Locator {
    return this.section(section).locator('table', { has: this.page.locator('caption', { hasText: caption }) }).first();
  }

  private panel(): Locator {
    return this.page.getByRole('tabpanel');
  }

  private async settledButtons(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('[role="tabpanel"] [aria-busy="true"]') === null);
  }

  private async settledReports(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('[role="tabpanel"] [data-busy="true"]') === null);
  }
}
