/**
 * Factur-X/ZUGFeRD, profile EN 16931: a PDF/A-3 with the CII XML embedded as factur-x.xml, made
 * from real issued documents and a small PDF. The embedded XML is read back like the XRechnung
 * and judged by the official rules the app ships (the CII schema and EN 16931 of CEN/TC 434;
 * KoSIT's rules are for XRechnung only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { startTestApp, type TestApp } from '../../../tests/support/services.js';
import { createEInvoiceValidator } from '../../einvoice-rules/index.js';
import { buildEInvoice } from './index.js';
import { expectAsIssued } from '../../../tests/support/einvoice/as-issued.js';
import { issueSamples, type Samples } from '../../../tests/support/einvoice/documents.js';
import { embeddedXml, pdfdetach, samplePdf, streamsOf } from '../../../tests/support/einvoice/pdf.js';
import { readEInvoice } from '../../../tests/support/einvoice/readback.js';

let app: TestApp;
let samples: Samples;
const validator = createEInvoiceValidator();
beforeAll(async () => {
  validator.load();
  app = await startTestApp();
  samples = await issueSamples(app);
});
afterAll(async () => app?.stop());

async function facturX(view: InvoiceView) {
  const file = await buildEInvoice(view, 'factur-x', { pdf: await samplePdf(`Rechnung ${view.number}`), lang: 'de' });
  expect(file).toMatchObject({ fileName: `${view.number}.pdf`, mimeType: 'application/pdf' });
  expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return file.bytes;
}

describe('Factur-X (EN 16931)', () => {
  it('needs the invoice PDF to embed into', async () => {
    await expect(buildEInvoice(samples.domestic, 'factur-x')).rejects.toThrow(/PDF is required/);
  });

  it.each(['domestic', 'reverseCharge', 'intraEu', 'export', 'creditNote', 'smallBusiness'] as const)('%s: PDF/A-3 with factur-x.xml, exactly the issued totals, passes the official EN 16931 rules', async (name) => {
    const view = samples[name];
    const pdf = await facturX(view);
    const texts = streamsOf(pdf).join('\n');
    // The file specification and its relationship, and the XMP that declares PDF/A-3 and the profile.
    expect(texts).toMatch(/\/F \(factur-x\.xml\)|\/UF \(factur-x\.xml\)/);
    expect(texts).toContain('/AFRelationship /Alternative');
    expect(texts).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(texts).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(texts).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');

    const xml = embeddedXml(pdf);
    expect(xml).toMatch(/^<\?xml [^>]*\?>\s*<rsm:CrossIndustryInvoice /);
    const lint = await validateXML({ xml: [{ fileName: 'factur-x.xml', contents: xml! }], normalization: 'format' });
    expect(lint.errors).toEqual([]);
    const r = readEInvoice(xml!);
    expect(r.syntax).toBe('CII');
    expect(r.customizationId).toBe('urn:cen.eu:en16931:2017');
    expectAsIssued(r, view);
    const report = await validator.validate(xml!);
    expect(report).toMatchObject({ syntax: 'CII', profile: 'EN16931', ruleSets: [expect.stringMatching(/XSD/), expect.stringMatching(/^EN 16931/)] });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    if (name === 'creditNote') expect(r.precedingInvoice).toBe(samples.domestic.number);
  });

  // pdfdetach comes with poppler-utils, which .ci/run and the pretest step install.
  it('poppler lists and extracts factur-x.xml, the same XML', async () => {
    const pdf = await facturX(samples.domestic);
    const { list, file } = pdfdetach(pdf, 'factur-x.xml');
    expect(list).toMatch(/^1 embedded files\n1: factur-x\.xml$/m);
    expect(file).toBe(embeddedXml(pdf));
  });
});
