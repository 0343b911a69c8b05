/** Exports of the reports (CSV, XLSX, PDF) and the account statement as a letter and a mail; the one entry. */
export { exportHandlers, type ExportHandlers } from './handlers.js';
export type { ExportCustomer, ExportMessage, ExportPorts } from './ports.js';
