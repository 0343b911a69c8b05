import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, isTrustedSenderUrl, resolveRendererFile } from './security.js';

describe('IPC sender check', () => {
  it('trusts only our app protocol and the exact dev server', () => {
    expect(isTrustedSenderUrl('app://rechnungswerk/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://rechnungswerk/')).toBe(true);
    expect(isTrustedSenderUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://rechnungswerk/index.html')).toBe(false);
    expect(isTrustedSenderUrl('file:///C:/Users/x/index.html')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('not a url')).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/#/settings', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedSenderUrl('http://192.168.1.5:5173/', 'http://192.168.1.5:5173/')).toBe(false);
  });
});

describe('external links', () => {
  it('lets only well-formed https and mailto links out', () => {
    expect(isSafeExternalUrl('https://www.bundesfinanzministerium.de/')).toBe(true);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org')).toBe(true);
    expect(isSafeExternalUrl('http://example.org')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.org')).toBe(false);
    expect(isSafeExternalUrl('mailto:not an address')).toBe(false);
    expect(isSafeExternalUrl('')).toBe(false);
  });

  it('lets a mailto link carry a subject and a body, and nothing that attaches files or adds recipients', () => {
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?subject=Rechnung%20RE-2026-A-000123')).toBe(true);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?subject=Frage&body=Guten%20Tag%2C%0D%0Abitte%20%C3%BCberweisen')).toBe(true);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?attach=/home/anna/.ssh/id_rsa')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?subject=Hallo&attachment=C:%5CUsers%5Canna%5Cbooks.sqlite')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?ATTACH=%2Fetc%2Fpasswd')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?cc=boss@example.org')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?bcc=spy@example.org')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?to=spy@example.org')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org?subject=a&subject=b')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org,spy@example.org')).toBe(false);
    expect(isSafeExternalUrl('mailto:buchhaltung@example.org#fragment')).toBe(false);
    expect(isSafeExternalUrl('mailto:?to=buchhaltung@example.org')).toBe(false);
    expect(isSafeExternalUrl(`mailto:buchhaltung@example.org?body=${'x'.repeat(5000)}`)).toBe(false);
  });

  it('answers false, never throws, for malformed escapes', () => {
    for (const url of ['mailto:%E0%A4%A@example.org', 'mailto:a%@example.org', 'mailto:buchhaltung@example.org?subject=%E0%A4%A', 'mailto:buchhaltung@example.org?body=%ZZ']) {
      expect(() => isSafeExternalUrl(url)).not.toThrow();
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });
});

describe('custom protocol traversal guard', () => {
  const root = path.resolve('/opt/app/out/renderer');
  it('serves files below the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://rechnungswerk/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://rechnungswerk/assets/index-abc.js')).toBe(path.join(root, 'assets/index-abc.js'));
    expect(resolveRendererFile(root, 'app://rechnungswerk/assets/a%20b.css?v=1')).toBe(path.join(root, 'assets/a b.css'));
  });
  it('refuses paths that leave it', () => {
    // The URL parser already folds plain `..` segments: the result stays inside the root.
    expect(resolveRendererFile(root, 'app://rechnungswerk/../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveRendererFile(root, 'app://rechnungswerk/%2e%2e/%2e%2e/etc/passwd')?.startsWith(root)).toBe(true);
    expect(resolveRendererFile(root, 'app://rechnungswerk/assets/..%2f..%2f..%2fsecret')).toBeUndefined();
    expect(resolveRendererFile(root, 'app://rechnungswerk/%00index.html')).toBeUndefined();
    expect(resolveRendererFile(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveRendererFile(root, 'app://rechnungswerk/%E0%A4%A')).toBeUndefined();
  });
});
