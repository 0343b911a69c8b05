import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { keysOf, translate } from './index.js';
import { PRINTED_TEXTS, PRINTED_TEXTS_VERSION } from './printed.js';

/**
 * Each version of the printed texts and the SHA-256 of its content. A new version adds a line;
 * a line once written never changes (documents issued with that version carry those texts).
 */
const PINNED: Record<number, string> = {
  1: '004ba566752bd20ba272f4b44603587e6a175d415061004669920d6e289e2569',
};

/** Every language, key and text, one per line, sorted: the content, whatever the order in the files. */
function contentOf(texts: typeof PRINTED_TEXTS): string {
  return Object.entries(texts)
    .flatMap(([language, table]) => keysOf(table).map((key) => `${language}\t${key}\t${String(key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], table))}`))
    .sort()
    .join('\n');
}

describe('texts printed on issued documents', () => {
  it('change only with a new version', () => {
    const sha256 = createHash('sha256').update(contentOf(PRINTED_TEXTS)).digest('hex');
    expect(sha256, `printed texts changed: raise PRINTED_TEXTS_VERSION and pin ${sha256} for it`).toBe(PINNED[PRINTED_TEXTS_VERSION]);
  });

  it('are the ones the documents use, in German and English', () => {
    expect(translate('de', 'pdf.payableBy', { date: '07.12.2026' })).toBe('Zahlbar bis 07.12.2026 ohne Abzug.');
    expect(translate('en', 'vatNotes.reverseCharge')).toBe(en.vatNotes.reverseCharge);
    for (const key of keysOf(PRINTED_TEXTS.de)) expect(keysOf(de)).toContain(key);
    expect(keysOf(PRINTED_TEXTS.de).sort()).toEqual(keysOf(PRINTED_TEXTS.en).sort());
  });
});
