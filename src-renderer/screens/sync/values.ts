/**
 * A conflict's two versions as a bookkeeper reads them: which fields are compared (never the
 * store's own bookkeeping), and each value in words: dates in the screen's format, amounts in
 * cents as money, codes by the app's own texts, users by name, addresses on one line.
 */
import { isMessageKey } from '../../../src-shared/i18n/index.js';
import type { Translate } from '../../translate.js';
import { fieldName } from './words.js';

/**
 * What the store keeps for itself on every record (the "changed on … by …" line says the part that
 * matters), and a user's password hash, which no screen shows.
 */
const BOOKKEEPING = new Set(['id', 'hlc', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'passwordHash']);

/** Amounts kept as integers of cents. */
const MONEY = new Set(['creditLimit', 'prepaid', 'grossAmount', 'amount']);
/** Prices kept as exact decimal strings. */
const PRICES = new Set(['netPrice', 'netUnitPrice', 'unitPrice', 'price']);
const PERCENTS = new Set(['discountPercent', 'vatRate', 'percent', 'skontoPercent']);
/** Fields that hold a user's id (or a list of them). */
const USERS = new Set(['accountManagerId', 'approvedBy', 'issuedBy', 'submittedBy', 'editedBy', 'reviewerId', 'exportedBy', 'passwordSetBy']);
/** Codes the app already names in words: the field and where its texts live. */
const CODES: Record<string, string> = {
  kind: 'customerKind',
  vatTreatment: 'vatTreatment',
  vatCase: 'vatTreatment',
  eInvoiceFormat: 'eInvoiceFormat',
};
const LANGUAGES: Record<string, string> = { de: 'common.german', en: 'common.english' };
const ADDRESS_FIELDS = ['name', 'addition', 'street', 'postalCode', 'city', 'country'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** How values are written on this screen (the screen's `useFormat()` and the users' names). */
export type ValueWords = {
  t: Translate;
  date(iso: string): string;
  dateTime(iso: string): string;
  money(minor: number): string;
  price(decimal: string): string;
  decimal(text: string): string;
  userName(id: string): string;
};

type Version = Record<string, unknown>;

/** The fields that differ first (in the conflict's order), then the rest; bookkeeping in neither. */
export function versionRows(differing: readonly string[], kept: Version, other: Version): { differing: string[]; rest: string[] } {
  const shown = (name: string) => !BOOKKEEPING.has(name) && (name === '_deleted' || !name.startsWith('_'));
  const first = [...new Set(differing)].filter(shown);
  const rest = [...new Set([...Object.keys(kept), ...Object.keys(other)])].filter((name) => shown(name) && !first.includes(name));
  return { differing: first, rest };
}

/** When a version was last changed and by whom: the one line of the store's bookkeeping a person needs. */
export function changedLine(words: ValueWords, version: Version): string {
  const at = text(version.updatedAt) || text(version.createdAt);
  const by = text(version.updatedBy) || text(version.createdBy);
  if (!at) return words.t('sync.conflicts.noValue');
  if (!by) return words.t('sync.conflicts.changedAt', { at: words.dateTime(at) });
  return words.t('sync.conflicts.changedBy', { at: words.dateTime(at), name: words.userName(by) });
}

/** A field's value in words; nothing (absent, empty text, empty list) is a dash. */
export function fieldValue(words: ValueWords, field: string, value: unknown): string {
  const { t } = words;
  const none = t('sync.conflicts.noValue');
  if (isEmpty(value)) return none;
  if (Array.isArray(value)) return value.map((item) => fieldValue(words, field, item)).join('; ');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string' && USERS.has(field)) return words.userName(value);
  if (MONEY.has(field) && typeof value === 'number' && Number.isInteger(value)) return words.money(value);
  if (PRICES.has(field) && (typeof value === 'string' || typeof value === 'number')) return words.price(String(value));
  if (PERCENTS.has(field) && (typeof value === 'string' || typeof value === 'number')) return t('sync.value.percent', { value: words.decimal(String(value)) });
  if (typeof value === 'string') return stringValue(words, field, value);
  if (typeof value === 'number') return words.decimal(String(value));
  if (typeof value === 'object') return objectValue(words, field, value as Version);
  return String(value);
}

function stringValue(words: ValueWords, field: string, value: string): string {
  const code = field === 'language' ? LANGUAGES[value] : CODES[field] && `${CODES[field]}.${value}`;
  if (code && isMessageKey(code)) return words.t(code);
  if (TIMESTAMP.test(value)) return words.dateTime(value);
  if (DATE.test(value)) return words.date(value);
  return value;
}

function objectValue(words: ValueWords, field: string, value: Version): string {
  const { t } = words;
  if (isAddress(value)) return addressLine(value);
  if (field === 'skonto' && value.percent !== undefined && value.days !== undefined) {
    return t('sync.value.skonto', { percent: words.decimal(String(value.percent)), days: value.days });
  }
  if (field === 'servicePeriod' && typeof value.from === 'string' && typeof value.to === 'string') {
    return `${words.date(value.from)} – ${words.date(value.to)}`;
  }
  if (field === 'lines' && typeof value.description === 'string') {
    return t('sync.value.line', { quantity: words.decimal(String(value.quantity ?? '')), unit: text(value.unit), description: value.description, price: words.price(String(value.netUnitPrice ?? '0')) });
  }
  return Object.entries(value)
    .filter(([name, item]) => name !== 'id' && !isEmpty(item))
    .map(([name, item]) => `${fieldName(t, name)}: ${fieldValue(words, name, item)}`)
    .join(', ');
}

/** "Muster GmbH, Hauptstraße 1, 10115 Berlin, DE". */
export function addressLine(address: Version): string {
  const part = (name: string) => text(address[name]);
  const place = [part('postalCode'), part('city')].filter(Boolean).join(' ');
  return [part('name'), part('addition'), part('street'), place, part('country')].filter(Boolean).join(', ');
}

function isAddress(value: Version): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => ADDRESS_FIELDS.includes(key)) && ('street' in value || 'city' in value);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as Version).every(isEmpty);
  return false;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
