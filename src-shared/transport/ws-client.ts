import type { ApiClient, EventName, Events, HandlerName, InputOf, OutputOf, Result } from '../contract/index.js';

/** Messages of the WebSocket transport, both directions. */
export type ClientMessage = { type: 'invoke'; id: number; name: string; input: unknown };
export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };

/** The part of the WebSocket API we use; the browser's and the `ws` package's both fit. */
export type SocketLike = {
  readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
};

const OPEN = 1;

/** The query parameter of the harness's per-launch secret, on the page address and the WebSocket upgrade. */
export const LAUNCH_KEY_PARAM = 'key';
/** Where the harness's WebSocket listens. */
export const HARNESS_API_PATH = '/api';

/**
 * Names of the `<meta>` tags in which the harness hands its page the launch secret and, before
 * the first administrator exists, the one-time setup token; only to whoever opened the page
 * with the secret.
 */
export const LAUNCH_META = { key: 'rechnungswerk-launch-key', setupToken: 'rechnungswerk-setup-token' } as const;

/** The harness's WebSocket address for a page at `pageUrl`, carrying the launch secret. */
export function harnessSocketUrl(pageUrl: string, key: string): string {
  const origin = /^(https?):\/\/([^/?#]+)/i.exec(pageUrl);
  if (!origin) throw new Error(`Not a page address: ${pageUrl}`);
  const scheme = origin[1]!.toLowerCase() === 'https' ? 'wss' : 'ws';
  return `${scheme}://${origin[2]!.toLowerCase()}${HARNESS_API_PATH}?${LAUNCH_KEY_PARAM}=${encodeURIComponent(key)}`;
}

/**
 * The contract over one WebSocket: calls are matched to results by id; events fan out to
 * listeners. Calls made while connecting wait for the socket; a closed socket answers every
 * pending call with TRANSPORT_CLOSED instead of leaving it hanging.
 */
export function createWebSocketClient(socket: SocketLike): ApiClient & { ready: Promise<void>; close(): void } {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const ready = new Promise<void>((resolve, reject) => {
    if (socket.readyState === OPEN) resolve();
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('WebSocket connection failed')));
  });
  ready.catch(() => undefined);

  socket.addEventListener('message', (event) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(event.data)) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'TRANSPORT_CLOSED', message: 'The connection to the app closed.' } });
    }
    pending.clear();
  });

  return {
    ready,
    async invoke<N extends HandlerName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
      try {
        await ready;
      } catch {
        return { ok: false, error: { code: 'TRANSPORT_CLOSED', message: 'No connection to the app.' } };
      }
      if (socket.readyState !== OPEN) return { ok: false, error: { code: 'TRANSPORT_CLOSED', message: 'The connection to the app closed.' } };
      const id = nextId++;
      const message: ClientMessage = { type: 'invoke', id, name, input };
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.send(JSON.stringify(message));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    close: () => socket.close(),
  };
}
