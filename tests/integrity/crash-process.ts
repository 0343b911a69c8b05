/**
 * The processes of the crash matrix: the child script is bundled once with esbuild (each source
 * file keeps its own `import.meta.url`, so shipped templates, fonts and worker threads are found
 * as from the source tree) and started with plain node, which starts several times faster than
 * through tsx. A child is killed with SIGKILL at a moment chosen from a seeded random source.
 * Every child is tracked, so the suite kills what is left even when a test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

export { seededRandom, type Random } from '../support/seed.js';

/** `import.meta.url` of every bundled source file stays the URL of that file. */
const keepSourceUrls: Plugin = {
  name: 'keep-source-urls',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * Bundles `entry` into a folder under node_modules/.cache (so that its packages resolve from the
 * project's node_modules); `remove` deletes it.
 */
export async function bundleChild(entry: string): Promise<{ file: string; remove(): void }> {
  const cache = path.resolve('node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'rw-crash-'));
  const file = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build({ entryPoints: [path.resolve(entry)], outfile: file, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', plugins: [keepSourceUrls] });
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** When to kill: once `ready()` holds (checked on every output line and every 5 ms), after `pauseMs`. */
export type KillPoint = { label: string; ready: (lines: readonly string[]) => boolean; pauseMs: number };

export type ChildRun = { killed: boolean; lines: string[]; ms: number };

const children = new Set<ChildProcess>();

/** Kills every child still running (afterAll, also after a failure). */
export function killAllChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/**
 * Runs `script` with `args`; with a kill point, kills it there. Resolves with the lines it printed
 * and whether it was killed; a child that ends on its own with an error rejects with its stderr.
 */
export function runChild(script: string, args: readonly string[], kill?: KillPoint, timeoutMs = 90_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const lines: string[] = [];
    let stderr = '';
    let partial = '';
    let armed = false;
    let killTimer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (armed || !kill || !kill.ready(lines)) return;
      armed = true;
      killTimer = setTimeout(() => child.kill('SIGKILL'), kill.pauseMs);
    };
    const poll = kill ? setInterval(arm, 5) : undefined;
    const guard = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs} ms without finishing)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop()!;
      lines.push(...parts.filter(Boolean));
      arm();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(guard);
      clearTimeout(killTimer);
      clearInterval(poll);
      const ms = Date.now() - started;
      if (signal === 'SIGKILL' && armed) resolve({ killed: true, lines, ms });
      else if (code === 0) resolve({ killed: false, lines, ms });
      else reject(new Error(`${path.basename(script)} ${args[0]} ended with ${code ?? signal}: ${stderr.slice(-4000)}`));
    });
  });
}

/** A kill point: the `count`-th output line that matches `line`, then `pauseMs`. */
export function afterLine(line: RegExp, count: number, pauseMs: number): KillPoint {
  return { label: `${count}× ${line.source} + ${pauseMs} ms`, pauseMs, ready: (lines) => lines.filter((l) => line.test(l)).length >= count };
}
