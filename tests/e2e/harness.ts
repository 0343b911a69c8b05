/** Starts the browser harness as its own process on 127.0.0.1 and a real Chromium to drive it. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import WebSocket from 'ws';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { createWebSocketClient, harnessSocketUrl, LAUNCH_KEY_PARAM, type SocketLike } from '../../src-shared/transport/ws-client.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `url`: the address the harness printed, with this launch's secret; `origin`: without it. */
export type RunningHarness = { url: string; origin: string; secret: string; stop(): Promise<void> };

export async function startHarnessProcess(dataDir: string): Promise<RunningHarness> {
  if (!fs.existsSync(path.resolve('out/renderer/index.html'))) {
    throw new Error('The renderer is not built: run "npm run build" (npm test does it first).');
  }
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.resolve('src-main/web/harness.ts'), '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // Compiling the main process with tsx takes over 30 s when the machine is busy.
    const timer = setTimeout(() => reject(new Error(`harness did not start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/\?\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    secret: parsed.searchParams.get(LAUNCH_KEY_PARAM) ?? '',
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A contract client over the harness's WebSocket, as the page opens it (its origin, the launch secret). */
export async function harnessClient(harness: RunningHarness): Promise<ApiClient & { close(): void }> {
  const socket = new WebSocket(harnessSocketUrl(harness.origin, harness.secret), { origin: harness.origin });
  const client = createWebSocketClient(socket as unknown as SocketLike);
  await client.ready;
  return client;
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
