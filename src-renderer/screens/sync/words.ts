/** Sync texts built from data: moments, field names and values, in the screen's language. */
import { formatDateTime } from '../../format.js';
import { isMessageKey } from '../../../src-shared/i18n/index.js';
import type { Translate } from '../../translate.js';

/** A moment as the top bar says it: the time alone today ("14:32"), date and time before. */
export function momentText(iso: string, language: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  if (!sameDay) return formatDateTime(iso, language);
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** A record's field as people read it: a known name, else the camel case split into words. */
export function fieldName(t: Translate, field: string): string {
  const key = `sync.field.${field.replace(/^_/, '')}`;
  if (isMessageKey(key)) return t(key);
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
