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
  if (parsed.protocol === 'mailto:') return /^[^\s@/]+@[^\s@/]+$/.test(decodeURIComponent(parsed.pathname));
  return false;
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
