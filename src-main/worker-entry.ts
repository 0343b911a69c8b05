/**
 * Where a worker thread starts. Under tsx and vitest a worker runs its TypeScript source; the
 * built app runs the bundled `.js` file that electron-vite writes beside `main.js` (each worker
 * is an entry of its own in `electron.vite.config.ts`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The worker file `name` beside the module at `moduleUrl`: `name.ts` when that module runs from
 * source, `name.js` when it was bundled (then it lives in `out/main/`, beside the worker's bundle).
 */
export function workerFileBeside(moduleUrl: string, name: string): string {
  const here = fileURLToPath(moduleUrl);
  return path.join(path.dirname(here), here.endsWith('.ts') ? `${name}.ts` : `${name}.js`);
}

/**
 * The URL a `Worker` starts from. A TypeScript source starts through a tiny ES module that
 * registers tsx first: on Node 20 an `--import tsx` in a worker's execArgv is not applied to the
 * worker's own modules, so the hooks are registered from inside the worker.
 */
export function workerEntry(file: string | URL): URL {
  const url = file instanceof URL ? file : pathToFileURL(path.resolve(file));
  if (!url.pathname.endsWith('.ts')) return url;
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const api = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  const tsxApi = pathToFileURL(path.join(path.dirname(manifest), api.import.default)).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(url.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
