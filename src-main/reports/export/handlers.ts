/**
 * The export handlers: any report's table as CSV, XLSX or PDF, and the customer's account
 * statement as a letter (PDF) or a mail through the outbox. A report is run through its own
 * handler, its input parsed with its own schema from the contract, so an export shows exactly
 * what the screen shows and refuses exactly what the screen refuses.
 */
import { AppError, type DocumentFile, type ExportedReport, type ParsedInputOf, type ReportTable } from '../../../src-shared/contract/index.js';
import { translate, translateKnown, type Language } from '../../../src-shared/i18n/index.js';
import { formatShortDate } from '../../../src-shared/format/document.js';
import type { HandlerContext, HandlerImpls } from '../../server/dispatcher.js';
import type { Core } from '../../server/core.js';
import { exportFileName, labelsOf } from './cells.js';
import { cashMonthTable } from './cash-month.js';
import { tableToCsv } from './csv.js';
import type { ExportPorts } from './ports.js';
import { fileOf, languageOf, REPORT_HANDLER, runReport, todayOf } from './run.js';
import { reportLetter } from './pdf.js';
import { mailStatement, statementPdf } from './statement.js';
import { tableToXlsx } from './xlsx.js';

export type ExportHandlers = Pick<HandlerImpls, 'reports.export' | 'reports.statementPdf' | 'reports.mailStatement'>;

/** The report's table (the cash book month is turned into one here) and the customer number a statement names. */
async function tableOf(ports: ExportPorts, report: ExportedReport, params: unknown, context: HandlerContext): Promise<{ table: ReportTable; customerNumber?: string; note?: string; covers?: Covers }> {
  const result = await runReport(ports, REPORT_HANDLER[report], params, context);
  if (report === 'cashbookMonth') return { table: cashMonthTable(result as ParsedCashMonth, languageOf(context)) };
  const { table, customerNumber, note, from, to, taxation } = (result ?? {}) as { table?: ReportTable; customerNumber?: unknown; note?: unknown; from?: unknown; to?: unknown; taxation?: unknown };
  if (!table) throw new AppError('VALIDATION_FAILED', 'This report has no table to export', { fields: [{ field: 'report', problem: 'reportExport.noTable' }] });
  // The days a report of a period (UStVA, ZM) covers, and its Versteuerungsart, for the printed page.
  const covers: Covers = {
    ...(typeof from === 'string' && typeof to === 'string' ? { from, to } : {}),
    ...(taxation === 'soll' || taxation === 'ist' ? { taxation } : {}),
  };
  // A report's note (an i18n key: the VAT return is not transmitted) is printed under its table.
  return { table, covers, ...(typeof customerNumber === 'string' && customerNumber ? { customerNumber } : {}), ...(typeof note === 'string' && note ? { note } : {}) };
}

/** What a report says it covers: its first and last day, its Versteuerungsart. */
type Covers = { from?: string; to?: string; taxation?: 'soll' | 'ist' };

/**
 * A period `2026-Q4` or `2026-11` in words with its days: "4. Quartal 2026 (01.10.2026–31.12.2026)",
 * "November 2026 (01.11.2026–30.11.2026)"; anything else as it is.
 */
function periodWords(period: string, covers: Covers, language: Language, day: (value: unknown) => string): string {
  const m = /^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$/.exec(period);
  if (!m || !covers.from || !covers.to) return period;
  const [, year, quarter, month] = m;
  const days = { year: year!, from: day(covers.from), to: day(covers.to) };
  if (quarter) return translate(language, 'reportExport.quarter', { ...days, quarter });
  const name = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
  return translate(language, 'reportExport.month', { ...days, month: name });
}

/**
 * The days a report covers, for its file name: the period (`2026-01-01_2026-12-31`), the as-of
 * day, the month or the first day it asks for; `today` when it names none (its default then).
 */
export function reportDaysOf(params: Record<string, unknown>, today: string): string {
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const [from, to, asOf, month, period] = [text(params.from), text(params.to), text(params.asOf), text(params.month), text(params.period)];
  if (from && to) return `${from}_${to}`;
  return asOf ?? month ?? period ?? from ?? today;
}
type ParsedCashMonth = Parameters<typeof cashMonthTable>[0];

/** The period and filters of a report, worded for the printed page. */
async function filterLines(ports: ExportPorts, params: Record<string, unknown>, language: Language, covers: Covers = {}): Promise<string[]> {
  const day = (value: unknown) => formatShortDate(String(value), language);
  const lines: string[] = [];
  if (typeof params.from === 'string' && typeof params.to === 'string') lines.push(translate(language, 'reportExport.period', { from: day(params.from), to: day(params.to) }));
  else if (typeof params.from === 'string') lines.push(translate(language, 'reportExport.from', { date: day(params.from) }));
  if (typeof params.asOf === 'string') lines.push(translate(language, 'reportExport.asOf', { date: day(params.asOf) }));
  if (typeof params.month === 'string') lines.push(params.month);
  if (typeof params.period === 'string') {
    lines.push(periodWords(params.period, covers, language, day));
    if (covers.taxation) lines.push(translate(language, `reportExport.taxation.${covers.taxation}`));
  }
  if (typeof params.customerId === 'string' && params.customerId) {
    const customer = await ports.customer(params.customerId);
    lines.push(translate(language, 'reportExport.customer', { name: customer?.snapshot.name ?? params.customerId }));
  }
  return lines;
}

export async function exportReport(core: Core, ports: ExportPorts, input: ParsedInputOf<'reports.export'>, context: HandlerContext): Promise<DocumentFile> {
  const language = languageOf(context);
  const { table, customerNumber, note, covers } = await tableOf(ports, input.report, input.params, context);
  const today = todayOf(core);
  // Named for what it shows: the report, the customer of a statement, the days it covers (Kontoauszug_K-10001_2026-01-01_2026-12-31.csv).
  const title = labelsOf(table, language).title;
  const fileName = exportFileName(customerNumber ? `${title}_${customerNumber}` : title, reportDaysOf(input.params, today), input.format);
  if (input.format === 'csv') return fileOf(fileName, 'text/csv;charset=utf-8', tableToCsv(table, language), core.clock());
  const seller = await ports.seller();
  if (input.format === 'xlsx') {
    const bytes = await tableToXlsx(table, language, { creator: seller.name, created: core.clock() });
    return fileOf(fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes, core.clock());
  }
  const letter = reportLetter(table, { language, seller, date: today, filters: await filterLines(ports, input.params, language, covers), ...(note ? { note: translateKnown(language, note) } : {}) });
  return fileOf(fileName, 'application/pdf', await ports.renderLetter({ kind: 'table', letter }), core.clock());
}

export function exportHandlers(core: Core, ports: ExportPorts): ExportHandlers {
  return {
    'reports.export': (input, context) => exportReport(core, ports, input, context),
    'reports.statementPdf': (input, context) => statementPdf(core, ports, input, context),
    'reports.mailStatement': (input, context) => mailStatement(core, ports, input, context),
  };
}
