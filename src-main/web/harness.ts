/**
 * The browser harness (`npm run web`): the same main-process services as the Electron shell,
 * with the built renderer and the contract over one WebSocket, on 127.0.0.1 only. For
 * machines where Electron cannot start, for end-to-end tests in Chromium and screenshots.
 * A development and test aid, not a second product.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../app/security.js';
import { resolveStaticPath } from '../server/static-files.js';
import { attachWebSocketBridge } from '../server/ws-bridge.js';
import { startServices } from '../services.js';

/** The same policy as the Electron shell; `connect-src 'self'` covers the harness's WebSocket. */
const HARNESS_CSP = CONTENT_SECURITY_POLICY;

export type HarnessOptions = { dataDir: string; port: number; rendererDir: string };

export async function startHarness(options: HarnessOptions) {
  if (!fs.existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${options.rendererDir}; run "npm run build" first.`);
  }
  const services = await startServices({ dataDir: options.dataDir });
  void services.documents.warm();
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = resolveStaticPath(options.rendererDir, url.pathname);
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Security-Policy': HARNESS_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const wss = attachWebSocketBridge(server, services, { path: '/api', allowedOrigins: [url, `http://localhost:${port}`] });
  const stop = async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
    await services.close();
  };
  return { url, port, stop, services };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const harness = await startHarness({
    dataDir: path.resolve(argument('data') ?? '.data-web'),
    port: Number(argument('port') ?? 5199),
    rendererDir: path.resolve(argument('renderer') ?? path.join(root, 'out/renderer')),
  });
  console.log(`Rechnungswerk (browser harness) listening on ${harness.url}`);
  const shutdown = () => void harness.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
