import path from 'node:path';

/**
 * A URL path to a file below `root`, or undefined when it would leave the folder
 * (`..`, encoded dots or slashes, NUL bytes, undecodable escapes).
 */
export function resolveStaticPath(root: string, urlPathname: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return undefined;
  return file;
}
