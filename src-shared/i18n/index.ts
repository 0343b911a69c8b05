import { de } from './de.js';
import { en, type Messages } from './en.js';

export const MESSAGES = { de, en } as const;
export type Language = keyof typeof MESSAGES;
export type { Messages };

/** Looks up a dotted key (`settings.vatId`) and fills `{{placeholders}}`; the key itself when missing. */
export function translate(language: Language, key: string, values: Record<string, string | number> = {}): string {
  let node: unknown = MESSAGES[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/** Every dotted key of a message tree. */
export function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}
