/**
 * XRechnung 3.0 (CII and UBL) of real issued documents, made through the contract: every XML is
 * well-formed (libxml2 through xmllint-wasm, and a strict reader), says exactly the totals the
 * issued document says, and keeps the business rules of tests/support/einvoice/rules.ts.
 *
 * Not here: validation against the official XSDs and Schematron. No installed package ships the
 * CII D16B or UBL 2.1 XSDs or the KoSIT validator, so that check is left to the KoSIT tool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { startTestApp, type TestApp } from '../../../tests/support/services.js';
import { buildEInvoice } from './index.js';
import { issueSamples, LEITWEG_ID, type Samples } from '../../../tests/support/einvoice/documents.js';
import { date, expectAsIssued, rate } from '../../../tests/support/einvoice/as-issued.js';
import { readEInvoice, type Readback } from '../../../tests/support/einvoice/readback.js';
import { checkRules } from '../../../tests/support/einvoice/rules.js';
import { parseXml } from '../../../tests/support/einvoice/xml.js';

let app: TestApp;
let samples: Samples;
beforeAll(async () => {
  app = await startTestApp();
  samples = await issueSamples(app);
});
afterAll(async () => app?.stop());

const CASES = ['domestic', 'reverseCharge', 'intraEu', 'export', 'publicBuyer', 'creditNote', 'smallBusiness'] as const;
const FORMATS = ['xrechnung-cii', 'xrechnung-ubl'] as const;
async function xrechnung(view: InvoiceView, format: (typeof FORMATS)[number]): Promise<{ xml: string; r: Readback }> {
  const file = await buildEInvoice(view, format);
  expect(file).toMatchObject({ fileName: `${view.number}.${format}.xml`, mimeType: 'application/xml' });
  const xml = file.bytes.toString('utf8');
  const lint = await validateXML({ xml: [{ fileName: file.fileName, contents: xml }], normalization: 'format' });
  expect(lint.errors).toEqual([]);
  return { xml, r: readEInvoice(xml) };
}

describe.each(FORMATS)('%s', (format) => {
  it.each(CASES)('%s: well-formed, exactly the issued totals, business rules hold', async (name) => {
    const view = samples[name];
    const { r } = await xrechnung(view, format);
    expect(r.syntax).toBe(format === 'xrechnung-cii' ? 'CII' : 'UBL');
    expectAsIssued(r, view);
    expect(checkRules(r, { xrechnung: true })).toEqual([]);
  });

  it('domestic 19 % + 7 %: line discounts, freight, Skonto, SEPA transfer, delivery date, seller details', async () => {
    const { xml, r } = await xrechnung(samples.domestic, format);
    // 19 %: 237.50 + 29.75 + 9.90 freight - 5.35 discount; 7 %: 53.86 - 1.08 discount.
    expect(r.breakdown.map((b) => [b.category, rate(b.rate), b.taxable, b.tax])).toEqual([
      ['S', '19', 27180, 5164],
      ['S', '7', 5278, 369],
    ]);
    expect(r.lines[0]!.allowancesCharges).toMatchObject([{ isCharge: false, amount: 284 }]);
    // 0.125 a piece is written as 1.25 per 10 pieces: 250 x 1.25 / 10 = 31.25, minus 1.50.
    expect(r.lines[2]).toMatchObject({ price: '1.25', baseQuantity: '10', net: 2975, allowancesCharges: [{ isCharge: false, amount: 150 }] });
    // The discount of 2 % on all lines: one allowance per VAT rate, each of its rate's lines.
    expect(r.allowancesCharges.map((a) => ({ ...a, rate: rate(a.rate!) }))).toMatchObject([
      { isCharge: true, amount: 990, reason: 'Fracht', category: 'S', rate: '19' },
      { isCharge: false, amount: 108, reason: 'Treuerabatt', category: 'S', rate: '7' },
      { isCharge: false, amount: 535, reason: 'Treuerabatt', category: 'S', rate: '19' },
    ]);
    expect(xml).toMatch(/Bas(e|is)Amount[^>]*>53\.86</);
    expect(xml).toMatch(/Bas(e|is)Amount[^>]*>267\.25</);
    expect(r.paymentTerms).toBe('Zahlbar ohne Abzug bis 11.12.2026. Bei Zahlung innerhalb von 10 Tagen 2,00 % Skonto.\n#SKONTO#TAGE=10#PROZENT=2.00#\n');
    expect(r.paymentMeans).toEqual([{ code: '58', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }]);
    expect(r.paymentReference).toBe(samples.domestic.number);
    expect(date(r.deliveryDate, r.syntax)).toBe('2026-11-20');
    expect(r.seller).toMatchObject({
      name: 'Muster & Söhne GmbH',
      vatId: 'DE136695976',
      taxNumber: '133/5819/0123',
      endpoint: 'rechnung@muster.example',
      endpointScheme: 'EM',
      phone: '+49 211 123456',
      email: 'rechnung@muster.example',
      legalInfo: 'Geschäftsführung: Erika Muster',
    });
    expect(r.seller.ids).toContain('HRB 12345, Amtsgericht Düsseldorf');
    expect(r.buyer).toMatchObject({ name: 'Bäckerei Schmidt GmbH', endpoint: 'buchhaltung@schmidt.example', endpointScheme: 'EM', vatId: undefined });
  });

  it('reverse charge: AE with VATEX-EU-AE, both VAT IDs, a service period instead of a delivery date', async () => {
    const { xml, r } = await xrechnung(samples.reverseCharge, format);
    expect(r.breakdown).toEqual([{ category: 'AE', rate: '0', taxable: 114000, tax: 0, exemptionCode: 'VATEX-EU-AE', exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers' }]);
    expect([r.seller.vatId, r.buyer.vatId]).toEqual(['DE136695976', 'DE811569869']);
    expect(r.period && [date(r.period.from, r.syntax), date(r.period.to, r.syntax)]).toEqual(['2026-11-01', '2026-11-30']);
    expect(r.deliveryDate).toBeUndefined();
    expect(r.notes).toContain('Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG).');
    // The CII schema requires the (here empty) header delivery.
    if (r.syntax === 'CII') expect(xml).toContain('<ram:ApplicableHeaderTradeDelivery/>');
  });

  it('intra-EU supply of goods: K with VATEX-EU-IC, the buyer abroad, terms in the customer’s language', async () => {
    const { r } = await xrechnung(samples.intraEu, format);
    expect(r.breakdown).toMatchObject([{ category: 'K', tax: 0, exemptionCode: 'VATEX-EU-IC', exemptionReason: 'Innergemeinschaftliche Lieferung' }]);
    expect(r.buyer).toMatchObject({ vatId: 'ATU13585627', city: 'Wien' });
    expect(r.paymentTerms).toBe('Payable without deduction by 2026-12-11.');
  });

  it('export: G with VATEX-EU-G', async () => {
    const { r } = await xrechnung(samples.export, format);
    expect(r.breakdown).toMatchObject([{ category: 'G', tax: 0, exemptionCode: 'VATEX-EU-G', exemptionReason: 'Ausfuhrlieferung' }]);
  });

  it('public buyer: the Leitweg-ID is the buyer reference (BT-10)', async () => {
    const { r } = await xrechnung(samples.publicBuyer, format);
    expect(r.buyerReference).toBe(LEITWEG_ID);
    expect(r.breakdown.map((b) => [b.category, rate(b.rate)])).toEqual([['S', '19'], ['S', '7']]);
  });

  it('credit note: 381, names the invoice it corrects (BT-25), no transfer to the seller', async () => {
    const { xml, r } = await xrechnung(samples.creditNote, format);
    expect(r.precedingInvoice).toBe(samples.domestic.number);
    expect(r.paymentMeans).toEqual([{ code: '1', iban: undefined, bic: undefined }]);
    expect(r.notes).toContain('Rücknahme der gesamten Lieferung');
    if (r.syntax === 'UBL') expect(xml).toMatch(/^<\?xml[^>]*>\s*<CreditNote /);
  });

  it('small business (§ 19 UStG): E with its reason and no VAT', async () => {
    const { r } = await xrechnung(samples.smallBusiness, format);
    expect(r.breakdown).toMatchObject([{ category: 'E', tax: 0, exemptionReason: 'Kleinunternehmer gemäß § 19 UStG' }]);
    expect(r.breakdown[0]!.exemptionCode).toBeUndefined();
    expect(r.totals.vatTotal).toBe(0);
    expect(r.notes).toContain('Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.');
  });
});

it.each(CASES)('%s: CII and UBL carry the same business terms (nothing dropped by either syntax)', async (name) => {
  const { r: cii } = await xrechnung(samples[name], 'xrechnung-cii');
  const { r: ubl } = await xrechnung(samples[name], 'xrechnung-ubl');
  const terms = (r: Readback) => JSON.parse(JSON.stringify({ ...r, syntax: undefined, currencyIdOn: undefined }, (_, v: unknown) => (typeof v === 'string' && /^\d{8}$/.test(v) ? date(v, 'CII') : v)));
  // UBL has no DueDate in a CreditNote (BT-9 would go to PaymentMeans/PaymentDueDate, which the library cannot write).
  expect(terms(cii)).toEqual({ ...terms(ubl), ...(name === 'creditNote' ? { dueDate: samples.creditNote.dueDate } : {}) });
});

it('the strict reader refuses what is not well-formed', () => {
  for (const bad of ['<a><b></a>', '<a>', '<a/><b/>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a>AT&T</a>', 'text<a/>', '<a b=1/>']) {
    expect(() => parseXml(bad), bad).toThrow();
  }
  expect(parseXml('<?xml version="1.0"?><a x="&lt;1&gt;"><!-- c --><b>&amp;&#x41;</b></a>').children[0]!.text).toBe('&A');
});

it('the rule checks are live: a tampered total or line is caught', async () => {
  const { r } = await xrechnung(samples.domestic, 'xrechnung-cii');
  const tampered: Readback = { ...r, totals: { ...r.totals, lineTotal: r.totals.lineTotal + 1 }, lines: r.lines.map((l, i) => (i === 0 ? { ...l, net: l.net - 1 } : l)), currencyIdOn: [...r.currencyIdOn, 'LineTotalAmount'] };
  expect(checkRules(tampered, { xrechnung: true }).map((broken) => broken.split(':')[0]).sort()).toEqual(['BR-CO-10', 'BR-CO-13', 'BR-S-08', 'CII-DT-031']);
});
