import type { Page } from 'playwright-core';

/**
 * Conditions a user sees, to wait for instead of a fixed time: the new screen's heading has the
 * focus, and the screen has its data (no contract call of the page is waiting for its answer, no
 * "Lädt …" shown).
 */

/** Before the page loads: counts the contract calls the page sent over its WebSocket and not yet had answered. */
export async function watchCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const open = new Set<string>();
    let sockets = 0;
    const parsed = (data: unknown): { type?: string; id?: number } => {
      try {
        return JSON.parse(String(data)) as { type?: string; id?: number };
      } catch {
        return {};
      }
    };
    (window as unknown as { openCalls: () => number }).openCalls = () => open.size;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket & { callsOf?: number }, data) {
      if (this.callsOf === undefined) {
        const socket = (this.callsOf = ++sockets);
        this.addEventListener('message', (event) => {
          const message = parsed(event.data);
          if (message.type === 'result') open.delete(`${socket}:${message.id}`);
        });
        this.addEventListener('close', () => [...open].filter((key) => key.startsWith(`${socket}:`)).forEach((key) => open.delete(key)));
      }
      const message = parsed(data);
      if (message.type === 'invoke') open.add(`${this.callsOf}:${message.id}`);
      return send.call(this, data);
    };
  });
}

/** The screen is drawn with its data: a heading, no call of the page open and no "Lädt …", over two frames running. */
export async function screenSettled(page: Page): Promise<void> {
  const quiet = () =>
    page.waitForFunction(() => {
      const openCalls = (window as unknown as { openCalls?: () => number }).openCalls;
      if (!openCalls) throw new Error('watchCalls(page) was not called before the page was opened');
      const loading = [...document.querySelectorAll('main p, p.booting')].some((p) => /^(Lädt|Loading) …$/.test(p.textContent?.trim() ?? ''));
      return document.querySelector('main h1, .auth-card h1') !== null && openCalls() === 0 && !loading;
    }, undefined, { polling: 'raf' });
  await quiet();
  // What the answers drew may ask for more (a list, then its details): quiet again a frame later.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await quiet();
}

/** The screen with the heading `name` is shown and its heading has the focus (where Tab starts from). */
export async function headingFocused(page: Page, name: string): Promise<void> {
  await page.waitForFunction((text) => {
    const active = document.activeElement;
    return active?.tagName === 'H1' && active.textContent?.trim() === text;
  }, name);
}
