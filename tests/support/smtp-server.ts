/**
 * An SMTP server started by a test on 127.0.0.1 (the `smtp-server` package) that keeps what it
 * receives. It can demand a login, refuse chosen recipients with 550, and go down and come back
 * on the same port, as a mail server a laptop loses and finds again.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export type Received = { from: string; to: string[]; raw: Buffer; parse(): Promise<ParsedMail> };

export type TestSmtpServer = {
  port: number;
  received: Received[];
  /** AUTH attempts seen, successful or not. */
  logins: number;
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
  /** Waits until at least `count` messages arrived (bounded). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
};

export type SmtpServerOptions = {
  auth?: { user: string; pass: string };
  /** Recipients the server refuses with "550 5.1.1 … no such user". */
  reject?: string[];
  port?: number;
  /** Milliseconds the server takes over each message, as a busy server would. */
  delayMs?: number;
};

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    port: options.port ?? 0,
    received: [],
    logins: 0,
    down: async () => undefined,
    up: async () => undefined,
    stop: async () => undefined,
    waitFor: async () => undefined,
  };
  const reject = new Set((options.reject ?? []).map((r) => r.toLowerCase()));
  const config: SMTPServerOptions = {
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    size: 50 * 1024 * 1024,
    logger: false,
    onAuth(auth, _session, callback) {
      state.logins++;
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (reject.has(address.address.toLowerCase())) return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: no such user`), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parse: () => simpleParser(raw),
        });
        const answer = () => callback(null, `2.0.0 Ok: queued as M${state.received.length}`);
        if (options.delayMs) setTimeout(answer, options.delayMs);
        else answer();
      });
    },
  };
  let server: SMTPServer | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer(config);
      s.on('error', () => undefined);
      s.server.once('error', reject);
      s.listen(state.port, '127.0.0.1', () => {
        state.port = (s.server.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      // Open connections are cut, as when the network goes away.
      const sockets = (s as unknown as { connections: Set<{ _socket?: { destroy(): void } }> }).connections;
      for (const c of sockets ?? []) c._socket?.destroy();
      s.close(() => resolve());
    });
  state.down = close;
  state.up = listen;
  state.stop = close;
  state.waitFor = async (count, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (state.received.length < count) {
      if (Date.now() > until) throw new Error(`Only ${state.received.length} of ${count} messages arrived`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await listen();
  return state;
}
