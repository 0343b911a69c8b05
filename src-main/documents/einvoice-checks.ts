/**
 * Every e-invoice is judged by the official rules before anything is frozen: issuing asks
 * `beforeIssue`, which builds each document's e-invoice with its final number and refuses the
 * whole batch when one breaks a fatal rule. The XML that passed is kept until its document is
 * frozen, so the file frozen is the file judged.
 */
import { AppError, type EInvoiceReport, type InvoiceView, type RuleFinding } from '../../src-shared/contract/index.js';
import { createRulesPool, type EInvoiceJudge, type RulesPool } from '../einvoice-rules/index.js';
import { buildEInvoice, type EInvoiceFormat } from './einvoice/index.js';
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

/** Kept XML of checked documents waiting to be frozen; more are never waiting at once. */
const KEEP = 20_000;

export class EInvoiceChecks {
  private judge: EInvoiceJudge | undefined;
  private readonly passed = new Map<string, { number: string; format: EInvoiceFormat; xml: Buffer; report: EInvoiceReport }>();

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

  validate(xml: Buffer): Promise<EInvoiceReport> {
    return this.rules().validate(xml);
  }

  /** Builds and judges the e-invoice of each document; refuses all when one breaks a fatal rule. */
  async beforeIssue(items: readonly { view: InvoiceView; format: EInvoiceFormat }[]): Promise<void> {
    const refused: RefusedEInvoice[] = [];
    const checked: [string, { number: string; format: EInvoiceFormat; xml: Buffer; report: EInvoiceReport }][] = [];
    // XML is built here while the workers judge the files built before.
    const judged: Promise<void>[] = [];
    for (const { view, format } of items) {
      const { xml } = await buildEInvoice(view, format, { lang: view.language, xmlOnly: true });
      judged.push(
        this.validate(xml).then((report) => {
          if (report.valid) checked.push([view.id, { number: view.number, format, xml, report }]);
          else refused.push({ id: view.id, number: view.number, errors: report.errors });
        }),
      );
    }
    await Promise.all(judged);
    refused.sort((a, b) => a.number.localeCompare(b.number));
    if (refused.length) {
      const first = refused[0]!;
      throw new AppError('EINVOICE_INVALID', `The e-invoice of ${refused.length} document(s) breaks the official rules, e.g. ${first.errors.map((e) => e.rule).join(', ')}; nothing was issued.`, {
        refused,
      });
    }
    for (const [id, entry] of checked) {
      if (this.passed.size >= KEEP) this.passed.delete(this.passed.keys().next().value!);
      this.passed.set(id, entry);
    }
  }

  /** The XML checked at issue, once, if it is still the document's (same number and format). */
  takeChecked(view: InvoiceView, format: EInvoiceFormat): Buffer | undefined {
    const entry = this.passed.get(view.id);
    this.passed.delete(view.id);
    return entry && entry.number === view.number && entry.format === format ? entry.xml : undefined;
  }
}
