/**
 * Sync's settings and conflict desk against hostile or odd input: server addresses that only
 * look local, where the server password goes (never to a screen, an audit entry or a file in
 * clear), and conflicts that must stay final or be recorded once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedServerUrl } from '../../src-shared/contract/sync.js';
import { team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import type { Doc } from './conflict-rules.js';
import { SYNC_FILE } from './config.js';

let app: TestApp | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
});

describe('server addresses', () => {
  it.each([
    'http://127.0.0.1.evil.com',
    'http://localhost@evil.com',
    'http://user:pw@localhost:5984',
    'http://0.0.0.0:5984',
    'http://127.0.0.2:5984',
    'http://localhost.evil.com',
    'http://localhost.',
    'http://LOCALHOST%2eevil.com',
    'http://evil.com#@localhost',
    'http://evil.com\\@localhost',
    'http://[::ffff:127.0.0.1]:5984',
    'https://user@couch.example',
    'https://couch.example/?x=1',
    'ftp://localhost',
    'localhost:5984',
  ])('refuses %s', (url) => {
    expect(isAllowedServerUrl(url)).toBe(false);
  });

  // Each of these is this machine once the address is read as a browser reads it.
  it.each(['HTTP://LOCALHOST:5984', 'http://[::1]:5984', 'http://127.1:5984', 'http://0x7f000001:5984', 'http://ⓛocalhost:5984', 'https://couch.example'])('accepts %s', (url) => {
    expect(isAllowedServerUrl(url)).toBe(true);
  });
});

describe('the server password', () => {
  it('is kept sealed: not in sync.json, not in the audit, not in the settings a screen gets', async () => {
    app = await startTestApp();
    const t = await team(app);
    const password = 'Sync-Geheimnis-4711';
    const view = await unwrap(t.admin.invoke('sync.saveSettings', { url: 'https://couch.muster.example', prefix: 'muster', username: 'buchhaltung', password, enabled: false } as never));
    expect(view).toMatchObject({ passwordSet: true, configured: true });
    expect(JSON.stringify(view)).not.toContain(password);
    expect(JSON.stringify(await unwrap(t.supervisor.invoke('sync.getSettings', {} as never)))).not.toContain(password);
    expect(fs.readFileSync(path.join(app.dataDir, SYNC_FILE), 'utf8')).not.toContain(password);
    const facts = await app.services.books.db.facts.find().exec();
    expect(JSON.stringify(facts.map((f) => f.toMutableJSON()))).not.toContain(password);
  });
});

describe('the conflict desk', () => {
  const stamp = (ms: number, device: string) => `${String(ms).padStart(15, '0')}-000000-${device}`;

  it('records one conflict once, however often it is decided again', async () => {
    app = await startTestApp();
    await team(app);
    const base: Doc = { id: 'kunde1', name: 'Alt', number: 'K-1', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' };
    const input = { assumedMasterState: base, realMasterState: { ...base, name: 'A', hlc: stamp(2, 'A') }, newDocumentState: { ...base, name: 'B', hlc: stamp(1, 'B') } };
    const handler = app.services.sync.desk.handlerFor('customers');
    const first = await handler.resolve(input as never, 'test');
    const again = await handler.resolve(input as never, 'test');
    expect(again).toEqual(first);
    expect((await app.services.sync.desk.list(false)).filter((c) => c.documentId === 'kunde1')).toHaveLength(1);
  });

  it('offers no other version of a fact, and refuses to apply one', async () => {
    app = await startTestApp();
    const t = await team(app);
    const fact: Doc = { id: 'fact1', kind: 'payment', subjectId: 'x', occurredAt: '2026-11-01T00:00:00.000Z', deviceId: 'A', seq: 1 };
    await app.services.sync.desk.handlerFor('facts').resolve({ assumedMasterState: fact, realMasterState: fact, newDocumentState: { ...fact, subjectId: 'y' } } as never, 'test');
    const [conflict] = await unwrap(t.supervisor.invoke('sync.conflicts', { open: false } as never));
    expect(conflict).toMatchObject({ collection: 'facts', rule: 'immutable', canKeepOther: false });
    const refused = await t.supervisor.invoke('sync.keepOther', { id: conflict!.id } as never);
    expect(refused.ok).toBe(false);
  });
});
