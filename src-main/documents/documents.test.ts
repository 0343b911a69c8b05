import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp(undefined, { freezeDocuments: true });
  t = await team(app);
});
afterEach(async () => app.stop());

async function issuedFor(overrides: Record<string, unknown>) {
  const c = await customer(t.bookkeeper, overrides);
  const p = await product(t.bookkeeper);
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '3', description: 'Mehl „Type 550“ für Brötchen' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  return unwrap(t.bookkeeper.invoke('invoices.issue', { id: draft.id }));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function pdfText(bytes: Buffer): string {
  const file = path.join(os.tmpdir(), `rw-doc-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('documents of issued invoices', () => {
  it('are frozen once after issuing: same bytes on every opening, hash in the audit log', async () => {
    const invoice = await issuedFor({ eInvoiceFormat: 'xrechnung-cii', invoiceEmails: ['rechnung@schmidt.example'] });
    await app.services.jobs.idle();
    const docs = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: invoice.id }));
    expect(docs.map((d) => [d.format, d.fileName])).toEqual([
      ['pdf', 'RE-2026-A-000001.pdf'],
      ['xrechnung-cii', 'RE-2026-A-000001.xrechnung-cii.xml'],
    ]);
    const first = await unwrap(t.bookkeeper.invoke('documents.get', { invoiceId: invoice.id, format: 'pdf' }));
    const again = await unwrap(t.supervisor.invoke('documents.get', { invoiceId: invoice.id, format: 'pdf' }));
    expect(again.dataBase64).toBe(first.dataBase64);
    const pdf = Buffer.from(first.dataBase64, 'base64');
    expect(sha(pdf)).toBe(first.sha256);
    const text = pdfText(pdf);
    expect(text).toContain('RE-2026-A-000001');
    expect(text).toContain('Mehl „Type 550“ für Brötchen');
    expect(text).toContain('Muster & Söhne GmbH');

    const xml = Buffer.from((await unwrap(t.bookkeeper.invoke('documents.get', { invoiceId: invoice.id, format: 'xrechnung-cii' }))).dataBase64, 'base64').toString('utf8');
    expect(xml).toContain('<ram:ID>RE-2026-A-000001</ram:ID>');
    // 3 x 18.90 = 56.70 net at 7 %: VAT 3.97, gross 60.67
    expect(xml).toMatch(/<ram:GrandTotalAmount>60\.67<\/ram:GrandTotalAmount>/);

    const audit = (await app.services.books.db.facts.find({ selector: { kind: 'audit', subjectId: invoice.id } }).exec()).map((f) => f.audit!);
    const frozen = audit.find((a) => a.action === 'invoice.documentsFrozen')!;
    expect(JSON.parse(frozen.after!)).toEqual([
      { format: 'pdf', sha256: first.sha256, bytes: pdf.length },
      { format: 'xrechnung-cii', sha256: docs[1]!.sha256, bytes: docs[1]!.bytes },
    ]);
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });

  it('give ZUGFeRD customers one PDF with the XML inside', async () => {
    const invoice = await issuedFor({ eInvoiceFormat: 'zugferd', invoiceEmails: ['rechnung@schmidt.example'] });
    const docs = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: invoice.id }));
    expect(docs.map((d) => d.format)).toEqual(['factur-x']);
    const pdf = Buffer.from((await unwrap(t.bookkeeper.invoke('documents.get', { invoiceId: invoice.id, format: 'factur-x' }))).dataBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes(Buffer.from('factur-x.xml'))).toBe(true);
  });

  it('refuse to print in the browser harness and tell why', async () => {
    const invoice = await issuedFor({});
    expect(await t.bookkeeper.invoke('documents.print', { invoiceId: invoice.id })).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
  });

  it('notice a stored file that was changed afterwards', async () => {
    const invoice = await issuedFor({});
    const [info] = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: invoice.id }));
    const fact = (await app.services.books.db.facts.find({ selector: { kind: 'document', subjectId: invoice.id } }).exec())[0]!;
    fs.appendFileSync(path.join(app.dataDir, fact.document!.file), '% tampered');
    expect(await t.bookkeeper.invoke('documents.get', { invoiceId: invoice.id, format: info!.format })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
