/**
 * A statement file that cannot be read says where: an XML file cut off breaks at its end, so that
 * is the place named; an empty file is named like every other refused file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateKnown as translate } from '../../../src-shared/i18n/index.js';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { parseStatement, StatementError } from './index.js';
import { camtFile } from './testing.js';

const refusal = (run: () => unknown): StatementError => {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('the file was read');
};

/** Line and column just after the last character of `text` that is not white space. */
function endOf(text: string): { line: number; column: number } {
  const lines = text.trimEnd().split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

const entries = [1, 2, 3, 4, 5, 6].map((i) => ({ amount: 1000 * i, date: '2026-11-26', name: `Kunde ${i}`, remittance: [`RE-2026-A-00000${i}`] }));
const pretty = camtFile(entries).toString('utf8').replace(/></g, '>\n<');

describe('an XML statement cut off', () => {
  it('is refused at the end of the file, where it breaks off, naming the element left open', () => {
    const cut = pretty.slice(0, pretty.indexOf('\n', 1500));
    const error = refusal(() => parseStatement(Buffer.from(cut, 'utf8'), { fileName: 'kontoauszug.xml' }));
    expect(error.place).toEqual(endOf(cut));
    expect(error.place.line).toBeGreaterThan(1);
    expect(error.key).toBe('statementImport.problem.xmlUnclosedTag');
    expect(translate('de', error.key, error.params)).toMatch(/^Das Element <\w+> wird nie geschlossen/);
  });

  it('is refused at the end when only the document element is left open', () => {
    const cut = pretty.slice(0, pretty.lastIndexOf('</Document>'));
    const error = refusal(() => parseStatement(Buffer.from(cut, 'utf8'), { fileName: 'kontoauszug.xml' }));
    expect(error.place).toEqual(endOf(cut));
    expect(error.params).toEqual({ element: 'Document' });
  });
});

describe('an empty statement file', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.stop());

  it('is refused naming the file, as every statement problem is, and nothing is imported', async () => {
    const client = app.client();
    await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
    const source = { fileName: 'leer.xml', dataBase64: '' };
    const preview = await client.invoke('payments.previewStatement', source);
    expect(preview).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', details: { file: 'leer.xml', key: 'statementImport.problem.fileEmpty' } } });
    expect(await client.invoke('payments.importStatement', source)).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', details: { file: 'leer.xml' } } });
    expect(await app.services.books.db.facts.count({ selector: { kind: 'payment' } }).exec()).toBe(0);
  });
});
