/** Running a report for an export, and the file an export answers with. */
import { createHash } from 'node:crypto';
import { AppError, CONTRACT, fieldErrorsOf, type DocumentFile, type ExportedReport, type HandlerName, type ParsedInputOf } from '../../../src-shared/contract/index.js';
import type { Language } from '../../../src-shared/i18n/index.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { Core } from '../../server/core.js';
import type { ExportPorts } from './ports.js';

/** The handler behind each exported report. */
export const REPORT_HANDLER = {
  openItems: 'reports.openItems',
  statement: 'reports.statement',
  payments: 'reports.payments',
  overdue: 'reports.overdue',
  forecast: 'reports.forecast',
  revenue: 'reports.revenue',
  vat: 'reports.vat',
  vatDocuments: 'reports.vatDocuments',
  cashbookMonth: 'cashbook.month',
  ustva: 'reports.ustva',
  zm: 'reports.zm',
} as const satisfies Record<ExportedReport, HandlerName>;

export const languageOf = (context: HandlerContext): Language => (context.session.user?.language === 'en' ? 'en' : 'de');
export const todayOf = (core: Pick<Core, 'clock'>): string => core.clock().toISOString().slice(0, 10);

/** Runs a report's handler with `params` parsed by that report's schema; a bad field is named as `params.<field>`. */
export async function runReport<N extends (typeof REPORT_HANDLER)[ExportedReport]>(ports: ExportPorts, name: N, params: unknown, context: HandlerContext): Promise<unknown> {
  const parsed = CONTRACT[name].input.safeParse(params ?? {});
  if (!parsed.success) {
    // A field that fails several checks with the same problem (a date: its form, the calendar, the years) is named once.
    const seen = new Set<string>();
    const fields = fieldErrorsOf(parsed.error, params)
      .map((f) => ({ ...f, field: `params.${f.field}` }))
      .filter((f) => !seen.has(`${f.field}\n${f.problem}`) && Boolean(seen.add(`${f.field}\n${f.problem}`)));
    throw new AppError('VALIDATION_FAILED', fields.map((f) => `${f.field}: ${f.problem}`).join('; '), { fields });
  }
  return ports.handler(name)(parsed.data as ParsedInputOf<N>, context);
}

/**
 * A made file as the screens download it. `format` names document formats only; a CSV or XLSX
 * file says what it is by its name and MIME type.
 */
export function fileOf(fileName: string, mimeType: string, bytes: Buffer, madeAt: Date): DocumentFile {
  return {
    format: fileName.slice(fileName.lastIndexOf('.') + 1) as DocumentFile['format'],
    fileName,
    mimeType,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    frozenAt: madeAt.toISOString(),
    dataBase64: bytes.toString('base64'),
  };
}

