/**
 * Every e-invoice `npm run demo` writes (XRechnung CII and UBL, and the CII inside each
 * Factur-X PDF) is judged by the official rules the app ships: EN 16931 (CEN/TC 434) and, for
 * XRechnung, KoSIT's rules. None may break a fatal rule or draw a warning, and the files together
 * cover every document type, VAT case and format the app writes, so that a case dropped from
 * the demo fails here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDemo } from '../../scripts/demo/build.js';
import { createEInvoiceValidator } from '../../src-main/einvoice-rules/index.js';
import type { EInvoiceReport } from '../../src-shared/contract/einvoice.js';
import { Decimal } from '../../src-shared/money/decimal.js';
import { embeddedXml } from '../support/einvoice/pdf.js';
import { readEInvoice } from '../support/einvoice/readback.js';

const TODAY = '2026-12-07';
const LEITWEG_ID = /^\d{2,12}(-[A-Z0-9]{1,30})?-\d{2}$/;

type Judged = { file: string; format: string; documentType: string; vatCases: string[]; report: EInvoiceReport };

let out: string;
let judged: Judged[];

/** The e-invoices among the demo's files: the XRechnung XML and the PDFs that carry a factur-x.xml. */
function eInvoicesOf(files: string[]): { file: string; format: string; xml: string }[] {
  return files.flatMap((file) => {
    const bytes = fs.readFileSync(path.join(out, file));
    if (file.endsWith('.xrechnung-cii.xml')) return [{ file, format: 'XRechnung CII', xml: bytes.toString('utf8') }];
    if (file.endsWith('.xrechnung-ubl.xml')) return [{ file, format: 'XRechnung UBL', xml: bytes.toString('utf8') }];
    const xml = file.endsWith('.pdf') ? embeddedXml(bytes) : undefined;
    return xml ? [{ file, format: 'Factur-X', xml }] : [];
  });
}

/** The VAT cases a file says it is (read from the XML, not from the app): category and rate, and a public buyer's Leitweg-ID. */
function vatCasesOf(xml: string): string[] {
  const r = readEInvoice(xml);
  const cases = r.breakdown.map((b) => (b.category === 'S' ? `S ${new Decimal(b.rate ?? '0').toFixed()} %` : b.category ?? '?'));
  if (r.customizationId?.includes('xrechnung') && LEITWEG_ID.test(r.buyerReference ?? '')) cases.push('public buyer (Leitweg-ID)');
  return cases;
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-demo-einvoices-'));
  const files = await buildDemo(out, TODAY);
  const validator = createEInvoiceValidator();
  judged = [];
  for (const { file, format, xml } of eInvoicesOf(files)) {
    const typeCode = readEInvoice(xml).typeCode;
    judged.push({ file, format, documentType: typeCode === '381' ? 'credit note' : typeCode === '380' ? 'invoice' : `type ${typeCode}`, vatCases: vatCasesOf(xml), report: await validator.validate(xml) });
  }
}, 600_000);
afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

it('every e-invoice of the demo passes the official rules: no fatal rule broken, no warning', () => {
  const findings = judged.map(({ file, report }) => ({ file, errors: report.errors.map((f) => `${f.rule}: ${f.text}`), warnings: report.warnings.map((f) => `${f.rule}: ${f.text}`) }));
  expect(findings).toEqual(judged.map(({ file }) => ({ file, errors: [], warnings: [] })));
  expect(judged.every(({ report }) => report.valid)).toBe(true);
});

it('the XRechnung files are judged by KoSIT’s rules as well, the Factur-X XML by EN 16931 alone', () => {
  for (const { file, format, report } of judged) {
    expect({ file, syntax: report.syntax, profile: report.profile }).toEqual({ file, syntax: format === 'XRechnung UBL' ? 'UBL' : 'CII', profile: format === 'Factur-X' ? 'EN16931' : 'XRechnung' });
  }
});

it('the demo’s e-invoices cover every format, document type and VAT case the app writes', () => {
  expect(new Set(judged.map((j) => j.format))).toEqual(new Set(['XRechnung CII', 'XRechnung UBL', 'Factur-X']));
  expect(new Set(judged.map((j) => j.documentType))).toEqual(new Set(['invoice', 'credit note']));
  expect(new Set(judged.flatMap((j) => j.vatCases))).toEqual(
    new Set([
      'S 19 %', // domestic, standard rate
      'S 7 %', // domestic, reduced rate
      'AE', // reverse charge, § 13b UStG
      'K', // intra-EU supply of goods
      'G', // export outside the EU
      'E', // small business, § 19 UStG
      'public buyer (Leitweg-ID)',
    ]),
  );
});
