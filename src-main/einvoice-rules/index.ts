/** The official EN 16931 and XRechnung rules, shipped with the app and run in the main process. */
export { createEInvoiceValidator, NotAnEInvoiceError, XRECHNUNG_MARK, type EInvoiceValidator } from './validator.js';
export { DEFAULT_RULES_DIR } from './rule-sets.js';
export { createRulesPool, type EInvoiceJudge, type RulesPool } from './pool.js';
