/**
 * `npm start`: builds the app and starts it in Electron. Electron's binary is fetched on the
 * first start (the install step does not run Electron's download script). Where it cannot be
 * had (no network, no display), the same app starts in the browser harness instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules/electron');
const bin = (name: string) => path.join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function electronPresent(): boolean {
  return fs.existsSync(path.join(electronDir, 'path.txt')) && fs.existsSync(path.join(electronDir, 'dist'));
}

function run(command: string, args: string[]): number {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
}

if (run(bin('electron-vite'), ['build']) !== 0) process.exit(1);

if (!electronPresent()) {
  console.log('Fetching the Electron runtime (first start) …');
  run(process.execPath, [path.join(electronDir, 'install.js')]);
}

if (electronPresent()) {
  const child = spawn(bin('electron-vite'), ['preview', '--skipBuild'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('\nElectron is not available on this machine; starting the same app in the browser harness.');
  console.log('Open the address below in a browser.\n');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/web/harness.ts')], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
