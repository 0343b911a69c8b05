import type { ApiClient, EventName, Events, HandlerName, InputOf, OutputOf, Result } from '../../src-shared/contract/index.js';
import { createWebSocketClient, harnessSocketUrl, LAUNCH_META, type SocketLike } from '../../src-shared/transport/ws-client.js';

/** What the Electron preload exposes; absent in a plain browser. */
type PreloadApi = {
  invoke(name: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  launch?(): Promise<unknown>;
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

/** A value the browser harness put into the page it served (only with its launch secret). */
function harnessMeta(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || null;
}

/**
 * The one-time token for creating the first administrator, as the local shell handed it to this
 * window: the Electron main process on request, the browser harness in the page; null otherwise.
 */
export async function launchSetupToken(): Promise<string | null> {
  if (window.api) {
    const info = (await window.api.launch?.()) as { setupToken?: unknown } | null | undefined;
    return typeof info?.setupToken === 'string' ? info.setupToken : null;
  }
  return harnessMeta(LAUNCH_META.setupToken);
}

/**
 * Electron's `window.api` when the app runs in its shell; otherwise the browser harness's
 * WebSocket on the same host, opened with the launch secret the harness put into this page.
 * Both carry the same contract.
 */
export function connect(): ApiClient & { transport: 'ipc' | 'websocket'; onClose(listener: () => void): void } {
  if (window.api) return { ...ipcClient(window.api), transport: 'ipc', onClose: () => undefined };
  const socket = new WebSocket(harnessSocketUrl(location.href, harnessMeta(LAUNCH_META.key) ?? ''));
  const client = createWebSocketClient(socket as unknown as SocketLike);
  return {
    ...client,
    transport: 'websocket',
    onClose: (listener) => socket.addEventListener('close', listener),
  };
}
