// @vitest-environment jsdom
/**
 * Why a statement file was refused, in the screen's language: every problem the reader can
 * name has its text, and a problem without one still reads in the screen's language.
 */
import { describe, expect, it } from 'vitest';
import i18next, { setLanguage } from '../../i18n.js';
import type { Translate } from '../../translate.js';
import { importProblemText, writtenDate } from './statement-problem.js';

const format = { money: (minor: number) => `${minor / 100} €`, decimal: (text: string) => text, date: (iso: string) => iso };
/** The screen's `t`, as `useTranslation()` gives it. */
const t: Translate = i18next.t;

describe('statement problems in the screen’s language', () => {
  it('never shows an i18n key or the English log sentence, even for a problem the screen has no text for', async () => {
    setLanguage('de');
    await i18next.changeLanguage('de');
    const text = importProblemText(t, format, {
      code: 'IMPORT_FAILED',
      message: 'x.xml: something new went wrong',
      details: { file: 'x.xml', where: 'line 3', problem: 'something new went wrong', key: 'statementImport.problem.somethingNew', params: {}, place: { line: 3 } },
    });
    expect(text).toBe(`x.xml, Zeile 3: ${i18next.t('errors.IMPORT_FAILED')}`);
    expect(text).not.toMatch(/statementImport|something new/);
  });

  it('writes a value date the month does not have in the language’s order', async () => {
    expect(writtenDate('de', '2026-02-30')).toBe('30.02.2026');
    expect(writtenDate('en', '2026-02-30')).toMatch(/^(30 Feb 2026|02\/30\/2026)$/);
  });
});
