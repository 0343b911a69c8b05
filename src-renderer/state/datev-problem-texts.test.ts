// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import i18next from '../i18n.js';
import { translate } from '../../src-shared/i18n/index.js';
import { textOfKey } from '../translate.js';

const text = (language: 'de' | 'en', key: string, values: Record<string, string | number>) => textOfKey(i18next.getFixedT(language), key, values);

describe('DATEV problem texts in words', () => {
  it('a Debitoren problem names the customer and the field in words, and where to fix it', () => {
    const values = { customer: 'K-10005 (Muster GmbH)', label: 'nameCompany', length: 77, max: 50, value: 'x' };
    expect(text('de', 'validation.datevCustomerTooLong', values)).toBe(
      'Kunde K-10005 (Muster GmbH): Name (Unternehmen) ist zu lang für DATEV: 77 Zeichen, höchstens 50; bitte beim Kunden kürzen, der Export kürzt nicht',
    );
    expect(text('en', 'validation.datevCustomerTooLong', values)).toBe(
      'Customer K-10005 (Muster GmbH): Name (company) is too long for DATEV: 77 characters, at most 50; please shorten it in the customer, the export does not cut it',
    );
    expect(text('de', 'validation.datevCustomerText', { customer: 'K-1 (A)', label: 'city', char: 'Ω', value: 'Ω' })).toContain('Ort enthält ein Zeichen');
  });

  it('dates the problems name are written as the language writes dates', () => {
    const values = { from: '2026-12-01', to: '2027-01-31', fiscalYearStart: '2027-01-01', document: '' };
    expect(text('de', 'validation.datevFiscalYear', values)).toBe(
      'Ein Buchungsstapel umfasst nur ein Wirtschaftsjahr; der Zeitraum 01.12.2026 bis 31.01.2027 überschreitet den Beginn des Wirtschaftsjahres am 01.01.2027',
    );
    expect(text('en', 'validation.datevFiscalYear', values)).toContain('the period 1 Dec 2026 to 31 Jan 2027 crosses the start of the fiscal year on 1 Jan 2027');
    expect(text('de', 'validation.datevDateOutside', { date: '2026-11-30', from: '2026-12-01', to: '2026-12-31', document: 'RE-1' })).toBe(
      'Belegdatum 30.11.2026 liegt außerhalb des Zeitraums 01.12.2026 bis 31.12.2026 (RE-1)',
    );
    expect(text('de', 'validation.datevPeriod', { from: '2026-12-31', to: '2026-12-01' })).toBe('Der Zeitraum ist leer oder verkehrt: 31.12.2026 bis 01.12.2026');
    // The main process's own lookup writes them the same way.
    expect(translate('de', 'validation.datevPeriod', { from: '2026-12-31', to: '2026-12-01' })).toBe('Der Zeitraum ist leer oder verkehrt: 31.12.2026 bis 01.12.2026');
    expect(translate('en', 'validation.datevPeriod', { from: '2026-12-31', to: '2026-12-01' })).toBe('The period is empty or reversed: 31 Dec 2026 to 1 Dec 2026');
  });
});

describe('counts in the DATEV screen texts', () => {
  it('one and many in proper plurals, German and English', () => {
    const previewOf = (language: 'de' | 'en', lines: number, files: number) =>
      i18next.getFixedT(language)('taxAdvisorScreen.datev.previewOf', { from: '01.12.2026', to: '31.12.2026', lines, files });
    expect(previewOf('en', 1, 1)).toBe('Preview for 01.12.2026 to 31.12.2026: 1 booking line in 1 file.');
    expect(previewOf('en', 120_000, 2)).toBe('Preview for 01.12.2026 to 31.12.2026: 120000 booking lines in 2 files.');
    expect(previewOf('de', 1, 1)).toBe('Vorschau für 01.12.2026 bis 31.12.2026: 1 Buchungszeile in 1 Datei.');
    expect(previewOf('de', 3, 2)).toBe('Vorschau für 01.12.2026 bis 31.12.2026: 3 Buchungszeilen in 2 Dateien.');
    const en = i18next.getFixedT('en');
    expect(en('taxAdvisorScreen.datev.blocked', { count: 1 })).toBe('Download not possible: the preview shows 1 error. Please fix it first.');
    expect(en('taxAdvisorScreen.datev.blocked', { count: 2 })).toBe('Download not possible: the preview shows 2 errors. Please fix them first.');
    expect(en('taxAdvisorScreen.history.lines', { count: 1 })).toBe('1 line');
    expect(i18next.getFixedT('de')('taxAdvisorScreen.history.lines', { count: 7 })).toBe('7 Zeilen');
  });
  it('the cash book’s opening balance is not a booking', () => {
    expect(text('en', 'validation.datevCashOpening', { document: 'KB-1' })).toContain('(KB-1) is not a booking;');
  });
});
