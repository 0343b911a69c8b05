import type { Locator, Page } from 'playwright-core';

/** Intl separates amount and currency with a no-break space; tests compare plain spaces. */
export function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The body rows of a table as trimmed cell texts. */
export async function tableRows(table: Locator): Promise<string[][]> {
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim())));
}

/** Totals tables (`.totals`): the row label (without the BT code) → the amount. */
export async function totalsOf(table: Locator): Promise<Record<string, string>> {
  await table.waitFor();
  const pairs = await table.locator('tr').evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('th')?.childNodes[0]?.textContent ?? '', row.querySelector('td')?.textContent ?? ''] as const),
  );
  return Object.fromEntries(pairs.map(([label, amount]) => [plain(label), plain(amount)]));
}

/** Waits for a toast containing `text` and returns its full text. */
export async function toast(page: Page, text: string | RegExp): Promise<string> {
  const found = page.locator('.toast', { hasText: text }).last();
  await found.waitFor();
  return plain(await found.textContent()).replace(/×$/, '').trim();
}

/** A text box or select of `scope` by its accessible name (the label without the required mark). */
export function fieldIn(scope: Locator, label: string): Locator {
  return scope
    .getByRole('textbox', { name: label, exact: true })
    .or(scope.getByRole('combobox', { name: label, exact: true }))
    .or(scope.getByRole('searchbox', { name: label, exact: true }));
}

export async function fillIn(scope: Locator, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const field = fieldIn(scope, label);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
}

/** The error text under each invalid field, by label. */
export async function fieldErrorsIn(scope: Locator): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const field of await scope.locator('.field-invalid').all()) {
    const label = plain(await field.locator('label').textContent()).replace(/\s*\*$/, '');
    out[label] = plain(await field.locator('.field-error').textContent());
  }
  return out;
}
