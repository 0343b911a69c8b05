import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../src-shared/transport/ws-client.js';
import type { Services } from '../services.js';
import { newSession } from './session.js';

export type BridgeOptions = {
  path: string;
  /** Only pages served by the harness itself may connect (no cross-site WebSocket hijacking). */
  allowedOrigins: readonly string[];
};

/**
 * The contract over WebSocket for the browser harness: one session per connection, every
 * message parsed and dispatched like an IPC call, events pushed to every open socket.
 */
export function attachWebSocketBridge(server: Server, services: Services, options: BridgeOptions): WebSocketServer {
  const wss = new WebSocketServer({
    server,
    path: options.path,
    maxPayload: 8 * 1024 * 1024,
    verifyClient: ({ origin }: { origin: string }) => options.allowedOrigins.includes(origin),
  });
  const unsubscribe = services.bus.subscribe((event, payload) => {
    const message = JSON.stringify({ type: 'event', event, payload } satisfies ServerMessage);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(message);
  });
  wss.on('close', unsubscribe);
  wss.on('connection', (socket: WebSocket, _request: IncomingMessage) => {
    const session = newSession();
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
