/**
 * Documents, measured: the same one-page invoice and a 600-line invoice rendered by our pipeline
 * (react-pdf template) and by raw PDFKit — same fonts, same texts from `invoiceContent`, same
 * table with its header on every page, same footer with "Seite X von Y", same GiroCode PNG — in
 * the same run. Then the peak memory of a process rendering the 600-line invoice.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { invoiceContent, type DocumentContent } from '../src-main/documents/pdf/content.js';
import { loadFonts } from '../src-main/documents/pdf/fonts.js';
import { renderInvoicePdf } from '../src-main/documents/pdf/renderer.js';
import { warmupView } from '../src-main/documents/pdf/warmup.js';
import { measure, printTable, type Row } from './lib.js';

const MM = 72 / 25.4;
const LEFT = 25 * MM;
const WIDTH = 595.28 - LEFT - 20 * MM;
const BOTTOM = 744;
const COLUMNS = [
  { key: 'position', width: 20, align: 'left' },
  { key: 'description', width: 0, align: 'left' },
  { key: 'quantity', width: 38, align: 'right' },
  { key: 'unit', width: 42, align: 'left' },
  { key: 'unitPrice', width: 56, align: 'right' },
  { key: 'discount', width: 40, align: 'right' },
  { key: 'vat', width: 30, align: 'right' },
  { key: 'net', width: 60, align: 'right' },
] as const;
const DESCRIPTION_WIDTH = WIDTH - COLUMNS.reduce((sum, c) => sum + c.width, 0) - 4 * 7;

/** The baseline: a straightforward PDFKit invoice with the same content and geometry. */
async function renderWithPdfkit(content: DocumentContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    info: { Title: content.meta.title, Author: content.meta.author, Creator: 'Rechnungswerk', Producer: 'Rechnungswerk', CreationDate: content.meta.date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  // The very font objects our pipeline uses, parsed once: PDFKit reading the files for every
  // document would spend most of its time decoding the fonts' tables again.
  const fonts = await loadFonts();
  doc.registerFont('regular', fonts.regular as never);
  doc.registerFont('bold', fonts.bold as never);

  doc.addPage();
  doc.font('bold').fontSize(13).text(content.meta.author, 105 * MM, 12 * MM, { width: 85 * MM, align: 'right' });
  doc.font('regular').fontSize(6.5).fillColor('#555555').text(content.senderLine, LEFT, 57 * MM, { width: 80 * MM, underline: true });
  doc.fontSize(9).fillColor('#1a1a1a').text(content.address.join('\n'), LEFT, 62.7 * MM, { width: 80 * MM, lineGap: 2 });
  content.info.forEach(([label, value], i) => {
    doc.fontSize(8.5).fillColor('#555555').text(label, 125 * MM, 50 * MM + i * 11.5, { width: 30 * MM });
    doc.fillColor('#1a1a1a').text(value, 155 * MM, 50 * MM + i * 11.5, { width: 45 * MM });
  });
  doc.font('bold').fontSize(13).text(content.title, LEFT, 98.46 * MM);
  let y = 98.46 * MM + 18;
  if (content.subtitle) y = doc.font('regular').fontSize(9).text(content.subtitle, LEFT, y).y;
  y += 12;

  const header = () => {
    let x = LEFT;
    doc.font('bold').fontSize(7.5);
    for (const c of COLUMNS) {
      const width = c.width || DESCRIPTION_WIDTH;
      doc.text(content.table.columns.find((column) => column.key === c.key)?.label ?? '', x, y + 3, { width, align: c.align });
      x += width + 4;
    }
    y += 16;
    doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).lineWidth(0.8).stroke('#1a1a1a');
  };
  const newPage = () => {
    doc.addPage();
    doc.font('bold').fontSize(8.5).text(content.continuation, LEFT, 14 * MM);
    y = 20 * MM;
  };
  header();
  for (const row of content.table.rows) {
    doc.font('regular').fontSize(8);
    const description = row.description ?? '';
    const height = doc.heightOfString(description, { width: DESCRIPTION_WIDTH, lineGap: 1.5 }) + 4;
    if (y + height > BOTTOM) {
      newPage();
      header();
      doc.font('regular').fontSize(8);
    }
    let x = LEFT;
    for (const c of COLUMNS) {
      const width = c.width || DESCRIPTION_WIDTH;
      // Only the description wraps; the other cells are single lines, placed without the line wrapper.
      if (c.key === 'description') doc.text(description, x, y + 2, { width, lineGap: 1.5 });
      else if (row[c.key]) doc.text(row[c.key]!, c.align === 'right' ? x + width - doc.widthOfString(row[c.key]!) : x, y + 2, { lineBreak: false });
      x += width + 4;
    }
    y += height;
    doc.moveTo(LEFT, y).lineTo(LEFT + WIDTH, y).lineWidth(0.3).stroke('#c8c8c8');
  }

  const summaryHeight = 16 + Math.max(content.vatRows.length * 15, content.totals.length * 16);
  if (y + 14 + summaryHeight > BOTTOM) newPage();
  y += 14;
  const vatWidths = [88, 38, 62, 62];
  const cells = (texts: string[], top: number) => {
    let x = LEFT;
    texts.forEach((text, i) => {
      doc.text(text, x, top, { width: vatWidths[i]!, align: i < 2 ? 'left' : 'right' });
      x += vatWidths[i]! + 4;
    });
  };
  doc.font('bold').fontSize(7.5);
  cells(content.vatColumns, y + 3);
  doc.font('regular').fontSize(8);
  content.vatRows.forEach((row, i) => cells(row, y + 18 + i * 15));
  content.totals.forEach((row, i) => {
    doc.font(row.strong ? 'bold' : 'regular').fontSize(9);
    doc.text(row.label, LEFT + WIDTH - 190, y + 2 + i * 16, { width: 114 });
    doc.text(row.value, LEFT + WIDTH - 70, y + 2 + i * 16, { width: 70, align: 'right' });
  });
  y += summaryHeight;

  const qr = content.girocode ? await QRCode.toDataURL(content.girocode.payload, { errorCorrectionLevel: 'M', margin: 4, scale: 4 }) : null;
  if (y + 14 + 100 > BOTTOM) newPage();
  y += 14;
  doc.font('regular').fontSize(9).text(content.payment.join('\n'), LEFT, y, { width: WIDTH - 112, lineGap: 3 });
  if (qr && content.girocode) {
    doc.image(Buffer.from(qr.split(',')[1]!, 'base64'), LEFT + WIDTH - 86, y, { width: 76 });
    doc.fontSize(6.5).fillColor('#555555').text(content.girocode.caption, LEFT + WIDTH - 96, y + 79, { width: 96, align: 'center' });
  }
  y += 100;
  for (const text of [...content.legalNotes, content.note].filter(Boolean)) {
    doc.font('regular').fontSize(9).fillColor('#1a1a1a');
    if (y + doc.heightOfString(text, { width: WIDTH }) > BOTTOM) newPage();
    y = doc.text(text, LEFT, y + 10, { width: WIDTH, lineGap: 3 }).y;
  }

  const pages = doc.bufferedPageRange().count;
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(i);
    doc.font('regular').fontSize(7.5).fillColor('#1a1a1a').text(content.pageLabel(i + 1, pages), 20 * MM, 759, { width: 175 * MM, align: 'right', lineBreak: false });
    doc.moveTo(20 * MM, 773).lineTo(195 * MM, 773).lineWidth(0.5).stroke('#999999');
    let x = 20 * MM;
    content.footer.forEach((lines, c) => {
      const width = c === 3 ? 135 : 106;
      doc.font('regular').fontSize(6.5).fillColor('#555555').text(lines.join('\n'), x, 778, { width, lineGap: 2, lineBreak: true, height: 60 });
      x += width + 8;
    });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

/** Peak RSS of a fresh process that renders the 600-line invoice (run as a child of the benchmark). */
async function peakRssChild(): Promise<void> {
  const view = warmupView(600);
  for (let i = 0; i < 3; i++) await renderInvoicePdf(view);
  process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
}

function peakRss(): number {
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'];
  const child = spawnSync(process.execPath, [...execArgv, fileURLToPath(import.meta.url), '--peak-rss'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`peak RSS child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!).maxRssKb / 1024;
}

export async function benchDocuments(): Promise<boolean> {
  const rows: Row[] = [];
  for (const [operation, lines, repeat, target, girocode] of [
    ['one-page invoice (6 lines), ms per page', 6, 21, 2.5, false],
    ['one-page invoice with GiroCode, ms per page', 6, 21, 2.5, true],
    ['600-line invoice, ms per page', 600, 7, 4, false],
  ] as const) {
    const view = warmupView(lines);
    // Without an IBAN there is no GiroCode: the template and the table are compared, not the PNG codec.
    if (!girocode) view.seller = { ...view.seller!, iban: '' };
    const content = invoiceContent(view);
    const [ourPdf, kitPdf] = [await renderInvoicePdf(view), await renderWithPdfkit(content)];
    const ourPages = pageCount(ourPdf);
    const kitPages = pageCount(kitPdf);
    // Alternating, so that a busy machine slows both sides alike; medians of `repeat` runs.
    const ourTimes: number[] = [];
    const kitTimes: number[] = [];
    for (let i = 0; i < repeat; i++) {
      ourTimes.push(await measure(() => renderInvoicePdf(view)));
      kitTimes.push(await measure(() => renderWithPdfkit(content)));
    }
    const ours = median(ourTimes);
    const baseline = median(kitTimes);
    console.log(`${operation}: ours ${ourPages} pages, ${(ourPdf.length / 1024).toFixed(0)} KB in ${ours.toFixed(1)} ms; PDFKit ${kitPages} pages, ${(kitPdf.length / 1024).toFixed(0)} KB in ${baseline.toFixed(1)} ms`);
    rows.push({ operation, ours: ours / ourPages, baseline: baseline / kitPages, target, baselineName: 'PDFKit' });
  }
  let ok = printTable('Documents: invoice PDF, our react-pdf template against raw PDFKit', rows);
  const rss = peakRss();
  const rssOk = rss < 300;
  console.log(`\n600-line invoice: peak RSS of a process rendering it ${rss.toFixed(0)} MB (target < 300 MB) ${rssOk ? 'yes' : 'NO'}`);
  ok &&= rssOk;
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--peak-rss')) await peakRssChild();
  else process.exitCode = (await benchDocuments()) ? 0 : 1;
}
