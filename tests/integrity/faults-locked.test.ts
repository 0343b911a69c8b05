/**
 * Books in use elsewhere: another program holding the write lock makes a write wait the busy
 * timeout and then fail with STORE_BUSY, with nothing half-written; a second instance of the app
 * on the same data folder is refused with STORE_IN_USE, and the folder of an instance that died
 * (SIGKILL) opens again at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { customer, team } from '../support/books.js';
import { startTestApp, unwrap, type TestApp } from '../support/services.js';
import { expectError, folderFingerprint, refusal, startAppAt } from './fault-tools.js';

let app: TestApp | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await app?.stop();
  app = undefined;
});

/** Starts a child with tsx and resolves with its first line of output (bounded). */
function child(script: string, args: string[]): Promise<{ process: ChildProcess; line: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/integrity', script), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not answer in time`)), 30_000);
    let out = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve({ process: proc, line: out.slice(0, newline) });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} ended (${code}) before answering: ${out}`));
    });
  });
}

const exited = (proc: ChildProcess) => new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));

const ADDRESS = { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' };

describe('books in use elsewhere', () => {
  it('a write while another program holds the write lock fails with STORE_BUSY after the wait, writes nothing, and succeeds once the lock is gone', async () => {
    app = await startTestApp();
    const t = await team(app);
    await customer(t.bookkeeper, { name: 'Vorher GmbH' });
    const holder = await child('lock-holder.ts', [app.services.books.filename, '30']);
    expect(holder.line).toBe('locked');

    const started = Date.now();
    const write = t.bookkeeper.invoke('customers.save', { name: 'Neu GmbH', billingAddress: ADDRESS, paymentTermsDays: 14, kind: 'business' } as never);
    // While the write waits for the lock, the app keeps answering.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await unwrap(t.bookkeeper.invoke('customers.list', {}))).items.map((c) => c.name)).toEqual(['Vorher GmbH']);
    expect(Date.now() - started).toBeLessThan(2_000);

    const message = expectError(await write, 'STORE_BUSY');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
    expect(message).toMatch(/another program or instance/i);
    expect((await unwrap(t.bookkeeper.invoke('customers.list', {}))).items.map((c) => c.name)).toEqual(['Vorher GmbH']);

    holder.process.stdin!.write('release\n');
    await exited(holder.process);
    await customer(t.bookkeeper, { name: 'Neu GmbH' });
    expect((await unwrap(t.bookkeeper.invoke('customers.list', {}))).items.map((c) => c.name).sort()).toEqual(['Neu GmbH', 'Vorher GmbH']);
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });

  it('a second instance on the same data folder is refused with STORE_IN_USE; after the first is killed, the folder opens again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-lock-'));
    try {
      const first = await startAppAt(dataDir);
      const t = await team(first);
      await customer(t.bookkeeper, { name: 'Erste Instanz GmbH' });
      // In the same process, while the first runs.
      const sameProcess = await refusal(startAppAt(dataDir));
      expect(sameProcess.code).toBe('STORE_IN_USE');
      expect(sameProcess.message).toContain(dataDir);
      await first.stop();

      const other = await child('instance-child.ts', [dataDir, '60']);
      expect(other.line).toBe('ready');
      const before = folderFingerprint(dataDir);
      const refused = await refusal(startAppAt(dataDir));
      expect(refused.code).toBe('STORE_IN_USE');
      expect(refused.message).toMatch(/another instance/i);
      expect(folderFingerprint(dataDir)).toEqual(before);

      // The other instance dies without closing anything: its claim on the folder goes with it.
      other.process.kill('SIGKILL');
      await exited(other.process);
      app = await startAppAt(dataDir);
      expect((await app.services.books.db.customers.find().exec()).map((c) => c.name)).toEqual(['Erste Instanz GmbH']);
      // And a child started now is the one refused.
      const late = await child('instance-child.ts', [dataDir, '5']).catch((e: Error) => ({ line: e.message }));
      expect(late.line).toMatch(/refused STORE_IN_USE/);
    } finally {
      await app?.stop();
      app = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
