// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { setLanguage } from '../i18n.js';
import { fieldErrors } from './errors.js';
import { problemText } from './problems.js';

beforeAll(async () => {
  setLanguage('de');
  await i18next.changeLanguage('de');
});

const t = i18next.getFixedT('de');

/** What a field shows for the field errors of a refused call, in German and English. */
function shown(problem: string, params?: Record<string, string | number>) {
  const encoded = fieldErrors({ code: 'VALIDATION_FAILED', message: '', details: { fields: [{ field: 'x', problem, ...(params ? { params } : {}) }] } }).x!;
  return { de: problemText(i18next.getFixedT('de'), encoded, 'de'), en: problemText(i18next.getFixedT('en'), encoded, 'en') };
}

describe('validation texts name the limit', () => {
  it('the most characters of a text', () => {
    expect(shown('validation.tooLong', { max: 200 })).toEqual({ de: 'Zu lang: höchstens 200 Zeichen', en: 'Too long: at most 200 characters' });
  });
  it('the largest amount, written as the language writes numbers', () => {
    expect(shown('validation.tooLarge', { max: '99999999.99' })).toEqual({ de: 'Zu groß: höchstens 99.999.999,99', en: 'Too large: at most 99,999,999.99' });
  });
  it('the side of a range a number left', () => {
    expect(shown('validation.outOfRange', { max: 365 })).toEqual({ de: 'Zu groß: höchstens 365', en: 'Too large: at most 365' });
    expect(shown('validation.outOfRange', { min: 1 })).toEqual({ de: 'Zu klein: mindestens 1', en: 'Too small: at least 1' });
    expect(shown('validation.outOfRange')).toEqual({ de: 'Außerhalb des erlaubten Bereichs', en: 'Outside the allowed range' });
  });
  it('the payment term a Skonto period must stay below', () => {
    expect(shown('validation.skontoWithinTerms', { terms: 14 }).de).toBe('Die Skontofrist muss kürzer als das Zahlungsziel (14 Tage) sein');
  });
  it('a problem without values as before', () => {
    expect(problemText(t, 'validation.required', 'de')).toBe('Pflichtfeld');
  });
});
