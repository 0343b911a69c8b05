/** Building blocks of the report tables: columns with i18n labels, and words in the reader's language. */
import type { ReportColumn, ReportColumnType } from '../../src-shared/contract/index.js';
import { translate, type Language, type MessageKey } from '../../src-shared/i18n/index.js';

/** A text of the reader's language, for the cells that hold words (a line's kind, a payment method). */
export type Words = (key: MessageKey, values?: Record<string, string | number>) => string;

export const wordsIn =
  (language: Language): Words =>
  (key, values) =>
    translate(language, key, values);

/**
 * A column; `label` is an i18n key, or a heading that reads the same in every language (an aging
 * bucket "31–60"), which the i18n lookup hands back unchanged.
 */
export const column = (key: string, label: MessageKey | string, type: ReportColumnType): ReportColumn => ({ key, label, type });

/** The sum of one field. */
export function sumOf<T>(rows: readonly T[], amount: (row: T) => number): number {
  let sum = 0;
  for (const row of rows) sum += amount(row);
  return sum;
}
