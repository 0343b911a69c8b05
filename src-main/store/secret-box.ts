import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFile } from './private-files.js';

/**
 * Encrypts secrets (SMTP and CouchDB passwords) before they are stored. The Electron shell
 * uses the operating system's key store (`safeStorage`: Keychain on macOS, DPAPI on Windows);
 * the browser harness and the tests, which run without Electron, use a key file in the data
 * folder. Secrets never go to the renderer or into logs.
 */
export interface SecretBox {
  readonly kind: 'os-keystore' | 'key-file';
  /** The OS store's backend where the OS names one (Linux: `gnome_libsecret`, `kwallet6`, `basic_text` …). */
  readonly backend?: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** AES-256-GCM with a random key kept in `<dataDir>/secret.key` (mode 0600). */
export function keyFileSecretBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, 'secret.key');
  let key: Buffer;
  if (fs.existsSync(file)) {
    key = fs.readFileSync(file);
  } else {
    key = randomBytes(32);
    ensurePrivateDir(dataDir);
    writePrivateFile(file, key);
  }
  if (key.length !== 32) throw new Error(`${file} is not a 32-byte key`);
  return {
    kind: 'key-file',
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
