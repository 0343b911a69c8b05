import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/** The project's root folder. */
export const ROOT = path.resolve(import.meta.dirname, '../..');

/** One import as written in a file: `file` relative to the root; `target` too when it resolves to a project file. */
export type ScannedImport = { file: string; specifier: string; target: string | null };

/** Every .ts and .tsx file under `dir` (relative to the root), tests included. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, at), { withFileTypes: true })) {
      const child = `${at}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(child);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        found.push(child);
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** Static imports, `export … from`, type-only imports and dynamic `import()` of one file. */
export function importsOf(file: string): ScannedImport[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName }) => ({ file, specifier: fileName, target: resolve(file, fileName) }));
}

function resolve(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.join(path.posix.dirname(file), specifier);
  const stem = base.replace(/\.(js|jsx|ts|tsx|mjs)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((c) => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile()) ?? base;
}

const NODE_BUILTINS = new Set(builtinModules);

/** `node:fs`, `fs`, `fs/promises`: a module of Node itself. */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]!);
}

/** Whether a file is a test or only helps tests (never part of the product). */
export function isTestFile(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || file.startsWith('tests/');
}
