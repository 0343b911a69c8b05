/**
 * `npm run demo -- --out <dir>`: a fresh demo company (see scripts/demo/build.ts) whose books
 * run over the past four months up to today, with every issued document's PDF and XML written to
 * <dir> and a bank statement to import in <dir>/bank. Open <dir>/data with
 * `npm run web -- --data <dir>/data` to look around (log in with "Anna Admin" or
 * "anna@demo.example", password "Demo-Passwort-1").
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildDemo, PASSWORD } from './demo/build.js';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = argument('out');
if (!out) {
  console.error('usage: npm run demo -- --out <dir>');
  process.exit(2);
}
const target = path.resolve(out);
if (fs.existsSync(path.join(target, 'data'))) {
  console.error(`${target} has demo data already; choose an empty folder.`);
  process.exit(2);
}
const files = await buildDemo(target);
console.log(`Demo written to ${target}:`);
for (const f of files) console.log(`  ${f}`);
console.log(`\nLook around: npm run web -- --data ${path.join(target, 'data')}  (Anna Admin / ${PASSWORD})`);
