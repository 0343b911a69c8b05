/**
 * The document fonts (DejaVu Sans, shipped in `resources/fonts`): registered with react-pdf once
 * per folder, and measured here so that text can be broken into lines before layout. Knowing
 * every line in advance makes each row's height exact, so the pages are cut by us (fast, and
 * with the page count known up front) instead of by react-pdf's wrapping.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Font } from '@react-pdf/renderer';

export const DEFAULT_FONTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/fonts');

/** The part of a fontkit font that measuring needs. */
export type FontkitFont = {
  unitsPerEm: number;
  characterSet: number[];
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
};

export type Measurer = {
  /** Width in pt of `text` at `size` pt: the sum of the glyphs' advance widths. */
  width(text: string, size: number, bold?: boolean): number;
  /** `text` broken into lines no wider than `maxWidth`; explicit line breaks are kept. */
  wrap(text: string, maxWidth: number, size: number, bold?: boolean): string[];
};

export type DocumentFonts = { family: string; regular: FontkitFont; bold: FontkitFont; measurer: Measurer; dir: string };

const registered = new Map<string, Promise<DocumentFonts>>();
let families = 0;
let hyphenationOff = false;

/** Registers (once per folder) and loads the fonts of `dir`. */
export function loadFonts(dir: string = DEFAULT_FONTS_DIR): Promise<DocumentFonts> {
  const resolved = path.resolve(dir);
  let fonts = registered.get(resolved);
  if (!fonts) {
    fonts = register(resolved, `Rechnungswerk Sans ${++families}`);
    registered.set(resolved, fonts);
    fonts.catch(() => registered.delete(resolved));
  }
  return fonts;
}

async function register(dir: string, family: string): Promise<DocumentFonts> {
  if (!hyphenationOff) {
    // Words are never split: descriptions and names stay readable and searchable.
    Font.registerHyphenationCallback((word) => [word]);
    hyphenationOff = true;
  }
  Font.register({
    family,
    fonts: [
      { src: path.join(dir, 'DejaVuSans.ttf'), fontWeight: 'normal' },
      { src: path.join(dir, 'DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
    ],
  });
  // Numeric weights: the font store matches a named weight ('bold') against 700 only approximately.
  await Promise.all([Font.load({ fontFamily: family, fontWeight: 400 }), Font.load({ fontFamily: family, fontWeight: 700 })]);
  const regular = Font.getFont({ fontFamily: family, fontWeight: 400 }).data as unknown as FontkitFont | null;
  const bold = Font.getFont({ fontFamily: family, fontWeight: 700 }).data as unknown as FontkitFont | null;
  if (!regular || !bold) throw new Error(`Fonts missing in ${dir}`);
  withCodePoints(regular);
  withCodePoints(bold);
  return { family, regular, bold, measurer: createMeasurer(regular, bold), dir };
}

/**
 * Creates every glyph of the font with the characters it stands for. fontkit caches a glyph the
 * first time it is asked for, and the PDF's text layer (ToUnicode) takes the characters from that
 * cached glyph. A subset that embeds a composite glyph ("ö" is "o" plus the diaeresis) asks for its
 * parts without characters; without this, an "o" first met as part of an "ö" would be cached
 * characterless, and every later document set in the same font would print an "o" that copying
 * and text search cannot read.
 */
function withCodePoints(font: FontkitFont): void {
  for (const codePoint of font.characterSet) {
    // Presentation forms (ligatures such as "ﬀ") are left to the shaper, which gives a ligature
    // glyph the characters it replaced ("ff"), so that copied text reads as typed.
    if (codePoint >= 0xfb00 && codePoint <= 0xfeff) continue;
    font.glyphForCodePoint(codePoint);
  }
}

export function createMeasurer(regular: FontkitFont, bold: FontkitFont): Measurer {
  const advances = [new Map<number, number>(), new Map<number, number>()] as const;
  const emWidth = (text: string, isBold: boolean): number => {
    const font = isBold ? bold : regular;
    const cache = advances[isBold ? 1 : 0];
    let units = 0;
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      let advance = cache.get(codePoint);
      if (advance === undefined) {
        advance = font.glyphForCodePoint(codePoint).advanceWidth;
        cache.set(codePoint, advance);
      }
      units += advance;
    }
    return units / font.unitsPerEm;
  };
  const width = (text: string, size: number, isBold = false) => emWidth(text, isBold) * size;

  const wrapParagraph = (paragraph: string, maxWidth: number, size: number, isBold: boolean): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate, size, isBold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      // A word wider than the line is cut by characters, as react-pdf would.
      while (width(line, size, isBold) > maxWidth && line.length > 1) {
        let cutAt = line.length - 1;
        while (cutAt > 1 && width(line.slice(0, cutAt), size, isBold) > maxWidth) cutAt--;
        lines.push(line.slice(0, cutAt));
        line = line.slice(cutAt);
      }
    }
    lines.push(line);
    return lines;
  };

  return {
    width,
    wrap: (text, maxWidth, size, isBold = false) =>
      text
        .replace(/\r\n?/g, '\n')
        .replace(/\t/g, ' ')
        .split('\n')
        .flatMap((paragraph) => wrapParagraph(paragraph.trim(), maxWidth, size, isBold)),
  };
}
