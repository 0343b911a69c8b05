/**
 * A CouchDB-compatible server (pouchdb-server, in memory) started by a test on 127.0.0.1 and
 * stopped by it. Its config and log files go to a temporary folder that is removed on stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type CouchServer = { url: string; stop(): Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startCouchServer(): Promise<CouchServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-couch-'));
  const port = await freePort();
  const bin = path.resolve('node_modules/pouchdb-server/bin/pouchdb-server');
  const child: ChildProcess = spawn(process.execPath, [bin, '--in-memory', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: dir,
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(url);
      if (response.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error('pouchdb-server did not start within 15 s');
}
