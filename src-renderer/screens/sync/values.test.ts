// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { customersJsonSchema, invoicesJsonSchema, ordersJsonSchema, productsJsonSchema } from '../../../src-main/store/schemas/books.js';
import { paymentRequestsJsonSchema } from '../../../src-main/store/schemas/workflow.js';
import { usersJsonSchema } from '../../../src-main/store/schemas/config.js';
import { isMessageKey } from '../../../src-shared/i18n/index.js';
import i18next, { setLanguage } from '../../i18n.js';
import { formatDate, formatDateTime, formatDecimalText, formatMoney, formatPrice } from '../../format.js';
import { changedLine, fieldValue, versionRows, type ValueWords } from './values.js';

const BOOKKEEPING = ['id', 'hlc', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'passwordHash'];

function wordsIn(language: 'de' | 'en'): ValueWords {
  return {
    t: i18next.getFixedT(language),
    date: (iso) => formatDate(iso, language),
    dateTime: (iso) => formatDateTime(iso, language, 'Europe/Berlin'),
    money: (minor) => formatMoney(minor, 'EUR', language),
    price: (decimal) => formatPrice(decimal, 'EUR', language),
    decimal: (text) => formatDecimalText(text, language),
    userName: (id) => ({ '01M98HR3Q7ZK5W2N8C4D6F0G1H': 'Berta Buchhalter' })[id] ?? id,
  };
}

describe('a conflict in words', () => {
  it('has a name in German and English for every field a conflict can show of a record that syncs', () => {
    setLanguage('de');
    const schemas = { customersJsonSchema, productsJsonSchema, ordersJsonSchema, invoicesJsonSchema, paymentRequestsJsonSchema, usersJsonSchema };
    const unnamed = Object.entries(schemas).flatMap(([schema, json]) =>
      Object.keys(json.properties)
        .filter((field) => !BOOKKEEPING.includes(field) && !isMessageKey(`sync.field.${field}`))
        .map((field) => `${schema}.${field}`),
    );
    expect(unnamed).toEqual([]);
  });

  it('compares the differing fields first and never the store bookkeeping', () => {
    const kept = { id: 'x', name: 'A', passwordHash: 'scrypt$1', city: 'Köln', hlc: '1-0-a', createdAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u', _rev: '1-a', _deleted: false };
    expect(versionRows(['updatedAt', 'name'], kept, { ...kept, name: 'B' })).toEqual({ differing: ['name'], rest: ['city', '_deleted'] });
  });

  it('writes values as people read them, in English too', () => {
    const en = wordsIn('en');
    expect(fieldValue(en, 'creditLimit', 124_900)).toMatch(/^€1,249\.00$/);
    expect(fieldValue(en, 'kind', 'business')).toBe('Business');
    expect(fieldValue(en, 'language', 'de')).toBe('Deutsch');
    expect(fieldValue(en, 'eInvoiceFormat', 'xrechnung-cii')).toBe('XRechnung (CII)');
    expect(fieldValue(en, 'invoiceEmails', [])).toBe('—');
    expect(fieldValue(en, 'accountManagerId', '01M98HR3Q7ZK5W2N8C4D6F0G1H')).toBe('Berta Buchhalter');
    expect(fieldValue(en, 'billingAddress', { name: 'Vogel GmbH', street: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' })).toBe('Vogel GmbH, Hauptstraße 1, 10115 Berlin, DE');
    expect(fieldValue(en, 'skonto', { percent: '2', days: 10 })).toBe('2 % if paid within 10 days');
    expect(fieldValue(en, 'issueDate', '2026-12-07')).toBe(formatDate('2026-12-07', 'en'));
    expect(changedLine(en, { updatedAt: '2026-12-07T15:25:56.900Z', updatedBy: '01M98HR3Q7ZK5W2N8C4D6F0G1H' })).toBe(`changed on ${formatDateTime('2026-12-07T15:25:56.900Z', 'en', 'Europe/Berlin')} by Berta Buchhalter`);
    const de = wordsIn('de');
    expect(fieldValue(de, 'vatTreatment', 'domestic')).toBe('Inland (deutsche Umsatzsteuer)');
    expect(fieldValue(de, 'shippingAddress', {})).toBe('—');
    expect(fieldValue(de, 'creditLimit', 124_900)).toMatch(/^1\.249,00\s€$/);
  });
});
