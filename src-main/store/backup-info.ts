import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readAnchorText, removeAnchor, writeAnchorText } from './anchor-file.js';

/**
 * What a backup says about itself, in a small table of the backup file: the audit anchor of the
 * device that made it (the head's count and hash with the device key's HMAC), taken at the very
 * moment of the copy. It lets the books be checked against the backup, and a restore take the
 * anchor that belongs to the restored chain.
 */
const TABLE = 'backup_info';
const AUDIT_ANCHOR = 'auditAnchor';

/** Call right after the copy's last step, in the same turn: no write can come in between. */
export function anchorAtBackup(dataFile: string): string | null {
  return readAnchorText(path.dirname(dataFile));
}

/** Writes the backup's own record into the copy, which becomes one self-contained file (no WAL). */
export function recordBackupInfo(copy: string, auditAnchor: string | null): void {
  const db = new Database(copy);
  try {
    db.pragma('journal_mode = DELETE');
    db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`);
    db.prepare(`DELETE FROM ${TABLE} WHERE name = ?`).run(AUDIT_ANCHOR);
    if (auditAnchor !== null) db.prepare(`INSERT INTO ${TABLE} (name, value) VALUES (?, ?)`).run(AUDIT_ANCHOR, auditAnchor);
  } finally {
    db.close();
  }
}

/** Takes the record out of a copy about to become the books; returns the anchor it held. */
export function takeBackupInfo(copy: string): { auditAnchor: string | null } {
  const db = new Database(copy);
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE);
    if (!exists) return { auditAnchor: null };
    const row = db.prepare(`SELECT value FROM ${TABLE} WHERE name = ?`).get(AUDIT_ANCHOR) as { value: string } | undefined;
    db.exec(`DROP TABLE ${TABLE}`);
    return { auditAnchor: row?.value ?? null };
  } finally {
    db.close();
  }
}

/**
 * After a restore the anchor must name the restored chain: the backup's anchor when this device
 * made it; otherwise anchor and key go, and the next start anchors the chain as it finds it (as
 * for a backup from before anchoring, or one made on another device).
 */
export function installRestoredAnchor(dataDir: string, deviceId: string | null, auditAnchor: string | null): void {
  if (auditAnchor !== null && deviceId !== null && deviceOf(auditAnchor) === deviceId) writeAnchorText(dataDir, auditAnchor, true);
  else removeAnchor(dataDir);
}

function deviceOf(anchorText: string): string | null {
  try {
    const value = JSON.parse(anchorText) as { deviceId?: unknown };
    return typeof value.deviceId === 'string' ? value.deviceId : null;
  } catch {
    return null;
  }
}

/** The device id kept beside the books, if there is one. */
export function deviceIdIn(deviceFile: string): string | null {
  try {
    const value = JSON.parse(fs.readFileSync(deviceFile, 'utf8')) as { deviceId?: unknown };
    return typeof value.deviceId === 'string' && value.deviceId ? value.deviceId : null;
  } catch {
    return null;
  }
}
