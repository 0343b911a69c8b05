/**
 * Reading bank statement files off the main thread. Parsing a large file takes seconds and much
 * memory (XML most of all), so files are parsed in a worker thread (statement-worker.ts) while the
 * main process keeps answering; the entries come back a slice at a time. One started worker waits
 * for the next file (without keeping the process alive); a second file read at the same time gets
 * a worker of its own, and a worker that read a large file ends with it, giving its memory back.
 * A file over the size limit is refused before it is handed over; one that takes longer than
 * `timeoutMs` to read is given up and its worker stopped.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry, workerFileBeside } from '../../worker-entry.js';
import type { ParseOptions } from './index.js';
import { base64ByteLength, checkFileSize } from './limits.js';
import type { ReadRequest, ReadResponse } from './statement-worker.js';
import { problem } from './problems.js';
import { StatementError, type ParsedStatementFile, type StatementProblem } from './types.js';

export type StatementSource = ParseOptions & { fileName: string; dataBase64: string };

export type ReaderOptions = {
  /** The worker entry; default `statement-worker.ts` beside this file, or `.js` beside the bundle. */
  workerFile?: string | URL;
  /** Entries per message from the worker. */
  slice?: number;
  /** How long reading one file may take. */
  timeoutMs?: number;
};

/** A worker that read a file larger than this ends with it. */
const KEEP_AFTER_BYTES = 1_000_000;

export class StatementReader {
  private readonly workerFile: string | URL;
  private readonly slice: number;
  private readonly timeoutMs: number;
  /** A started worker waiting for the next file. */
  private waiting: Worker | null = null;

  constructor(options: ReaderOptions = {}) {
    this.workerFile = options.workerFile ?? workerFileBeside(import.meta.url, 'statement-worker');
    this.slice = options.slice ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  /** The file's statements, as `parseStatement` returns them; a StatementError when it cannot be read. */
  async read(source: StatementSource): Promise<ParsedStatementFile> {
    const { dataBase64, ...options } = source;
    const bytes = base64ByteLength(dataBase64);
    checkFileSize(bytes, source.fileName);
    if (bytes === 0) throw new StatementError(source.fileName, {}, problem('fileEmpty'));
    const worker = this.waiting ?? this.start();
    this.waiting = null;
    worker.ref();
    let keep = false;
    try {
      const file = await this.converse(worker, { kind: 'read', dataBase64, options, slice: this.slice }, source.fileName);
      keep = bytes <= KEEP_AFTER_BYTES;
      return file;
    } catch (error) {
      // A file refused by the parser leaves the worker as good as new.
      keep = error instanceof StatementError && !(error as { stopped?: boolean }).stopped;
      throw error;
    } finally {
      if (keep && !this.waiting) {
        worker.unref();
        this.waiting = worker;
      } else void worker.terminate();
    }
  }

  /** Stops the waiting worker. */
  async close(): Promise<void> {
    const worker = this.waiting;
    this.waiting = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(workerEntry(this.workerFile), { execArgv: [...process.execArgv] });
    // A waiting worker that fails or ends is simply not used again.
    const forget = () => {
      if (this.waiting === worker) this.waiting = null;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    return worker;
  }

  private converse(worker: Worker, request: ReadRequest, fileName: string): Promise<ParsedStatementFile> {
    return new Promise((resolve, reject) => {
      let file: ParsedStatementFile | null = null;
      let settled = false;
      const finish = (error: Error | null) => {
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (error) reject(error);
        else resolve(file!);
      };
      const stopped = (what: StatementProblem) => Object.assign(new StatementError(fileName, {}, what), { stopped: true });
      const timer = setTimeout(() => finish(stopped(problem('readTimeout', { seconds: this.timeoutMs / 1000 }))), this.timeoutMs);
      // The next slice only after this one is taken in and other work had its turn.
      const next = () => setImmediate(() => settled || worker.postMessage({ kind: 'next' } satisfies ReadRequest));
      const onMessage = (message: ReadResponse) => {
        switch (message.kind) {
          case 'head':
            file = message.file;
            return next();
          case 'entries':
            for (const entry of message.entries) file!.statements[message.statement]!.entries.push(entry);
            return next();
          case 'done':
            return finish(null);
          case 'refused':
            return finish(StatementError.from(message.details));
          case 'failed':
            return finish(Object.assign(new Error(message.message), message.stack ? { stack: message.stack } : {}));
        }
      };
      const onError = (error: Error & { code?: string }) =>
        finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? stopped(problem('outOfMemory')) : error);
      const onExit = (code: number) => finish(new Error(`The statement reader stopped (exit code ${code})`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }
}

let shared: StatementReader | null = null;

/** The process's reader: parsing is pure, so every import shares its waiting worker. */
export function statementReader(): StatementReader {
  shared ??= new StatementReader();
  return shared;
}
