/**
 * The XML schema check of an e-invoice (libxml2 compiled to WebAssembly, each schema parsed once):
 * CII against UN/CEFACT's D16B schemas as CEN/TC 434 ships them, UBL against the OASIS UBL 2.1
 * runtime schemas (Invoice or CreditNote by the root element).
 */
import fs from 'node:fs';
import path from 'node:path';
import { XmlDocument, XmlValidateError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import type { RuleFinding } from '../../src-shared/contract/einvoice.js';

const CII_SCHEMA = 'cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard';
const CII_MAIN = 'CrossIndustryInvoice_100pD16B.xsd';
const UBL_SCHEMA = 'xsdrt';
const UBL_MAIN = { Invoice: 'maindoc/UBL-Invoice-2.1.xsd', CreditNote: 'maindoc/UBL-CreditNote-2.1.xsd' } as const;
export type UblDocument = keyof typeof UBL_MAIN;
/** The schemas are read from memory under this made-up scheme, so no path (with its spaces) is resolved by libxml2. */
const SCHEME = 'einvoice-schema:///';

export type SchemaCheck = (xml: string) => RuleFinding[];

const served = new Map<string, Uint8Array>();
const open = new Map<number, { bytes: Uint8Array; at: number }>();
let nextHandle = 1;
let registered = false;
/** Serves the schema files of `dir` (and its subfolders, for relative imports) under `SCHEME` + `prefix`. */
function serveSchemas(dir: string, prefix: string): void {
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const file = String(f);
    if (file.endsWith('.xsd')) served.set(`${SCHEME}${prefix}/${file.split(path.sep).join('/')}`, fs.readFileSync(path.join(dir, file)));
  }
  if (registered) return;
  registered = xmlRegisterInputProvider({
    match: (name) => served.has(name),
    open: (name) => {
      const bytes = served.get(name);
      if (!bytes) return undefined;
      open.set(nextHandle, { bytes, at: 0 });
      return nextHandle++;
    },
    read: (fd, buf) => {
      const file = open.get(fd);
      if (!file) return -1;
      const n = Math.min(buf.byteLength, file.bytes.length - file.at);
      buf.set(file.bytes.subarray(file.at, file.at + n));
      file.at += n;
      return n;
    },
    close: (fd) => open.delete(fd),
  });
}

function schemaCheck(url: string): SchemaCheck {
  const schemaDoc = XmlDocument.fromBuffer(served.get(url)!, { url });
  const validator = XsdValidator.fromDoc(schemaDoc);
  schemaDoc.dispose();
  return (xml) => {
    const doc = XmlDocument.fromString(xml);
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      if (!(error instanceof XmlValidateError)) throw error;
      return error.details.map((d) => ({ rule: 'XSD', severity: 'fatal' as const, text: d.message.trim(), ...(d.line ? { location: `line ${d.line}` } : {}), terms: [] }));
    } finally {
      doc.dispose();
    }
  };
}

export function ciiSchemaCheck(cenDir: string): SchemaCheck {
  serveSchemas(path.join(cenDir, CII_SCHEMA), 'cii');
  return schemaCheck(`${SCHEME}cii/${CII_MAIN}`);
}

export function ublSchemaCheck(ublDir: string, document: UblDocument): SchemaCheck {
  serveSchemas(path.join(ublDir, UBL_SCHEMA), 'ubl');
  return schemaCheck(`${SCHEME}ubl/${UBL_MAIN[document]}`);
}
