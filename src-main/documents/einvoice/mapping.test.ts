/** The mapping's decisions and refusals, on real issued documents changed one field at a time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { startTestApp, type TestApp } from '../../../tests/support/services.js';
import { createEInvoiceValidator } from '../../einvoice-rules/index.js';
import { EInvoiceDataError, buildEInvoice, centsToAmount, dropCiiCurrencyIds, netPrice, toEInvoice } from './index.js';
import { issueSamples, type Samples } from '../../../tests/support/einvoice/documents.js';
import { embeddedXml, samplePdf } from '../../../tests/support/einvoice/pdf.js';
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

/** The rules an e-invoice breaks, fatal or not, by the official rule sets. */
async function brokenRules(xml: string): Promise<string[]> {
  const report = await validator.validate(xml);
  return [...report.errors, ...report.warnings].map((f) => `${f.rule}: ${f.text}`);
}

/** A copy of an issued sample with some changes. */
function changed(view: InvoiceView, change: (copy: InvoiceView) => void): InvoiceView {
  const copy = structuredClone(view);
  change(copy);
  return copy;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof EInvoiceDataError ? `${error.field}: ${error.message}` : `other: ${String(error)}`;
  }
  return 'accepted';
}

describe('amounts and prices', () => {
  it('writes cents as exact decimals', () => {
    expect([0, 5, -5, 100, -100, 123456, 9007199254740991].map(centsToAmount)).toEqual(['0.00', '0.05', '-0.05', '1.00', '-1.00', '1234.56', '90071992547409.91']);
    expect(() => centsToAmount(1.5)).toThrow(/safe integer/);
  });

  it('keeps unit prices exact within the library’s two decimals by scaling the base quantity', () => {
    expect(netPrice({ netUnitPrice: '18.9' })).toEqual({ price: '18.90' });
    expect(netPrice({ netUnitPrice: '95', priceBaseQuantity: '1' })).toEqual({ price: '95.00', baseQuantity: '1' });
    expect(netPrice({ netUnitPrice: '0.125' })).toEqual({ price: '1.25', baseQuantity: '10' });
    expect(netPrice({ netUnitPrice: '0.0125', priceBaseQuantity: '3' })).toEqual({ price: '1.25', baseQuantity: '300' });
  });

  it('takes currencyIDs off every CII amount but TaxTotalAmount (CII-DT-031)', () => {
    const xml = '<ram:X><ram:ActualAmount currencyID="EUR">1.00</ram:ActualAmount><ram:BasisAmount currencyID="EUR">2.00</ram:BasisAmount><ram:TaxTotalAmount currencyID="EUR">0.19</ram:TaxTotalAmount></ram:X>';
    expect(dropCiiCurrencyIds(xml)).toBe('<ram:X><ram:ActualAmount>1.00</ram:ActualAmount><ram:BasisAmount>2.00</ram:BasisAmount><ram:TaxTotalAmount currencyID="EUR">0.19</ram:TaxTotalAmount></ram:X>');
  });
});

describe('what the mapping refuses, naming the field', () => {
  it('only issued documents', () => {
    expect(refusal(() => toEInvoice(changed(samples.domestic, (v) => (v.status = 'approved'))))).toMatch(/^other: .*only issued documents/);
  });

  it('the seller VAT ID for intra-EU supplies (BR-IC-02) and exports (BR-G-02)', () => {
    expect(refusal(() => toEInvoice(changed(samples.intraEu, (v) => (v.seller!.vatId = ''))))).toMatch(/^seller\.vatId: .*BR-IC-02/);
    expect(refusal(() => toEInvoice(changed(samples.export, (v) => (v.seller!.vatId = ''))))).toMatch(/^seller\.vatId: .*BR-G-02/);
    expect(refusal(() => toEInvoice(changed(samples.intraEu, (v) => (v.buyer!.vatId = ''))))).toMatch(/^buyer\.vatId: .*BR-IC-02/);
  });

  it('reverse charge: § 13b at home takes the tax number (BR-AE-02), across the EU the VAT ID (§ 14a UStG)', () => {
    const taxNumberOnly = changed(samples.reverseCharge, (v) => (v.seller!.vatId = ''));
    expect(refusal(() => toEInvoice(taxNumberOnly))).toBe('accepted');
    expect(refusal(() => toEInvoice(changed(taxNumberOnly, (v) => (v.seller!.taxNumber = ''))))).toMatch(/^seller\.vatId: .*BR-AE-02/);
    expect(refusal(() => toEInvoice(changed(taxNumberOnly, (v) => (v.vatCase = 'intraEu'))))).toMatch(/^seller\.vatId: .*§ 14a/);
    expect(refusal(() => toEInvoice(changed(samples.reverseCharge, (v) => (v.buyer!.vatId = ''))))).toMatch(/^buyer\.vatId: .*BR-AE-02/);
  });

  it('a Skonto percentage XRechnung cannot write (BR-DE-18 takes two decimals)', () => {
    expect(refusal(() => toEInvoice(changed(samples.domestic, (v) => (v.skonto = { percent: '2.125', days: 10 }))))).toMatch(/^skonto\.percent: /);
  });

  it('XRechnung: the buyer’s e-mail (BT-49) and the seller’s phone (BR-DE-6); Factur-X does without the buyer’s', async () => {
    const noBuyerMail = changed(samples.domestic, (v) => (v.buyer!.email = ''));
    await expect(buildEInvoice(noBuyerMail, 'xrechnung-cii')).rejects.toMatchObject({ name: 'EInvoiceDataError', field: 'buyer.email' });
    await expect(buildEInvoice(noBuyerMail, 'xrechnung-ubl')).rejects.toMatchObject({ field: 'buyer.email' });
    await expect(buildEInvoice(changed(samples.domestic, (v) => (v.seller!.phone = '')), 'xrechnung-ubl')).rejects.toMatchObject({ field: 'seller.phone' });
    const hybrid = await buildEInvoice(noBuyerMail, 'factur-x', { pdf: await samplePdf('Rechnung') });
    const xml = embeddedXml(hybrid.bytes)!;
    expect(readEInvoice(xml).buyer.endpoint).toBeUndefined();
    expect(await brokenRules(xml)).toEqual([]);
  });
});

describe('what the mapping decides when data is missing', () => {
  it('a seller without VAT ID and register is identified by its tax number (BR-CO-26)', async () => {
    const view = changed(samples.domestic, (v) => Object.assign(v.seller!, { vatId: '', register: '' }));
    for (const format of ['xrechnung-cii', 'xrechnung-ubl'] as const) {
      const xml = (await buildEInvoice(view, format)).bytes.toString('utf8');
      expect(readEInvoice(xml).seller).toMatchObject({ vatId: undefined, taxNumber: '133/5819/0123', ids: ['133/5819/0123'] });
      expect(await brokenRules(xml)).toEqual([]);
    }
  });

  it('without an IBAN the payment means are "not defined" (1), which needs no account (BR-DE-23-a)', async () => {
    const view = changed(samples.domestic, (v) => Object.assign(v.seller!, { iban: '', bic: '' }));
    const xml = (await buildEInvoice(view, 'xrechnung-cii')).bytes.toString('utf8');
    expect(readEInvoice(xml).paymentMeans).toEqual([{ code: '1', iban: undefined, bic: undefined }]);
    expect(await brokenRules(xml)).toEqual([]);
  });

  it('intra-EU supply (BR-IC-12): the deliver-to address is the shipping address kept on the document, else the billing address', async () => {
    const deliverTo = (view: InvoiceView) => toEInvoice(view)['ubl:Invoice']['cac:Delivery'];
    expect(deliverTo(samples.intraEu)).toEqual({
      'cbc:ActualDeliveryDate': '2026-11-25',
      'cac:DeliveryLocation': { 'cac:Address': { 'cbc:StreetName': 'Industriestraße 7', 'cbc:CityName': 'Wiener Neudorf', 'cbc:PostalZone': '2351', 'cac:Country': { 'cbc:IdentificationCode': 'AT' } } },
      'cac:DeliveryParty': { 'cac:PartyName': { 'cbc:Name': 'Wiener Backstube GmbH, Lager' } },
    });
    // A document issued before the shipping address was kept, or to a customer without one.
    const billingOnly = changed(samples.intraEu, (v) => delete v.buyer!.shippingAddress);
    expect(deliverTo(billingOnly)).toEqual({
      'cbc:ActualDeliveryDate': '2026-11-25',
      'cac:DeliveryLocation': { 'cac:Address': { 'cbc:StreetName': 'Ring 1', 'cbc:CityName': 'Wien', 'cbc:PostalZone': '1010', 'cac:Country': { 'cbc:IdentificationCode': 'AT' } } },
      'cac:DeliveryParty': { 'cac:PartyName': { 'cbc:Name': 'Wiener Backstube GmbH' } },
    });
    for (const format of ['xrechnung-cii', 'xrechnung-ubl'] as const) expect(await brokenRules((await buildEInvoice(billingOnly, format)).bytes.toString('utf8'))).toEqual([]);
    // Only an intra-EU supply names where the goods went; a domestic one keeps just its delivery date.
    expect(deliverTo(changed(samples.domestic, (v) => (v.buyer!.shippingAddress = samples.intraEu.buyer!.shippingAddress)))).toEqual({ 'cbc:ActualDeliveryDate': '2026-11-20' });
  });

  it('BT-10 (BR-DE-15): the Leitweg-ID, else the customer number, else the document number', () => {
    const reference = (view: InvoiceView) => toEInvoice(view)['ubl:Invoice']['cbc:BuyerReference'];
    expect(reference(samples.publicBuyer)).toBe('991-12345-67');
    expect(reference(samples.domestic)).toBe(samples.domestic.buyer!.customerNumber);
    expect(reference(changed(samples.domestic, (v) => (v.buyer!.customerNumber = '')))).toBe(samples.domestic.number);
  });
});
