/**
 * Statement files are read in a worker thread: while a large file is parsed, the main thread's
 * event loop keeps turning (never busy for long between two turns of a 5 ms timer), and what comes back
 * is exactly what parsing in the same thread gives. Files over the limit are refused before they
 * are read; a file that takes too long is given up with a clear error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseStatement, StatementError, STATEMENT_MAX_BYTES } from './index.js';
import { StatementReader } from './reader.js';
import { camtFile, manyEntries, watchEventLoop } from './testing.js';

const reader = new StatementReader();
afterAll(() => reader.close());

describe('the statement reader', () => {
  it('reads a large statement while the main thread keeps running, with the same result as in this thread', async () => {
    const file = camtFile(manyEntries(7000));
    expect(file.length).toBeGreaterThan(4_000_000);
    await reader.read({ fileName: 'small.xml', dataBase64: camtFile(manyEntries(2)).toString('base64') });

    const loop = watchEventLoop();
    const parsed = await reader.read({ fileName: 'big.xml', dataBase64: file.toString('base64') });
    const longest = loop.stop();

    // Parsed here instead, the same file holds the event loop for the whole parse.
    const started = performance.now();
    const here = parseStatement(file, { fileName: 'big.xml' });
    const inThread = performance.now() - started;
    expect(parsed).toEqual(here);
    expect(parsed.statements[0]!.entries).toHaveLength(7000);
    expect(longest.busy, `busy for ${Math.round(longest.busy)} ms at most (longest gap ${Math.round(longest.gap)} ms); parsing in this thread took ${Math.round(inThread)} ms`).toBeLessThan(200);
  });

  it('refuses a file over the limit before reading it, naming the limit', async () => {
    const over = Buffer.alloc(STATEMENT_MAX_BYTES + 1, 0x20);
    const error = await reader.read({ fileName: 'huge.xml', dataBase64: over.toString('base64') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatementError);
    expect((error as StatementError).message).toBe('huge.xml: the file has 20.1 MB; statements are read up to 20 MB');
  });

  it('gives up a file that takes too long, and reads the next one', async () => {
    const impatient = new StatementReader({ timeoutMs: 1 });
    const error = await impatient.read({ fileName: 'slow.xml', dataBase64: camtFile(manyEntries(3000)).toString('base64') }).catch((e: unknown) => e);
    expect((error as StatementError).message).toBe('slow.xml: the file could not be read within 0.001 s');
    await impatient.close();
    expect((await reader.read({ fileName: 'next.xml', dataBase64: camtFile(manyEntries(3)).toString('base64') })).statements[0]!.entries).toHaveLength(3);
  });
});
