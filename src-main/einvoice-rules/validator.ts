/**
 * The e-invoice validator: an XML file is judged by the official rule sets, as KoSIT's validator
 * does it: the XML schema of its syntax (CII or UBL), the EN 16931 rules of its syntax (CEN/TC 434), and, when the
 * file says it is an XRechnung (BT-24), KoSIT's XRechnung rules with the Peppol rules they merge in.
 * The rules run in SaxonJS from the shipped compiled stylesheets; nothing is fetched.
 */
import path from 'node:path';
import SaxonJS from 'saxon-js';
import type { EInvoiceProfile, EInvoiceReport, EInvoiceSyntax, RuleFinding } from '../../src-shared/contract/einvoice.js';
import { patchBrDe19 } from './patches/br-de-19.js';
import { loadRuleSets, type RuleSetName, type RuleSets } from './rule-sets.js';
import { ciiSchemaCheck, ublSchemaCheck, type SchemaCheck, type UblDocument } from './schema.js';
import { findingsOf } from './svrl.js';

export const XRECHNUNG_MARK = 'urn:xeinkauf.de:kosit:xrechnung';

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};
const ROOTS: Record<string, { syntax: EInvoiceSyntax; schema: 'CII' | UblDocument }> = {
  'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100': { syntax: 'CII', schema: 'CII' },
  'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2': { syntax: 'UBL', schema: 'Invoice' },
  'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2': { syntax: 'UBL', schema: 'CreditNote' },
};
const SCHEMA_LABEL: Record<EInvoiceSyntax, string> = { CII: 'UN/CEFACT CII D16B XSD', UBL: 'OASIS UBL 2.1 XSD' };
const CUSTOMIZATION: Record<EInvoiceSyntax, string> = {
  CII: 'string(/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID)',
  UBL: 'string(/*/cbc:CustomizationID)',
};

/** Thrown for a file that is not a CII or UBL invoice at all. */
export class NotAnEInvoiceError extends Error {
  override name = 'NotAnEInvoiceError';
}

export type EInvoiceValidator = {
  /** Judges one XML file. */
  validate(xml: string | Buffer): Promise<EInvoiceReport>;
  /** Loads every rule set now (otherwise each on its first use). */
  load(): void;
  readonly ruleSets: RuleSets;
};

export function createEInvoiceValidator(options: { rulesDir?: string } = {}): EInvoiceValidator {
  const ruleSets = loadRuleSets(options.rulesDir);
  const schemas = new Map<'CII' | UblDocument, SchemaCheck>();
  const schemaFor = (which: 'CII' | UblDocument): SchemaCheck => {
    let check = schemas.get(which);
    if (!check) {
      const { cen, ubl } = ruleSets.manifest.sources;
      check = which === 'CII' ? ciiSchemaCheck(path.join(ruleSets.dir, cen.folder)) : ublSchemaCheck(path.join(ruleSets.dir, ubl.folder), which);
      schemas.set(which, check);
    }
    return check;
  };

  /**
   * One rule set on the document. A value a rule cannot read (`yes` where xs:boolean wants
   * `true`) stops the official stylesheet with a dynamic error: the file is then not valid, and
   * the finding says which rule set could not finish and why.
   */
  const run = (name: RuleSetName, document: unknown): RuleFinding[] => {
    try {
      return findingsOf(SaxonJS.transform({ stylesheetInternal: ruleSets.stylesheet(name), sourceNode: document, destination: 'document' }, 'sync').principalResult);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return [{ rule: name.toUpperCase(), severity: 'fatal', text: `${ruleSets.label(name)}: the rules could not be evaluated on this file: ${detail}`, terms: [] }];
    }
  };

  return {
    ruleSets,
    load() {
      for (const name of ['en16931-cii', 'en16931-ubl', 'xrechnung-cii', 'xrechnung-ubl'] as const) ruleSets.stylesheet(name);
      for (const which of ['CII', 'Invoice', 'CreditNote'] as const) schemaFor(which);
    },
    async validate(input) {
      const xml = typeof input === 'string' ? input : input.toString('utf8');
      let document: unknown;
      try {
        document = SaxonJS.getPlatform().parseXmlFromString(xml);
      } catch (error) {
        throw new NotAnEInvoiceError(`The file is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
      }
      const root = String(SaxonJS.XPath.evaluate('namespace-uri(/*)', document));
      const kind = ROOTS[root];
      if (!kind) throw new NotAnEInvoiceError(`The file is neither a CII nor a UBL invoice (root element in ${root || 'no namespace'})`);
      const { syntax } = kind;
      const customization = String(SaxonJS.XPath.evaluate(CUSTOMIZATION[syntax], document, { namespaceContext: NS }));
      const profile: EInvoiceProfile = customization.includes(XRECHNUNG_MARK) ? 'XRechnung' : 'EN16931';
      const suffix = syntax === 'CII' ? 'cii' : 'ubl';
      const schemaFindings = schemaFor(kind.schema)(xml);
      const applied: RuleSetName[] = [`en16931-${suffix}`, ...(profile === 'XRechnung' ? [`xrechnung-${suffix}` as const] : [])];
      let findings = applied.flatMap((name) => run(name, document));
      if (profile === 'XRechnung') findings = patchBrDe19(document, syntax, findings);
      findings = [...schemaFindings, ...findings];
      const errors = findings.filter((f) => f.severity === 'fatal');
      return {
        valid: errors.length === 0,
        syntax,
        profile,
        errors,
        warnings: findings.filter((f) => f.severity === 'warning'),
        ruleSets: [SCHEMA_LABEL[syntax], ...applied.map((n) => ruleSets.label(n))],
      };
    },
  };
}
