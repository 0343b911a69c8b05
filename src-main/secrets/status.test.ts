import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSetup, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { createInMemoryClient } from '../server/in-memory.js';
import { startServices, type Services } from '../services.js';
import { keyFileSecretBox, type SecretBox } from '../store/secret-box.js';
import { secretStorageStatus } from './status.js';

/** An operating-system box as the Electron shell builds it; here it seals with a key file. */
const osBox = (dir: string, backend?: string): SecretBox => {
  const inner = keyFileSecretBox(dir);
  return { kind: 'os-keystore', ...(backend ? { backend } : {}), encrypt: inner.encrypt, decrypt: inner.decrypt };
};

describe('how well secrets are kept', () => {
  it('calls the key file and Linux basic_text weak, a real key store strong', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-secret-status-'));
    try {
      expect(secretStorageStatus(keyFileSecretBox(dir))).toEqual({ kind: 'key-file', backend: null, weak: true });
      expect(secretStorageStatus(osBox(dir, 'basic_text'))).toEqual({ kind: 'os-keystore', backend: 'basic_text', weak: true });
      expect(secretStorageStatus(osBox(dir, 'unknown'))).toMatchObject({ weak: true });
      expect(secretStorageStatus(osBox(dir, 'gnome_libsecret'))).toEqual({ kind: 'os-keystore', backend: 'gnome_libsecret', weak: false });
      expect(secretStorageStatus(osBox(dir, 'kwallet6'))).toMatchObject({ weak: false });
      // Keychain (macOS) and DPAPI (Windows) name no backend.
      expect(secretStorageStatus(osBox(dir))).toEqual({ kind: 'os-keystore', backend: null, weak: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settings.secretStorage', () => {
  let app: TestApp | undefined;
  let services: Services | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await app?.stop();
    await services?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    app = services = dir = undefined;
  });

  it('tells a logged-in user that passwords are sealed with the key file only', async () => {
    app = await startTestApp();
    const client = app.client();
    expect(await client.invoke('settings.secretStorage', {})).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } });
    await unwrap(client.invoke('auth.setupAdmin', adminSetup(app)));
    expect(await unwrap(client.invoke('settings.secretStorage', {}))).toEqual({ kind: 'key-file', backend: null, weak: true });
  });

  it('reports the Linux basic_text store as weak and a real key store as strong', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-secret-status-'));
    for (const [backend, weak] of [['basic_text', true], ['gnome_libsecret', false]] as const) {
      const dataDir = path.join(dir, backend);
      services = await startServices({ dataDir, secrets: osBox(dataDir, backend), logger: { error: () => undefined }, mail: { autoStart: false }, reminders: { autoStart: false } });
      const client = createInMemoryClient(services);
      await unwrap(client.invoke('auth.setupAdmin', adminSetup({ services })));
      expect(await unwrap(client.invoke('settings.secretStorage', {}))).toEqual({ kind: 'os-keystore', backend, weak });
      await services.close();
      services = undefined;
    }
  });
});
