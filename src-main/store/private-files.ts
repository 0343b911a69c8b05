import fs from 'node:fs';
import path from 'node:path';

/**
 * The books, the device id, the key file, backups and exports belong to the user who runs the
 * app: folders 0700, files 0600, so no other account on the machine can read them. On Windows
 * the modes mean next to nothing; there the ACLs of the user profile (AppData) keep other
 * accounts out, and nothing here changes them.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Creates the folder (and any missing parents) 0700; an existing folder is made 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodOwned(dir, PRIVATE_DIR_MODE);
}

/** Creates missing folders 0700 but leaves a folder that exists alone (a backup drive the user chose). */
export function ensureDirCreatedPrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Makes an existing file readable and writable by its owner only. */
export function makePrivate(file: string): void {
  if (POSIX) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Writes a file that only its owner may read (also when it existed before with wider rights). */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makePrivate(file);
}

/** Folders of the data folder whose whole content belongs to the books. */
const PRIVATE_SUBFOLDERS = new Set(['documents', 'files', 'exports', 'backups']);

/**
 * Takes group and other rights away from the data folder, every entry directly in it, and
 * everything below its own subfolders, as installations before this rule left them 0755/0644.
 * The owner's rights stay as they are; symbolic links are not followed.
 */
export function securePrivateTree(dataDir: string): void {
  if (!POSIX) return;
  ensurePrivateDir(dataDir);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    const full = path.join(dataDir, entry.name);
    if (entry.isDirectory()) {
      restrict(full);
      if (PRIVATE_SUBFOLDERS.has(entry.name)) restrictBelow(full);
    } else if (entry.isFile()) {
      restrict(full);
    }
  }
}

function restrictBelow(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      restrict(full);
      restrictBelow(full);
    } else if (entry.isFile()) {
      restrict(full);
    }
  }
}

/** 0644 → 0600, 0755 → 0700: only group and other rights go. */
function restrict(target: string): void {
  let mode: number;
  try {
    mode = fs.lstatSync(target).mode & 0o777;
  } catch {
    return; // removed meanwhile
  }
  if ((mode & 0o077) !== 0) chmodOwned(target, mode & 0o700);
}

/**
 * An entry another account owns (left by running the app as root once) cannot be changed; the
 * books still open, as they did before, rather than refusing to start.
 */
function chmodOwned(target: string, mode: number): void {
  try {
    fs.chmodSync(target, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOENT') throw error;
  }
}
