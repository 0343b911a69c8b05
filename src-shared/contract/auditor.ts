/**
 * The auditor export (GoBD Datenträgerüberlassung, "Z3"): for a period, the tables an auditor
 * asks for as CSV files with an `index.xml` in the GDPdU description standard and its DTD, the
 * frozen PDFs and e-invoice XMLs of the period's documents and a SHA-256 list, in one ZIP file.
 */
import { z } from 'zod';
import { isoDate } from './invoicing.js';
import type { TaxExportRecord } from './datev.js';
import type { DocumentFile } from './views.js';

const inOrder = (v: { from: string; to: string }) => v.from <= v.to;

export const AuditorExportInput = z.object({ from: isoDate, to: isoDate }).strict().refine(inOrder, { path: ['to'], message: 'validation.periodOrder' });
export type AuditorExportInput = z.infer<typeof AuditorExportInput>;

/** The tables of the export by their name in `index.xml`. */
export const AUDITOR_TABLES = ['invoices', 'invoiceLines', 'creditNotes', 'creditNoteLines', 'payments', 'allocations', 'cashEntries', 'customers', 'auditEntries'] as const;
export type AuditorTable = (typeof AUDITOR_TABLES)[number];

export type AuditorExportResult = {
  /** The ZIP file (mimeType application/zip). */
  file: DocumentFile;
  record: TaxExportRecord;
  /** Earlier auditor exports that overlap this period. */
  earlier: TaxExportRecord[];
  /** Rows per table, in the order of `index.xml`. */
  tables: { name: AuditorTable; rows: number }[];
  /** Frozen document files in `documents/`. */
  documents: number;
};
