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

/** A field's value in a version: text as it is, yes/no, nothing as a dash, anything else as JSON. */
export function valueText(t: Translate, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('sync.conflicts.noValue');
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.map((item) => valueText(t, item)).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([name, item]) => `${fieldName(t, name)}: ${valueText(t, item)}`)
      .join(', ');
  }
  return JSON.stringify(value);
}

/** Fields of a version a person compares: the store's own bookkeeping left out. */
export function comparedFields(kept: Record<string, unknown>, other: Record<string, unknown>): string[] {
  const hidden = new Set(['id', 'hlc']);
  return [...new Set([...Object.keys(kept), ...Object.keys(other)])].filter((name) => !hidden.has(name) && (name === '_deleted' || !name.startsWith('_')));
}
