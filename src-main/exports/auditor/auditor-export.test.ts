/**
 * The auditor export (GoBD Datenträgerüberlassung) on books built through the real handlers:
 * the ZIP unpacked, index.xml validated against the shipped GDPdU DTD with xmllint, every table
 * it names read back with the declared delimiter, encapsulator, decimal symbol and date format,
 * row counts held against the books, the hash list against every file, a tampered frozen PDF
 * refused naming its document, and an empty period giving valid empty tables.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditorExportResult } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { approveAndIssue, issued } from '../../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

const DTD = path.resolve(__dirname, '../../../resources/gdpdu/gdpdu-01-09-2004.dtd');
const NOV = { from: '2026-11-01', to: '2026-11-30' };

let app: TestApp;
let t: Team;
const ids: Record<string, string> = {};
const numbers: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const b = t.bookkeeper;
  const service = await product(b, { sku: 'BERATUNG', nameDe: 'Beratung', nameEn: 'Consulting', unit: 'HUR', netPrice: '100.00', vatRate: '19' });
  const tea = await product(b, { sku: 'TEE', nameDe: 'Tee', nameEn: 'Tea', netPrice: '50.00', vatRate: '7' });
  const dom = await customer(b, { name: 'Müller & Söhne "Nord" GmbH; Köln', paymentTermsDays: 30, skontoPercent: '2', skontoDays: 10 });
  const other = await customer(b, { name: 'Zweite GmbH' });
  ids.dom = dom.id;
  ids.other = other.id;
  // October: outside the period.
  await issued(t, { customerId: dom.id, issueDate: '2026-10-20', lines: [{ productId: service.id, quantity: '1' }] });
  const i1 = await issued(t, { customerId: dom.id, issueDate: '2026-11-03', lines: [{ productId: service.id, quantity: '2' }, { productId: tea.id, quantity: '1' }] });
  const i2 = await issued(t, { customerId: dom.id, issueDate: '2026-11-10', lines: [{ description: 'Wartungspaket\r\nvor Ort,\tmit Anfahrt', quantity: '4', netUnitPrice: '250.00' }] });
  const i3 = await issued(t, { customerId: other.id, issueDate: '2026-11-12', lines: [{ productId: service.id, quantity: '1' }] });
  Object.assign(ids, { i1: i1.id, i2: i2.id, i3: i3.id });
  Object.assign(numbers, { i1: i1.number, i2: i2.number, i3: i3.number });
  // 2 × 100 × 1.19 + 50 × 1.07 = 291.50; paid with 2 % Skonto (5.83).
  await unwrap(b.invoke('payments.record', { date: '2026-11-05', amount: '285.67', allocations: [{ invoiceId: i1.id, amount: '285.67', skonto: '5.83' }] }));
  // 119.00 paid 114.00, 5.00 written off (a supervisor may).
  await unwrap(t.supervisor.invoke('payments.record', { date: '2026-11-20', amount: '114.00', allocations: [{ invoiceId: i3.id, amount: '114.00', writeOff: '5.00' }] }));
  const note = await unwrap(b.invoke('invoices.createCreditNote', { invoiceId: i2.id, reason: 'Ein Paket\nnicht geliefert', lines: [{ lineId: i2.lines[0]!.id, quantity: '1' }] }));
  const credit = await approveAndIssue(t, note.id);
  ids.credit = credit.id;
  numbers.credit = credit.number;
  const book = await unwrap(b.invoke('cashbook.create', { name: 'Ladenkasse', openingDate: '2026-11-01', openingBalance: '100.00' }));
  await unwrap(b.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-20', time: '10:00', type: 'income', amount: '119.00', vatRate: 19, category: 'Erlöse', text: 'Barverkauf; "Quittung"' }));
  await unwrap(b.invoke('cashbook.record', { cashBookId: book.id, date: '2026-11-21', time: '11:00', type: 'expense', amount: '10.70', vatRate: 7, category: 'Büromaterial', text: 'Papier' }));
}, 180_000);
afterAll(async () => app.stop());

type Unpacked = { files: Record<string, Uint8Array>; dir: string };

function unpack(result: AuditorExportResult): Unpacked {
  const files = unzipSync(new Uint8Array(Buffer.from(result.file.dataBase64, 'base64')));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-gdpdu-'));
  for (const [name, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  }
  return { files, dir };
}

/**
 * The official DTD's own content model of Media (`Command*, Table*, Command*`) is not deterministic
 * in the sense of XML 1.0; libxml2 says so about the DTD on every run and still validates.
 */
const DTD_NOTE = 'validity error : Content model of Media is not determinist: (Name , Command* , Table* , Command* , AcceptNoTables?)';

/** `xmllint --dtdvalid`: the exit status and what it said about the document (the note on the DTD left out). */
function validate(dir: string): { status: number | null; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--dtdvalid', DTD, path.join(dir, 'index.xml')], { encoding: 'utf8' });
  const output = `${r.stdout}${r.stderr}`.split('\n').filter((line) => line.trim() !== '' && line !== DTD_NOTE).join('\n');
  return { status: r.status, output };
}

type Declared = {
  url: string;
  name: string;
  decimal: string;
  columnDelimiter: string;
  recordDelimiter: string;
  encapsulator: string;
  utf8: boolean;
  columns: { name: string; type: 'AlphaNumeric' | 'Numeric' | 'Date'; accuracy: number; format: string }[];
  foreignKeys: { name: string; references: string }[];
};

const decode = (s: string) => s.replace(/&#13;/g, '\r').replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const tag = (xml: string, name: string) => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? decode(m[1]!) : '';
};

/** The tables index.xml declares, read with a few patterns (its shape is fixed by the DTD, checked by xmllint). */
function declaredTables(indexXml: string): Declared[] {
  return [...indexXml.matchAll(/<Table>([\s\S]*?)<\/Table>/g)].map(([, table]) => {
    const columns = [...table!.matchAll(/<(VariablePrimaryKey|VariableColumn)>([\s\S]*?)<\/\1>/g)].map(([, , c]) => {
      const type = c!.includes('<Numeric') ? 'Numeric' : c!.includes('<Date') ? 'Date' : 'AlphaNumeric';
      return { name: tag(c!, 'Name'), type, accuracy: Number(tag(c!, 'Accuracy') || 0), format: tag(c!, 'Format') } as Declared['columns'][number];
    });
    const foreignKeys = [...table!.matchAll(/<ForeignKey>([\s\S]*?)<\/ForeignKey>/g)].map(([, fk]) => ({ name: tag(fk!, 'Name'), references: tag(fk!, 'References') }));
    return {
      url: tag(table!, 'URL'),
      name: tag(table!.replace(/<VariableLength>[\s\S]*$/, ''), 'Name'),
      decimal: tag(table!, 'DecimalSymbol'),
      columnDelimiter: tag(table!, 'ColumnDelimiter'),
      recordDelimiter: tag(table!, 'RecordDelimiter'),
      encapsulator: tag(table!, 'TextEncapsulator'),
      utf8: table!.includes('<UTF8/>'),
      columns,
      foreignKeys,
    };
  });
}

/** Records of a variable-length file as the declaration says: delimiters outside the encapsulator only. */
function records(text: string, d: Declared): string[][] {
  const out: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    if (quoted) {
      if (text.startsWith(d.encapsulator + d.encapsulator, i)) {
        field += d.encapsulator;
        i += 2;
      } else if (text.startsWith(d.encapsulator, i)) {
        quoted = false;
        i += 1;
      } else {
        field += text[i];
        i += 1;
      }
    } else if (text.startsWith(d.encapsulator, i) && field === '') {
      quoted = true;
      i += 1;
    } else if (text.startsWith(d.columnDelimiter, i)) {
      fields.push(field);
      field = '';
      i += d.columnDelimiter.length;
    } else if (text.startsWith(d.recordDelimiter, i)) {
      fields.push(field);
      out.push(fields);
      fields = [];
      field = '';
      i += d.recordDelimiter.length;
    } else {
      field += text[i];
      i += 1;
    }
  }
  expect(quoted, `${d.url}: an encapsulated field is not closed`).toBe(false);
  expect(fields.length === 0 && field === '', `${d.url}: the last record does not end with the record delimiter`).toBe(true);
  return out;
}

/** Reads every declared table back: column count per record, numbers and dates in the declared format. */
function readTables(files: Record<string, Uint8Array>): Map<string, { declared: Declared; rows: Record<string, string | number>[] }> {
  const indexXml = Buffer.from(files['index.xml']!).toString('utf8');
  const out = new Map<string, { declared: Declared; rows: Record<string, string | number>[] }>();
  for (const d of declaredTables(indexXml)) {
    expect(files[d.url], `${d.url} named in index.xml`).toBeDefined();
    expect(d.utf8).toBe(true);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(files[d.url]);
    const rows = records(text, d).map((fields, n) => {
      expect(fields, `${d.url} record ${n + 1}`).toHaveLength(d.columns.length);
      const row: Record<string, string | number> = {};
      d.columns.forEach((c, i) => {
        const v = fields[i]!;
        if (c.type === 'Numeric') {
          const pattern = c.accuracy > 0 ? new RegExp(`^-?\\d+\\${d.decimal}\\d{${c.accuracy}}$`) : /^-?\d+$/;
          expect(v, `${d.url} ${c.name}`).toMatch(pattern);
          row[c.name] = Number(v.replace(d.decimal, '.'));
        } else if (c.type === 'Date') {
          expect(c.format).toBe('DD.MM.YYYY');
          if (v !== '') expect(v, `${d.url} ${c.name}`).toMatch(/^(0[1-9]|[12]\d|3[01])\.(0[1-9]|1[0-2])\.\d{4}$/);
          row[c.name] = v;
        } else {
          row[c.name] = v;
        }
      });
      return row;
    });
    out.set(d.name, { declared: d, rows });
  }
  return out;
}

function hashList(files: Record<string, Uint8Array>): Map<string, string> {
  const lines = Buffer.from(files['hashes.sha256']!).toString('utf8').split('\n').filter(Boolean);
  return new Map(lines.map((l) => {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(l);
    expect(m, l).not.toBeNull();
    return [m![2]!, m![1]!];
  }));
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the auditor export of a month', () => {
  let result: AuditorExportResult;
  let unpacked: Unpacked;

  beforeAll(async () => {
    result = await unwrap(t.bookkeeper.invoke('exports.auditor', NOV));
    unpacked = unpack(result);
  }, 120_000);
  afterAll(() => fs.rmSync(unpacked.dir, { recursive: true, force: true }));

  it('is a ZIP with index.xml valid against the shipped GDPdU DTD, which lies unmodified beside it', () => {
    expect(result.file).toMatchObject({ fileName: 'GoBD-Export_2026-11-01_2026-11-30.zip', mimeType: 'application/zip' });
    expect(result.file.sha256).toBe(sha(Buffer.from(result.file.dataBase64, 'base64')));
    const indexXml = Buffer.from(unpacked.files['index.xml']!).toString('utf8');
    expect(indexXml).toContain('<!DOCTYPE DataSet SYSTEM "gdpdu-01-09-2004.dtd">');
    expect(Buffer.from(unpacked.files['gdpdu-01-09-2004.dtd']!).equals(fs.readFileSync(DTD))).toBe(true);
    const v = validate(unpacked.dir);
    expect(v.output).toBe('');
    expect(v.status).toBe(0);
    // The period is the tables' validity.
    expect(indexXml).toContain('<From>01.11.2026</From>');
    expect(indexXml).toContain('<To>30.11.2026</To>');
  });

  it('xmllint refuses an index.xml that breaks the DTD (the check is real)', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-gdpdu-'));
    try {
      const indexXml = Buffer.from(unpacked.files['index.xml']!).toString('utf8').replace('<Version>1.0</Version>', '');
      fs.writeFileSync(path.join(broken, 'index.xml'), indexXml);
      expect(validate(broken).status).not.toBe(0);
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it('has every table index.xml names, each record with the declared columns, numbers and dates as declared', () => {
    const tables = readTables(unpacked.files);
    expect([...tables.keys()]).toEqual(['invoices', 'invoiceLines', 'creditNotes', 'creditNoteLines', 'payments', 'allocations', 'cashEntries', 'customers', 'auditEntries']);
    for (const { declared } of tables.values()) {
      expect(declared).toMatchObject({ decimal: ',', columnDelimiter: ';', recordDelimiter: '\r\n', encapsulator: '"' });
      expect(declared.columns[0]!.name).toMatch(/^(id|lineId)$/);
    }
    expect(result.tables).toEqual([...tables.entries()].map(([name, t]) => ({ name, rows: t.rows.length })));
    // Tables that refer to another name it.
    expect(tables.get('invoices')!.declared.foreignKeys).toEqual([{ name: 'customerId', references: 'customers' }]);
    expect(tables.get('allocations')!.declared.foreignKeys).toEqual([{ name: 'paymentId', references: 'payments' }]);
    expect(tables.get('invoiceLines')!.declared.foreignKeys).toEqual([{ name: 'documentId', references: 'invoices' }]);
  });

  it('holds the books of the period: three invoices, their lines, the credit note, payments, allocations, cash entries', async () => {
    const tables = readTables(unpacked.files);
    const invoices = tables.get('invoices')!.rows;
    expect(invoices.map((r) => r.number)).toEqual([numbers.i1, numbers.i2, numbers.i3]);
    expect(invoices[0]).toMatchObject({ issueDate: '03.11.2026', netAmount: 250, vatAmount: 41.5, grossAmount: 291.5, customerName: 'Müller & Söhne "Nord" GmbH; Köln', status: 'issued' });
    expect(tables.get('invoiceLines')!.rows.map((r) => [r.documentNumber, r.position, r.netAmount])).toEqual([
      [numbers.i1, 1, 200],
      [numbers.i1, 2, 50],
      [numbers.i2, 1, 1000],
      [numbers.i3, 1, 100],
    ]);
    expect(tables.get('creditNotes')!.rows).toEqual([
      expect.objectContaining({ number: numbers.credit, correctsInvoiceId: ids.i2, correctsInvoiceNumber: numbers.i2, netAmount: 250, grossAmount: 297.5, issueDate: '27.11.2026' }),
    ]);
    expect(tables.get('creditNoteLines')!.rows).toHaveLength(1);
    // Quantities, unit prices and VAT rates are numbers with a decimal comma, declared Numeric with their places.
    const lineColumns = new Map(tables.get('invoiceLines')!.declared.columns.map((c) => [c.name, c]));
    expect([lineColumns.get('quantity'), lineColumns.get('netUnitPrice'), lineColumns.get('vatRate')].map((c) => [c!.type, c!.accuracy])).toEqual([['Numeric', 0], ['Numeric', 2], ['Numeric', 2]]);
    expect(tables.get('invoiceLines')!.rows.map((r) => [r.quantity, r.netUnitPrice, r.vatRate])).toEqual([[2, 100, 19], [1, 50, 7], [4, 250, 19], [1, 100, 19]]);
    const rawLines = Buffer.from(unpacked.files['invoiceLines.csv']!).toString('utf8');
    expect(rawLines).toContain(';2;"HUR";100,00;"S";19,00;200,00\r\n');
    for (const name of ['invoiceLines', 'creditNoteLines', 'cashEntries']) {
      expect(tables.get(name)!.declared.columns.find((c) => c.name === 'vatRate')!.type, name).toBe('Numeric');
    }
    expect(tables.get('payments')!.rows.map((r) => [r.date, r.amount, r.direction])).toEqual([
      ['05.11.2026', 285.67, 'incoming'],
      ['20.11.2026', 114, 'incoming'],
    ]);
    const paymentIds = new Set(tables.get('payments')!.rows.map((r) => r.id));
    expect(tables.get('allocations')!.rows.map((r) => [r.invoiceNumber, r.amount, r.skontoAmount, r.writeOffAmount])).toEqual([
      [numbers.i1, 285.67, 5.83, 0],
      [numbers.i3, 114, 0, 5],
    ]);
    for (const a of tables.get('allocations')!.rows) expect(paymentIds.has(a.paymentId!)).toBe(true);
    expect(tables.get('cashEntries')!.rows.map((r) => [r.voucher, r.date, r.type, r.amount, r.vatRate, r.vatAmount, r.text])).toEqual([
      [1, '01.11.2026', 'opening', 100, 0, 0, expect.any(String)],
      [2, '20.11.2026', 'income', 119, 19, 19, 'Barverkauf; "Quittung"'],
      [3, '21.11.2026', 'expense', 10.7, 7, 0.7, 'Papier'],
    ]);
    expect(new Set(tables.get('customers')!.rows.map((r) => r.id))).toEqual(new Set([ids.dom, ids.other]));
    // Every audit entry written in the period but the export's own record, written after the tables.
    const audit = await app.services.books.db.facts.count({ selector: { kind: 'audit' } }).exec();
    const rows = tables.get('auditEntries')!.rows;
    expect(rows).toHaveLength(audit - 1);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.deviceId === rows[i - 1]!.deviceId) {
        expect(rows[i]!.seq).toBe(Number(rows[i - 1]!.seq) + 1);
        expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
      }
    }
  });

  it('writes line breaks and tabs inside text as a space: every CSV has exactly as many records (CR or LF) as rows', () => {
    const indexXml = Buffer.from(unpacked.files['index.xml']!).toString('utf8');
    for (const d of declaredTables(indexXml)) {
      const text = Buffer.from(unpacked.files[d.url]!).toString('utf8');
      const rows = result.tables.find((t) => t.name === d.name)!.rows;
      // A reader that splits at every CR and LF, encapsulated or not, as IDEA does.
      expect(text.split(/\r\n|\r|\n/).length - 1, d.url).toBe(rows);
      expect(text.includes('\t'), d.url).toBe(false);
    }
    const tables = readTables(unpacked.files);
    expect(tables.get('invoiceLines')!.rows.find((r) => r.documentNumber === numbers.i2)!.description).toBe('Wartungspaket vor Ort, mit Anfahrt');
    expect(tables.get('creditNotes')!.rows[0]!.reason).toBe('Ein Paket nicht geliefert');
  });

  it('carries the frozen PDF and XML of every document of the period and a SHA-256 for every file', () => {
    const names = Object.keys(unpacked.files);
    const documents = names.filter((n) => n.startsWith('documents/'));
    for (const n of [numbers.i1, numbers.i2, numbers.i3, numbers.credit]) {
      expect(documents.some((d) => d.startsWith(`documents/${n!.replace(/[^A-Za-z0-9._-]/g, '_')}`) && d.endsWith('.pdf')), n).toBe(true);
    }
    expect(documents.length).toBe(result.documents);
    expect(documents.length).toBeGreaterThanOrEqual(4);
    for (const d of documents.filter((n) => n.endsWith('.pdf'))) expect(Buffer.from(unpacked.files[d]!).subarray(0, 5).toString()).toBe('%PDF-');
    const hashes = hashList(unpacked.files);
    expect(new Set(hashes.keys())).toEqual(new Set(names.filter((n) => n !== 'hashes.sha256')));
    for (const [name, hash] of hashes) expect(sha(unpacked.files[name]!), name).toBe(hash);
  });

  it('stores the PDFs (compressed already) and deflates the tables, index.xml and hash list', () => {
    const methods: Record<string, number> = {};
    unzipSync(new Uint8Array(Buffer.from(result.file.dataBase64, 'base64')), {
      filter: (f) => {
        methods[f.name] = f.compression;
        return false;
      },
    });
    const pdfs = Object.keys(methods).filter((n) => n.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(4);
    for (const n of pdfs) expect(methods[n], n).toBe(0);
    for (const n of Object.keys(methods).filter((n) => !n.endsWith('.pdf'))) expect(methods[n], n).toBe(8);
  });

  it('is recorded as an auditor export with the ZIP’s hash, and a second export of the period names the first', async () => {
    expect(result.record).toMatchObject({ type: 'auditor', from: NOV.from, to: NOV.to, festgeschrieben: false });
    expect(result.record.files[0]).toMatchObject({ fileName: result.file.fileName, sha256: result.file.sha256 });
    const again = await unwrap(t.bookkeeper.invoke('exports.auditor', NOV));
    expect(again.earlier.map((r) => r.id)).toContain(result.record.id);
    const history = await unwrap(t.bookkeeper.invoke('exports.history', { type: 'auditor' }));
    expect(history.map((r) => r.id)).toEqual(expect.arrayContaining([result.record.id, again.record.id]));
  });
});

describe('a document frozen on another device (its record synced, its file not here)', () => {
  it('is made again byte for byte and exported', async () => {
    const docs = await app.services.documents.list(ids.i3!);
    const pdf = docs.find((d) => d.format === 'pdf')!;
    const file = path.join(app.dataDir, 'documents', `${pdf.sha256}.pdf`);
    const original = fs.readFileSync(file);
    fs.rmSync(file);
    try {
      const result = await unwrap(t.bookkeeper.invoke('exports.auditor', NOV));
      const files = unzipSync(new Uint8Array(Buffer.from(result.file.dataBase64, 'base64')));
      expect(Buffer.from(files[`documents/${pdf.fileName}`]!).equals(original)).toBe(true);
      expect(fs.readFileSync(file).equals(original)).toBe(true);
    } finally {
      if (!fs.existsSync(file)) fs.writeFileSync(file, original);
    }
  });
});

describe('the auditor export refuses', () => {
  it('a period with a tampered frozen PDF, naming the document', async () => {
    const docs = await app.services.documents.list(ids.i2!);
    const pdf = docs.find((d) => d.format === 'pdf')!;
    const file = path.join(app.dataDir, 'documents', `${pdf.sha256}.pdf`);
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from('%tampered\n')]));
    try {
      const r = await t.bookkeeper.invoke('exports.auditor', NOV);
      expect(r).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'documents', problem: 'validation.auditorDocumentChanged', params: { number: numbers.i2, fileName: pdf.fileName } }] } } });
      if (!r.ok) expect(r.error.message).toContain(numbers.i2);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('a period with a frozen file that is not here and cannot be made again byte for byte, naming the document', async () => {
    const docs = await app.services.documents.list(ids.i3!);
    const pdf = docs.find((d) => d.format === 'pdf')!;
    const file = path.join(app.dataDir, 'documents', `${pdf.sha256}.pdf`);
    const moved = `${file}.away`;
    fs.renameSync(file, moved);
    // The issued document as this device has it no longer renders to the recorded bytes.
    const invoice = (await app.services.books.db.invoices.findOne(ids.i3!).exec())!;
    const note = invoice.note;
    await invoice.incrementalPatch({ note: 'Anders als beim Festschreiben' });
    try {
      const r = await t.bookkeeper.invoke('exports.auditor', NOV);
      expect(r).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'documents', problem: 'validation.auditorDocumentMissing', params: { number: numbers.i3, fileName: pdf.fileName } }] } } });
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      const now = (await app.services.books.db.invoices.findOne(ids.i3!).exec())!;
      await now.incrementalModify((d) => {
        if (note === undefined) delete d.note;
        else d.note = note;
        return d;
      });
      fs.renameSync(moved, file);
    }
  });

  it('before writing anything: a document not yet frozen stays unfrozen and the facts are as they were', async () => {
    const late = await issued(t, { customerId: ids.other, issueDate: '2026-11-25', lines: [{ description: 'Nachtrag', quantity: '1', netUnitPrice: '10.00' }] });
    expect(await app.services.documents.list(late.id)).toEqual([]);
    const docs = await app.services.documents.list(ids.i2!);
    const pdf = docs.find((d) => d.format === 'pdf')!;
    const file = path.join(app.dataDir, 'documents', `${pdf.sha256}.pdf`);
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from('%tampered\n')]));
    try {
      const facts = await app.services.books.db.facts.count().exec();
      const r = await t.bookkeeper.invoke('exports.auditor', NOV);
      expect(r).toMatchObject({ ok: false, error: { details: { fields: [{ problem: 'validation.auditorDocumentChanged', params: { number: numbers.i2 } }] } } });
      expect(await app.services.books.db.facts.count().exec()).toBe(facts);
      expect(await app.services.documents.list(late.id)).toEqual([]);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('a period that ends before it starts', async () => {
    expect(await t.bookkeeper.invoke('exports.auditor', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'to', problem: 'validation.periodOrder' }] } },
    });
  });
});

describe('an empty period', () => {
  it('gives valid empty tables (the customers are master data and always complete)', async () => {
    const result = await unwrap(t.bookkeeper.invoke('exports.auditor', { from: '2025-01-01', to: '2025-01-31' }));
    const unpacked = unpack(result);
    try {
      const v = validate(unpacked.dir);
      expect(v.output).toBe('');
      expect(v.status).toBe(0);
      const tables = readTables(unpacked.files);
      for (const [name, t] of tables) expect(t.rows.length, name).toBe(name === 'customers' ? 2 : 0);
      expect(Object.keys(unpacked.files).filter((n) => n.startsWith('documents/'))).toEqual([]);
      const hashes = hashList(unpacked.files);
      expect(hashes.get('invoices.csv')).toBe(sha(new Uint8Array()));
    } finally {
      fs.rmSync(unpacked.dir, { recursive: true, force: true });
    }
  });
});

it('xmllint is at hand', () => {
  expect(execFileSync('xmllint', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBeDefined();
});
