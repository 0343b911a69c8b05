/**
 * The auditor export (GoBD Datenträgerüberlassung, Z3) of a period as one ZIP file:
 *
 *   index.xml               the description of the tables (GDPdU description standard)
 *   gdpdu-01-09-2004.dtd    the standard's DTD, unmodified, named by index.xml's DOCTYPE
 *   <table>.csv             one file per table (see tables.ts)
 *   documents/<file>        the frozen PDF and e-invoice XML of every invoice and credit note
 *                           issued in the period, exactly as stored
 *   hashes.sha256           `sha256  path` for every other file of the ZIP
 *
 * A frozen file that is missing or no longer matches its recorded SHA-256 stops the export,
 * naming the document: nothing is left out silently. The export is recorded as a `taxExport`
 * fact (who, when, period, the ZIP's and each table's hash).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { AppError, type AuditorExportInput, type AuditorExportResult, type AuditorTable, type DocumentFile } from '../../../src-shared/contract/index.js';
import { translate } from '../../../src-shared/i18n/index.js';
import type { Core } from '../../server/core.js';
import { projectRows } from '../../store/projection.js';
import { recordTaxExport, taxExportsOf } from '../record.js';
import { csvOf, DTD_FILE, fileNameOf, INDEX_FILE, indexXml } from './gdpdu.js';
import { tablesOf, type IssuedDocument } from './tables.js';

export const HASHES_FILE = 'hashes.sha256';

/** What the auditor export needs from other capabilities. */
export type AuditorPorts = {
  /** The frozen documents of an issued invoice or credit note, frozen now if they are not yet. */
  ensureFrozen(invoiceId: string, userId: string): Promise<unknown>;
  /** The company as index.xml names the data supplier. */
  supplier(): Promise<{ name: string; location: string }>;
  /** The shipped DTD; found beside the sources when not given. */
  dtdFile?: string;
};

/** `resources/gdpdu/<DTD>`, looked for upwards from this module (sources and the built bundle sit at different depths). */
function shippedDtd(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'gdpdu', DTD_FILE);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`The GDPdU DTD ${DTD_FILE} is not shipped`);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

type DocumentFact = { id: string; subjectId: string; occurredAt: string; format: string; fileName: string; file: string; sha256: string };

/** The frozen files of each document, the earliest record of each format (as the document store lists them). */
function frozenFilesOf(core: Core, documents: readonly IssuedDocument[]): Map<string, DocumentFact[]> {
  const wanted = new Set(documents.map((d) => d.id));
  const facts = projectRows<Record<keyof DocumentFact, unknown>>(
    core.books,
    'facts',
    { id: '$.id', subjectId: '$.subjectId', occurredAt: '$.occurredAt', format: '$.document.format', fileName: '$.document.fileName', file: '$.document.file', sha256: '$.document.sha256' },
    [{ path: '$.kind', values: ['document'] }],
  )
    .filter((f) => wanted.has(String(f.subjectId)))
    .map((f) => f as unknown as DocumentFact)
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
  const byDocument = new Map<string, DocumentFact[]>();
  for (const d of documents) {
    const named = d.number.replace(/[^A-Za-z0-9._-]/g, '_');
    const first = new Map<string, DocumentFact>();
    for (const f of facts) if (f.subjectId === d.id && f.fileName.startsWith(named) && !first.has(f.format)) first.set(f.format, f);
    byDocument.set(d.id, [...first.values()]);
  }
  return byDocument;
}

function documentProblem(d: IssuedDocument, fileName: string, problem: 'validation.auditorDocumentMissing' | 'validation.auditorDocumentChanged'): AppError {
  const values = { number: d.number, fileName };
  return new AppError('CONFLICT', translate('en', problem, values), { fields: [{ field: 'documents', problem, params: values }] });
}

/** The ZIP of the period, recorded as a tax export. */
export async function auditorExport(core: Core, ports: AuditorPorts, input: AuditorExportInput, userId: string): Promise<AuditorExportResult> {
  const { from, to } = input;
  const earlier = await taxExportsOf(core, 'auditor', from, to);
  const first = tablesOf(core.books, from, to);
  for (const d of first.documents) await ports.ensureFrozen(d.id, userId);
  // Read again after freezing: freezing writes facts (and audit entries) of its own.
  const { tables, documents } = first.documents.length ? tablesOf(core.books, from, to) : first;
  const frozen = frozenFilesOf(core, documents);

  const files: [string, Uint8Array][] = [];
  const supplier = await ports.supplier();
  files.push([
    INDEX_FILE,
    indexXml({
      supplier: { name: supplier.name, location: supplier.location, comment: translate('de', 'auditor.supplierComment', { from, to }) },
      mediaName: translate('de', 'auditor.mediaName', { from, to }),
      from,
      to,
      tables: tables.map((t) => t.spec),
    }),
  ]);
  files.push([DTD_FILE, fs.readFileSync(ports.dtdFile ?? shippedDtd())]);
  const csvs = tables.map((t) => ({ name: fileNameOf(t.spec), bytes: csvOf(t.spec, t.rows), rows: t.rows.length }));
  for (const csv of csvs) files.push([csv.name, csv.bytes]);

  const taken = new Set<string>();
  for (const d of documents) {
    const docs = frozen.get(d.id) ?? [];
    if (docs.length === 0) throw documentProblem(d, d.number, 'validation.auditorDocumentMissing');
    for (const f of docs) {
      const target = path.join(core.books.dataDir, f.file);
      if (!fs.existsSync(target)) throw documentProblem(d, f.fileName, 'validation.auditorDocumentMissing');
      const bytes = fs.readFileSync(target);
      if (sha256(bytes) !== f.sha256) throw documentProblem(d, f.fileName, 'validation.auditorDocumentChanged');
      let name = `documents/${f.fileName}`;
      if (taken.has(name)) name = `documents/${d.id}-${f.fileName}`;
      taken.add(name);
      files.push([name, bytes]);
    }
  }
  const hashes = files.map(([name, bytes]) => `${sha256(bytes)}  ${name}\n`).join('');
  files.push([HASHES_FILE, Buffer.from(hashes, 'utf8')]);

  const now = core.clock();
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime: now }];
  const zip = Buffer.from(zipSync(zippable, { level: 6 }));
  const zipName = `GoBD-Export_${from}_${to}.zip`;
  const zipSha = sha256(zip);
  const totalRows = csvs.reduce((sum, c) => sum + c.rows, 0);

  const record = await recordTaxExport(
    core,
    {
      type: 'auditor',
      from,
      to,
      festgeschrieben: false,
      files: [
        { fileName: zipName, sha256: zipSha, lines: totalRows },
        ...csvs.map((c) => ({ fileName: c.name, sha256: sha256(c.bytes), lines: c.rows })),
      ],
    },
    userId,
  );
  const file: DocumentFile = {
    format: 'zip' as DocumentFile['format'],
    fileName: zipName,
    mimeType: 'application/zip',
    sha256: zipSha,
    bytes: zip.length,
    frozenAt: now.toISOString(),
    dataBase64: zip.toString('base64'),
  };
  return {
    file,
    record,
    earlier,
    tables: tables.map((t) => ({ name: t.spec.name as AuditorTable, rows: t.rows.length })),
    documents: files.filter(([name]) => name.startsWith('documents/')).length,
  };
}
