import fs from 'node:fs';
import path from 'node:path';
import { newSecret, sameSecret } from '../server/launch-secret.js';

export const SETUP_TOKEN_FILE = 'setup-token';

/**
 * The one-time token that creating the first administrator needs. Made at start while no user
 * exists, kept in memory and in a file only the owner may read (0600) in the data folder, and
 * handed to the renderer only by the local shell: the Electron main process to its own window,
 * the browser harness in the page it serves to whoever holds the launch secret. A process that
 * merely reaches the app's socket cannot create the administrator.
 */
export class SetupToken {
  private token: string | null;

  constructor(
    private readonly file: string,
    usersExist: boolean,
  ) {
    this.token = usersExist ? null : newSecret();
    if (this.token) writePrivate(file, `${this.token}\n`);
    else fs.rmSync(file, { force: true });
  }

  static inDataDir(dataDir: string, usersExist: boolean): SetupToken {
    return new SetupToken(path.join(dataDir, SETUP_TOKEN_FILE), usersExist);
  }

  /** The token while the first administrator is still to be created; null afterwards. */
  current(): string | null {
    return this.token;
  }

  matches(candidate: unknown): boolean {
    return sameSecret(candidate, this.token);
  }

  /** Once the administrator exists the token is spent: forgotten and its file removed. */
  consume(): void {
    this.token = null;
    fs.rmSync(this.file, { force: true });
  }

  get filePath(): string {
    return this.file;
  }
}

function writePrivate(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
