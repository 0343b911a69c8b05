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
 * A frozen file that is not here (frozen on another device, its record synced) is made again by
 * the document store and taken when it is byte for byte the recorded file. A frozen file that
 * cannot be made again, or whose bytes no longer match its recorded SHA-256, stops the export,
 * naming the document: nothing is left out silently. Every frozen file is checked before anything
 * is written; only then are documents not yet frozen frozen, so a refused export leaves the books
 * as they were. The export is recorded as a `taxExport` fact (who, when, period, the ZIP's and
 * each table's hash).
 *
 * The ZIP is built off the event loop as far as fflate allows: files are read asynchronously,
 * PDFs (already compressed) are stored, only the tables, index.xml, the DTD and e-invoice XML are
 * deflated, large ones in fflate's worker threads.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip as zipAsync, type Zippable } from 'fflate';
import { AppError, type AuditorExportInput, type AuditorExportResult, type AuditorTable, type DocumentFile, type DocumentFormat } from '../../../src-shared/contract/index.js';
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
  /**
   * The bytes of a frozen document whose file is not here (frozen on another device): made again
   * from the issued document by the document store, which keeps them only when they are byte for
   * byte the recorded file; rejects when they cannot be.
   */
  readFrozen(invoiceId: string, format: DocumentFormat, userId: string): Promise<Uint8Array>;
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

type DocumentFact = { id: string; subjectId: string; occurredAt: string; format: DocumentFormat; fileName: string; file: string; sha256: string };

/** The frozen files of each document, the earliest record of each format (as the document store lists them). */
function frozenFilesOf(core: Core, documents: readonly IssuedDocument[]): Map<string, DocumentFact[]> {
  const wanted = new Set(documents.map((d) => d.id));
  const facts = projectRows<Record<keyof DocumentFact, unknown>>(
    core.books,
    'facts',
    { id: '$.id', subjectId: '$.subjectId', occurredAt: '$.occurredAt', format: '$.document.format', fileName: '$.document.fileName', file: '$.document.file', sha256: '$.document.sha256' },
    [{ path: '$.kind', values: ['document'] }, { path: '$.subjectId', values: [...wanted] }],
    { indexed: true },
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

/**
 * The bytes of every frozen file of the documents, each checked against its recorded SHA-256; a
 * file that is not here is made again through the document store. Throws naming the first
 * document that cannot be taken; writes nothing to the books.
 */
async function frozenBytes(core: Core, ports: AuditorPorts, documents: readonly IssuedDocument[], frozen: Map<string, DocumentFact[]>, userId: string): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const d of documents) {
    for (const f of frozen.get(d.id) ?? []) {
      let bytes: Uint8Array;
      try {
        bytes = await fs.promises.readFile(path.join(core.books.dataDir, f.file));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        try {
          bytes = await ports.readFrozen(d.id, f.format, userId);
        } catch {
          throw documentProblem(d, f.fileName, 'validation.auditorDocumentMissing');
        }
      }
      if (sha256(bytes) !== f.sha256) throw documentProblem(d, f.fileName, 'validation.auditorDocumentChanged');
      out.set(f.id, bytes);
    }
  }
  return out;
}

/** PDFs are compressed already: stored. Everything else (tables, index.xml, DTD, XML) is deflated. */
const levelOf = (name: string): 0 | 6 => (name.toLowerCase().endsWith('.pdf') ? 0 : 6);

/** The ZIP of the files, built with fflate's asynchronous zip (large files deflated in worker threads). */
export function zipOf(files: readonly (readonly [string, Uint8Array])[], mtime: Date): Promise<Uint8Array> {
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime, level: levelOf(name) }];
  return new Promise((resolve, reject) => zipAsync(zippable, (error, data) => (error ? reject(error) : resolve(data))));
}

/** The ZIP of the period, recorded as a tax export. */
export async function auditorExport(core: Core, ports: AuditorPorts, input: AuditorExportInput, userId: string): Promise<AuditorExportResult> {
  const { from, to } = input;
  const earlier = await taxExportsOf(core, 'auditor', from, to);
  const first = tablesOf(core.books, from, to);
  // Every file already frozen is checked (and one frozen elsewhere made again) before anything is written.
  const checked = frozenFilesOf(core, first.documents);
  const bytesOf = await frozenBytes(core, ports, first.documents, checked, userId);
  const unfrozen = first.documents.filter((d) => (checked.get(d.id) ?? []).length === 0);
  for (const d of unfrozen) await ports.ensureFrozen(d.id, userId);
  // Read again after freezing: freezing writes facts (and audit entries) of its own.
  const { tables, documents } = unfrozen.length ? tablesOf(core.books, from, to) : first;
  const frozen = unfrozen.length ? frozenFilesOf(core, documents) : checked;
  if (unfrozen.length) {
    const fresh = await frozenBytes(core, ports, unfrozen, frozen, userId);
    for (const [id, bytes] of fresh) bytesOf.set(id, bytes);
  }

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
  files.push([DTD_FILE, await fs.promises.readFile(ports.dtdFile ?? shippedDtd())]);
  const csvs = tables.map((t) => ({ name: fileNameOf(t.spec), bytes: csvOf(t.spec, t.rows), rows: t.rows.length }));
  for (const csv of csvs) files.push([csv.name, csv.bytes]);

  const taken = new Set<string>();
  for (const d of documents) {
    const docs = frozen.get(d.id) ?? [];
    if (docs.length === 0) throw documentProblem(d, d.number, 'validation.auditorDocumentMissing');
    for (const f of docs) {
      const bytes = bytesOf.get(f.id);
      if (!bytes) throw documentProblem(d, f.fileName, 'validation.auditorDocumentMissing');
      let name = `documents/${f.fileName}`;
      if (taken.has(name)) name = `documents/${d.id}-${f.fileName}`;
      taken.add(name);
      files.push([name, bytes]);
    }
  }
  const hashes = files.map(([name, bytes]) => `${sha256(bytes)}  ${name}\n`).join('');
  files.push([HASHES_FILE, Buffer.from(hashes, 'utf8')]);

  const now = core.clock();
  const zipped = await zipOf(files, now);
  const zip = Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
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
