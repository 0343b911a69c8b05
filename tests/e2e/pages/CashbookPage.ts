import type { Locator, Page } from 'playwright-core';
import { FramePage } from './FramePage.js';
import { fillIn, fieldErrorsIn, plain, tableRows, toast } from './common.js';

/** A cash entry as typed; `type` is the key 1–6 of the type field (1 Einnahme, 2 Ausgabe, …). */
export type CashEntryKeys = { type?: '1' | '2' | '3' | '4' | '5' | '6'; amount: string; vatRate?: '19' | '7' | '0'; category: string; text: string; invoice?: string };

const TYPE_KEY = { '1': 'income', '2': 'expense', '3': 'privateDeposit', '4': 'privateWithdrawal', '5': 'transitIn', '6': 'transitOut' } as const;
const RATE_KEY = { '19': '1', '7': '7', '0': '0' } as const;

/** The Kasse screen, in German: cash books, the entry form typed by keyboard, the day's table, the closing. */
export class CashbookPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new FramePage(this.page).open('Kasse');
    await this.page.getByRole('heading', { name: 'Kasse', level: 1 }).waitFor();
  }

  get entryForm(): Locator {
    return this.page.getByRole('form', { name: 'Kassenbuchung erfassen' });
  }

  /** Opens a cash book on this device through "Neues Kassenbuch"; returns the toast. */
  async createBook(values: { name: string; location?: string; openingDate?: string; openingBalance?: string }): Promise<string> {
    await this.page.getByRole('button', { name: 'Neues Kassenbuch' }).first().click();
    const form = this.page.getByRole('form', { name: 'Neues Kassenbuch' });
    await form.waitFor();
    await fillIn(form, { Name: values.name, ...(values.location ? { Standort: values.location } : {}), ...(values.openingBalance ? { Anfangsbestand: values.openingBalance } : {}) });
    if (values.openingDate) await form.getByLabel(/^Eröffnet am/).fill(values.openingDate);
    await form.getByRole('button', { name: 'Kassenbuch anlegen' }).click();
    return toast(this.page, `Kassenbuch ${values.name} angelegt`);
  }

  /** Chooses a cash book by the start of its label (its name). */
  async selectBook(name: string): Promise<void> {
    const select = this.page.getByRole('combobox', { name: 'Kassenbuch', exact: true });
    const label = await select.locator('option').filter({ hasText: name }).first().textContent();
    await select.selectOption({ label: label ?? name });
  }

  /** Shows the day `date` (YYYY-MM-DD). */
  async showDay(date: string): Promise<void> {
    await this.page.getByRole('tab', { name: 'Tag', exact: true }).click();
    await this.page.getByLabel('Tag', { exact: true }).fill(date);
  }

  /**
   * Types one entry with the keyboard only, starting in the amount (where focus rests after the
   * previous entry): Shift+Tab to the type and its key when given, then amount, VAT rate,
   * category, text (and invoice for an income), Enter from field to field; waits for the voucher's
   * toast and returns its number.
   */
  async typeEntry(entry: CashEntryKeys): Promise<number> {
    const form = this.entryForm;
    const amount = form.getByLabel(/^Betrag/);
    if (!(await amount.evaluate((el) => el === document.activeElement))) await amount.focus();
    const k = this.page.keyboard;
    if (entry.type) {
      await k.press('Shift+Tab');
      await k.press(entry.type);
      await form.locator(`select[name="type"]`).evaluate((el, want) => {
        if ((el as HTMLSelectElement).value !== want) throw new Error(`type is ${(el as HTMLSelectElement).value}, not ${want}`);
      }, TYPE_KEY[entry.type]);
      await k.press('Tab');
    }
    await k.type(entry.amount);
    await k.press('Enter');
    // The VAT rate only for income and expense (else disabled and skipped).
    if (await form.locator('select[name="vatRate"]').isEnabled()) {
      if (entry.vatRate) await k.press(RATE_KEY[entry.vatRate]);
      await k.press('Enter');
    }
    await k.press('Control+A');
    await k.type(entry.category);
    await k.press('Enter');
    await k.type(entry.text);
    await k.press('Enter');
    if (await form.locator('input[name="invoice"]').count()) {
      if (entry.invoice) await k.type(entry.invoice);
      await k.press('Enter');
    }
    const message = await toast(this.page, /^Beleg \d+ gebucht/);
    await this.page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'amount' && (document.activeElement as HTMLInputElement).value === '');
    return Number(/Beleg (\d+)/.exec(message)![1]);
  }

  /** The problems shown at the entry form's fields, by label. */
  async entryErrors(): Promise<Record<string, string>> {
    return fieldErrorsIn(this.entryForm);
  }

  /** The balance at the end of the day shown ("96,20 €"). */
  async balance(): Promise<string> {
    return plain(await this.page.getByTestId('cash-closing').textContent());
  }

  async openingBalance(): Promise<string> {
    return plain(await this.page.getByTestId('cash-opening').textContent());
  }

  /** The day's entries as cell texts: voucher, time, type, category, text, VAT, in, out, balance, actions. */
  async rows(): Promise<string[][]> {
    return tableRows(this.page.getByRole('table', { name: 'Buchungen des Tages' }));
  }

  /** Reverses the entry with voucher `voucher`, giving `reason`; returns the toast. */
  async reverse(voucher: number, reason: string): Promise<string> {
    await this.page.getByRole('button', { name: `Beleg ${voucher} stornieren` }).click();
    const form = this.page.getByRole('form', { name: `Beleg ${voucher} stornieren` });
    await form.getByLabel(/^Grund des Stornos/).fill(reason);
    await form.getByRole('button', { name: 'Storno buchen' }).click();
    return toast(this.page, `Beleg ${voucher} storniert`);
  }

  /**
   * The daily closing: types the counted cash, reads expected and difference as shown before
   * confirming, confirms, and returns those figures with the toast.
   */
  async closeDay(counted: string): Promise<{ expected: string; difference: string; message: string }> {
    const form = this.page.getByRole('form', { name: 'Kassensturz' });
    await form.getByLabel(/^Gezählter Bestand/).fill(counted);
    const expected = plain(await form.getByTestId('cash-expected').textContent());
    const difference = plain(await form.getByTestId('cash-difference').textContent());
    await form.getByRole('button', { name: 'Tag abschließen …' }).click();
    await this.page.getByRole('button', { name: 'Kassensturz bestätigen' }).click();
    const message = await toast(this.page, /^Kassensturz am .* gebucht/);
    return { expected, difference, message };
  }

  /** "Tag offen" or "Tag abgeschlossen: gezählt …". */
  async dayState(): Promise<string> {
    return plain(await this.page.getByTestId('cash-day-state').textContent());
  }
}
