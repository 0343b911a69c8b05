/**
 * `npm run lint:security`: Electronegativity over the Electron shell and the renderer's HTML
 * (where the meta CSP lives), in one scan so that global checks see both. Every finding of
 * high or medium severity must be explained in docs/security.md (by its check id and file);
 * otherwise the run fails.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Finding = { check: string; severity: string; confidence: string; file: string; location: string; description: string };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseCsv(text: string): Finding[] {
  const rows = text.trim().split('\n').slice(1);
  return rows.map((row) => {
    const cells = [...row.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
    return {
      check: cells[0]!,
      severity: cells[1]!,
      confidence: cells[2]!,
      file: cells[3] === 'N/A' ? 'N/A' : path.relative(scanRoot, cells[3]!).replace(/\\/g, '/'),
      location: cells[4]!,
      description: cells[6]!,
    };
  });
}

let scanRoot = '';

export function runElectronegativity(): Finding[] {
  scanRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-eneg-'));
  try {
    fs.cpSync(path.join(root, 'src-main'), path.join(scanRoot, 'src-main'), {
      recursive: true,
      filter: (src) => !/\.test\.ts$/.test(src),
    });
    fs.mkdirSync(path.join(scanRoot, 'src-renderer'));
    fs.copyFileSync(path.join(root, 'src-renderer/index.html'), path.join(scanRoot, 'src-renderer/index.html'));
    const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
    const output = path.join(scanRoot, 'report.csv');
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', scanRoot, '-x', 'AvailableSecurityFixesGlobalCheck', '-e', electronVersion, '-o', output],
      { stdio: 'pipe', timeout: 240_000 },
    );
    return parseCsv(fs.readFileSync(output, 'utf8'));
  } finally {
    fs.rmSync(scanRoot, { recursive: true, force: true });
  }
}

/** Findings of high or medium severity that docs/security.md does not explain. */
export function unexplained(findings: Finding[]): Finding[] {
  const doc = fs.readFileSync(path.join(root, 'docs/security.md'), 'utf8');
  return findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !doc.includes(`${f.check} in ${f.file}`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const findings = runElectronegativity();
  console.log('| check | severity | confidence | file | location |');
  console.log('|---|---|---|---|---|');
  for (const f of findings) console.log(`| ${f.check} | ${f.severity} | ${f.confidence} | ${f.file} | ${f.location} |`);
  const open = unexplained(findings);
  if (open.length > 0) {
    console.error(`\n${open.length} finding(s) of high or medium severity are not explained in docs/security.md:`);
    for (const f of open) console.error(`  ${f.check} in ${f.file}: ${f.description}`);
    process.exitCode = 1;
  } else {
    console.log(`\n${findings.length} finding(s); none of high or medium severity is left unexplained.`);
  }
}
