/**
 * The browser harness (`npm run web`): the same main-process services as the Electron shell,
 * with the built renderer and the contract over one WebSocket, on 127.0.0.1 only. For
 * machines where Electron cannot start, for end-to-end tests in Chromium and screenshots.
 * A development and test aid, not a second product.
 *
 * Every launch makes a secret (32 random bytes). The address printed at start carries it; the
 * page is served only with it, hands it to the renderer, and the WebSocket upgrade needs it,
 * so another program on this computer cannot use the books by merely reaching the port.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { translate } from '../../src-shared/i18n/index.js';
import { HARNESS_API_PATH, LAUNCH_KEY_PARAM, LAUNCH_META } from '../../src-shared/transport/ws-client.js';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from '../app/security.js';
import { startFailureText } from '../app/start-failure.js';
import { newSecret, sameSecret } from '../server/launch-secret.js';
import { resolveStaticPath } from '../server/static-files.js';
import { attachWebSocketBridge } from '../server/ws-bridge.js';
import { startServices } from '../services.js';

/** The same policy as the Electron shell; `connect-src 'self'` covers the harness's WebSocket. */
const HARNESS_CSP = CONTENT_SECURITY_POLICY;
const HEADERS = { 'Content-Security-Policy': HARNESS_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

export type HarnessOptions = { dataDir: string; port: number; rendererDir: string };

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The renderer's page with the launch secret and, while still needed, the setup token. */
export function pageWithLaunch(html: string, key: string, setupToken: string | null): string {
  const meta = (name: string, content: string) => `<meta name="${name}" content="${escapeAttribute(content)}" />`;
  const tags = meta(LAUNCH_META.key, key) + (setupToken ? meta(LAUNCH_META.setupToken, setupToken) : '');
  return html.replace('</head>', `${tags}</head>`);
}

export async function startHarness(options: HarnessOptions) {
  const indexFile = path.join(options.rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`No built renderer in ${options.rendererDir}; run "npm run build" first.`);
  }
  const services = await startServices({ dataDir: options.dataDir });
  // Warming may be cut short by a stop right after the start; the first document warms it then.
  services.documents.warm().catch(() => undefined);
  const secret = newSecret();
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
    if (file === path.resolve(indexFile)) {
      if (!sameSecret(url.searchParams.get(LAUNCH_KEY_PARAM), secret)) {
        const text = `${translate('de', 'auth.launchKeyMissing')}\n${translate('en', 'auth.launchKeyMissing')}\n`;
        response.writeHead(401, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(request.method === 'HEAD' ? undefined : text);
        return;
      }
      const html = pageWithLaunch(fs.readFileSync(file, 'utf8'), secret, services.setup.current());
      response.writeHead(200, { ...HEADERS, 'Content-Type': contentTypeOf(file) }).end(request.method === 'HEAD' ? undefined : html);
      return;
    }
    response.writeHead(200, { ...HEADERS, 'Content-Type': contentTypeOf(file) });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const wss = attachWebSocketBridge(server, services, { path: HARNESS_API_PATH, allowedOrigins: [origin, `http://localhost:${port}`], secret });
  const stop = async () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    await new Promise((resolve) => server.close(resolve));
    await services.close();
  };
  const url = `${origin}/?${LAUNCH_KEY_PARAM}=${secret}`;
  return { url, origin, port, secret, stop, services };
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
  }).catch((error: unknown) => {
    console.error(`${startFailureText(error, 'de')}\n\n${startFailureText(error, 'en')}`);
    process.exit(1);
  });
  console.log(`Rechnungswerk (browser harness) listening on ${harness.url}`);
  const setupToken = harness.services.setup.current();
  if (setupToken) console.log(`First start: setup token ${setupToken} (also in ${harness.services.setup.filePath}); the page above passes it on by itself.`);
  const shutdown = () => void harness.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
