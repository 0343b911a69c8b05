/**
 * Devices for the sync tests: each a child process running the real app on its own data folder
 * (tests/support/sync-device.ts), driven over the process channel. `kill` ends one without warning
 * (SIGKILL), as a crash or a pulled plug would.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerName, InputOf, OutputOf } from '../../src-shared/contract/index.js';
import { ADMIN, COMPANY, PASSWORD } from './services.js';

export type Device = {
  dataDir: string;
  call<T = unknown>(op: string, args?: Record<string, unknown>): Promise<T>;
  /** A handler as the named session (`admin`, `bookkeeper` …); rejects with the error code and message. */
  invoke<N extends HandlerName>(as: string, name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  /** The handler's raw result, for tests that expect a refusal. */
  attempt<N extends HandlerName>(as: string, name: N, input: InputOf<N>): Promise<{ ok: boolean; value?: OutputOf<N>; error?: { code: string; message: string; details?: unknown } }>;
  kill(): Promise<void>;
  stop(): Promise<void>;
};

const SCRIPT = path.resolve('tests/support/sync-device.ts');
/** Every device of this test run counts its clock from here. */
const REAL_START = Date.now();

export function deviceFolder(prefix = 'rw-device-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startDevice(dataDir: string, options: { clockOffsetMs?: number } = {}): Promise<Device> {
  const child: ChildProcess = fork(SCRIPT, [dataDir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0), CLOCK_REAL_START: String(REAL_START) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let next = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('message', (message: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(new Error(message.error));
  });
  child.once('exit', (code, signal) => {
    for (const entry of waiting.values()) entry.reject(new Error(`device exited (${code ?? signal})`));
    waiting.clear();
  });
  const ready = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await ready.finally(() => clearTimeout(timer));

  const call = <T>(op: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, op, ...args });
    });
  const attempt = (as: string, name: HandlerName, input: unknown) => call<{ ok: boolean; value?: any; error?: any }>('invoke', { as, name, input });
  return {
    dataDir,
    call,
    attempt: attempt as Device['attempt'],
    invoke: (async (as: string, name: HandlerName, input: unknown) => {
      const result = await attempt(as, name, input);
      if (!result.ok) throw new Error(`${name} as ${as}: ${result.error?.code}: ${result.error?.message} ${JSON.stringify(result.error?.details ?? '')}`);
      return result.value;
    }) as Device['invoke'],
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await call('stop').catch(() => undefined);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** The device's first administrator and a supervisor (who approves: four eyes). */
export async function setUpDevice(device: Device, letter: string): Promise<void> {
  const setupToken = await device.call<string>('setupToken');
  await device.invoke('admin', 'auth.setupAdmin', { ...ADMIN, email: `admin-${letter.toLowerCase()}@example.org`, setupToken } as never);
  const supervisor = await device.invoke('admin', 'users.create', { name: `Sabine ${letter}`, email: `sabine-${letter.toLowerCase()}@example.org`, role: 'supervisor', password: PASSWORD } as never);
  await device.invoke('supervisor', 'auth.login', { userId: supervisor.id, password: PASSWORD } as never);
}

/** The company profile with this device's own series letter. */
export async function saveCompany(device: Device, letter: string): Promise<void> {
  await device.invoke('admin', 'settings.saveCompany', { ...COMPANY, seriesLetter: letter } as never);
}
