/**
 * An HTTP proxy on 127.0.0.1 between a device and the test's CouchDB server, for the sync
 * scenarios a real network makes: it counts the requests that pass, can be switched "down"
 * (the port refuses connections, open ones are dropped) and back up on the same port, and can
 * cut connections at random: a seeded PRNG decides, and no more than `maxCuts` are cut.
 *
 * A cut either drops the request before the server sees it, or lets the server answer and drops
 * the answer (the server has done the write; the device does not know it).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type CutMode = 'request' | 'response';

export type CuttingProxy = {
  url: string;
  /** Requests that reached the proxy since it started or since `resetCount`. */
  readonly requests: number;
  /** Connections cut so far, by how they were cut. */
  readonly cuts: { request: number; response: number };
  resetCount(): void;
  /** Cuts made so far: how, and of which request (method and path without the query). */
  readonly cutLog: { mode: CutMode; method: string; path: string }[];
  /**
   * Cuts from now on: each request is cut with `probability`, at most `maxCuts` in all; only
   * requests whose path matches `path` when given, and always in `mode` when given.
   */
  startCutting(options: CutOptions): void;
  stopCutting(): void;
  /** Refuses connections (and drops open ones) until `up`. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
};

/** mulberry32: small, seeded, the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type CutOptions = { seed: number; probability: number; maxCuts: number; path?: RegExp; mode?: CutMode };
type Cutting = CutOptions & { random: () => number };

export async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let requests = 0;
  const cuts = { request: 0, response: 0 };
  let cutting: Cutting | null = null;
  /** Cuts decided (a response cut is counted once the answer has been dropped). */
  let decided = 0;
  const cutLog: { mode: CutMode; method: string; path: string }[] = [];

  const decideCut = (req: http.IncomingMessage): CutMode | null => {
    if (!cutting || decided >= cutting.maxCuts) return null;
    const path = (req.url ?? '').split('?')[0]!;
    if (cutting.path && !cutting.path.test(path)) return null;
    if (cutting.random() >= cutting.probability) return null;
    decided++;
    const mode = cutting.mode ?? (cutting.random() < 0.5 ? 'request' : 'response');
    cutLog.push({ mode, method: req.method ?? '', path });
    return mode;
  };

  const server = http.createServer((req, res) => {
    requests++;
    const cut = decideCut(req);
    if (cut === 'request') {
      cuts.request++;
      req.socket.destroy();
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
      (answer) => {
        if (cut === 'response') {
          // The server did its part; the device never hears of it.
          answer.resume();
          answer.once('end', () => {
            cuts.response++;
            req.socket.destroy();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.once('error', () => res.destroy());
    res.once('close', () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 5000;

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    get cuts() {
      return { ...cuts };
    },
    get cutLog() {
      return [...cutLog];
    },
    resetCount: () => {
      requests = 0;
    },
    startCutting: (options) => {
      decided = 0;
      cuts.request = 0;
      cuts.response = 0;
      cutLog.length = 0;
      cutting = { ...options, random: seededRandom(options.seed) };
    },
    stopCutting: () => {
      cutting = null;
    },
    down: close,
    up: async () => {
      if (!server.listening) await listen(port);
    },
    stop: async () => {
      await close();
      agent.destroy();
    },
  };
}
