import { STATEMENT_MAX_BYTES } from '../../src-shared/contract/file-limits.js';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../src-shared/transport/ws-client.js';
import { LAUNCH_KEY_PARAM } from '../../src-shared/transport/ws-client.js';
import type { Endpoint } from './endpoint.js';
import { sameSecret } from './launch-secret.js';
import { newSession, receivesEvents, type Session } from './session.js';

export type BridgeOptions = {
  path: string;
  /** Only pages served by the harness itself may connect (no cross-site WebSocket hijacking). */
  allowedOrigins: readonly string[];
  /**
   * The per-launch secret: the upgrade must carry it (`?key=`). The Origin header alone is no
   * proof, since any local program can send whatever Origin it likes.
   */
  secret: string;
};

/** Why an upgrade is refused, or undefined when it may go ahead. */
export function refusalOf(request: Pick<IncomingMessage, 'url' | 'headers'>, options: BridgeOptions): { code: 401 | 403; reason: string } | undefined {
  const key = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get(LAUNCH_KEY_PARAM);
  if (!sameSecret(key, options.secret)) return { code: 401, reason: 'launch key missing or wrong' };
  if (!options.allowedOrigins.includes(request.headers.origin ?? '')) return { code: 403, reason: 'foreign origin' };
  return undefined;
}

/**
 * The contract over WebSocket for the browser harness: one session per connection, every
 * message parsed and dispatched like an IPC call, events pushed to the sockets that are logged in.
 */
export function attachWebSocketBridge(server: Server, services: Endpoint, options: BridgeOptions): WebSocketServer {
  if (!options.secret) throw new Error('The WebSocket bridge needs a launch secret.');
  const sessions = new WeakMap<WebSocket, Session>();
  const wss = new WebSocketServer({
    server,
    path: options.path,
    // The largest message the contract accepts: a statement file as base64, plus its envelope.
    maxPayload: Math.ceil(STATEMENT_MAX_BYTES / 3) * 4 + 1024 * 1024,
    verifyClient: ({ req }: { req: IncomingMessage }, done: (ok: boolean, code?: number, reason?: string) => void) => {
      const refused = refusalOf(req, options);
      if (refused) done(false, refused.code, refused.reason);
      else done(true);
    },
  });
  const unsubscribe = services.bus.subscribe((event, payload) => {
    const message = JSON.stringify({ type: 'event', event, payload } satisfies ServerMessage);
    for (const client of wss.clients) {
      const session = sessions.get(client);
      if (client.readyState === client.OPEN && session && receivesEvents(session, services.tokens)) client.send(message);
    }
  });
  wss.on('close', unsubscribe);
  wss.on('connection', (socket: WebSocket) => {
    const session = newSession();
    sessions.set(socket, session);
    // A message over the size limit or a broken frame ends this connection (ws closes it with
    // 1009 or 1002), never the process.
    socket.on('error', () => socket.terminate());
    socket.on('message', async (data) => {
      let message: ClientMessage;
      try {
        message = JSON.parse(data.toString()) as ClientMessage;
      } catch {
        socket.close(1003, 'not JSON');
        return;
      }
      if (message?.type !== 'invoke' || typeof message.id !== 'number') return;
      const result = await services.dispatch(message.name, message.input, session);
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'result', id: message.id, result } satisfies ServerMessage));
    });
  });
  return wss;
}
