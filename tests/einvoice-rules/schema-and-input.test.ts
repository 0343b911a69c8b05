/**
 * The XML schema checks (CII: UN/CEFACT D16B, as CEN/TC 434 ships it; UBL: OASIS UBL 2.1) and what the validator
 * refuses: a file that is not XML, or XML that is neither a CII nor a UBL invoice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEInvoiceValidator, NotAnEInvoiceError, type EInvoiceValidator } from '../../src-main/einvoice-rules/index.js';

const EXAMPLE = fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/einvoice-rules/cen-en16931-1.3.15/cii/examples/CII_business_example_01.xml'), 'utf8');

const UBL = path.resolve(import.meta.dirname, '../fixtures/einvoice-rules/cen-en16931-1.3.15/ubl/examples');
const UBL_INVOICE = fs.readFileSync(path.join(UBL, 'ubl-tc434-example1.xml'), 'utf8');
const UBL_CREDIT_NOTE = fs.readFileSync(path.join(UBL, 'ubl-tc434-creditnote1.xml'), 'utf8');

let validator: EInvoiceValidator;

beforeAll(() => {
  validator = createEInvoiceValidator();
  validator.load();
});

describe('the CII schema', () => {
  it('an official example has no schema finding', async () => {
    const report = await validator.validate(EXAMPLE);
    expect(report.errors.filter((f) => f.rule === 'XSD')).toEqual([]);
    expect(report.ruleSets).toContain('UN/CEFACT CII D16B XSD');
  });

  it('an element the D16B schema does not allow is a fatal XSD finding, and the file is not valid', async () => {
    const xml = EXAMPLE.replace(/(<ram:TypeCode>380<\/ram:TypeCode>)/, '$1<ram:Colour>blue</ram:Colour>');
    expect(xml).not.toBe(EXAMPLE);
    const report = await validator.validate(xml);
    expect(report.valid).toBe(false);
    const xsd = report.errors.filter((f) => f.rule === 'XSD');
    expect(xsd).toHaveLength(1);
    expect(xsd[0]).toMatchObject({ severity: 'fatal' });
    expect(xsd[0]!.text).toMatch(/Colour/);
    expect(xsd[0]!.location).toMatch(/^line \d+$/);
  });
});

describe('the UBL schema', () => {
  it.each([
    ['an invoice', UBL_INVOICE],
    ['a credit note', UBL_CREDIT_NOTE],
  ])('%s of the official examples has no schema finding', async (_name, xml) => {
    const report = await validator.validate(xml);
    expect(report.syntax).toBe('UBL');
    expect(report.errors.filter((f) => f.rule === 'XSD')).toEqual([]);
    expect(report.ruleSets).toContain('OASIS UBL 2.1 XSD');
  });

  it('an element UBL 2.1 does not have is a fatal XSD finding', async () => {
    const xml = UBL_INVOICE.replace(/(<cbc:InvoiceTypeCode>380<\/cbc:InvoiceTypeCode>)/, '$1<cbc:Colour>blue</cbc:Colour>');
    expect(xml).not.toBe(UBL_INVOICE);
    const report = await validator.validate(xml);
    expect(report.valid).toBe(false);
    const xsd = report.errors.filter((f) => f.rule === 'XSD');
    expect(xsd).toHaveLength(1);
    expect(xsd[0]!.text).toMatch(/Colour/);
    expect(xsd[0]!.location).toMatch(/^line \d+$/);
  });

  it('elements out of the order UBL prescribes are found by the schema alone', async () => {
    // The due date (BT-9) before the issue date: the EN 16931 rules read both and are content.
    const xml = UBL_INVOICE.replace(/(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)(\s*)(<cbc:DueDate>[^<]*<\/cbc:DueDate>)/, '$3$2$1');
    expect(xml).not.toBe(UBL_INVOICE);
    const report = await validator.validate(xml);
    expect(report.errors.map((f) => f.rule)).toEqual(['XSD']);
    expect(report.errors[0]!.text).toMatch(/DueDate|IssueDate/);
  });
});

describe('input that is not an e-invoice is refused', () => {
  const refused = async (input: string | Buffer) => {
    const error = await validator.validate(input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotAnEInvoiceError);
    return (error as Error).message;
  };

  it('well-formed XML that is no invoice', async () => {
    expect(await refused('<?xml version="1.0"?><note><to>Anna</to><body>Hallo</body></note>')).toMatch(/neither a CII nor a UBL/);
    expect(await refused('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toMatch(/http:\/\/www\.w3\.org\/1999\/xhtml/);
  });

  it('input that is not XML at all', async () => {
    expect(await refused(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'))).toMatch(/not well-formed XML/);
    expect(await refused('Rechnung Nr. 2026-0001, Betrag 119,00 EUR')).toMatch(/not well-formed XML/);
    // An empty file parses as a document without a root element; it is refused all the same.
    expect(await refused('')).toMatch(/not well-formed XML|neither a CII nor a UBL/);
    expect(await refused('<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">')).toMatch(/not well-formed XML/);
  });
});
