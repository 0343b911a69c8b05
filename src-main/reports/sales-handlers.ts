/** The sales reports' handlers: revenue, the VAT summary, the documents behind a VAT figure, and the UStVA and ZM of a period. */
import type { CashVatLine, Taxation } from '../../src-shared/contract/index.js';
import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import { reportData } from './data.js';
import { revenueReport } from './revenue.js';
import { wordsIn } from './table.js';
import { vatDocuments, vatReport, type CashVatEntry, type VatSource } from './vat.js';
import { periodDays, ustvaReport, zmReport } from './vat-return.js';

export type SalesHandlers = Pick<HandlerImpls, 'reports.revenue' | 'reports.vat' | 'reports.vatDocuments' | 'reports.ustva' | 'reports.zm'>;

/** What the sales reports need from the settings and the cash book. */
export type SalesReportPorts = {
  /** Soll or Ist, and the currency revenue is reported in: the company profile's. */
  company(): Promise<{ taxation: Taxation; currency: string }>;
  /** The cash entries dated from..to (every cash book), each with its VAT lines by the cash book's own rule. */
  cashVat(from: string, to: string): Promise<{ entry: CashVatEntry; lines: readonly CashVatLine[] }[]>;
};

const wordsOf = (context: HandlerContext) => wordsIn(context.session.user?.language ?? 'de');

export function salesHandlers(core: Pick<Core, 'books'>, ports: SalesReportPorts): SalesHandlers {
  const data = reportData(core.books);

  const vatSource = async (from: string, to: string): Promise<VatSource> => {
    return { invoices: data.invoices(), allocations: data.allocations(), cash: await ports.cashVat(from, to) };
  };

  return {
    'reports.revenue': async (input, context) => {
      const { currency } = await ports.company();
      const invoices = data.invoices();
      const byProduct = input.by === 'product';
      return revenueReport(
        input,
        {
          invoices,
          allocations: data.allocations(),
          ...(byProduct ? { lines: data.invoiceLines(), productNames: new Map(data.products().map((p) => [p.id, p.name])) } : {}),
        },
        currency,
        wordsOf(context),
      );
    },

    'reports.vat': async ({ from, to, customerId }, context) => {
      const { taxation } = await ports.company();
      return vatReport(from, to, taxation, await vatSource(from, to), wordsOf(context), customerId);
    },

    'reports.vatDocuments': async ({ from, to, key, customerId }, context) => {
      const { taxation } = await ports.company();
      return vatDocuments(from, to, key, taxation, await vatSource(from, to), wordsOf(context), customerId);
    },

    'reports.ustva': async ({ period }, context) => {
      const { taxation } = await ports.company();
      const { from, to } = periodDays(period);
      return ustvaReport(period, taxation, await vatSource(from, to), wordsOf(context));
    },

    'reports.zm': async ({ period }, context) => zmReport(period, { invoices: data.invoices(), allocations: data.allocations() }, wordsOf(context)),
  };
}
