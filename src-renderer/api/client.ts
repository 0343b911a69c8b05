import type { ApiClient, EventName, Events, HandlerName, InputOf, OutputOf, Result } from '../../src-shared/contract/index.js';
import { createWebSocketClient, type SocketLike } from '../../src-shared/transport/ws-client.js';

/** What the Electron preload exposes; absent in a plain browser. */
type PreloadApi = {
  invoke(name: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
};

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

function ipcClient(api: PreloadApi): ApiClient {
  return {
    invoke: <N extends HandlerName>(name: N, input: InputOf<N>) => api.invoke(name, input) as Promise<Result<OutputOf<N>>>,
    on: <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => api.on(event, listener as (p: unknown) => void),
  };
}

/**
 * Electron's `window.api` when the app runs in its shell; otherwise the browser harness's
 * WebSocket on the same host. Both carry the same contract.
 */
export function connect(): ApiClient & { transport: 'ipc' | 'websocket'; onClose(listener: () => void): void } {
  if (window.api) return { ...ipcClient(window.api), transport: 'ipc', onClose: () => undefined };
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api`);
  const client = createWebSocketClient(socket as unknown as SocketLike);
  return {
    ...client,
    transport: 'websocket',
    onClose: (listener) => socket.addEventListener('close', listener),
  };
}
