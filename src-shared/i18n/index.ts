import { de, type MessageKey, type Messages } from './de.js';
import { en } from './en.js';
import { formatDate } from '../format/screen.js';

export const MESSAGES = { de, en } as const;
export type Language = keyof typeof MESSAGES;
export type { MessageKey, Messages };

/** Looks up a dotted key (`settings.vatId`) and fills `{{placeholders}}`; the key itself when missing. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  let node: unknown = MESSAGES[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)(, *isoDate)?\}\}/g, (whole, name: string, isoDate?: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    // `{{from, isoDate}}`: an ISO date written as the language writes dates.
    return isoDate && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, language) : String(value);
  });
}

/** Every dotted key of a message tree. */
export function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(keysOf(de));

/**
 * The one check for a key known only at run time (a problem the main process names, a stored
 * notification, an error code): whether it is one of ours. Keys written in the code need no
 * check: `MessageKey` makes a misspelt one a compile error.
 */
export function isMessageKey(key: string): key is MessageKey {
  return KNOWN_KEYS.has(key);
}

/** A key known only at run time in `language`; one that is not ours comes back as it is. */
export function translateKnown(language: Language, key: string, values: Record<string, string | number> = {}): string {
  return isMessageKey(key) ? translate(language, key, values) : key;
}
