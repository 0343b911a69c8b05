/**
 * Test support: a handful of the official EN 16931 (CEN/TS 16931-3) and XRechnung (BR-DE)
 * business rules, applied to what was read back from the XML. Returns the violated rules.
 * Not the official Schematron: only rules that are cheap to state exactly.
 */
import { Decimal } from '../../../src-shared/money/decimal.js';
import { ibanProblem } from '../../../src-shared/validation/iban.js';
import type { Readback } from './readback.js';

export const XRECHNUNG_3 = 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
const SKONTO_LINE = /^#(SKONTO|VERZUG)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$/;
const ZERO_TAX = ['Z', 'E', 'AE', 'K', 'G', 'O'];
const CHECKED_RULES: Record<string, string> = { S: 'BR-S-08', Z: 'BR-Z-08', E: 'BR-E-08', AE: 'BR-AE-08', K: 'BR-IC-08', G: 'BR-G-08' };
const EXEMPTION_CODE: Record<string, [string, string]> = { AE: ['BR-AE-10', 'VATEX-EU-AE'], K: ['BR-IC-10', 'VATEX-EU-IC'], G: ['BR-G-10', 'VATEX-EU-G'] };

const rateKey = (category: string | undefined, rate: string | undefined) => `${category}|${new Decimal(rate ?? '0').toFixed()}`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export function checkRules(r: Readback, options: { xrechnung: boolean }): string[] {
  const broken: string[] = [];
  const rule = (id: string, ok: boolean, detail = '') => {
    if (!ok) broken.push(detail ? `${id}: ${detail}` : id);
  };
  const t = r.totals;
  const allowances = r.allowancesCharges.filter((a) => !a.isCharge);
  const charges = r.allowancesCharges.filter((a) => a.isCharge);

  rule('BR-16', r.lines.length > 0, 'at least one line');
  rule('BR-CO-10', sum(r.lines.map((l) => l.net)) === t.lineTotal, `sum of BT-131 ${sum(r.lines.map((l) => l.net))} != BT-106 ${t.lineTotal}`);
  rule('BR-CO-11', sum(allowances.map((a) => a.amount)) === t.allowanceTotal, 'BT-107 = sum of BT-92');
  rule('BR-CO-12', sum(charges.map((a) => a.amount)) === t.chargeTotal, 'BT-108 = sum of BT-99');
  rule('BR-CO-13', t.taxExclusive === t.lineTotal - t.allowanceTotal + t.chargeTotal, 'BT-109 = BT-106 - BT-107 + BT-108');
  rule('BR-CO-14', t.vatTotal === sum(r.breakdown.map((b) => b.tax)), 'BT-110 = sum of BT-117');
  rule('BR-CO-15', t.taxInclusive === t.taxExclusive + t.vatTotal, 'BT-112 = BT-109 + BT-110');
  rule('BR-CO-16', t.amountDue === t.taxInclusive - t.prepaid + t.rounding, 'BT-115 = BT-112 - BT-113 + BT-114');
  rule('BR-CO-18', r.breakdown.length > 0, 'at least one VAT breakdown');
  if (r.syntax === 'CII') rule('CII-DT-031', r.currencyIdOn.every((name) => name === 'TaxTotalAmount'), `currencyID on ${r.currencyIdOn.join(', ')}`);
  else rule('UBL amounts carry currencyID', r.currencyIdOn.length > 0);
  rule('BR-CO-26', !!r.seller.vatId || r.seller.ids.length > 0, 'seller identifier, legal registration or VAT ID');

  for (const b of r.breakdown) {
    const key = rateKey(b.category, b.rate);
    const expected =
      sum(r.lines.filter((l) => rateKey(l.category, l.rate) === key).map((l) => l.net)) -
      sum(allowances.filter((a) => rateKey(a.category, a.rate) === key).map((a) => a.amount)) +
      sum(charges.filter((a) => rateKey(a.category, a.rate) === key).map((a) => a.amount));
    const id = CHECKED_RULES[b.category ?? ''];
    if (id) rule(id, b.taxable === expected, `BT-116 of ${key} is ${b.taxable}, lines and allowances/charges give ${expected}`);
    if (b.category === 'S') {
      const tax = new Decimal(b.taxable).times(new Decimal(b.rate ?? '0')).div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
      rule('BR-S-09', b.tax === tax, `BT-117 of ${key} is ${b.tax}, expected ${tax}`);
      rule('BR-S-10', !b.exemptionCode && !b.exemptionReason, 'no exemption reason for S');
    }
    if (ZERO_TAX.includes(b.category ?? '')) rule(`BR-${b.category === 'K' ? 'IC' : b.category}-09`, b.tax === 0, `BT-117 of ${key} must be 0`);
    const code = EXEMPTION_CODE[b.category ?? ''];
    if (code) rule(code[0], b.exemptionCode === code[1], `BT-121 of ${b.category} is ${b.exemptionCode}, expected ${code[1]}`);
    if (b.category === 'E') rule('BR-E-10', !!b.exemptionCode || !!b.exemptionReason, 'exemption reason for E');
    if (b.category === 'Z') rule('BR-Z-10', !b.exemptionCode && !b.exemptionReason, 'no exemption reason for Z');
  }
  const categories = new Set([...r.lines.map((l) => l.category), ...r.allowancesCharges.map((a) => a.category)]);
  const sellerTaxId = !!r.seller.vatId || !!r.seller.taxNumber;
  if (categories.has('S')) rule('BR-S-02', sellerTaxId, 'seller VAT ID or tax number');
  if (categories.has('E')) rule('BR-E-02', sellerTaxId, 'seller VAT ID or tax number');
  if (categories.has('AE')) rule('BR-AE-02', sellerTaxId && !!r.buyer.vatId, 'seller VAT ID/tax number and buyer VAT ID');
  if (categories.has('K')) rule('BR-IC-02', !!r.seller.vatId && !!r.buyer.vatId, 'seller and buyer VAT ID');
  if (categories.has('G')) rule('BR-G-02', !!r.seller.vatId, 'seller VAT ID');
  if (r.typeCode === '381') rule('BT-25 (credit note names its invoice)', !!r.precedingInvoice, 'a credit note names the invoice it corrects (BT-25)');

  if (options.xrechnung) {
    rule('BR-DE-1', r.paymentMeans.length > 0, 'payment instructions (BG-16)');
    for (const m of r.paymentMeans) {
      if (m.code === '30' || m.code === '58') {
        rule('BR-DE-23-a', !!m.iban, 'credit transfer needs BT-84');
        rule('BR-DE-19', !!m.iban && ibanProblem(m.iban) === undefined, `IBAN ${m.iban}`);
      }
    }
    rule('BR-DE-2/5', !!r.seller.contactName, 'seller contact point');
    rule('BR-DE-6', !!r.seller.phone && /\d.*\d.*\d/.test(r.seller.phone), 'seller contact telephone');
    rule('BR-DE-7', !!r.seller.email && /^[^@\s]+@[^@\s]+$/.test(r.seller.email), 'seller contact e-mail');
    rule('BR-DE-3/4', !!r.seller.city && !!r.seller.postalCode, 'seller city and post code');
    rule('BR-DE-8/9', !!r.buyer.city && !!r.buyer.postalCode, 'buyer city and post code');
    rule('BR-DE-14', r.breakdown.every((b) => b.rate !== undefined), 'every VAT breakdown has its rate');
    rule('BR-DE-15', !!r.buyerReference, 'buyer reference BT-10');
    rule('BR-DE-17', ['326', '380', '384', '389', '381', '875', '876', '877'].includes(r.typeCode ?? ''), `type code ${r.typeCode}`);
    rule('BR-DE-21', r.customizationId === XRECHNUNG_3, `customization ID ${r.customizationId}`);
    rule('XRechnung BT-34/BT-49', !!r.seller.endpoint && !!r.buyer.endpoint, 'seller and buyer electronic address');
    const terms = r.paymentTerms ?? '';
    const lines = terms.split(/\r?\n/).map((l) => l.trim());
    rule('BR-DE-18', lines.filter((l) => l.startsWith('#')).every((l) => SKONTO_LINE.test(l)), `payment terms ${JSON.stringify(terms)}`);
    if (terms.includes('#SKONTO#')) rule('BR-DE-18 (line break)', /\n$/.test(terms), 'the Skonto line ends with a line break');
  }
  return broken;
}
