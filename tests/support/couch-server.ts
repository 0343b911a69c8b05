/**
 * A CouchDB-compatible server (pouchdb-server, in memory) started by a test on 127.0.0.1 and
 * stopped by it. Its config and log files go to a temporary folder that is removed on stop.
 *
 * `fullCouchDB` starts it in its full-CouchDB mode: once a server admin exists it enforces a
 * database's `_security` members and runs `validate_doc_update` design documents, replicated
 * writes (`new_edits: false`) too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

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

/**
 * Starts the server on a free port. Another test's server may take the same port between the
 * probe and the start: the server proves it is this one by the uuid written into its config
 * file beforehand, and a start that lost the port is tried again on another.
 */
export async function startCouchServer(options: { fullCouchDB?: boolean } = {}): Promise<CouchServer> {
  for (let start = 0; start < 5; start++) {
    const server = await startOnce(options);
    if (server) return server;
  }
  throw new Error('pouchdb-server did not start within 5 tries of 15 s');
}

async function startOnce(options: { fullCouchDB?: boolean }): Promise<CouchServer | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-couch-'));
  const uuid = randomUUID().replaceAll('-', '');
  const configFile = path.join(dir, 'config.json');
  fs.writeFileSync(configFile, JSON.stringify({ couchdb: { uuid } }));
  const port = await freePort();
  const bin = path.resolve('node_modules/pouchdb-server/bin/pouchdb-server');
  const mode = options.fullCouchDB ? ['--mode', 'fullCouchDB'] : [];
  const child: ChildProcess = spawn(process.execPath, [bin, '--in-memory', ...mode, '--config', configFile, '--host', '127.0.0.1', '--port', String(port)], {
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
      // Another server on this port answers with another uuid: wait until ours gives up the port.
      if (response.ok && ((await response.json()) as { uuid?: string }).uuid === uuid) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  return null;
}

type Login = { name: string; password: string };

function basic({ name, password }: Login): string {
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

async function expectOk(response: Response, what: string): Promise<void> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
}

/**
 * Makes `admin` a server admin. The first admin ends the "admin party": from then on the server
 * checks logins, database members and validation functions. Later admins need an admin's login.
 */
export async function createAdmin(server: CouchServer, admin: Login, by?: Login): Promise<void> {
  const response = await fetch(`${server.url}/_config/admins/${encodeURIComponent(admin.name)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(by ? { authorization: basic(by) } : {}) },
    body: JSON.stringify(admin.password),
  });
  await expectOk(response, `creating admin ${admin.name}`);
}

/** A normal user (no roles) in the server's `_users` database, created by a server admin. */
export async function createUser(server: CouchServer, admin: Login, user: Login): Promise<void> {
  const response = await fetch(`${server.url}/_users/org.couchdb.user:${encodeURIComponent(user.name)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: basic(admin) },
    body: JSON.stringify({ name: user.name, password: user.password, roles: [], type: 'user' }),
  });
  await expectOk(response, `creating user ${user.name}`);
}
