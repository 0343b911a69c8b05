/**
 * Text as an XML file writes it, read back: character references (`&#38;`, `&#x26;`) and the five
 * entities XML predefines (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`) become their characters, in one
 * pass (so `&amp;#38;` reads `&#38;`). Entities a document declares itself are not expanded, and
 * a reference to what is no XML character (`&#0;`) stays as written.
 */
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;

/** The characters XML 1.0 allows (its production `Char`). */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (written, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return PREDEFINED[name]!;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    return isXmlChar(code) ? String.fromCodePoint(code) : written;
  });
}
