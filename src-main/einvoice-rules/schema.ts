/**
 * The XML schema check of a CII file against UN/CEFACT's D16B schemas as CEN/TC 434 ships them
 * (libxml2 compiled to WebAssembly, the schema parsed once). UBL has no schema check here: the
 * UBL 2.1 schemas are not among the shipped artefacts (see resources/einvoice-rules/README.md);
 * its structure is checked by the EN 16931 UBL syntax rules (UBL-SR-*, UBL-CR-*).
 */
import fs from 'node:fs';
import path from 'node:path';
import { XmlDocument, XmlValidateError, XsdValidator, xmlRegisterInputProvider } from 'libxml2-wasm';
import type { RuleFinding } from '../../src-shared/contract/einvoice.js';

const CII_SCHEMA = 'cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard';
const CII_MAIN = 'CrossIndustryInvoice_100pD16B.xsd';
/** The schemas are read from memory under this made-up scheme, so no path (with its spaces) is resolved by libxml2. */
const SCHEME = 'einvoice-schema:///';

export type SchemaCheck = (xml: string) => RuleFinding[];

const served = new Map<string, Uint8Array>();
const open = new Map<number, { bytes: Uint8Array; at: number }>();
let nextHandle = 1;
let registered = false;
function serveSchemas(dir: string): void {
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.xsd')) served.set(`${SCHEME}${f}`, fs.readFileSync(path.join(dir, f)));
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

export function ciiSchemaCheck(cenDir: string): SchemaCheck {
  serveSchemas(path.join(cenDir, CII_SCHEMA));
  const schemaDoc = XmlDocument.fromBuffer(served.get(`${SCHEME}${CII_MAIN}`)!, { url: `${SCHEME}${CII_MAIN}` });
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
