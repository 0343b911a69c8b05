/** Test support: a small PDF to embed into, and a dependency-free look inside PDFs. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

export function samplePdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', pdfVersion: '1.7' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(14).text(text);
  doc.end();
  return done;
}

/** The raw bytes and every stream that inflates, as latin1 text (object streams hide the file specs). */
export function streamsOf(pdf: Buffer): string[] {
  const texts = [pdf.toString('latin1')];
  const raw = texts[0]!;
  const stream = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = stream.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      texts.push(inflateSync(pdf.subarray(start, end)).toString('utf8'));
    } catch {
      // Not deflated (XMP metadata, images): the raw bytes above already hold it.
    }
  }
  return texts;
}

/** The embedded CII XML, found among the inflated streams. */
export function embeddedXml(pdf: Buffer): string | undefined {
  return streamsOf(pdf).find((s) => s.startsWith('<?xml') && s.includes('CrossIndustryInvoice'));
}

/** poppler-utils is there (`pdfdetach -v` exits with 99, so only "not found" counts). */

/** `pdfdetach -list` and the named file, through poppler-utils (by number: `-savefile` fails in poppler 22). */
export function pdfdetach(pdf: Buffer, name: string): { list: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-fx-'));
  try {
    const input = path.join(dir, 'in.pdf');
    fs.writeFileSync(input, pdf);
    const list = execFileSync('pdfdetach', ['-list', input], { encoding: 'utf8' });
    const number = new RegExp(`^(\\d+): ${name.replace(/[.]/g, '\\.')}$`, 'm').exec(list)?.[1];
    if (!number) return { list, file: '' };
    const output = path.join(dir, 'out.xml');
    execFileSync('pdfdetach', ['-save', number, '-o', output, input]);
    return { list, file: fs.readFileSync(output, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
