/**
 * E-invoices of issued invoices and credit notes through `@e-invoice-eu/core`: XRechnung 3.0
 * in CII or UBL syntax, and Factur-X/ZUGFeRD (profile EN 16931) as PDF/A-3 with the CII XML
 * embedded as `factur-x.xml`.
 */
import type { Logger } from '@e-invoice-eu/core';
import type { InvoiceView } from '../../../src-shared/contract/views.js';
import { correctCii } from './cii.js';
import { EInvoiceDataError } from './errors.js';
import { generateWithLibrary } from './library.js';
import { toEInvoice } from './mapping.js';

export { dropCiiCurrencyIds } from './cii.js';
export { EInvoiceDataError } from './errors.js';
export { centsToAmount, netPrice, toEInvoice } from './mapping.js';

export type EInvoiceFormat = 'xrechnung-cii' | 'xrechnung-ubl' | 'factur-x';
/** `xml`: the e-invoice's XML itself (for Factur-X the CII embedded into the PDF). */
export type EInvoiceFile = { bytes: Buffer; fileName: string; mimeType: string; xml: Buffer };

/** Stops the Factur-X build once its XML is made, when only the XML is wanted. */
class XmlMade extends Error {}

const FORMATS: Record<EInvoiceFormat, { library: string; extension: string; mimeType: string }> = {
  'xrechnung-cii': { library: 'XRECHNUNG-CII', extension: 'xrechnung-cii.xml', mimeType: 'application/xml' },
  'xrechnung-ubl': { library: 'XRECHNUNG-UBL', extension: 'xrechnung-ubl.xml', mimeType: 'application/xml' },
  // The hybrid is the invoice PDF itself, so it keeps the PDF's plain name.
  'factur-x': { library: 'Factur-X-EN16931', extension: 'pdf', mimeType: 'application/pdf' },
};

/** XRechnung 3.0 needs more than EN 16931: named here so that a missing setting is clear. */
function checkXRechnung(view: InvoiceView): void {
  const where = `XRechnung for ${view.number}`;
  const need = (field: string, value: string | undefined, rule: string) => {
    if (!value?.trim()) throw new EInvoiceDataError(field, `${where}: ${field} is required (${rule})`);
  };
  need('seller.email', view.seller?.email, 'BT-34 seller electronic address and BT-43 contact e-mail, BR-DE-7');
  need('seller.phone', view.seller?.phone, 'BT-42 seller contact telephone, BR-DE-6');
  need('buyer.email', view.buyer?.email, 'BT-49 buyer electronic address, mandatory since XRechnung 3.0');
  need('seller.address.city', view.seller?.address.city, 'BR-DE-3');
  need('seller.address.postalCode', view.seller?.address.postalCode, 'BR-DE-4');
  need('buyer.address.city', view.buyer?.address.city, 'BR-DE-8');
  need('buyer.address.postalCode', view.buyer?.address.postalCode, 'BR-DE-9');
}

/** The file name of a document's e-invoice: its number, made safe for every file system. */
export function eInvoiceFileName(view: Pick<InvoiceView, 'number'>, format: EInvoiceFormat): string {
  return `${view.number.replace(/[^A-Za-z0-9._-]/g, '_')}.${FORMATS[format].extension}`;
}

/**
 * Builds the e-invoice of an issued document. `xmlOnly`: just the XML (for Factur-X the CII it
 * would embed; no PDF needed), to check it before anything is frozen.
 */
export async function buildEInvoice(view: InvoiceView, format: EInvoiceFormat, options: { pdf?: Buffer; lang?: 'de' | 'en'; xmlOnly?: boolean } = {}): Promise<EInvoiceFile> {
  const spec = FORMATS[format];
  if (!spec) throw new Error(`Unknown e-invoice format ${JSON.stringify(format)}`);
  if (format === 'factur-x' && !options.pdf && !options.xmlOnly) throw new Error(`Factur-X for ${view.number}: the invoice PDF is required to embed the XML into`);
  if (format !== 'factur-x') checkXRechnung(view);
  const invoice = toEInvoice(view);
  const baseName = view.number.replace(/[^A-Za-z0-9._-]/g, '_');
  const messages: string[] = [];
  const logger: Logger = { log: () => undefined, warn: (m) => messages.push(m), error: (m) => messages.push(m) };
  const lang = (options.lang ?? view.language) === 'de' ? 'de-DE' : 'en-US';
  let output: string | Uint8Array;
  let xml: string | undefined;
  const stopAtXml = format === 'factur-x' && options.xmlOnly;
  const onXml = (made: string) => {
    xml = made;
    if (stopAtXml) throw new XmlMade('The XML is made; the PDF is not needed');
  };
  try {
    const adapt = format === 'xrechnung-ubl' ? undefined : (formatter: Parameters<typeof correctCii>[0]) => correctCii(formatter, invoice, onXml);
    output = await generateWithLibrary(invoice, {
      format: spec.library,
      lang,
      noWarnings: true,
      // For the XML alone the library still asks for a PDF first; it never reads this one (the build stops at the XML).
      ...(options.pdf || stopAtXml ? { pdf: { buffer: new Uint8Array(options.pdf ?? Buffer.from('%PDF-1.7\n')), filename: `${baseName}.pdf`, mimetype: 'application/pdf' } } : {}),
    }, logger, adapt);
  } catch (error) {
    // The library may wrap what the hook threw; the XML it made is what counts.
    if (stopAtXml && xml !== undefined) {
      const bytes = Buffer.from(xml, 'utf8');
      return { bytes, fileName: `${baseName}.factur-x.xml`, mimeType: 'application/xml', xml: bytes };
    }
    const detail = messages.length ? `\n${messages.join('\n')}` : '';
    throw new Error(`${format} for ${view.number} could not be generated: ${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  }
  const bytes = typeof output === 'string' ? Buffer.from(output, 'utf8') : Buffer.from(output.buffer, output.byteOffset, output.byteLength);
  return { bytes, fileName: eInvoiceFileName(view, format), mimeType: spec.mimeType, xml: format === 'factur-x' ? Buffer.from(xml ?? '', 'utf8') : bytes };
}
