import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { printSeedOnFailure, testSeed } from '../../tests/support/seed.js';
import { DATABASE_FILE, openDatabase } from './database.js';

const BATCH = 50;
const RUNS = 5;
const writer = path.resolve('tests/store/crash-writer.ts');
const random = testSeed('src-main/store/crash.test.ts');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-crash-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Starts the writer, lets it commit at least `minBatches`, then kills it after a random pause. */
function runAndKill(dataDir: string, minBatches: number, pauseMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, String(BATCH)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastCommitted = -1;
    let seen = 0;
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        const match = /^committed (\d+)$/.exec(line);
        if (!match) continue;
        lastCommitted = Number(match[1]);
        seen++;
        if (seen === minBatches && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), pauseMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      clearTimeout(killTimer);
      if (signal !== 'SIGKILL') reject(new Error(`writer ended without being killed: ${stderr}`));
      else resolve(lastCommitted);
    });
  });
}

describe('crash safety', () => {
  it(`keeps every committed batch whole and nothing half-written after SIGKILL (${RUNS} runs)`, async () => {
    const dataDir = path.join(root, 'data');
    const moments: string[] = [];
    printSeedOnFailure(random, 'kill moments');
    let reportedTotal = 0;
    let batchesBefore = 0;
    for (let run = 0; run < RUNS; run++) {
      const minBatches = random.int(2, 11);
      const pauseMs = random.int(0, 39);
      moments.push(`${minBatches} batches + ${pauseMs} ms`);
      const lastCommitted = await runAndKill(dataDir, minBatches, pauseMs);
      // Killed only after it reported the batches it had to commit, numbered on from the ones before.
      expect(lastCommitted, moments.join(', ')).toBeGreaterThanOrEqual(batchesBefore + minBatches - 1);

      const file = path.join(dataDir, DATABASE_FILE);
      const raw = new Database(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();

      const books = await openDatabase({ dataDir });
      try {
        const facts = await books.db.facts.find({ selector: { kind: 'stockMovement' } }).exec();
        const perBatch = new Map<string, number>();
        for (const f of facts) perBatch.set(f.subjectId, (perBatch.get(f.subjectId) ?? 0) + 1);
        // Nothing half-written: every batch is either complete or absent.
        for (const [batch, count] of perBatch) expect(count, batch).toBe(BATCH);
        // Every batch the writer saw committed is there.
        for (let b = 0; b <= lastCommitted; b++) expect(perBatch.get(`batch-${b}`), `batch-${b}`).toBe(BATCH);
        // At most the one batch in flight at the kill may have landed unreported.
        expect(perBatch.size - (lastCommitted + 1)).toBeLessThanOrEqual(1);
        reportedTotal = lastCommitted + 1;
        batchesBefore = perBatch.size;
      } finally {
        await books.close();
      }
    }
    expect(reportedTotal).toBeGreaterThan(RUNS);
  }, 240_000);
});
