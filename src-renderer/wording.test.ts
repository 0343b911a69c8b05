// @vitest-environment jsdom
/** Texts as the user reads them, in German and English. */
import { beforeAll, describe, expect, it } from 'vitest';
import i18next from './i18n.js';

const inBoth = async (read: () => string): Promise<string[]> => {
  const texts: string[] = [];
  for (const language of ['de', 'en']) {
    await i18next.changeLanguage(language);
    texts.push(read());
  }
  return texts;
};

beforeAll(async () => {
  await i18next.changeLanguage('de');
});

describe('wording', () => {
  it('names the user and their role without parentheses inside parentheses', async () => {
    const texts = await inBoth(() => i18next.t('auth.loggedInAs', { name: 'Sabine Freigabe', role: i18next.t('roles.supervisor') }));
    expect(texts[0]).toBe('Angemeldet als Sabine Freigabe · Freigabe (Vorgesetzte)');
    for (const text of texts) expect(text).not.toMatch(/\([^)]*\(/);
  });

  it('a customer without credit limit has "no limit", not "keins"', async () => {
    expect(await inBoth(() => i18next.t('approval.noLimit'))).toEqual(['kein Limit', 'no limit']);
    expect(await inBoth(() => i18next.t('risk.noLimit'))).toEqual(['kein Limit', 'no limit']);
  });

  it('an exported document reads right whatever its grammatical gender', async () => {
    await i18next.changeLanguage('de');
    const text = i18next.t('documents.repeat.exported', { document: 'Rechnung RE-1', date: '02.12.2026' });
    expect(text).toBe('Rechnung RE-1: am 02.12.2026 als .eml exportiert, zum Senden aus einem anderen Mailprogramm.');
    expect(text).not.toMatch(/\b(es|ihn|sie)\b/);
  });
});
