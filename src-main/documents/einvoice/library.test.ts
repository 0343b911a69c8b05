/**
 * The e-invoice library's generation with its input schema compiled once per format: the same
 * bytes as `InvoiceService.generate` for every VAT case and syntax, again on a second call
 * (the compiled check is reused), and the same refusal of bad input.
 */
import { InvoiceService, type Logger } from '@e-invoice-eu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/support/services.js';
import { issueSamples, type Samples } from '../../../tests/support/einvoice/documents.js';
import { generateWithLibrary } from './library.js';
import { toEInvoice } from './mapping.js';

let app: TestApp;
let samples: Samples;
beforeAll(async () => {
  app = await startTestApp();
  samples = await issueSamples(app);
});
afterAll(async () => app?.stop());

const quiet: Logger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const CASES = ['domestic', 'reverseCharge', 'intraEu', 'export', 'publicBuyer', 'creditNote', 'smallBusiness'] as const;
const FORMATS = ['XRECHNUNG-UBL', 'XRECHNUNG-CII', 'CII', 'UBL'] as const;

describe.each(FORMATS)('%s', (format) => {
  it.each(CASES)('%s: byte for byte what InvoiceService.generate writes, also on a second call', async (name) => {
    const invoice = toEInvoice(samples[name]);
    const options = { format, lang: 'de-DE', noWarnings: true };
    const reference = await new InvoiceService(quiet).generate(structuredClone(invoice), { ...options });
    const first = await generateWithLibrary(invoice, { ...options }, quiet);
    const second = await generateWithLibrary(invoice, { ...options }, quiet);
    expect(typeof reference).toBe('string');
    expect(first).toBe(reference);
    expect(second).toBe(reference);
    expect(String(first)).toContain(samples[name].number);
  });
});

it('refuses input the library refuses, with the same errors, and leaves the input as it was', async () => {
  const invoice = toEInvoice(samples.domestic);
  delete (invoice['ubl:Invoice'] as Record<string, unknown>)['cbc:IssueDate'];
  const before = structuredClone(invoice);
  const options = { format: 'XRECHNUNG-UBL', lang: 'de-DE', noWarnings: true };
  const reference = await new InvoiceService(quiet).generate(structuredClone(invoice), { ...options }).catch((e: unknown) => e);
  const ours = await generateWithLibrary(invoice, { ...options }, quiet).catch((e: unknown) => e);
  type Refusal = Error & { errors?: unknown };
  expect(reference).toBeInstanceOf(Error);
  expect(ours).toBeInstanceOf(Error);
  expect((ours as Refusal).constructor).toBe((reference as Refusal).constructor);
  expect((ours as Refusal).message).toBe((reference as Refusal).message);
  expect((ours as Refusal).errors).toEqual((reference as Refusal).errors);
  expect(JSON.stringify((ours as Refusal).errors)).toContain('cbc:IssueDate');
  expect(invoice).toEqual(before);
});
