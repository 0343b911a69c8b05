/**
 * Tax exports, the one entry: the hand-over to the tax advisor (DATEV Buchungsstapel and
 * Debitoren) and the record of every export for the tax advisor or an auditor.
 */
import type { Core } from '../server/core.js';
import { taxExportHandlers, type TaxExportHandlers } from './handlers.js';
import type { TaxExportPorts } from './ports.js';

export type { TaxExportPorts } from './ports.js';
export { recordTaxExport, taxExportsOf, type TaxExportInput } from './record.js';

export type TaxExportsCapability = { handlers: TaxExportHandlers };

export function createTaxExports(core: Core, ports: TaxExportPorts): TaxExportsCapability {
  return { handlers: taxExportHandlers(core, ports) };
}
