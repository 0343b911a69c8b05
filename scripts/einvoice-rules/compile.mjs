#!/usr/bin/env node
/**
 * Compiles the shipped official e-invoice rule sets (resources/einvoice-rules/<source>/) into
 * SaxonJS stylesheet export files (resources/einvoice-rules/compiled/*.sef.json.gz) and writes
 * compiled/manifest.json with the versions and the SHA-256 of every source file used.
 *
 *   npm run einvoice-rules:compile
 *
 * - EN 16931 (CEN/TC 434): the official XSLTs of the release, exported for SaxonJS as they are.
 * - XRechnung (KoSIT): the Schematron sources, built the way KoSIT's own build.xml does it:
 *   version tokens filled in, the Peppol BIS rules merged in with KoSIT's peppol-into-xr.xsl,
 *   then compiled with SchXslt (include, compile-for-svrl) and exported for SaxonJS.
 * - The XML schemas (CII D16B from CEN, OASIS UBL 2.1) are used as they are; their SHA-256 are listed.
 * No source file is changed; everything runs in a scratch folder.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rules = path.join(root, 'resources/einvoice-rules');
const out = path.join(rules, 'compiled');
const xslt3 = path.join(root, 'node_modules/xslt3/xslt3.js');

export const SOURCES = {
  cen: { folder: 'cen-en16931-1.3.15', name: 'CEN/TC 434 EN 16931 validation artefacts', version: '1.3.15' },
  kosit: { folder: 'kosit-xrechnung-schematron-2.5.0', name: 'KoSIT XRechnung Schematron', version: '2.5.0', xrechnung: '3.0.2' },
  peppol: { folder: 'peppol-bis-billing-3.0.19', name: 'OpenPeppol BIS Billing 3.0 rules (merged into XRechnung)', version: '3.0.19' },
  schxslt: { folder: 'schxslt-1.10.1', name: 'SchXslt (Schematron to XSLT compiler)', version: '1.10.1' },
  ubl: { folder: 'oasis-ubl-2.1', name: 'OASIS UBL 2.1 schemas (runtime, xsdrt)', version: '2.1' },
};

function run(args) {
  execFileSync(process.execPath, [xslt3, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
}

const used = new Map();
function use(file) {
  used.set(path.relative(rules, file).split(path.sep).join('/'), crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
  return file;
}

/** XSLT → SEF (JSON), gzipped into compiled/. */
function exportSef(xsl, name) {
  const sef = path.join(scratch, `${name}.sef.json`);
  run([`-xsl:${xsl}`, `-export:${sef}`, '-nogo', '-relocate:on']);
  const gz = zlib.gzipSync(fs.readFileSync(sef), { level: 9 });
  fs.writeFileSync(path.join(out, `${name}.sef.json.gz`), gz);
  console.log(`${name}: ${(gz.length / 1024).toFixed(0)} KiB`);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'einvoice-rules-'));
try {
  fs.mkdirSync(out, { recursive: true });

  // The XML schemas are used as they are; listed so that a changed schema file shows.
  const schemaFolders = [
    path.join(rules, SOURCES.cen.folder, 'cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard'),
    path.join(rules, SOURCES.ubl.folder, 'xsdrt'),
  ];
  for (const dir of schemaFolders) for (const f of fs.readdirSync(dir, { recursive: true })) if (String(f).endsWith('.xsd')) use(path.join(dir, String(f)));

  const cen = path.join(rules, SOURCES.cen.folder);
  exportSef(use(path.join(cen, 'cii/xslt/EN16931-CII-validation.xslt')), 'en16931-cii');
  exportSef(use(path.join(cen, 'ubl/xslt/EN16931-UBL-validation.xslt')), 'en16931-ubl');

  // KoSIT's layout: src/xsl/peppol-into-xr.xsl reads ../../build/bis/PEPPOL-EN16931-*.sch.
  const kosit = path.join(scratch, 'kosit');
  fs.cpSync(path.join(rules, SOURCES.kosit.folder, 'src'), path.join(kosit, 'src'), { recursive: true });
  fs.mkdirSync(path.join(kosit, 'build/bis'), { recursive: true });
  fs.mkdirSync(path.join(kosit, 'build/tmp'), { recursive: true });
  for (const syntax of ['CII', 'UBL']) {
    fs.copyFileSync(use(path.join(rules, SOURCES.peppol.folder, `rules/sch/PEPPOL-EN16931-${syntax}.sch`)), path.join(kosit, `build/bis/PEPPOL-EN16931-${syntax}.sch`));
  }
  for (const f of ['src/xsl/peppol-into-xr.xsl', 'src/xsl/rule-list.xml', 'src/validation/schematron/common.sch']) use(path.join(rules, SOURCES.kosit.folder, f));
  fs.mkdirSync(path.join(kosit, 'build/schematron'), { recursive: true });
  fs.copyFileSync(path.join(kosit, 'src/validation/schematron/common.sch'), path.join(kosit, 'build/schematron/common.sch'));
  const schxslt = path.join(rules, SOURCES.schxslt.folder, 'core/src/main/resources/xslt/2.0');
  for (const f of fs.readdirSync(schxslt, { recursive: true })) if (String(f).endsWith('.xsl')) use(path.join(schxslt, String(f)));
  for (const syntax of ['cii', 'ubl']) {
    const name = `XRechnung-${syntax.toUpperCase()}-validation.sch`;
    // The token filter of KoSIT's build (prepare-build-dir).
    const source = fs.readFileSync(use(path.join(rules, SOURCES.kosit.folder, `src/validation/schematron/${syntax}/${name}`)), 'utf8')
      .replaceAll('@xr-schematron.version.full@', SOURCES.kosit.version)
      .replaceAll('@xrechnung.version@', SOURCES.kosit.xrechnung);
    fs.writeFileSync(path.join(kosit, 'build/tmp', name), source);
    fs.mkdirSync(path.join(kosit, 'build/schematron', syntax), { recursive: true });
    const merged = path.join(kosit, 'build/schematron', syntax, name);
    run([`-xsl:${path.join(kosit, 'src/xsl/peppol-into-xr.xsl')}`, `-s:${path.join(kosit, 'build/tmp', name)}`, `-o:${merged}`, `syntax=${syntax.toUpperCase()}`]);
    // SchXslt's pipeline: include → (expand: the XRechnung sources have no abstract patterns) → compile.
    const included = path.join(kosit, 'build/schematron', syntax, `included-${name}`);
    run([`-xsl:${path.join(schxslt, 'include.xsl')}`, `-s:${merged}`, `-o:${included}`]);
    if (/<(sch:)?pattern[^>]*abstract="true"/.test(fs.readFileSync(included, 'utf8'))) throw new Error(`${name} has abstract patterns: run SchXslt's expand.xsl too`);
    const xsl = path.join(scratch, `xrechnung-${syntax}.xsl`);
    run([`-xsl:${path.join(schxslt, 'compile-for-svrl.xsl')}`, `-s:${included}`, `-o:${xsl}`]);
    exportSef(xsl, `xrechnung-${syntax}`);
  }

  const manifest = {
    about: 'Compiled by scripts/einvoice-rules/compile.mjs from the sources listed; rerun it after updating a source folder.',
    engine: { name: 'SaxonJS', version: JSON.parse(fs.readFileSync(path.join(root, 'node_modules/saxon-js/package.json'), 'utf8')).version },
    sources: SOURCES,
    files: Object.fromEntries([...used.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
