import { BrowserWindow, ipcMain, type WebContents } from 'electron';
import { newSession, type Session } from '../server/session.js';
import type { Services } from '../services.js';
import { isTrustedSenderUrl } from './security.js';

/**
 * The Electron transport of the contract: the sender's frame is checked before anything
 * else, then the dispatcher parses the input and runs the handler. One session per window.
 */
export function registerIpc(services: Services, devServerUrl: string | undefined): void {
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

  services.bus.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send('api:event', name, payload);
    }
  });
}
