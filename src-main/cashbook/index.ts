/**
 * The cash book (Kassenbuch), the one entry: handlers, and for the reports the cash entries and
 * their VAT in a period. Others get these, never the files behind them.
 */
import type { CashVatLine } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import { cashbookHandlers, type CashbookHandlers } from './handlers.js';
import { monthPdf } from './pdf.js';
import type { CashbookPorts } from './ports.js';
import type { StoredEntry } from './reading.js';
import { vatLines } from './rules.js';
import { Cashbook } from './service.js';

export type { Alongside, CashbookPorts, CashSettlement } from './ports.js';
export { byMoment, splitGross, vatLines, vatOfGross } from './rules.js';
export type CashEntryRecord = StoredEntry;

export type CashbookCapability = {
  handlers: CashbookHandlers;
  /** VAT of the cash books' income and expense entries dated from..to, by rate and direction, reversals netted. */
  cashVat(from: string, to: string): Promise<CashVatLine[]>;
  /** Every cash entry of every book dated from..to (amounts unsigned; `direction` says the way). */
  entries(from: string, to: string): Promise<CashEntryRecord[]>;
};

export function createCashbook(core: Core, ports: CashbookPorts): CashbookCapability {
  const cashbook = new Cashbook(core, ports);
  const pdf: CashbookHandlers['cashbook.pdf'] = (input, context) => monthPdf(core, cashbook, ports, input, context.session.user?.language === 'en' ? 'en' : 'de');
  return {
    handlers: cashbookHandlers(cashbook, pdf),
    cashVat: async (from, to) => vatLines(await cashbook.reading.entriesBetween(from, to)),
    entries: (from, to) => cashbook.reading.entriesBetween(from, to),
  };
}
