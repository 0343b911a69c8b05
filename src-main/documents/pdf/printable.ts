/**
 * Text the document font can print. A character the font has no glyph for would be set as an
 * empty box: emoji, their skin tones, joiners and variation selectors are left out (with the
 * space they leave doubled), any other missing character becomes "?".
 */
import type { DocumentContent } from './content.js';

const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\u20e3\ufe00-\ufe0f\u{e0020}-\u{e007f}]/u;
const KEPT = new Set(['\n', '\r', '\t']);

export function printableText(text: string, has: (codePoint: number) => boolean): string {
  let out = '';
  let dropped = false;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (KEPT.has(char) || has(codePoint)) {
      // The space after a left-out emoji, when one stands before it already.
      if (!(dropped && char === ' ' && (out === '' || out.endsWith(' ')))) out += char;
      dropped = false;
    } else if (EMOJI_PART.test(char)) {
      dropped = true;
    } else {
      out += '?';
      dropped = false;
    }
  }
  return dropped ? out.trimEnd() : out;
}

/** Every text of the document made printable; the GiroCode's payload is data and stays as it is. */
export function printableContent(content: DocumentContent, characterSet: readonly number[]): DocumentContent {
  const glyphs = new Set(characterSet);
  const has = (codePoint: number) => glyphs.has(codePoint);
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return printableText(value, has);
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, clean(v)]));
    }
    return value;
  };
  const printable = clean(content) as DocumentContent;
  return content.girocode ? { ...printable, girocode: { ...printable.girocode!, payload: content.girocode.payload } } : printable;
}
