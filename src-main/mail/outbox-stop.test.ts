/**
 * Closing the app while a mail server holds a delivery, and waiting for an outbox that cannot
 * send: neither waits for a network timeout nor forever.
 */
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { customer, team } from '../../tests/support/books.js';
import { FakeClock } from '../../tests/support/fake-clock.js';
import { startTestApp, unwrap } from '../../tests/support/services.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that takes the connection and never greets: the delivery hangs until its timeout. */
async function silentServer(): Promise<{ port: number; connections: () => number }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return { port: (server.address() as net.AddressInfo).port, connections: () => sockets.length };
}

it('closes at once while the mail server holds a delivery, not at the server timeout', async () => {
  const smtp = await silentServer();
  const app = await startTestApp(() => new Date(), { mail: { autoStart: true, pollMs: 200 } });
  const t = await team(app);
  await unwrap(t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Muster GmbH', fromAddress: 'rechnung@muster.example' } as never));
  const c = await customer(t.bookkeeper, { invoiceEmails: ['a@kunde.example'] });
  const message = await app.services.mail.paymentReceivedMessage({ id: 'p-1', customerId: c.id, amount: 100, currency: 'EUR', receivedOn: '2026-11-26', invoiceNumber: 'RE-1' });
  await app.services.mail.enqueue([message!], t.ids.bookkeeper!);
  app.services.mail.kick();
  for (let i = 0; i < 500 && smtp.connections() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(smtp.connections()).toBe(1);
  const started = Date.now();
  await app.stop();
  // The greeting timeout is 20 s; closing ends the delivery instead of waiting for it.
  expect(Date.now() - started).toBeLessThan(5_000);
});

it('gives up waiting for the outbox to drain after its limit in wall time, also on a clock that stands still', async () => {
  const clock = new FakeClock('2026-11-27T09:00:00.000Z');
  const app = await startTestApp(clock.now, { timers: clock, mail: { autoStart: true } });
  cleanups.push(() => app.stop());
  const t = await team(app);
  const c = await customer(t.bookkeeper, { invoiceEmails: ['a@kunde.example'] });
  const message = await app.services.mail.paymentReceivedMessage({ id: 'p-1', customerId: c.id, amount: 100, currency: 'EUR', receivedOn: '2026-11-26', invoiceNumber: 'RE-1' });
  await app.services.mail.enqueue([message!], t.ids.bookkeeper!);
  // No mail settings: nothing can go out, and the fake clock never moves on its own.
  await expect(app.services.mail.drained(500)).rejects.toThrow('The outbox did not drain in time');
});
