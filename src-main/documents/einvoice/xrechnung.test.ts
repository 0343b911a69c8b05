/**
 * XRechnung 3.0 (CII and UBL) of real issued documents, made through the contract: every XML is
 * well-formed (libxml2 through xmllint-wasm, and a strict reader), says exactly the totals the
 * issued document says, and passes the official rules the app ships (the CII schema, EN 16931
 * of CEN/TC 434 and KoSIT's XRechnung rules) without a fatal finding or a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { InvoiceView } from '../../../src-shared/contract/index.js';
import { startTestApp, type TestApp } from '../../../tests/support/services.js';
import { createEInvoiceValidator } from '../../einvoice-rules/index.js';
import { buildEInvoice, centsToAmount } from './index.js';
import { issueSamples, LEITWEG_ID, type Samples } from '../../../tests/support/einvoice/documents.js';
import { date, expectAsIssued, rate } from '../../../tests/support/einvoice/as-issued.js';
import { readEInvoice, type Readback } from '../../../tests/support/einvoice/readback.js';
import { parseXml } from '../../../tests/support/einvoice/xml.js';

let app: TestApp;
let samples: Samples;
const validator = createEInvoiceValidator();
beforeAll(async () => {
  validator.load();
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
  it.each(CASES)('%s: well-formed, exactly the issued totals, passes the official XRechnung rules', async (name) => {
    const view = samples[name];
    const { xml, r } = await xrechnung(view, format);
    expect(r.syntax).toBe(format === 'xrechnung-cii' ? 'CII' : 'UBL');
    expectAsIssued(r, view);
    const report = await validator.validate(xml);
    expect(report).toMatchObject({ syntax: r.syntax, profile: 'XRechnung' });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
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
    const { xml, r } = await xrechnung(samples.intraEu, format);
    expect(r.breakdown).toMatchObject([{ category: 'K', tax: 0, exemptionCode: 'VATEX-EU-IC', exemptionReason: 'Innergemeinschaftliche Lieferung' }]);
    expect(r.buyer).toMatchObject({ vatId: 'ATU13585627', city: 'Wien' });
    expect(r.paymentTerms).toBe('Payable without deduction by 2026-12-11.');
    // BR-IC-11 and BR-IC-12: the delivery date and the deliver-to address, the customer's shipping address.
    expect(date(r.deliveryDate, r.syntax)).toBe('2026-11-25');
    expect(deliverTo(xml)).toEqual({ name: 'Wiener Backstube GmbH, Lager', city: 'Wiener Neudorf', postalCode: '2351', country: 'AT' });
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

it('the official rules are live: a tampered total, an IBAN with a wrong check digit and an intra-EU supply without deliver-to address are caught', async () => {
  const { xml } = await xrechnung(samples.domestic, 'xrechnung-cii');
  // The header's sum of line net amounts (BT-106) comes after every line's own: one cent more, with a currencyID.
  const at = xml.lastIndexOf('<ram:LineTotalAmount>');
  const total = /^<ram:LineTotalAmount>(\d+)\.(\d\d)<\/ram:LineTotalAmount>/.exec(xml.slice(at))!;
  const tampered = `${xml.slice(0, at)}<ram:LineTotalAmount currencyID="EUR">${centsToAmount(Number(total[1]) * 100 + Number(total[2]) + 1)}</ram:LineTotalAmount>${xml.slice(at + total[0].length)}`;
  const rules = async (changedXml: string) => {
    const report = await validator.validate(changedXml);
    return [...new Set([...report.errors, ...report.warnings].map((f) => `${f.rule} ${f.severity}`))].sort();
  };
  expect(await rules(tampered)).toEqual(['BR-CO-10 fatal', 'BR-CO-13 fatal', 'CII-DT-031 fatal']);
  // XRechnung 3.0 states the IBAN check as a warning.
  expect(await rules(xml.replace('DE89370400440532013000', 'DE89370400440532013001'))).toEqual(['BR-DE-19 warning']);
  const { xml: intraEu } = await xrechnung(samples.intraEu, 'xrechnung-ubl');
  expect(await rules(intraEu.replace(/<cac:DeliveryLocation>[\s\S]*?<\/cac:DeliveryLocation>/, ''))).toEqual(['BR-IC-12 fatal']);
});

/** BG-15 as written: CII ShipToTradeParty, UBL Delivery/DeliveryLocation with DeliveryParty. */
function deliverTo(xml: string): { name?: string; city?: string; postalCode?: string; country?: string } {
  const pick = (block: string | undefined, tag: string) => (block ? new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block)?.[1] : undefined);
  const shipTo = /<ram:ShipToTradeParty>([\s\S]*?)<\/ram:ShipToTradeParty>/.exec(xml)?.[1];
  if (shipTo) return { name: pick(shipTo, 'ram:Name'), city: pick(shipTo, 'ram:CityName'), postalCode: pick(shipTo, 'ram:PostcodeCode'), country: pick(shipTo, 'ram:CountryID') };
  const delivery = /<cac:Delivery>([\s\S]*?)<\/cac:Delivery>/.exec(xml)?.[1];
  return { name: pick(delivery, 'cbc:Name'), city: pick(delivery, 'cbc:CityName'), postalCode: pick(delivery, 'cbc:PostalZone'), country: pick(delivery, 'cbc:IdentificationCode') };
}
