/**
 * The preload script (CommonJS, sandboxed): exposes one narrow `window.api` with exactly three
 * functions, never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE = 'api:invoke';
const EVENT = 'api:event';
const LAUNCH = 'api:launch';

contextBridge.exposeInMainWorld('api', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE, name, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT, wrapped);
    return () => ipcRenderer.removeListener(EVENT, wrapped);
  },
  /** What the shell hands its own window at start: the one-time setup token before the first administrator exists. */
  launch: (): Promise<unknown> => ipcRenderer.invoke(LAUNCH),
});
