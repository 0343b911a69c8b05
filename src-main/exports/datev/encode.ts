/**
 * How DATEV wants a value written: Windows-1252 text in double quotes, amounts with a decimal
 * comma, dates as DDMM, DDMMYYYY or YYYYMMDD, CRLF line ends. Pure; no I/O.
 */
import iconv from 'iconv-lite';

/** The characters Windows-1252 has beyond Latin-1's printable range (bytes 0x80–0x9F), the euro sign first. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const PLAIN = /^[\x20-\x7E\u00A0-\u00FF]*$/;

/**
 * The first character of `text` that a DATEV file cannot hold: one outside Windows-1252, or a
 * control character (a line break or tab would break the line); `null` when every one fits.
 */
export function unrepresentable(text: string): string | null {
  if (PLAIN.test(text)) return null;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(char)) continue;
    return char;
  }
  return null;
}

/** A text field: in double quotes, a quote inside doubled. */
export function quoted(text: string): string {
  return `"${text.includes('"') ? text.replace(/"/g, '""') : text}"`;
}

/** Cents as DATEV writes an amount: `123456,78`, decimal comma, no thousands separator, by integer arithmetic. */
export function amountText(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`Not an amount in cents: ${cents}`);
  const rest = cents % 100;
  return `${(cents - rest) / 100},${rest < 10 ? '0' : ''}${rest}`;
}

/** ISO `YYYY-MM-DD` → `DDMM` (Belegdatum; the year comes from the batch's period). */
export const ddmm = (iso: string): string => iso.slice(8, 10) + iso.slice(5, 7);
/** ISO `YYYY-MM-DD` → `DDMMYYYY` (Fälligkeit, Leistungsdatum). */
export const ddmmyyyy = (iso: string): string => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
/** ISO `YYYY-MM-DD` → `YYYYMMDD` (the header's dates and the file names). */
export const yyyymmdd = (iso: string): string => iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The header's "erzeugt am": `YYYYMMDDHHMMSSFFF` in the local time of this computer. */
export function createdStamp(at: Date): string {
  return (
    pad(at.getFullYear(), 4) + pad(at.getMonth() + 1, 2) + pad(at.getDate(), 2) +
    pad(at.getHours(), 2) + pad(at.getMinutes(), 2) + pad(at.getSeconds(), 2) + pad(at.getMilliseconds(), 3)
  );
}

/**
 * The file's bytes: the lines joined with CRLF (one after the last line too), in Windows-1252.
 * The caller has checked every text with `unrepresentable`; this only encodes.
 */
export function fileBytes(lines: readonly string[]): Buffer {
  return iconv.encode(lines.join('\r\n') + '\r\n', 'win1252');
}

/** A valid ISO date `YYYY-MM-DD` (a real day of the calendar). */
export function isIsoDate(value: string): boolean {
  const known = checkedDates.get(value);
  if (known !== undefined) return known;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  const valid = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  if (checkedDates.size > 10_000) checkedDates.clear();
  checkedDates.set(value, valid);
  return valid;
}
/** A batch has a few dozen distinct days among thousands of lines: each is checked once. */
const checkedDates = new Map<string, boolean>();
