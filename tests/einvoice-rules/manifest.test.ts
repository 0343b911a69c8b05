/**
 * `resources/einvoice-rules/compiled/manifest.json` says from which sources, at which versions,
 * the shipped rule sets were compiled. It must match the files on disk: a source changed or
 * replaced without rerunning `npm run einvoice-rules:compile` fails here.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RULES = path.resolve(import.meta.dirname, '../../resources/einvoice-rules');
const ROOT = path.resolve(import.meta.dirname, '../..');

type Manifest = {
  engine: { name: string; version: string };
  sources: Record<string, { folder: string; name: string; version: string; xrechnung?: string }>;
  files: Record<string, string>;
};
const manifest = JSON.parse(fs.readFileSync(path.join(RULES, 'compiled/manifest.json'), 'utf8')) as Manifest;

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the compiled rules match their sources', () => {
  it.each(Object.entries(manifest.files))('%s has the SHA-256 the rules were compiled from', (file, hash) => {
    expect(fs.existsSync(path.join(RULES, file)), file).toBe(true);
    expect(sha256(path.join(RULES, file)), `${file} changed since the rules were compiled: npm run einvoice-rules:compile`).toBe(hash);
  });

  it('every listed file lies in one of the listed source folders', () => {
    const folders = Object.values(manifest.sources).map((s) => `${s.folder}/`);
    expect(Object.keys(manifest.files).length).toBeGreaterThan(0);
    for (const file of Object.keys(manifest.files)) expect(folders.some((f) => file.startsWith(f)), file).toBe(true);
  });

  it('the main sources of all four rule sets are among the listed files', () => {
    const { cen, kosit } = manifest.sources;
    for (const file of [
      `${cen!.folder}/cii/xslt/EN16931-CII-validation.xslt`,
      `${cen!.folder}/ubl/xslt/EN16931-UBL-validation.xslt`,
      `${kosit!.folder}/src/validation/schematron/cii/XRechnung-CII-validation.sch`,
      `${kosit!.folder}/src/validation/schematron/ubl/XRechnung-UBL-validation.sch`,
    ])
      expect(manifest.files, file).toHaveProperty([file]);
  });
});

describe('the versions', () => {
  it.each(Object.entries(manifest.sources))('%s: the folder is named with its version, and its SOURCE file names that version', (_key, source) => {
    expect(source.folder.endsWith(`-${source.version}`), source.folder).toBe(true);
    expect(fs.existsSync(path.join(RULES, source.folder)), source.folder).toBe(true);
    const note = fs.readFileSync(path.join(RULES, source.folder, 'SOURCE'), 'utf8');
    // `Tag:` of the release, or `Version:` where the tag of the repository that carried the files is not the standard's.
    expect(note).toMatch(new RegExp(`^(Tag|Version): \\S*${source.version.replaceAll('.', '\\.')}\\b`, 'm'));
    if (source.xrechnung) expect(note).toContain(source.xrechnung);
  });

  it('the rule sets were compiled for the SaxonJS version the app runs them with', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/saxon-js/package.json'), 'utf8')) as { version: string };
    expect(manifest.engine).toEqual({ name: 'SaxonJS', version: installed.version });
  });

  it('the four compiled rule sets are there', () => {
    for (const name of ['en16931-cii', 'en16931-ubl', 'xrechnung-cii', 'xrechnung-ubl']) expect(fs.existsSync(path.join(RULES, 'compiled', `${name}.sef.json.gz`)), name).toBe(true);
  });
});
