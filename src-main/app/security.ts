import path from 'node:path';
import { resolveStaticPath } from '../server/static-files.js';

/**
 * The pure security rules of the Electron shell, tested in plain Node: where the renderer
 * comes from, who may call the main process, which links may leave the app, and which files
 * the custom protocol may serve.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rechnungswerk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Strict CSP for the renderer: own code only, no inline scripts, no remote connections. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * An IPC call is answered only when it comes from our renderer: the app protocol's origin,
 * or, while developing, the exact dev-server origin electron-vite started.
 */
export function isTrustedSenderUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    return dev !== undefined && parsed.origin === dev.origin && (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1');
  }
  return false;
}

/** Only https and mailto links may be handed to the operating system, and only well-formed ones. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'https:') return parsed.hostname.length > 0 && parsed.username === '' && parsed.password === '';
  if (parsed.protocol === 'mailto:') return isSafeMailto(url, parsed);
  return false;
}

/** One recipient: no lists, no spaces, controls, brackets, quotes or further URL parts. */
const MAILTO_ADDRESS = /^[^\s\p{Cc}@/\\,;:<>()[\]"?#%]+@[^\s\p{Cc}@/\\,;:<>()[\]"?#%]+$/u;
/**
 * The only header fields a mailto link may set. Mail programs read others as orders: `attach`
 * and `attachment` add local files, `cc`, `bcc` and `to` add recipients the user did not see.
 */
const MAILTO_FIELDS = new Set(['subject', 'body']);
const MAILTO_LIMIT = 2000;

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Controls are refused; a body may keep its line breaks and tabs. */
function hasControls(field: string, value: string): boolean {
  const text = field === 'body' ? value.replace(/[\r\n\t]/g, '') : value;
  return /\p{Cc}/u.test(text);
}

/** A mailto link with one recipient and at most a subject and a body, each once and well escaped. */
function isSafeMailto(url: string, parsed: URL): boolean {
  if (url.length > MAILTO_LIMIT || parsed.hash !== '') return false;
  const address = decoded(parsed.pathname);
  if (address === undefined || !MAILTO_ADDRESS.test(address)) return false;
  const query = parsed.search.slice(1);
  if (query === '') return true;
  const seen = new Set<string>();
  for (const pair of query.split('&')) {
    const split = pair.indexOf('=');
    const field = decoded(split < 0 ? pair : pair.slice(0, split))?.toLowerCase();
    const value = decoded(split < 0 ? '' : pair.slice(split + 1));
    if (field === undefined || value === undefined || !MAILTO_FIELDS.has(field) || seen.has(field)) return false;
    if (hasControls(field, value)) return false;
    seen.add(field);
  }
  return true;
}

/**
 * Maps an `app://rechnungswerk/...` request to a file below the renderer folder, or undefined
 * when the path would leave it (`..`, encoded `%2e%2e`, absolute paths, other hosts).
 */
export function resolveRendererFile(rendererRoot: string, requestUrl: string): string | undefined {
  const parsed = parse(requestUrl);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  return resolveStaticPath(rendererRoot, parsed.pathname);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
  '.ico': 'image/x-icon',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
