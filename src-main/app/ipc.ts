import { BrowserWindow, ipcMain, type WebContents } from 'electron';
import { newSession, receivesEvents, type Session } from '../server/session.js';
import type { Endpoint } from '../server/endpoint.js';
import { isTrustedSenderUrl } from './security.js';

/**
 * The Electron transport of the contract: the sender's frame is checked before anything
 * else, then the dispatcher parses the input and runs the handler (a login is throttled there,
 * per user and per window, as on every transport). One session per window; events go only to
 * windows that are logged in.
 */
export function registerIpc(services: Endpoint & { setup: { current(): string | null } }, devServerUrl: string | undefined): void {
  const sessions = new Map<number, Session>();
  const sessionOf = (contents: WebContents) => {
    let session = sessions.get(contents.id);
    if (!session) {
      session = newSession();
      sessions.set(contents.id, session);
      contents.once('destroyed', () => sessions.delete(contents.id));
    }
    return session;
  };

  ipcMain.handle('api:invoke', async (event, name: unknown, input: unknown) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, devServerUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender' } };
    }
    return services.dispatch(name, input, sessionOf(event.sender));
  });

  // The one-time setup token goes only to the app's own window, never over any socket.
  ipcMain.handle('api:launch', (event) => {
    if (!isTrustedSenderUrl(event.senderFrame?.url, devServerUrl)) return { setupToken: null };
    return { setupToken: services.setup.current() };
  });

  services.bus.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (window.isDestroyed()) continue;
      const session = sessions.get(window.webContents.id);
      if (session && receivesEvents(session, services.tokens)) window.webContents.send('api:event', name, payload);
    }
  });
}
