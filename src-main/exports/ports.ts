/** What the tax exports need from other capabilities, passed at the composition root. */
import type { CashEntryRecord } from '../cashbook/index.js';
import type { ReportData } from '../reports/index.js';

export type TaxExportPorts = {
  /** The books as the reports read them (issued documents, payments, allocations, customers). */
  reportData(): ReportData;
  /** Every cash entry of every cash book dated from..to. */
  cashEntries(from: string, to: string): Promise<CashEntryRecord[]>;
};
