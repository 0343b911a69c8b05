/**
 * A CAMT file writes "&" and other characters as references: the payer, the remittance and the
 * references are booked with their characters, while entities a file declares itself are not
 * expanded and external ones stay refused.
 */
import { describe, expect, it } from 'vitest';
import { parseStatement, StatementError } from './index.js';
import { camtFile } from './testing.js';

/** A one-entry CAMT.053 whose payer and remittance are written as given (already XML). */
function camtWith(nameXml: string, remittanceXml: string, doctype = ''): Buffer {
  const xml = camtFile([{ amount: 11900, date: '2026-11-26', name: 'NAME', remittance: ['REMITTANCE'] }])
    .toString('utf8')
    .replace('NAME', nameXml)
    .replace('REMITTANCE', remittanceXml)
    .replace('<Document', `${doctype}<Document`);
  return Buffer.from(xml, 'utf8');
}

const entry = (bytes: Buffer) => parseStatement(bytes, { fileName: 'kontoauszug.xml' }).statements[0]!.entries[0]!;

describe('characters written as references in a CAMT file', () => {
  it('books the payer "Post & Paket Versand" from "Post &#38; Paket Versand"', () => {
    expect(entry(camtWith('Post &#38; Paket Versand', 'RE-1')).counterpartyName).toBe('Post & Paket Versand');
  });

  it('reads decimal and hexadecimal references and the five predefined entities, each once', () => {
    const read = entry(camtWith('M&#252;ller &#x26; S&#xF6;hne', 'A &lt;B&gt; &quot;C&quot; &apos;D&apos; &amp;#38; &#8364;'));
    expect(read.counterpartyName).toBe('Müller & Söhne');
    expect(read.remittance).toBe(`A <B> "C" 'D' &#38; €`);
  });

  it('leaves a reference to what is no XML character as written', () => {
    expect(entry(camtWith('Null &#0; Punkt', 'RE-1')).counterpartyName).toBe('Null &#0; Punkt');
  });

  it('does not expand an entity the file declares itself', () => {
    const read = entry(camtWith('Post &e; Versand', 'RE-1', '<!DOCTYPE Document [<!ENTITY e "und">]>\n'));
    expect(read.counterpartyName).toBe('Post &e; Versand');
  });

  it('refuses an external entity', () => {
    const bytes = camtWith('Post &e; Versand', 'RE-1', '<!DOCTYPE Document [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n');
    expect(() => parseStatement(bytes, { fileName: 'kontoauszug.xml' })).toThrow(StatementError);
  });
});
