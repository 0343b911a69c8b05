/**
 * This device's sync settings: server, database prefix, user, the password sealed by the secret
 * box, and whether sync runs. They live in a private file beside the books, never in a synced
 * collection: each device keeps its own credentials, and a password never reaches the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SecretBox } from '../store/secret-box.js';
import { writePrivateFile } from '../store/private-files.js';
import type { SyncSettingsView } from '../../src-shared/contract/sync.js';

export const SYNC_FILE = 'sync.json';

export type SyncConfig = {
  url: string;
  prefix: string;
  username: string;
  /** The password sealed by the secret box; '' when none is stored. */
  passwordSealed: string;
  enabled: boolean;
  /** When this device finished its first full pull from the server (null before). */
  firstSyncDoneAt: string | null;
  /** The hybrid logical clock's last stamp, so a restart never stamps below what it has seen. */
  lastStamp: string;
  /** How often the server's databases were found set up anew; each time, everything is synced again. */
  epoch: number;
};

export type ServerAccess = { url: string; username: string; password: string };

const EMPTY: SyncConfig = { url: '', prefix: '', username: '', passwordSealed: '', enabled: false, firstSyncDoneAt: null, lastStamp: '', epoch: 0 };

export class SyncConfigFile {
  private readonly file: string;
  private cached: SyncConfig | null = null;

  constructor(
    dataDir: string,
    private readonly secrets: SecretBox,
  ) {
    this.file = path.join(dataDir, SYNC_FILE);
  }

  read(): SyncConfig {
    if (this.cached) return this.cached;
    let stored: Partial<SyncConfig> = {};
    try {
      stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<SyncConfig>;
    } catch {
      // Missing or unreadable: sync is not set up on this device.
    }
    this.cached = { ...EMPTY, ...stored };
    return this.cached;
  }

  update(change: Partial<SyncConfig>): SyncConfig {
    const next = { ...this.read(), ...change };
    writePrivateFile(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.cached = next;
    return next;
  }

  /** The stored password in clear, for this process only; '' when none is stored. */
  password(config = this.read()): string {
    return config.passwordSealed ? this.secrets.decrypt(config.passwordSealed) : '';
  }

  seal(password: string): string {
    return this.secrets.encrypt(password);
  }

  access(config = this.read()): ServerAccess {
    return { url: config.url, username: config.username, password: this.password(config) };
  }

  view(config = this.read()): SyncSettingsView {
    return {
      url: config.url,
      prefix: config.prefix,
      username: config.username,
      passwordSet: config.passwordSealed !== '',
      enabled: config.enabled,
      configured: config.url !== '' && config.prefix !== '' && config.username !== '' && config.passwordSealed !== '',
    };
  }
}
