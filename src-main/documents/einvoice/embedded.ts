/**
 * The CII XML inside a Factur-X PDF that this app wrote: the one inflated stream that is a CII
 * document. Our PDFs embed exactly one (`factur-x.xml`); a received PDF needs a real PDF reader.
 */
import { inflateSync } from 'node:zlib';

export function embeddedCiiOf(pdf: Buffer): Buffer | undefined {
  const raw = pdf.toString('latin1');
  const stream = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = stream.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    let text: Buffer;
    try {
      text = inflateSync(bytes);
    } catch {
      text = bytes;
    }
    const head = text.subarray(0, 400).toString('utf8');
    if (head.startsWith('<?xml') && head.includes('CrossIndustryInvoice')) return text;
  }
  return undefined;
}
