/**
 * The unit tests of CEN/TC 434 for the EN 16931 rules (eInvoicing-EN16931, tag validation-1.3.15,
 * `test/Invoice-unit-UBL`, `test/CreditNote-unit-UBL`, `test/cii`) run through the app's
 * validator. Each file is a VEFA validator test set: `<testSet><assert><scope>BR-01</scope></assert>`
 * then `<test><assert><success>BR-01</success></assert><Invoice>…</Invoice></test>` (the rule must
 * not fire) or `<error>BR-01</error>` (it must fire as an error; `<warning>` as a warning). Only
 * the rules a test names are judged, as in the VEFA validator: the invoices are fragments that
 * break many other rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEInvoiceValidator, type EInvoiceValidator } from '../../src-main/einvoice-rules/index.js';

const CEN = path.resolve(import.meta.dirname, '../fixtures/einvoice-rules/cen-en16931-1.3.15');

let validator: EInvoiceValidator;

beforeAll(() => {
  validator = createEInvoiceValidator();
  validator.load();
});

function files(dir: string): string[] {
  return fs
    .readdirSync(path.join(CEN, dir))
    .filter((f) => /\.xml$/i.test(f))
    .sort();
}

/** One `<test>` of a VEFA test set: the rules it expects to hold, to fail as errors and as warnings, and its invoice. */
type UnitCase = { description: string; success: string[]; error: string[]; warning: string[]; xml: string };

const VEFA = 'http://difi.no/xsd/vefa/validator/1.0';

type El = { localName: string; namespaceURI: string | null; textContent: string | null; childNodes: ArrayLike<{ nodeType: number }> };

function childElements(node: { childNodes: ArrayLike<unknown> }): El[] {
  return Array.from(node.childNodes as ArrayLike<{ nodeType: number }>).filter((n) => n.nodeType === 1) as unknown as El[];
}

function texts(assert: El | undefined, name: string): string[] {
  return assert ? childElements(assert as never).filter((e) => e.localName === name && e.namespaceURI === VEFA).map((e) => (e.textContent ?? '').trim()) : [];
}

/** Reads a VEFA validator test set: `<testSet><assert><scope/></assert><test><assert><success/><error/></assert><Invoice/></test>…`. */
function readTestSet(xml: string): UnitCase[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as { documentElement: El };
  const root = doc.documentElement;
  if (root.localName !== 'testSet' || root.namespaceURI !== VEFA) throw new Error('not a VEFA test set');
  return childElements(root as never)
    .filter((e) => e.localName === 'test')
    .map((test) => {
      const children = childElements(test as never);
      const assert = children.find((e) => e.localName === 'assert' && e.namespaceURI === VEFA);
      const invoice = children.filter((e) => e.namespaceURI !== VEFA);
      if (invoice.length !== 1) throw new Error('a test holds one invoice');
      return {
        description: texts(assert, 'description').join(' '),
        success: texts(assert, 'success'),
        error: texts(assert, 'error'),
        warning: texts(assert, 'warning'),
        xml: new XMLSerializer().serializeToString(invoice[0] as never),
      };
    });
}

/** The unit test folders and how many tests each holds (so that a test set read as empty is noticed). */
const UNIT_DIRS = [
  { dir: 'test/Invoice-unit-UBL', tests: 921 },
  { dir: 'test/CreditNote-unit-UBL', tests: 216 },
  { dir: 'test/cii', tests: 9 },
];

/**
 * Unit tests where our engine's result differs from the test set's expectation, as
 * `<dir>/<file> #<n> <rule> <expected>`, with the reason. Empty: none differs.
 */
const UNIT_DIFFERENCES: Record<string, string> = {};

describe.each(UNIT_DIRS)('CEN unit tests in $dir', ({ dir, tests: count }) => {
  it('every test gives the result its test set states for the rules in scope', async () => {
    const found: string[] = [];
    let cases = 0;
    let expectations = 0;
    for (const file of files(dir)) {
      const tests = readTestSet(fs.readFileSync(path.join(CEN, dir, file), 'utf8'));
      for (const [n, test] of tests.entries()) {
        cases++;
        const report = await validator.validate(test.xml);
        const errors = new Set(report.errors.map((f) => f.rule));
        const warnings = new Set(report.warnings.map((f) => f.rule));
        const where = `${dir}/${file} #${n + 1}`;
        for (const rule of test.success) if (errors.has(rule) || warnings.has(rule)) found.push(`${where} ${rule} holds`);
        for (const rule of test.error) if (!errors.has(rule)) found.push(`${where} ${rule} fails as error`);
        for (const rule of test.warning) if (!warnings.has(rule)) found.push(`${where} ${rule} fails as warning`);
        expectations += test.success.length + test.error.length + test.warning.length;
      }
    }
    console.info(`CEN ${dir}: ${cases} tests, ${expectations} rule expectations, ${found.length} differences`);
    expect(cases).toBe(count);
    expect(found.sort()).toEqual(Object.keys(UNIT_DIFFERENCES).filter((k) => k.startsWith(`${dir}/`)).sort());
  }, 120_000);
});

