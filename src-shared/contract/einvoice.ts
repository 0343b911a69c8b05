/** What the official e-invoice rules said about one XML file (EN 16931 and, for XRechnung, KoSIT's rules). */
export type EInvoiceSyntax = 'CII' | 'UBL';
export type EInvoiceProfile = 'EN16931' | 'XRechnung';

/** One rule the file breaks, as the rule set states it. */
export type RuleFinding = {
  /** The rule's id, e.g. `BR-IC-12`, `BR-DE-19`, or `XSD` for the XML schema. */
  rule: string;
  severity: 'fatal' | 'warning';
  /** The rule's own text (English for EN 16931, German for XRechnung's BR-DE rules). */
  text: string;
  /** Where in the XML (an XPath), when the rule set says. */
  location?: string;
  /** The business terms the text names (`BT-80`, `BG-15`): the fields to fix. */
  terms: string[];
};

export type EInvoiceReport = {
  valid: boolean;
  syntax: EInvoiceSyntax;
  profile: EInvoiceProfile;
  errors: RuleFinding[];
  warnings: RuleFinding[];
  /** The rule sets applied, with their versions, e.g. `EN 16931 1.3.15`. */
  ruleSets: string[];
};

/** The e-invoice of an issued document as frozen, judged again when asked; `xmlBase64` to save it. */
export type EInvoiceCheck = {
  format: 'xrechnung-cii' | 'xrechnung-ubl' | 'factur-x';
  fileName: string;
  xmlBase64: string;
  report: EInvoiceReport;
};
