/** What the tax exports need from other capabilities, passed at the composition root. */
import type { CashEntryRecord } from '../cashbook/index.js';
import type { ReportData } from '../reports/index.js';
import type { AuditorPorts } from './auditor/export.js';

export type TaxExportPorts = {
  /** The books as the reports read them (issued documents, payments, allocations, customers). */
  reportData(): ReportData;
  /** Every cash entry of every cash book dated from..to. */
  cashEntries(from: string, to: string): Promise<CashEntryRecord[]>;
  /** The auditor export: frozen documents (frozen now when not yet) and the company as data supplier. */
  auditor: AuditorPorts;
};
