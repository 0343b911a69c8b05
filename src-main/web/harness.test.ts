import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { harnessSocketUrl, LAUNCH_META } from '../../src-shared/transport/ws-client.js';
import { startHarness } from './harness.js';

let dir: string;
let harness: Awaited<ReturnType<typeof startHarness>>;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-harness-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>Rechnungswerk</title></head><body></body></html>');
  fs.writeFileSync(path.join(rendererDir, 'app.js'), 'console.log("app")');
  harness = await startHarness({ dataDir: path.join(dir, 'data'), port: 0, rendererDir });
});
afterEach(async () => {
  await harness.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const metaOf = (html: string, name: string) => new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];

describe('the browser harness', () => {
  it('prints an address with a fresh 32-byte secret and serves the page only with it', async () => {
    expect(harness.url).toBe(`${harness.origin}/?key=${harness.secret}`);
    expect(Buffer.from(harness.secret, 'base64url')).toHaveLength(32);

    const without = await fetch(`${harness.origin}/`);
    expect(without.status).toBe(401);
    const text = await without.text();
    expect(text).toContain('vollständige Adresse');
    expect(text).not.toContain(harness.secret);
    expect((await fetch(`${harness.origin}/index.html?key=wrong`)).status).toBe(401);

    const page = await fetch(harness.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(metaOf(html, LAUNCH_META.key)).toBe(harness.secret);
    expect(metaOf(html, LAUNCH_META.setupToken)).toBe(harness.services.setup.current());
    // The scripts are no secret.
    expect((await fetch(`${harness.origin}/app.js`)).status).toBe(200);
  });

  it('refuses a WebSocket from a local program that forges the Origin without the secret', async () => {
    const status = (url: string) =>
      new Promise<number | 'open'>((resolve) => {
        const socket = new WebSocket(url, { origin: harness.origin });
        socket.on('open', () => {
          socket.close();
          resolve('open');
        });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      });
    expect(await status(`${harness.origin.replace('http', 'ws')}/api`)).toBe(401);
    expect(await status(harnessSocketUrl(harness.origin, harness.secret))).toBe('open');
  });
});
