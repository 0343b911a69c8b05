/** One document (invoice, credit note, reminder letter, payment receipt) to PDF bytes, on the calling thread (the worker pool calls this). */
import { createElement, type ReactElement } from 'react';
import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import QRCode from 'qrcode';
import type { InvoiceView, PaymentReceiptView, ReminderLetterView } from '../../../src-shared/contract/index.js';
import { invoiceContent, type DocumentContent } from './content.js';
import { loadFonts } from './fonts.js';
import { InvoiceDocument, type DocumentImages } from './invoice-document.js';
import { planDocument } from './layout.js';
import { receiptContent, reminderContent } from './letters.js';
import { printableContent } from './printable.js';
import { tableLetterContent, type TableLetter } from './table-letter.js';

/** What a PDF is made from. */
export type PdfSource =
  | { kind: 'invoice'; view: InvoiceView }
  | { kind: 'reminder'; letter: ReminderLetterView }
  | { kind: 'receipt'; receipt: PaymentReceiptView }
  /** A report or an account statement: a letter whose body is one table. */
  | { kind: 'table'; letter: TableLetter };

export function contentOf(source: PdfSource): DocumentContent {
  if (source.kind === 'reminder') return reminderContent(source.letter);
  if (source.kind === 'receipt') return receiptContent(source.receipt);
  if (source.kind === 'table') return tableLetterContent(source.letter);
  return invoiceContent(source.view);
}

export type RenderOptions = {
  /** Company logo, PNG or JPEG. */
  logo?: Buffer | Uint8Array;
  /** Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf; default `resources/fonts`. */
  fontsDir?: string;
};

export function renderInvoicePdf(view: InvoiceView, options: RenderOptions = {}): Promise<Buffer> {
  return renderPdf({ kind: 'invoice', view }, options);
}

export async function renderPdf(source: PdfSource, options: RenderOptions = {}): Promise<Buffer> {
  const fonts = await loadFonts(options.fontsDir);
  const content = printableContent(contentOf(source), fonts.regular.characterSet);
  const images: DocumentImages = {};
  if (options.logo?.length) {
    const data = Buffer.isBuffer(options.logo) ? options.logo : Buffer.from(options.logo);
    images.logo = { data, format: imageFormat(data) };
  }
  if (content.girocode) {
    // Error correction M as EPC069-12 asks, the 4-module quiet zone inside the image, 4 px a module.
    images.girocode = await QRCode.toDataURL(content.girocode.payload, { errorCorrectionLevel: 'M', margin: 4, scale: 4 });
  }
  const plan = planDocument(content, fonts.measurer);
  const element = createElement(InvoiceDocument, { content, plan, fonts, images }) as unknown as ReactElement<DocumentProps>;
  return withModDate(await renderToBuffer(element));
}

const REACT_PDF_KEY = Buffer.from('/ModificationDate ', 'latin1');
const PDF_KEY = Buffer.from('/ModDate          ', 'latin1');

/**
 * react-pdf writes the modification date as /ModificationDate; the PDF key is /ModDate. Renamed in
 * place, padded with spaces to the same length, so every byte offset (and the xref table) holds.
 */
function withModDate(pdf: Buffer): Buffer {
  const at = pdf.lastIndexOf(REACT_PDF_KEY);
  if (at >= 0) PDF_KEY.copy(pdf, at);
  return pdf;
}

function imageFormat(data: Buffer): 'png' | 'jpg' {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
  throw new Error('The logo must be a PNG or JPEG image');
}
