/**
 * A raw SMTP server on 127.0.0.1 that can stall in the middle of a message: it takes the
 * envelope and then, per connection, never answers after DATA, stops reading the message, or
 * behaves and accepts it. It keeps what it accepted, counts what it swallowed, and closes every
 * socket it holds when stopped.
 */
import net, { type AddressInfo } from 'node:net';

export type StallMode = 'silentAfterData' | 'stopReading' | 'accept';

export type StallingSmtpServer = {
  port: number;
  /** Whole messages the server answered with 250. */
  accepted: string[];
  /** Connections that reached DATA and were left hanging. */
  stalled: number;
  stop(): Promise<void>;
};

/** `modes` is used one per connection in order; connections beyond it accept. */
export async function startStallingSmtpServer(modes: StallMode[]): Promise<StallingSmtpServer> {
  const sockets = new Set<net.Socket>();
  const state: StallingSmtpServer = { port: 0, accepted: [], stalled: 0, stop: async () => undefined };
  let connections = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const mode = modes[connections++] ?? 'accept';
    let buffer = '';
    /** The message while DATA is read, in pieces (searching only where a piece joins the next). */
    let message: string[] | null = null;
    let length = 0;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 stall.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (message) {
          const tail = (message.at(-1) ?? '').slice(-4);
          const found = (tail + buffer).indexOf('\r\n.\r\n');
          if (found < 0) {
            message.push(buffer);
            length += buffer.length;
            buffer = '';
            return;
          }
          const whole = message.join('') + buffer;
          const end = length - tail.length + found;
          buffer = whole.slice(end + 5);
          message = null;
          if (mode === 'silentAfterData') {
            state.stalled++;
            return;
          }
          state.accepted.push(whole.slice(0, end));
          reply('250 2.0.0 queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 stall.test');
        else if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') reply('250 2.1.0 ok');
        else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
          return;
        } else if (verb === 'DATA') {
          reply('354 go ahead');
          if (mode === 'stopReading') {
            state.stalled++;
            socket.pause();
            return;
          }
          message = [];
          length = 0;
        } else reply('502 5.5.2 unknown command');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
