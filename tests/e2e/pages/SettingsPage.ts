import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Settings → company profile, addressed by the German field labels. */
export class SettingsPage {
  constructor(private readonly page: Page) {}

  private form(): Locator {
    return this.page.getByRole('form', { name: 'Firmenprofil' });
  }

  /** A text box or select by its accessible name (the label without the required mark). */
  field(label: string): Locator {
    const form = this.form();
    return form.getByRole('textbox', { name: label, exact: true }).or(form.getByRole('combobox', { name: label, exact: true }));
  }

  async waitForForm(): Promise<void> {
    await this.field('Firmenname').waitFor();
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      const field = this.field(label);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }

  async values(labels: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const label of labels) out[label] = await this.field(label).inputValue();
    return out;
  }

  /** Waits until the form's unsaved draft, kept in the window's IndexedDB, holds every one of `values`. */
  async waitForDraft(values: string[]): Promise<void> {
    await expect.poll(() => this.page.evaluate(draftHolds, values), { timeout: 10_000 }).toBe(true);
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Speichern' }).click();
  }

  /** The error text shown under each field, by label. */
  async fieldErrors(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const field of await this.form().locator('.field-invalid').all()) {
      const label = ((await field.locator('label').textContent()) ?? '').replace(/\s*\*$/, '').trim();
      out[label] = ((await field.locator('.field-error').textContent()) ?? '').trim();
    }
    return out;
  }

  async toast(): Promise<string> {
    const toast = this.page.locator('.toast').last();
    await toast.waitFor();
    return (await toast.textContent()) ?? '';
  }
}

/** In the page: whether a draft in the window's IndexedDB holds every one of `expected`. */
async function draftHolds(expected: string[]): Promise<boolean> {
  const db = await new Promise<IDBDatabase | null>((resolve) => {
    const request = indexedDB.open('rechnungswerk-drafts');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
  });
  if (!db) return false;
  try {
    if (!db.objectStoreNames.contains('drafts')) return false;
    const drafts = await new Promise<{ values: unknown }[]>((resolve) => {
      const request = db.transaction('drafts').objectStore('drafts').getAll();
      request.onsuccess = () => resolve(request.result as { values: unknown }[]);
      request.onerror = () => resolve([]);
    });
    return drafts.some((draft) => expected.every((value) => JSON.stringify(draft.values).includes(JSON.stringify(value))));
  } finally {
    db.close();
  }
}
