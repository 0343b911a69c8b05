import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { keyFileSecretBox } from './secret-box.js';

it('seals secrets so the stored text reveals nothing and tampering is detected', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-secret-'));
  try {
    const box = keyFileSecretBox(dir);
    const sealed = box.encrypt('SMTP-Passwort-äöü');
    expect(sealed).not.toContain('SMTP');
    expect(keyFileSecretBox(dir).decrypt(sealed)).toBe('SMTP-Passwort-äöü');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('forged').toString('base64');
    expect(() => box.decrypt(parts.join('.'))).toThrow();
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o077).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
