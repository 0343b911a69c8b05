import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { anchorAtBackup, deviceIdIn, installRestoredAnchor, recordBackupInfo, takeBackupInfo } from './backup-info.js';
import { DATABASE_FILE, DEVICE_FILE } from './database.js';
import { StoreError } from './errors.js';
import { ensureDirCreatedPrivate, ensurePrivateDir, makePrivate, writePrivateFile } from './private-files.js';
import { inspectDatabaseFile, openHandle } from './sqlite-storage/connection.js';

export type BackupResult = { file: string; bytes: number };

/**
 * A consistent copy of the data file, taken while the app keeps working (SQLite's online
 * backup API on a read-only handle of its own, so it holds committed writes only), with the
 * audit anchor of that moment inside (backup-info.ts), then checked before it is reported as done.
 */
export async function backupDatabase(dataFile: string, targetFile: string): Promise<BackupResult> {
  const source = path.resolve(dataFile);
  const target = path.resolve(targetFile);
  if (target === source) throw new StoreError('BACKUP_FAILED', 'A backup cannot overwrite the data file itself.', { target });
  ensureDirCreatedPrivate(path.dirname(target));
  const partial = `${target}.partial`;
  let anchor: string | null;
  try {
    const handle = new Database(source, { readonly: true, fileMustExist: true });
    try {
      // Created private before SQLite writes into it, so the copy is never readable by others.
      fs.rmSync(partial, { force: true });
      writePrivateFile(partial, '');
      await handle.backup(partial);
      anchor = anchorAtBackup(source);
    } finally {
      handle.close();
    }
    makePrivate(partial);
    recordBackupInfo(partial, anchor);
  } catch (cause) {
    fs.rmSync(partial, { force: true });
    throw new StoreError('BACKUP_FAILED', `The backup to "${target}" failed: ${(cause as Error).message}`, { target }, cause);
  }
  const problem = inspectDatabaseFile(partial);
  if (problem) {
    fs.rmSync(partial, { force: true });
    throw new StoreError('BACKUP_FAILED', `The backup was written but is unusable: ${problem}.`, { target });
  }
  fs.renameSync(partial, target);
  return { file: target, bytes: fs.statSync(target).size };
}

export type RestoreResult = { restoredFrom: string; previousFile?: string };

/**
 * Replaces the data file of a closed database with a backup. The backup is checked first;
 * the file it replaces is kept beside it as `books.sqlite.before-restore-<time>`, so a
 * restore can itself be undone.
 */
export function restoreDatabase(backupFile: string, dataDir: string, now: Date = new Date()): RestoreResult {
  const source = path.resolve(backupFile);
  const target = path.join(path.resolve(dataDir), DATABASE_FILE);
  if (openHandle(target)) {
    throw new StoreError('RESTORE_FAILED', 'Close the books before restoring a backup.', { dataDir });
  }
  const problem = inspectDatabaseFile(source);
  if (problem) {
    throw new StoreError('RESTORE_FAILED', `"${source}" cannot be restored: ${problem}. Nothing was changed.`, { backupFile: source });
  }
  ensurePrivateDir(path.dirname(target));
  const incoming = `${target}.restoring`;
  fs.copyFileSync(source, incoming);
  makePrivate(incoming);
  const { auditAnchor } = takeBackupInfo(incoming);
  const fd = fs.openSync(incoming, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);

  let previousFile: string | undefined;
  if (fs.existsSync(target)) {
    previousFile = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, previousFile);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, previousFile + suffix);
    }
  }
  fs.renameSync(incoming, target);
  installRestoredAnchor(path.dirname(target), deviceIdIn(path.join(path.dirname(target), DEVICE_FILE)), auditAnchor);
  return previousFile ? { restoredFrom: source, previousFile } : { restoredFrom: source };
}
