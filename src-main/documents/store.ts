import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type DocumentFormat, type DocumentInfo, type EInvoiceCheck, type InvoiceView } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import { newFact } from '../store/facts.js';
import { ensurePrivateDir, writePrivateFile } from '../store/private-files.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { embeddedCiiOf } from './einvoice/embedded.js';
import { buildEInvoice, eInvoiceFileName } from './einvoice/index.js';
import type { EInvoiceJudge } from '../einvoice-rules/index.js';
import { EInvoiceChecks } from './einvoice-checks.js';
import { PdfRenderer, type PdfSource } from './pdf/renderer.js';
import type { DocumentPorts } from './ports.js';

export type DocumentOptions = {
  /** Freeze PDF and e-invoice in the background right after issuing (default true). */
  freezeOnIssue?: boolean;
  /** The PDF worker's entry file when bundled; the source file under tsx and vitest. */
  pdfWorkerFile?: string;
  fontsDir?: string;
  /** The shipped e-invoice rules (`resources/einvoice-rules`); default beside the sources. */
  rulesDir?: string;
  /** Another judge than the shipped rules in worker threads (the benchmark's baseline). */
  eInvoiceJudge?: EInvoiceJudge;
};

const MIME: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  'factur-x': 'application/pdf',
  'xrechnung-cii': 'application/xml',
  'xrechnung-ubl': 'application/xml',
};

/**
 * The documents of issued invoices and credit notes: rendered once (PDF, and the customer's
 * e-invoice format), stored content-addressed in `<data>/documents/`, recorded as `document`
 * facts whose SHA-256 the audit log keeps. Every later opening returns those bytes; nothing is
 * rendered twice, so a changed template never changes an issued document.
 */
export class DocumentStore {
  private renderer: PdfRenderer | undefined;
  private readonly inFlight = new Map<string, Promise<DocumentInfo[]>>();
  private readonly dir: string;

  private readonly stopFollowing: () => void;
  /** The official e-invoice rules: judged before issuing, and again when the invoice detail asks. */
  readonly eInvoices: EInvoiceChecks;

  constructor(
    private readonly core: Core,
    private readonly ports: DocumentPorts,
    private readonly options: DocumentOptions,
  ) {
    this.dir = path.join(core.books.dataDir, 'documents');
    this.eInvoices = new EInvoiceChecks({ rulesDir: options.rulesDir, judge: options.eInvoiceJudge });
    this.stopFollowing = options.freezeOnIssue === false ? () => undefined : core.bus.on('invoices.issued', ({ ids, userId }) => this.freezeInBackground(ids, userId));
  }

  /** Freezes the documents of just-issued invoices as one background job. */
  private freezeInBackground(ids: readonly string[], userId: string): void {
    this.core.jobs.start('jobs.freezeDocuments', ids.length, userId, async (control) => {
      for (let i = 0; i < ids.length && !control.cancelled(); i++) {
        await this.freeze(ids[i]!, userId);
        control.progress(i + 1);
      }
    });
  }

  private pdf(): PdfRenderer {
    this.renderer ??= new PdfRenderer({
      ...(this.options.pdfWorkerFile ? { workerFile: this.options.pdfWorkerFile } : {}),
      ...(this.options.fontsDir ? { fontsDir: this.options.fontsDir } : {}),
    });
    return this.renderer;
  }

  /** Starts the PDF worker so that the first document does not wait for it. */
  async warm(): Promise<void> {
    await Promise.all([this.pdf().warm(), this.eInvoices.warm()]);
  }

  async list(invoiceId: string): Promise<DocumentInfo[]> {
    const [all, invoice] = await Promise.all([
      this.core.books.db.facts.find({ selector: { kind: 'document', subjectId: invoiceId } }).exec(),
      this.core.books.db.invoices.findOne(invoiceId).exec(),
    ]);
    // Files named after a number the invoice no longer carries (issued on two devices, the other
    // issue kept, this number voided) are not its documents.
    const named = invoice?.number ? invoice.number.replace(/[^A-Za-z0-9._-]/g, '_') : '';
    const facts = all.filter((f) => !named || f.document!.fileName.startsWith(named));
    const order: DocumentFormat[] = ['pdf', 'factur-x', 'xrechnung-cii', 'xrechnung-ubl'];
    // Two devices may each have frozen the same invoice before they synced (same bytes: the
    // rendering is deterministic); the earlier record of each format stands.
    const first = new Map<DocumentFormat, FactDoc>();
    for (const fact of facts.map((f) => f.toMutableJSON()).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id))) {
      if (!first.has(fact.document!.format)) first.set(fact.document!.format, fact);
    }
    return [...first.values()].map(infoOf).sort((a, b) => order.indexOf(a.format) - order.indexOf(b.format));
  }

  /** The frozen documents of an issued invoice, frozen now if they are not yet. */
  async ensure(invoiceId: string, userId: string): Promise<DocumentInfo[]> {
    const existing = await this.list(invoiceId);
    return existing.length ? existing : this.freeze(invoiceId, userId);
  }

  async read(invoiceId: string, format: DocumentFormat, userId: string): Promise<{ info: DocumentInfo; bytes: Buffer }> {
    const docs = await this.ensure(invoiceId, userId);
    const info = docs.find((d) => d.format === format);
    if (!info) throw new AppError('NOT_FOUND', `No ${format} document for this invoice`);
    const fact = (await this.core.books.db.facts.find({ selector: { kind: 'document', subjectId: invoiceId } }).exec()).find((f) => f.document?.sha256 === info.sha256)!;
    const target = path.join(this.core.books.dataDir, fact.document!.file);
    if (!fs.existsSync(target)) await this.remake(invoiceId, info, target);
    const bytes = fs.readFileSync(target);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== info.sha256) throw new AppError('INTERNAL', `The stored ${info.fileName} does not match its recorded checksum`);
    return { info, bytes };
  }

  /**
   * A document frozen on another device arrives as its record only: it is made again here from
   * the issued invoice and kept only when it is byte for byte the recorded file.
   */
  private async remake(invoiceId: string, info: DocumentInfo, target: string): Promise<void> {
    const doc = await this.core.books.db.invoices.findOne(invoiceId).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
    const files = await this.render(await this.ports.invoiceView(doc.toMutableJSON()));
    const bytes = files.find((f) => f.format === info.format)?.bytes;
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== info.sha256) {
      throw new AppError('NOT_FOUND', `${info.fileName} was frozen on another device and cannot be made again here byte for byte; open it on that device`, { fields: [{ field: 'file', problem: 'documents.frozenElsewhere' }] });
    }
    ensurePrivateDir(this.dir);
    writePrivateFile(`${target}.tmp`, bytes);
    fs.renameSync(`${target}.tmp`, target);
  }

  freeze(invoiceId: string, userId: string): Promise<DocumentInfo[]> {
    let running = this.inFlight.get(invoiceId);
    if (!running) {
      running = this.freezeOnce(invoiceId, userId).finally(() => this.inFlight.delete(invoiceId));
      this.inFlight.set(invoiceId, running);
    }
    return running;
  }

  private async freezeOnce(invoiceId: string, userId: string): Promise<DocumentInfo[]> {
    const existing = await this.list(invoiceId);
    if (existing.length) return existing;
    const { books, writes, clock } = this.core;
    const doc = await books.db.invoices.findOne(invoiceId).exec();
    if (!doc) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} not found`);
    if (doc.status !== 'issued' && doc.status !== 'sent') throw new AppError('INVALID_STATE', 'Only issued documents have frozen files', { status: doc.status });
    const view = await this.ports.invoiceView(doc.toMutableJSON());
    const files = await this.render(view);
    const at = clock().toISOString();
    ensurePrivateDir(this.dir);
    const facts: FactDoc[] = files.map((f) => {
      const sha256 = createHash('sha256').update(f.bytes).digest('hex');
      const file = `documents/${sha256}${path.extname(f.fileName)}`;
      const target = path.join(books.dataDir, file);
      if (!fs.existsSync(target)) {
        writePrivateFile(`${target}.tmp`, f.bytes);
        fs.renameSync(`${target}.tmp`, target);
      }
      return newFact(books.deviceId, {
        kind: 'document',
        subjectId: invoiceId,
        occurredAt: at,
        userId,
        document: { invoiceId, format: f.format, fileName: f.fileName, file, mimeType: MIME[f.format], sha256, bytes: f.bytes.length },
      });
    });
    await writes.write(
      userId,
      { collection: 'facts', action: `${view.documentType}.documentsFrozen`, entity: view.documentType, entityId: invoiceId, after: facts.map((f) => ({ format: f.document!.format, sha256: f.document!.sha256, bytes: f.document!.bytes })) },
      async () => {
        const result = await books.db.facts.bulkInsert(facts);
        if (result.error.length) throw new Error('Document facts could not be written');
      },
    );
    return facts.map(infoOf);
  }

  /** A letter (reminder, payment receipt) with the company's logo; letters are not frozen here. */
  async renderLetter(source: PdfSource): Promise<Buffer> {
    return this.pdf().renderSource(source, await this.logo());
  }

  private async logo(): Promise<Buffer | undefined> {
    const { books } = this.core;
    const company = await books.db.settings.findOne('company').exec();
    const logoFile = company?.company?.logoFile;
    return logoFile && fs.existsSync(path.join(books.dataDir, logoFile)) ? fs.readFileSync(path.join(books.dataDir, logoFile)) : undefined;
  }

  private async render(view: InvoiceView): Promise<{ format: DocumentFormat; fileName: string; bytes: Buffer }[]> {
    const { books } = this.core;
    const pdf = await this.pdf().render(view, await this.logo());
    // The format chosen at issue; documents issued before it was kept follow the customer's setting.
    const issued = await books.db.invoices.findOne(view.id).exec();
    const format = issued?.eInvoiceFormat ?? (await books.db.customers.findOne(view.customerId).exec())?.eInvoiceFormat ?? 'pdf';
    if (format === 'zugferd') {
      const hybrid = await buildEInvoice(view, 'factur-x', { pdf, lang: view.language });
      await this.eInvoices.beforeFreeze(view, 'factur-x', hybrid.xml);
      return [{ format: 'factur-x', fileName: hybrid.fileName, bytes: hybrid.bytes }];
    }
    const files: { format: DocumentFormat; fileName: string; bytes: Buffer }[] = [{ format: 'pdf', fileName: `${view.number}.pdf`, bytes: pdf }];
    if (format === 'xrechnung-cii' || format === 'xrechnung-ubl') {
      // Built from the issued document; judged again unless it is byte for byte the file judged at issue.
      const xml = (await buildEInvoice(view, format, { lang: view.language })).bytes;
      await this.eInvoices.beforeFreeze(view, format, xml);
      files.push({ format, fileName: eInvoiceFileName(view, format), bytes: xml });
    }
    return files;
  }

  /** The frozen e-invoice of an issued document judged by the official rules, with its XML; null without one. */
  async eInvoiceCheck(invoiceId: string, userId: string): Promise<EInvoiceCheck | null> {
    const docs = await this.ensure(invoiceId, userId);
    const info = docs.find((d) => d.format !== 'pdf');
    if (!info || info.format === 'pdf') return null;
    const { bytes } = await this.read(invoiceId, info.format, userId);
    const xml = info.format === 'factur-x' ? embeddedCiiOf(bytes) : bytes;
    if (!xml) throw new AppError('INTERNAL', `${info.fileName} holds no CII XML`);
    const fileName = info.format === 'factur-x' ? info.fileName.replace(/\.pdf$/, '.factur-x.xml') : info.fileName;
    return { format: info.format, fileName, xmlBase64: xml.toString('base64'), report: await this.eInvoices.reportOn(xml) };
  }

  async close(): Promise<void> {
    this.stopFollowing();
    await Promise.allSettled([...this.inFlight.values()]);
    await this.renderer?.close();
  }
}

function infoOf(fact: FactDoc): DocumentInfo {
  const d = fact.document!;
  return { format: d.format, fileName: d.fileName, mimeType: d.mimeType, sha256: d.sha256, bytes: d.bytes, frozenAt: fact.occurredAt };
}
