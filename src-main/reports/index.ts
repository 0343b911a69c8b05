/**
 * Reports, the one entry: receivables (open items, statement, payment history, overdue list,
 * forecast, dashboard) and sales (revenue, VAT). Each report is a pure function over the report
 * data; the handlers read the data, call it and answer with its view and table.
 */
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import { receivablesHandlers, type ReceivablesHandlers } from './handlers.js';
import { salesHandlers, type SalesHandlers, type SalesReportPorts } from './sales-handlers.js';

export { reportData, type ReportAllocation, type ReportCustomer, type ReportData, type ReportInvoice, type ReportPayment } from './data.js';
export { vatEntries, type VatEntry, type VatSource } from './vat.js';
export { LiveRows } from './live-rows.js';

/** What the reports need from other capabilities. */
export type ReportsPorts = SalesReportPorts;

export type ReportHandlers = ReceivablesHandlers & SalesHandlers;

export type ReportsCapability = { handlers: ReportHandlers };

export function createReports(core: Core, ports: ReportsPorts): ReportsCapability {
  const handlers: ReportHandlers = {
    ...receivablesHandlers(core, ports),
    ...salesHandlers(core, ports),
  };
  return { handlers };
}
