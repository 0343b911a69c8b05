import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN, startTestApp, unwrap, withUsers, type TestApp } from '../../tests/support/services.js';
import { createWebSocketClient, harnessSocketUrl, type SocketLike } from '../../src-shared/transport/ws-client.js';
import { newSecret } from './launch-secret.js';
import { attachWebSocketBridge } from './ws-bridge.js';

let app: TestApp;
let server: http.Server;
let origin: string;
let secret: string;

beforeEach(async () => {
  app = await startTestApp();
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  secret = newSecret();
  attachWebSocketBridge(server, app.services, { path: '/api', allowedOrigins: [origin], secret });
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await app.stop();
});

/** Opens a socket as a local program would, sending whatever Origin header it likes. */
function connect(url: string, headers: { origin: string }): Promise<{ status: number | 'open'; socket: WebSocket }> {
  const socket = new WebSocket(url, { origin: headers.origin });
  return new Promise((resolve) => {
    socket.on('open', () => resolve({ status: 'open', socket }));
    socket.on('unexpected-response', (_request, response) => resolve({ status: response.statusCode ?? 0, socket }));
    socket.on('error', () => resolve({ status: 0, socket }));
  });
}

/**
 * Events are sent before the answer to a later call on the same socket: after one round trip,
 * every event meant for this socket has arrived.
 */
const settle = (client: { invoke(name: 'app.status', input: object): Promise<unknown> }) => client.invoke('app.status', {});

describe('the WebSocket bridge of the browser harness', () => {
  it('refuses a local program that forges the Origin header but lacks the launch secret', async () => {
    expect((await connect(`${origin.replace('http', 'ws')}/api`, { origin })).status).toBe(401);
    expect((await connect(harnessSocketUrl(origin, newSecret()), { origin })).status).toBe(401);
    expect((await connect(harnessSocketUrl(origin, secret.slice(0, -1)), { origin })).status).toBe(401);
    expect((await connect(harnessSocketUrl(origin, secret), { origin: 'https://evil.example' })).status).toBe(403);
    const accepted = await connect(harnessSocketUrl(origin, secret), { origin });
    expect(accepted.status).toBe('open');
    accepted.socket.close();
  });

  it('pushes data changes only to sockets that are logged in', async () => {
    const { socket } = await connect(harnessSocketUrl(origin, secret), { origin });
    const client = createWebSocketClient(socket as unknown as SocketLike);
    const seen: string[] = [];
    client.on('data.changed', (e) => seen.push(e.collection));

    await withUsers(app, app.client(), ['bookkeeper']);
    await settle(client);
    expect(seen).toEqual([]);

    await unwrap(client.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    const other = app.client();
    await unwrap(other.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    await unwrap(other.invoke('users.saveLoginOptions', { listUsers: true }));
    await settle(client);
    expect(seen).toEqual(['settings']);

    await unwrap(client.invoke('auth.logout', {}));
    await unwrap(other.invoke('users.saveLoginOptions', { listUsers: false }));
    await settle(client);
    expect(seen).toEqual(['settings']);
    client.close();
  });

  it('carries a statement file as large as the contract allows, and answers one beyond it with the field', async () => {
    await withUsers(app, app.client(), ['bookkeeper']);
    const { socket } = await connect(harnessSocketUrl(origin, secret), { origin });
    const client = createWebSocketClient(socket as unknown as SocketLike);
    await unwrap(client.invoke('auth.login', { login: ADMIN.email, password: ADMIN.password }));
    // 12 MB of something that is no statement: refused by the reader, not by the socket.
    const big = Buffer.alloc(12_000_000, 'x').toString('base64');
    expect(await client.invoke('payments.previewStatement', { fileName: 'gross.txt', dataBase64: big } as never)).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED' } });
    const tooBig = Buffer.alloc(20_100_000, 'x').toString('base64');
    expect(await client.invoke('payments.previewStatement', { fileName: 'zu-gross.txt', dataBase64: tooBig } as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'dataBase64', problem: 'validation.statementTooLarge' }] } },
    });
    client.close();
  });

  it('closes a connection that sends more than the largest message, and goes on serving the others', async () => {
    const { socket } = await connect(harnessSocketUrl(origin, secret), { origin });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.send(Buffer.alloc(30_000_000, 'x'));
    // 1009: the message is too big to process.
    expect(await closed).toBe(1009);
    const other = await connect(harnessSocketUrl(origin, secret), { origin });
    const client = createWebSocketClient(other.socket as unknown as SocketLike);
    expect(await client.invoke('app.status', {})).toMatchObject({ ok: true });
    client.close();
  });
});
