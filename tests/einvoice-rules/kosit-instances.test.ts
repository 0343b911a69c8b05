/**
 * KoSIT's own test instances for its XRechnung rules (xrechnung-schematron v2.5.0,
 * `test/instances/{cii,ubl-inv,ubl-cn}`), run against the rules the app ships.
 *
 * Each file carries XML-Mutate instructions (`<?xmute mutator=… schematron-valid=… schematron-invalid=… ?>`);
 * every mutant they describe must break each rule named in `schematron-invalid` and none named
 * in `schematron-valid`, as in KoSIT's build. The `identity` instructions are the files as they are
 * (the other instructions' `schematron-valid` rules are about their mutant: a negative file
 * breaks a rule until a `remove` takes the wrong element out).
 * Every expectation names an XRechnung rule (`xrcii:`, `xrubl:`), so, as KoSIT's build does, only
 * the XRechnung rule set runs here (with the app's BR-DE-19 patch); the EN 16931 rules on whole
 * invoices are proven in `official-examples.test.ts`.
 *
 * Where our engine disagrees with KoSIT's expectation, the case is listed in
 * `KNOWN_DIFFERENCES` with its reason; the test fails on any other disagreement and on a listed
 * one that no longer occurs.
 */
import fs from 'node:fs';
import path from 'node:path';
import SaxonJS from 'saxon-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEInvoiceValidator, type EInvoiceValidator } from '../../src-main/einvoice-rules/index.js';
import { patchBrDe19 } from '../../src-main/einvoice-rules/patches/br-de-19.js';
import { findingsOf } from '../../src-main/einvoice-rules/svrl.js';
import type { EInvoiceSyntax } from '../../src-shared/contract/einvoice.js';
import { mutantsOf, readInstructions, SUPPORTED_MUTATORS, type XmuteInstruction } from '../support/einvoice/xmute.js';

const INSTANCES = path.resolve(import.meta.dirname, '../fixtures/einvoice-rules/kosit-xrechnung-schematron-2.5.0/test/instances');

const FOLDERS = [
  { folder: 'cii', syntax: 'CII', prefix: 'xrcii', files: 125, mutants: 568, expectations: 589 },
  { folder: 'ubl-inv', syntax: 'UBL', prefix: 'xrubl', files: 132, mutants: 611, expectations: 622 },
  { folder: 'ubl-cn', syntax: 'UBL', prefix: 'xrubl', files: 92, mutants: 438, expectations: 442 },
] as const satisfies readonly { folder: string; syntax: EInvoiceSyntax; prefix: string; files: number; mutants: number; expectations: number }[];

/**
 * Mutators that occur only inside XML comments of the instances (so XML-Mutate never runs
 * them either): `whitespace`, twice, in `ubl-inv-br-de-19-test.xml` and `cii-br-de-19-test.xml`.
 * A live instruction with any mutator not supported fails the test.
 */
const COMMENTED_OUT_ONLY = ['whitespace'];

/**
 * Every case where our engine's result differs from KoSIT's expectation, keyed
 * `<folder>/<file> <instruction id>[<value or mutator>] <rule> <what KoSIT expects: fails|holds>`
 * (or `… rules run` when the engine raised an error), with what our engine does and why.
 * Empty: with v2.5.0 and the BR-DE-19 patch, all 1,653 expectations agree. An entry that no
 * longer occurs fails the test, as does any difference not listed.
 */
const KNOWN_DIFFERENCES: Record<string, { engine: string; why: string }> = {};

type Outcome = { key: string; detail: string };

let validator: EInvoiceValidator;

beforeAll(() => {
  validator = createEInvoiceValidator();
  validator.load();
});

/** The XRechnung rule set's findings, as the validator computes them (same stylesheet, SVRL reading and patch). */
function xrechnungFindings(xml: string, syntax: EInvoiceSyntax): Set<string> {
  const document = SaxonJS.getPlatform().parseXmlFromString(xml);
  const stylesheet = validator.ruleSets.stylesheet(syntax === 'CII' ? 'xrechnung-cii' : 'xrechnung-ubl');
  const report = SaxonJS.transform({ stylesheetInternal: stylesheet, sourceNode: document, destination: 'document' }, 'sync').principalResult;
  return new Set(patchBrDe19(document, syntax, findingsOf(report)).map((f) => f.rule));
}

function disagreements(folder: string, file: string, instruction: XmuteInstruction, value: string | undefined, fired: Set<string> | Error): Outcome[] {
  const where = `${folder}/${file} ${instruction.id}[${value ?? instruction.mutator}]`;
  if (fired instanceof Error) return [{ key: `${where} rules run`, detail: fired.message }];
  return [
    ...instruction.invalid.filter((r) => !fired.has(r.rule)).map((r) => ({ key: `${where} ${r.rule} fails`, detail: 'does not fail' })),
    ...instruction.valid.filter((r) => fired.has(r.rule)).map((r) => ({ key: `${where} ${r.rule} holds`, detail: 'fails' })),
  ];
}

describe.each(FOLDERS)('KoSIT test instances $folder', ({ folder, syntax, prefix, ...counts }) => {
  it('every mutant breaks the rules it is made for and no rule it should keep', () => {
    const files = fs.readdirSync(path.join(INSTANCES, folder)).filter((f) => f.endsWith('.xml')).sort();
    const found: Outcome[] = [];
    let declarations = 0;
    let mutants = 0;
    for (const file of files) {
      const xml = fs.readFileSync(path.join(INSTANCES, folder, file), 'utf8');
      const asIs = (() => {
        try {
          return xrechnungFindings(xml, syntax);
        } catch (error) {
          return error as Error;
        }
      })();
      for (const instruction of readInstructions(xml)) {
        expect(SUPPORTED_MUTATORS as readonly string[], `${file} ${instruction.id}: mutator ${instruction.mutator}`).toContain(instruction.mutator);
        for (const ref of [...instruction.valid, ...instruction.invalid]) expect(ref.set, `${file} ${instruction.id}`).toBe(prefix);
        const runs = instruction.mutator === 'identity' ? [{ value: undefined, xml: null }] : mutantsOf(xml, instruction);
        for (const run of runs) {
          mutants++;
          declarations += instruction.valid.length + instruction.invalid.length;
          let fired: Set<string> | Error;
          if (run.xml === null) fired = asIs;
          else {
            try {
              fired = xrechnungFindings(run.xml, syntax);
            } catch (error) {
              fired = error as Error;
            }
          }
          found.push(...disagreements(folder, file, instruction, run.value, fired));
        }
      }
    }
    const known = Object.keys(KNOWN_DIFFERENCES).filter((k) => k.startsWith(`${folder}/`));
    console.info(`KoSIT ${folder}: ${files.length} files, ${mutants} mutants, ${declarations} rule expectations, ${found.length} disagreements (${known.length} known)`);
    expect({ files: files.length, mutants, expectations: declarations }).toEqual(counts);
    expect(found.map((o) => `${o.key}: ${o.detail}`).sort()).toEqual(known.map((k) => `${k}: ${KNOWN_DIFFERENCES[k]!.engine}`).sort());
  }, 180_000);
});

it('the instances use no other mutator than those applied here, except inside comments', () => {
  for (const { folder } of FOLDERS) {
    for (const file of fs.readdirSync(path.join(INSTANCES, folder))) {
      const xml = fs.readFileSync(path.join(INSTANCES, folder, file), 'utf8');
      const live = xml.replace(/<!--[\s\S]*?-->/g, '');
      for (const m of live.matchAll(/<\?xmute[\s\S]*?mutator="([^"]*)"/g)) expect(SUPPORTED_MUTATORS as readonly string[], `${folder}/${file}`).toContain(m[1]);
      for (const m of xml.matchAll(/<\?xmute[\s\S]*?mutator="([^"]*)"/g)) if (!(SUPPORTED_MUTATORS as readonly string[]).includes(m[1]!)) expect(COMMENTED_OUT_ONLY).toContain(m[1]);
    }
  }
});
