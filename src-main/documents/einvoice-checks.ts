/**
 * Every e-invoice is judged by the official rules before anything is frozen: issuing asks
 * `beforeIssue`, which builds each document's e-invoice with its final number and refuses the
 * whole batch when one breaks a fatal rule. The XML that passed is kept until its document is
 * frozen; the file frozen is compared with it and judged again if it differs.
 */
import { createHash } from 'node:crypto';
import { AppError, type EInvoiceReport, type InvoiceView, type RuleFinding } from '../../src-shared/contract/index.js';
import { createRulesPool, type EInvoiceJudge, type RulesPool } from '../einvoice-rules/index.js';
import { buildEInvoice, EInvoiceDataError, type EInvoiceFormat } from './einvoice/index.js';
import { warmupView } from './pdf/warmup.js';

/** The customer's setting, as stored. */
export type CustomerEInvoiceFormat = 'pdf' | 'xrechnung-cii' | 'xrechnung-ubl' | 'zugferd';

export function eInvoiceFormatOf(setting: CustomerEInvoiceFormat | undefined): EInvoiceFormat | undefined {
  if (setting === 'zugferd') return 'factur-x';
  return setting === 'xrechnung-cii' || setting === 'xrechnung-ubl' ? setting : undefined;
}

/** The renderer's made-up invoice with what XRechnung asks for besides. */
function sampleXRechnung(): InvoiceView {
  const view = warmupView(3);
  return {
    ...view,
    seller: { ...view.seller!, email: 'rechnung@example.org', phone: '+49 211 000000' },
    buyer: { ...view.buyer!, email: 'einkauf@example.org', buyerReference: '04011000-12345-03' },
  };
}

/** One pool of rule workers per rules folder and process: the rules are loaded once; idle workers keep nothing alive. */
const pools = new Map<string, RulesPool>();
function poolFor(rulesDir: string | undefined): RulesPool {
  const key = rulesDir ?? '';
  let pool = pools.get(key);
  if (!pool) {
    pool = createRulesPool({ rulesDir });
    pools.set(key, pool);
  }
  return pool;
}

export type RefusedEInvoice = { id: string; number: string; errors: RuleFinding[] };

/** What the document's data cannot be made into: a term the e-invoice needs, or a value the e-invoice library's input schema refuses. */
function isDataProblem(error: unknown): boolean {
  if (error instanceof EInvoiceDataError) return true;
  const cause = error instanceof Error ? (error.cause as { errors?: unknown } | undefined) : undefined;
  return Array.isArray(cause?.errors);
}

/** A document whose e-invoice cannot even be built: the reason as a fatal finding, with the rule and terms it names. */
function unbuildable(error: unknown): RuleFinding {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.length > 600 ? `${message.slice(0, 600)} …` : message;
  return {
    rule: /\bBR-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/.exec(message)?.[0] ?? 'EN 16931',
    severity: 'fatal',
    text,
    terms: [...new Set(message.match(/\bB[TG]-\d+\b/g) ?? [])],
  };
}

function refusal(refused: RefusedEInvoice[], outcome: string, code: 'EINVOICE_INVALID' | 'EINVOICE_INVALID_ISSUED' = 'EINVOICE_INVALID'): AppError {
  const first = refused[0]!;
  return new AppError(code, `The e-invoice of ${refused.length} document(s) breaks the official rules, e.g. ${first.errors.map((e) => e.rule).join(', ')}; ${outcome}.`, { refused });
}

/** Kept XML of checked documents waiting to be frozen; more are never waiting at once. */
const KEEP = 20_000;
/** Reports on frozen files kept for the invoice detail. */
const REPORTS = 500;

export class EInvoiceChecks {
  private judge: EInvoiceJudge | undefined;
  private readonly passed = new Map<string, { number: string; format: EInvoiceFormat; xml: Buffer }>();
  private readonly reports = new Map<string, Promise<EInvoiceReport>>();

  constructor(private readonly options: { rulesDir?: string | undefined; judge?: EInvoiceJudge | undefined } = {}) {}

  private rules(): EInvoiceJudge {
    this.judge ??= this.options.judge ?? poolFor(this.options.rulesDir);
    return this.judge;
  }

  /** Loads the rules ahead of the first issue (in the background) and judges a made-up XRechnung once in each worker. */
  async warm(): Promise<void> {
    if (this.options.judge) return;
    const { xml } = await buildEInvoice(sampleXRechnung(), 'xrechnung-cii', { xmlOnly: true });
    await poolFor(this.options.rulesDir).warm(xml.toString('utf8'));
  }

  /** Files judged by this process so far. */
  judgedSinceStart = 0;

  /** Checked files waiting to be frozen. */
  get kept(): number {
    return this.passed.size;
  }

  validate(xml: Buffer): Promise<EInvoiceReport> {
    this.judgedSinceStart++;
    return this.rules().validate(xml);
  }

  /**
   * The report on a frozen file, judged once per process: a frozen file never changes, and the
   * invoice detail asks each time it opens.
   */
  async reportOn(xml: Buffer): Promise<EInvoiceReport> {
    const key = createHash('sha256').update(xml).digest('hex');
    let report = this.reports.get(key);
    if (!report) {
      report = this.validate(xml);
      this.reports.set(key, report);
      report.catch(() => this.reports.delete(key));
      if (this.reports.size > REPORTS) this.reports.delete(this.reports.keys().next().value!);
    }
    return report;
  }

  /** Builds and judges the e-invoice of each document; refuses all when one breaks a fatal rule. */
  async beforeIssue(items: readonly { view: InvoiceView; format: EInvoiceFormat }[]): Promise<void> {
    const refused: RefusedEInvoice[] = [];
    const checked: [string, { number: string; format: EInvoiceFormat; xml: Buffer }][] = [];
    // XML is built here while the workers judge the files built before.
    const judged: Promise<void>[] = [];
    for (const { view, format } of items) {
      let xml: Buffer;
      try {
        ({ xml } = await buildEInvoice(view, format, { lang: view.language, xmlOnly: true }));
      } catch (error) {
        // Data the e-invoice cannot carry at all is refused like a broken rule, with what it said.
        if (!isDataProblem(error)) throw error;
        refused.push({ id: view.id, number: view.number, errors: [unbuildable(error)] });
        continue;
      }
      // The same file judged moments ago (a batch checked whole before its first part is written).
      const kept = this.passed.get(view.id);
      if (kept && kept.number === view.number && kept.format === format && kept.xml.equals(xml)) {
        checked.push([view.id, kept]);
        continue;
      }
      judged.push(
        this.validate(xml).then((report) => {
          if (report.valid) checked.push([view.id, { number: view.number, format, xml }]);
          else refused.push({ id: view.id, number: view.number, errors: report.errors });
        }),
      );
    }
    await Promise.all(judged);
    refused.sort((a, b) => a.number.localeCompare(b.number));
    if (refused.length) throw refusal(refused, 'nothing was issued');
    for (const [id, entry] of checked) {
      if (this.passed.size >= KEEP) this.passed.delete(this.passed.keys().next().value!);
      this.passed.set(id, entry);
    }
  }

  /**
   * The e-invoice about to be frozen, built from the issued document: not judged again when it is
   * byte for byte the file judged at issue, else judged now (after a restart, or when the file is
   * frozen later); a file that breaks a fatal rule is never frozen.
   */
  async beforeFreeze(view: InvoiceView, format: EInvoiceFormat, xml: Buffer): Promise<void> {
    const entry = this.passed.get(view.id);
    this.passed.delete(view.id);
    if (entry && entry.number === view.number && entry.format === format && entry.xml.equals(xml)) return;
    // Kept for the check panel, which asks for the same file as soon as it is frozen.
    const report = await this.reportOn(xml);
    if (!report.valid) throw refusal([{ id: view.id, number: view.number, errors: report.errors }], 'its documents were not frozen', 'EINVOICE_INVALID_ISSUED');
  }
}
