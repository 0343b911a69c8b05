import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from './private-files.js';

/**
 * Where this device's audit chain head is anchored (audit/anchor.ts): beside the books, never
 * synced, its HMAC made with a key the secret box seals. The store only moves the text around
 * (into backups, back on restore); it neither reads nor signs it.
 */
export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';
export const AUDIT_KEY_FILE = 'audit-anchor.key';

export function readAnchorText(dataDir: string): string | null {
  try {
    return fs.readFileSync(path.join(dataDir, AUDIT_ANCHOR_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Replaces the anchor in one step (a temporary file renamed over it). `durable`: flushed to the
 * disk before the rename, for the state that must survive a power cut.
 */
export function writeAnchorText(dataDir: string, text: string, durable: boolean): void {
  const file = path.join(dataDir, AUDIT_ANCHOR_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writePrivateFile(temp, text);
  if (durable) {
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  fs.renameSync(temp, file);
  // The rename itself survives a power cut only once the folder is flushed (POSIX; Windows
  // opens no folder handle and flushes the rename with the file).
  if (durable && process.platform !== 'win32') {
    const dir = fs.openSync(dataDir, 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}

/** Removes the anchor and its key: the next start anchors the chain as it finds it. */
export function removeAnchor(dataDir: string): void {
  for (const name of [AUDIT_ANCHOR_FILE, AUDIT_KEY_FILE]) fs.rmSync(path.join(dataDir, name), { force: true });
}
