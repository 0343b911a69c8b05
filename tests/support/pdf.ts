/**
 * Test support for the PDF tests: documents issued through the real contract, and the PDF read
 * back with Poppler (`pdftotext`, `pdftoppm`, `pdfinfo`, `pdfimages`) and ZBar (`zbarimg`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { InvoiceView } from '../../src-shared/contract/index.js';
import type { Team } from './books.js';
import { unwrap } from './services.js';

/** Saves a draft, has it submitted, approved by the supervisor (four eyes) and issued. */
export async function issued(t: Team, draft: Record<string, unknown>): Promise<InvoiceView> {
  const saved = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', draft as never));
  return approveAndIssue(t, saved.id);
}

export async function approveAndIssue(t: Team, id: string): Promise<InvoiceView> {
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id }));
  return unwrap(t.bookkeeper.invoke('invoices.issue', { id }));
}

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout`, one string per page. */
export function pdfPages(pdf: Buffer): string[] {
  const text = withFile(pdf, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  return text.split('\f').slice(0, -1);
}

/** The non-empty lines of a page, trimmed, with every run of spaces made one space. */
export function linesOf(page: string): string[] {
  return page
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (file) => execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }));
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
}

/** `pdfimages -list`: width x height of every image. */
export function pdfImages(pdf: Buffer): string[] {
  const out = withFile(pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => `${cols[3]}x${cols[4]}`);
}

/** The QR code on `page` (1-based), rendered at 200 dpi and read by zbarimg; null when there is none. */
export function scanQr(pdf: Buffer, page: number): string | null {
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', '200', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(dir, 'page')]);
    const scan = spawnSync('zbarimg', ['-q', '--raw', '-Sbinary', path.join(dir, 'page.png')]);
    if (scan.status === 4) return null; // zbarimg: no symbol found
    if (scan.status !== 0) throw new Error(`zbarimg failed (${scan.status}): ${scan.stderr.toString()}`);
    // --raw ends the data with a newline of its own.
    return scan.stdout.toString('utf8').replace(/\n$/, '');
  });
}

/** A small RGB PNG (a logo stand-in) made with zlib alone. */
export function pngImage(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bit, RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
