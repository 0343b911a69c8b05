import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { writePrivateFile } from './private-files.js';
import type { SecretBox } from './secret-box.js';

/**
 * A random key of this device for one purpose (the audit anchor's HMAC), kept in a file sealed
 * by the secret box: with the OS key store, the file alone does not give the key away.
 */
export type DeviceKey = { state: 'loaded'; key: Buffer } | { state: 'missing' } | { state: 'unreadable' };

export function readDeviceKey(box: SecretBox, file: string): DeviceKey {
  let sealed: string;
  try {
    sealed = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'unreadable' };
  }
  try {
    const key = Buffer.from(box.decrypt(sealed), 'base64');
    return key.length === 32 ? { state: 'loaded', key } : { state: 'unreadable' };
  } catch {
    return { state: 'unreadable' };
  }
}

/** Makes a new key and keeps it sealed in `file` (replacing one that could not be read). */
export function createDeviceKey(box: SecretBox, file: string): Buffer {
  const key = randomBytes(32);
  const temp = `${file}.${process.pid}.tmp`;
  writePrivateFile(temp, `${box.encrypt(key.toString('base64'))}\n`);
  fs.renameSync(temp, file);
  return key;
}
