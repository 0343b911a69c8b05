import type { SecretStorageStatus } from '../../src-shared/contract/index.js';
import type { SecretBox } from '../store/secret-box.js';

/**
 * Linux backends of Electron's safeStorage that protect nothing: `basic_text` seals with a
 * password built into Chromium (no Secret Service or KWallet running), `unknown` names no store.
 */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * How well the SMTP and CouchDB passwords are kept. Weak: the key file beside the books (anyone
 * who can read the data folder can read the passwords), or an OS store that is not one.
 */
export function secretStorageStatus(box: Pick<SecretBox, 'kind' | 'backend'>): SecretStorageStatus {
  const backend = box.backend ?? null;
  const weak = box.kind === 'key-file' || (backend !== null && WEAK_BACKENDS.has(backend));
  return { kind: box.kind, backend, weak };
}
