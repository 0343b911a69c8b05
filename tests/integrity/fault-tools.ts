/**
 * Faults the integrity suite puts the app through: a disk that is full (SQLite's own page limit,
 * or a small tmpfs filled to the last block), a filesystem mounted read-only, a file that
 * changed under the app. Mounting needs root; where it is not allowed the helpers say why, and
 * the tests that need it are skipped with that reason while the SQLite-level variants still run.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { MailOptions } from '../../src-main/mail/index.js';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices } from '../../src-main/services.js';
import { openHandle } from '../../src-main/store/sqlite-storage/connection.js';
import type { TestApp } from '../support/services.js';

/**
 * The disk is full for the open books: everything committed is moved into the main file, and
 * the file may not grow by a single page (`PRAGMA max_page_count`), so the next write that
 * needs room fails with SQLITE_FULL as on a full disk.
 */
export function fillDisk(filename: string): void {
  const db = openHandle(filename);
  if (!db) throw new Error(`${filename} is not open`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
}

/** Space is back: the page limit is lifted again. */
export function freeDisk(filename: string): void {
  openHandle(filename)?.pragma('max_page_count = 4294967294');
}

export type Mount = { dir: string; remountReadOnly(): void; remountWritable(): void; unmount(): void };

/**
 * A fresh tmpfs of `size` (e.g. `16m`), or the reason why none can be mounted here (mounting
 * needs root, and some sandboxes refuse it even to root).
 */
export function mountTmpfs(size: string): Mount | string {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting a small filesystem needs root; the SQLite-level variant runs instead';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    return `mount -t tmpfs was refused here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`;
  }
  const remount = (mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
  return {
    dir,
    remountReadOnly: () => remount('ro'),
    remountWritable: () => remount('rw'),
    unmount: () => {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the filesystem of `dir` to the last block with one file; returns its path. */
export function fillFilesystem(dir: string): string {
  const ballast = path.join(dir, 'ballast.bin');
  const fd = fs.openSync(ballast, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0xee);
  try {
    // Large pieces while they fit, then small ones for what is left (bounded either way).
    for (const size of [chunk.length, 512]) writeUntilFull(fd, chunk.subarray(0, size));
  } finally {
    fs.closeSync(fd);
  }
  return ballast;
}

function writeUntilFull(fd: number, piece: Buffer): void {
  try {
    for (let i = 0; i < 1 << 20; i++) fs.writeSync(fd, piece);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

/** A fingerprint of every file in a folder, to show that a refused start changed nothing. */
export function folderFingerprint(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) result[name] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return result;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** The call failed with `code`; its message is returned for further checks. */
export function expectError(result: Outcome, code: string): string {
  expect(result.ok ? 'it succeeded' : result.error.code).toBe(code);
  return result.ok ? '' : result.error.message;
}

/** A start of the services that failed: its error code and message. */
export async function refusal(start: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    const started = (await start) as { close?: () => Promise<void> };
    await started.close?.();
    return { code: 'it started', message: '' };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { code: e.code ?? 'no code', message: e.message ?? String(error) };
  }
}

/** The services on a given data folder, as `startTestApp` starts them; `stop` leaves the folder. */
export async function startAppAt(dataDir: string, options: { clock?: () => Date; mail?: MailOptions } = {}): Promise<TestApp> {
  const services = await startServices({
    dataDir,
    clock: options.clock ?? (() => new Date('2026-11-27T09:00:00.000Z')),
    logger: { error: () => undefined },
    documents: { freezeOnIssue: false },
    mail: { autoStart: false, pollMs: 200, backoff: { baseMs: 100, maxMs: 400 }, ...options.mail },
    reminders: { autoStart: false },
  });
  return { services, dataDir, client: () => createInMemoryClient(services), stop: () => services.close() };
}
