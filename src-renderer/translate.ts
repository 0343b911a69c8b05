/** How screens look texts up, without starting i18next (helpers and their tests import this). */
import type { TFunction } from 'i18next';
import { isMessageKey, type MessageKey } from '../src-shared/i18n/index.js';

/** `t` of the screens: it takes only keys of the German table (see i18next.d.ts). */
export type Translate = TFunction;

/**
 * The text of a key that arrives as data (a problem the main process names, a notification, a
 * statement note): checked against the German table, a plural's base key included; a key that
 * is not ours is shown as it is, or as `values.defaultValue` when given.
 */
export function textOfKey(t: Translate, key: string, values: Record<string, unknown> = {}): string {
  if (!isMessageKey(key) && !isMessageKey(`${key}_other`)) return typeof values.defaultValue === 'string' ? values.defaultValue : key;
  return t(key as MessageKey, values);
}
