/**
 * Local patch for KoSIT's BR-DE-19 ("BT-84 soll eine korrekte IBAN enthalten", flag warning),
 * kept apart from the shipped rule files, which stay unmodified.
 *
 * Why: the rule computes `xs:integer(<the IBAN as 20–34 digits>) mod 97`. SaxonJS holds
 * xs:integer values as IEEE doubles (exact only up to 2^53, about 16 digits), so the check
 * digits of a real IBAN come out wrong: DE89 3704 0044 0532 0130 00 gives 65 instead of 1 and
 * was warned about; an invalid IBAN can pass by chance (1 in 97). `engine-limits.test.ts` shows
 * both on real IBANs. xs:decimal is exact in SaxonJS, so no other rule of the shipped sets
 * is affected (the other check-digit functions work on numbers below 2^53).
 *
 * What: the engine's BR-DE-19 findings are dropped, and the rule is evaluated again here on
 * the same nodes with the same test, the MOD 97 done with BigInt. Remove this file when the
 * engine computes xs:integer exactly (the test above then fails and says so).
 */
import SaxonJS from 'saxon-js';
import type { RuleFinding, EInvoiceSyntax } from '../../../src-shared/contract/einvoice.js';

export const PATCHED_RULE = 'BR-DE-19';

/** The rule's text, exactly as in the shipped KoSIT sources (a test compares them). */
export const BR_DE_19_TEXT =
  '[BR-DE-19] "Payment account identifier" (BT-84) soll eine korrekte IBAN enthalten, wenn in "Payment means type code" (BT-81) mit dem Code 58 SEPA als Zahlungsmittel gefordert wird.';

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  ubl: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cn: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

/** The rule's context and the IBAN it reads, per syntax (from the KoSIT sources). */
const PATHS: Record<EInvoiceSyntax, { means: string; code: string; iban: string }> = {
  CII: {
    means: "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans[normalize-space(ram:TypeCode) = ('30','58')]",
    code: 'normalize-space(ram:TypeCode)',
    iban: 'string(ram:PayeePartyCreditorFinancialAccount/ram:IBANID)',
  },
  UBL: {
    means: "/ubl:Invoice/cac:PaymentMeans[normalize-space(cbc:PaymentMeansCode) = ('30','58')] | /cn:CreditNote/cac:PaymentMeans[normalize-space(cbc:PaymentMeansCode) = ('30','58')]",
    code: 'normalize-space(cbc:PaymentMeansCode)',
    iban: 'string(cac:PayeeFinancialAccount/cbc:ID)',
  },
};

/**
 * The rule's test with exact integers: the IBAN pattern, then letters as 10–35, MOD 97 = 1.
 * Only XML's whitespace is removed, as the rule's `replace(…, '([ \n\r\t\s])', '')` and
 * `normalize-space` do (XPath's `\s` is space, tab, CR and LF; JavaScript's would also take a
 * no-break space, which the rule keeps and so rejects).
 */
export function ibanPassesRule(raw: string): boolean {
  const iban = raw.replace(/[ \n\r\t]/g, '');
  if (!/^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 2).toUpperCase() + iban.slice(2, 4);
  const digits = [...moved].map((c) => {
    const cp = c.codePointAt(0)!;
    return String(cp > 64 ? cp - 55 : cp - 48);
  });
  return BigInt(digits.join('')) % 97n === 1n;
}

export function patchBrDe19(document: unknown, syntax: EInvoiceSyntax, findings: RuleFinding[]): RuleFinding[] {
  const kept = findings.filter((f) => f.rule !== PATCHED_RULE);
  const path = PATHS[syntax];
  const means = SaxonJS.XPath.evaluate(path.means, document, { namespaceContext: NS, resultForm: 'array' }) as unknown[];
  for (const m of means) {
    if (SaxonJS.XPath.evaluate(path.code, m, { namespaceContext: NS }) !== '58') continue;
    const iban = String(SaxonJS.XPath.evaluate(path.iban, m, { namespaceContext: NS }));
    if (!ibanPassesRule(iban)) kept.push({ rule: PATCHED_RULE, severity: 'warning', text: BR_DE_19_TEXT, terms: ['BT-84', 'BT-81'] });
  }
  return kept;
}
