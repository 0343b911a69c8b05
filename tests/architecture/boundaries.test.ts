import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, isNodeBuiltin, isTestFile, ROOT, sourceFiles, type ScannedImport } from './scan.js';

/** Every import of the product's files (tests and their helpers left out). */
const productImports: ScannedImport[] = ['src-main', 'src-shared', 'src-renderer']
  .flatMap(sourceFiles)
  .filter((file) => !isTestFile(file))
  .flatMap(importsOf);

const told = (found: ScannedImport[]) => found.map((i) => `${i.file} imports ${i.specifier}`);

describe('where code may run', () => {
  it('src-shared imports neither Node, nor Electron, nor the main process or the screens', () => {
    const found = productImports.filter(
      (i) => i.file.startsWith('src-shared/') && (isNodeBuiltin(i.specifier) || i.specifier === 'electron' || /^src-(main|renderer)\//.test(i.target ?? '')),
    );
    expect(told(found)).toEqual([]);
  });

  it('the screens never import the main process, Node or Electron', () => {
    const found = productImports.filter(
      (i) => i.file.startsWith('src-renderer/') && (isNodeBuiltin(i.specifier) || i.specifier.startsWith('electron') || (i.target ?? '').startsWith('src-main/')),
    );
    expect(told(found)).toEqual([]);
  });

  it('only the desktop shell (src-main/app) imports electron', () => {
    const found = productImports.filter((i) => (i.specifier === 'electron' || i.specifier.startsWith('electron/')) && !i.file.startsWith('src-main/app/'));
    expect(told(found)).toEqual([]);
  });

  it('no product file imports from tests/', () => {
    const found = productImports.filter((i) => (i.target ?? '').startsWith('tests/'));
    expect(told(found)).toEqual([]);
  });
});

describe('the compiler checks the same boundaries', () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as { compilerOptions: { lib: string[]; types: string[] }; include: string[] };
  const typecheck = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['typecheck']!;

  it('src-shared is compiled without the DOM and without Node types', () => {
    const shared = read('tsconfig.shared.json');
    expect(shared.include).toEqual(['src-shared']);
    expect(shared.compilerOptions.lib.filter((lib) => lib.startsWith('DOM'))).toEqual([]);
    expect(shared.compilerOptions.types).toEqual([]);
  });

  it('the screens are compiled without Node types', () => {
    const renderer = read('tsconfig.renderer.json');
    expect(renderer.include).toContain('src-renderer');
    expect(renderer.compilerOptions.types).toEqual([]);
  });

  it('the typecheck that CI runs compiles with both', () => {
    expect(typecheck).toContain('-p tsconfig.shared.json');
    expect(typecheck).toContain('-p tsconfig.renderer.json');
  });
});
