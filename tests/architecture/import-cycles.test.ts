import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, describeCycle, entryBypasses, findCycles, unitGraph, unitOf, type ImportEdge } from './import-graph.js';
import { importsOf, isTestFile, ROOT, sourceFiles } from './scan.js';

/** The imports between product files of the main process (tests left out), paths relative to src-main. */
function mainProcessImports(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles('src-main').filter((f) => !isTestFile(f))) {
    for (const { target } of importsOf(file)) {
      if (target?.startsWith('src-main/')) edges.push({ from: file.slice('src-main/'.length), to: target.slice('src-main/'.length) });
    }
  }
  return edges;
}

describe('import graph rules', () => {
  const edges: ImportEdge[] = [
    { from: 'mail/events.ts', to: 'payments/index.ts' },
    { from: 'payments/service.ts', to: 'reminders/cases.ts' },
    { from: 'reminders/service.ts', to: 'mail/index.ts' },
    { from: 'store/database.ts', to: 'ids.ts' },
    { from: 'services.ts', to: 'mail/index.ts' },
  ];

  it('names a file at the root by itself and any other by its top-level folder', () => {
    expect(unitOf('services.ts')).toBe('services.ts');
    expect(unitOf('documents/pdf/renderer.ts')).toBe('documents');
  });

  it('finds a cycle through three capability folders and names each step with the import that makes it', () => {
    const graph = unitGraph(edges);
    const cycles = findCycles(graph);
    expect(cycles).toEqual([{ units: ['mail', 'payments', 'reminders'], cycle: ['mail', 'payments', 'reminders', 'mail'] }]);
    expect(describeCycle(graph, cycles[0]!.cycle)).toBe(
      'mail → payments (mail/events.ts imports payments/index.ts); payments → reminders (payments/service.ts imports reminders/cases.ts); reminders → mail (reminders/service.ts imports mail/index.ts)',
    );
  });

  it('finds no cycle once one step is a port instead of an import', () => {
    expect(findCycles(unitGraph(edges.filter((e) => e.from !== 'reminders/service.ts')))).toEqual([]);
  });

  it('finds the cycle of a capability that imports the composition root', () => {
    const cycles = findCycles(unitGraph([...edges.slice(3), { from: 'mail/service.ts', to: 'services.ts' }]));
    expect(cycles.map((c) => c.cycle)).toEqual([['mail', 'services.ts', 'mail']]);
  });

  it('flags an import into a capability that passes by its index.ts, not one within the capability', () => {
    expect(entryBypasses([...edges, { from: 'payments/handlers.ts', to: 'payments/service.ts' }])).toEqual([{ from: 'payments/service.ts', to: 'reminders/cases.ts' }]);
  });
});

describe('the main process', () => {
  const edges = mainProcessImports();

  it('has no import cycle between its folders and root files', () => {
    const graph = unitGraph(edges);
    const cycles = findCycles(graph).map(({ units, cycle }) => `${units.join(', ')} import each other, e.g. ${describeCycle(graph, cycle)}`);
    expect(cycles).toEqual([]);
  });

  it('keeps its platform folders (store, server, audit) free of any capability', () => {
    const found = edges.filter((e) => ['store', 'server', 'audit'].includes(unitOf(e.from)) && (CAPABILITIES as readonly string[]).includes(unitOf(e.to)));
    expect(found.map((e) => `${e.from} imports ${e.to}`)).toEqual([]);
  });

  it('meets each capability only through its index.ts', () => {
    const bypasses = entryBypasses(edges).map((e) => `${e.from} imports ${e.to}`);
    expect(bypasses).toEqual([]);
  });
});

describe('the composition root', () => {
  it('is imported only by the shells (app, web), never by a capability, platform folder or transport', () => {
    const importers = mainProcessImports()
      .filter((e) => e.to === 'services.ts' && !/^(app|web)\//.test(e.from))
      .map((e) => e.from);
    expect(importers).toEqual([]);
  });

  it('builds every part whole: no forced type, nothing filled in afterwards', () => {
    const root = fs.readFileSync(path.join(ROOT, 'src-main/services.ts'), 'utf8');
    expect(root).not.toMatch(/as unknown as/);
    expect(root).not.toMatch(/\bservices\.\w+\s*=[^=]/);
  });
});
