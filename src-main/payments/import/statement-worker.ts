/**
 * Worker-thread entry of the statement reader (reader.ts): parses one file per request and hands
 * the entries back a slice at a time, each slice when the main thread asks for it, so that taking
 * them in never holds up the main thread's event loop for long.
 */
import { parentPort } from 'node:worker_threads';
import type { StatementProblemDetails } from '../../../src-shared/contract/statement-problems.js';
import { parseStatement, StatementError, type ParsedStatementFile, type ParseOptions, type StatementEntry } from './index.js';

export type ReadRequest = { kind: 'read'; dataBase64: string; options: ParseOptions; slice: number } | { kind: 'next' };
export type ReadResponse =
  /** The file without its entries, which follow in slices. */
  | { kind: 'head'; file: ParsedStatementFile }
  | { kind: 'entries'; statement: number; entries: StatementEntry[] }
  | { kind: 'done' }
  | { kind: 'refused'; details: StatementProblemDetails }
  | { kind: 'failed'; message: string; stack?: string };

const port = parentPort;
if (!port) throw new Error('statement-worker.ts runs as a worker thread only');

let pending: { statement: number; entries: StatementEntry[] }[] = [];

function read(dataBase64: string, options: ParseOptions, slice: number): ReadResponse {
  const parsed = parseStatement(Buffer.from(dataBase64, 'base64'), options);
  pending = parsed.statements.flatMap((s, statement) => Array.from({ length: Math.ceil(s.entries.length / slice) }, (_, i) => ({ statement, entries: s.entries.slice(i * slice, (i + 1) * slice) })));
  return { kind: 'head', file: { format: parsed.format, statements: parsed.statements.map((s) => ({ ...s, entries: [] })) } };
}

port.on('message', (request: ReadRequest) => {
  try {
    if (request.kind === 'read') {
      port.postMessage(read(request.dataBase64, request.options, request.slice) satisfies ReadResponse);
      return;
    }
    const next = pending.shift();
    port.postMessage((next ? { kind: 'entries', ...next } : { kind: 'done' }) satisfies ReadResponse);
  } catch (error) {
    pending = [];
    if (error instanceof StatementError) port.postMessage({ kind: 'refused', details: error.details() } satisfies ReadResponse);
    else {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ kind: 'failed', message: e.message, ...(e.stack ? { stack: e.stack } : {}) } satisfies ReadResponse);
    }
  }
});
