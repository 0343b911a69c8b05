import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { adminSetup, COMPANY, PASSWORD, startTestApp, type TestApp } from '../../tests/support/services.js';
import type { ApiClient } from '../../src-shared/contract/index.js';
import { createWebSocketClient, harnessSocketUrl, type SocketLike } from '../../src-shared/transport/ws-client.js';
import { newSecret } from './launch-secret.js';
import { attachWebSocketBridge } from './ws-bridge.js';

/** The same conversation with the app; returns every result with volatile values masked. */
async function conversation(app: TestApp, client: ApiClient): Promise<unknown[]> {
  const results: unknown[] = [];
  const call = async (name: Parameters<ApiClient['invoke']>[0], input: unknown) => {
    const result = await client.invoke(name, input as never);
    results.push(result);
    return result;
  };
  await call('app.status', {});
  await call('settings.getCompany', {});
  const setup = (await call('auth.setupAdmin', adminSetup(app))) as { ok: true; value: { user: { id: string } } };
  await call('users.create', { name: 'Sam Supervisor', email: 'sam@example.org', role: 'supervisor', password: PASSWORD });
  await call('users.create', { name: 'Bad', email: 'not-an-email', role: 'boss', password: 'short' });
  await call('settings.saveCompany', { ...COMPANY, iban: 'DE00 0000 0000 0000 0000 00' });
  await call('settings.saveCompany', COMPANY);
  await call('settings.getCompany', {});
  await call('auth.whoami', {});
  await call('auth.login', { userId: setup.value.user.id, password: 'falsch falsch' });
  await call('no.such.handler' as never, {});
  await call('auth.logout', {});
  await call('settings.getCompany', {});
  return JSON.parse(
    JSON.stringify(results)
      .replace(/"token":"[^"]+"/g, '"token":"<token>"')
      .replace(/"(id|deviceId)":"[0-9A-Z]{26}"/g, '"$1":"<ulid>"')
      .replace(/"updatedAt":"[^"]+"/g, '"updatedAt":"<time>"'),
  );
}

let a: TestApp;
let b: TestApp;
let server: http.Server;
beforeEach(async () => {
  a = await startTestApp();
});
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await a.stop();
});

describe('transports', () => {
  it('give the same results in memory and over the WebSocket bridge', async () => {
    const inMemory = await conversation(a, a.client());
    await a.stop();

    b = await startTestApp();
    a = b;
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const secret = newSecret();
    attachWebSocketBridge(server, b.services, { path: '/api', allowedOrigins: [origin], secret });
    const socket = new WebSocket(harnessSocketUrl(origin, secret), { origin }) as unknown as SocketLike;
    const ws = createWebSocketClient(socket);
    await ws.ready;
    const events: string[] = [];
    ws.on('data.changed', (e) => events.push(e.collection));
    const overSocket = await conversation(b, ws);
    ws.close();

    expect(overSocket).toEqual(inMemory);
    expect(inMemory).toHaveLength(13);
    // Only while logged in: from the user created after the setup until the logout.
    expect(events).toEqual(['users', 'settings']);
  });

  it('refuses WebSocket connections from other origins, even with the launch secret', async () => {
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const secret = newSecret();
    attachWebSocketBridge(server, a.services, { path: '/api', allowedOrigins: [`http://127.0.0.1:${port}`], secret });
    const socket = new WebSocket(harnessSocketUrl(`http://127.0.0.1:${port}`, secret), { origin: 'https://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });
});
