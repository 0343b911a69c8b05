import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../tests/support/couch-server.js';
import { comparable, syncOnce } from '../../tests/support/replicate.js';
import { customer } from '../../tests/store/fixtures.js';
import { openDatabase } from './database.js';

const run = promisify(execFile);
let server: CouchServer;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-repl-'));
  server = await startCouchServer();
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('replication through a CouchDB-compatible server', () => {
  it('carries a collection from our storage to the server, into a second device, and back', async () => {
    const dbUrl = `${server.url}/customers/`;
    await fetch(dbUrl, { method: 'PUT' });

    const a = await openDatabase({ dataDir: path.join(root, 'device-a') });
    try {
      await a.db.customers.bulkInsert(Array.from({ length: 120 }, (_, i) => customer(i)));
      await syncOnce(a.db.customers, dbUrl);

      const onServer = (await (await fetch(`${dbUrl}_all_docs`)).json()) as { total_rows: number };
      expect(onServer.total_rows).toBe(120);

      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', path.resolve('tests/store/sync-device.ts'), path.join(root, 'device-b'), dbUrl],
        { timeout: 90_000 },
      );
      const deviceB = JSON.parse(stdout.trim().split('\n').pop()!) as { pulled: number; customers: Record<string, unknown>[] };
      expect(deviceB.pulled).toBe(120);
      expect(deviceB.customers).toHaveLength(121);

      await syncOnce(a.db.customers, dbUrl);
      const onA = comparable(await a.db.customers.find().exec());
      expect(onA).toEqual(deviceB.customers);
      expect(onA.find((c) => c.id === customer(1).id)?.name).toBe('Kunde 1 – geändert auf Gerät B');
      expect(onA.find((c) => c.id === customer(999).id)?.name).toBe('Neu von Gerät B: Ärztehaus Süd');
    } finally {
      await a.close();
    }
  }, 180_000);
});
