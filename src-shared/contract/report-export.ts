/**
 * Exports of the reports: any report's table as CSV (German Excel), XLSX or PDF in the letterhead,
 * and the customer's account statement as a letter, printed or mailed through the outbox.
 */
import { z } from 'zod';
import { StatementReportInput } from './reports.js';

/** The reports that export, by their handler name without the `reports.` prefix (`cashbookMonth`: `cashbook.month`). */
export const EXPORTED_REPORTS = ['openItems', 'statement', 'payments', 'overdue', 'forecast', 'revenue', 'vat', 'vatDocuments', 'cashbookMonth', 'ustva', 'zm'] as const;
export type ExportedReport = (typeof EXPORTED_REPORTS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * A report's inputs are flat: dates, ids, choices, numbers, switches and the aging bounds. Nothing
 * deeper passes, so a hostile nesting never reaches the report's own schema.
 */
const ParamValue = z.union([z.string().max(200), z.number(), z.boolean(), z.null(), z.array(z.number()).max(20), z.undefined()], { message: 'validation.invalid' });

export const ReportExportInput = z
  .object({
    report: z.enum(EXPORTED_REPORTS, { message: 'validation.required' }),
    /** The report's own input, parsed with that report's schema. */
    params: z.record(z.string().max(40), ParamValue).default({}),
    format: z.enum(EXPORT_FORMATS, { message: 'validation.required' }),
  })
  .strict();

/** The statement letter: the same input as `reports.statement`. */
export const StatementLetterInput = StatementReportInput;
