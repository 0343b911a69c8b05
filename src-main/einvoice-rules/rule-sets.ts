/**
 * The shipped rule sets: SaxonJS exports of the official stylesheets, compiled by
 * `scripts/einvoice-rules/compile.mjs` into `resources/einvoice-rules/compiled/`, loaded once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const DEFAULT_RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/einvoice-rules');

export type RuleSetName = 'en16931-cii' | 'en16931-ubl' | 'xrechnung-cii' | 'xrechnung-ubl';

type Manifest = {
  engine: { name: string; version: string };
  sources: Record<'cen' | 'kosit' | 'peppol' | 'schxslt' | 'ubl', { folder: string; name: string; version: string; xrechnung?: string }>;
  files: Record<string, string>;
};

export type RuleSets = {
  dir: string;
  manifest: Manifest;
  stylesheet(name: RuleSetName): unknown;
  /** `EN 16931 1.3.15`, `XRechnung 3.0.2 (KoSIT rules 2.5.0, Peppol BIS 3.0.19)`. */
  label(name: RuleSetName): string;
};

export function loadRuleSets(dir: string = DEFAULT_RULES_DIR): RuleSets {
  const compiled = path.join(dir, 'compiled');
  const manifestFile = path.join(compiled, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`The e-invoice rules are missing: ${manifestFile} does not exist (npm run einvoice-rules:compile)`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const loaded = new Map<RuleSetName, unknown>();
  const { cen, kosit, peppol } = manifest.sources;
  return {
    dir,
    manifest,
    stylesheet(name) {
      let sef = loaded.get(name);
      if (!sef) {
        sef = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(compiled, `${name}.sef.json.gz`))).toString('utf8'));
        loaded.set(name, sef);
      }
      return sef;
    },
    label: (name) => (name.startsWith('en16931') ? `EN 16931 ${cen.version}` : `XRechnung ${kosit.xrechnung} (KoSIT ${kosit.version}, Peppol BIS ${peppol.version})`),
  };
}
