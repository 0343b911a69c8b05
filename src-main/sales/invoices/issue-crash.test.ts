import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customer, team } from '../../../tests/support/books.js';
import { printSeedOnFailure, testSeed } from '../../../tests/support/seed.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { startServices } from '../../services.js';

const INVOICES = 60;
const KILLS = 3;
const random = testSeed('src-main/sales/invoices/issue-crash.test.ts');
let app: TestApp;
let bookkeeperId: string;

beforeAll(async () => {
  app = await startTestApp();
  const t = await team(app);
  bookkeeperId = t.ids.bookkeeper!;
  const c = await customer(t.bookkeeper);
  for (let i = 0; i < INVOICES; i++) {
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: `Leistung ${i + 1}`, quantity: '1', netUnitPrice: `${100 + i}.99` }] }));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  }
  await app.services.close();
}, 120_000);
afterAll(async () => {
  const fs = await import('node:fs');
  fs.rmSync(app.dataDir, { recursive: true, force: true });
});

function issueAndKill(afterIssued: number, pauseMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/invoicing/issue-writer.ts'), app.dataDir, bookkeeperId, PASSWORD], { stdio: ['ignore', 'pipe', 'pipe'] });
    const numbers: string[] = [];
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        const m = /^issued (\S+)$/.exec(line);
        if (!m) continue;
        numbers.push(m[1]!);
        if (numbers.length === afterIssued && !timer) timer = setTimeout(() => child.kill('SIGKILL'), pauseMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      if (signal === 'SIGKILL' || code === 0) resolve(numbers);
      else reject(new Error(`issue-writer failed (${code}): ${stderr}`));
    });
  });
}

describe('issuing survives a crash', () => {
  it(`leaves every invoice either fully issued or approved, with gapless numbers (${KILLS} kills)`, async () => {
    const reported: string[] = [];
    const moments: string[] = [];
    printSeedOnFailure(random, 'kill moments');
    for (let run = 0; run < KILLS; run++) {
      const afterIssued = random.int(3, 10);
      const pauseMs = random.int(0, 29);
      moments.push(`${afterIssued} issued + ${pauseMs} ms`);
      reported.push(...(await issueAndKill(afterIssued, pauseMs)));
    }

    const services = await startServices({ dataDir: app.dataDir, logger: { error: () => undefined } });
    try {
      const all = (await services.books.db.invoices.find().exec()).map((d) => d.toMutableJSON());
      const issued = all.filter((d) => d.status === 'issued');
      const approved = all.filter((d) => d.status === 'approved');
      expect(issued.length + approved.length).toBe(INVOICES);
      expect(issued.length, moments.join(', ')).toBeGreaterThanOrEqual(reported.length);
      // Issuing runs one invoice at a time: each kill may have landed at most the one in flight unreported.
      expect(issued.length, moments.join(', ')).toBeLessThanOrEqual(reported.length + KILLS);
      const numbers = issued.map((d) => d.number).sort();
      expect(numbers).toEqual(Array.from({ length: issued.length }, (_, i) => `RE-2026-A-${String(i + 1).padStart(6, '0')}`));
      for (const n of reported) expect(numbers).toContain(n);
      for (const d of issued) {
        expect(d.totals, d.number).toHaveProperty('amountDue');
        expect((d.seller as { name: string }).name).toBe('Muster & Söhne GmbH');
      }
      for (const d of approved) expect(d.number).toBe('');
      const chain = await services.audit.verify();
      expect(chain.firstBreak).toBeNull();
      const issueEntries = (await services.books.db.facts.find({ selector: { kind: 'audit' } }).exec()).filter((f) => f.audit!.action === 'invoice.issued');
      expect(issueEntries.length).toBe(issued.length);
    } finally {
      await services.close();
    }
  }, 240_000);
});
