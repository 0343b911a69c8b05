/**
 * The official rules judged off the main thread: the stylesheets run synchronously and a
 * 600-line invoice takes seconds, so they run in worker threads (two at most), each with the
 * rule sets loaded once. The main process stays responsive while a batch is judged.
 */
import os from 'node:os';
import type { EInvoiceReport } from '../../src-shared/contract/einvoice.js';
import { WorkerPool } from '../server/worker-pool.js';
import { workerFileBeside } from '../worker-entry.js';
import type { RulesRequest } from './rules-worker.js';
import { NotAnEInvoiceError } from './validator.js';

/** What judges an e-invoice file. */
export type EInvoiceJudge = { validate(xml: string | Buffer): Promise<EInvoiceReport> };

export type RulesPool = EInvoiceJudge & {
  /** Starts the workers and loads the rules in each; each judges `sample` once when given. */
  warm(sample?: string): Promise<void>;
  close(): Promise<void>;
};

export function createRulesPool(options: { rulesDir?: string | undefined; size?: number; workerFile?: string } = {}): RulesPool {
  const pool = new WorkerPool<RulesRequest, EInvoiceReport | null>(options.workerFile ?? workerFileBeside(import.meta.url, 'rules-worker'), {
    size: Math.max(1, options.size ?? Math.min(2, os.availableParallelism())),
    workerData: { rulesDir: options.rulesDir },
    name: 'e-invoice rules pool',
  });
  return {
    async validate(xml) {
      try {
        return (await pool.run({ kind: 'validate', xml: typeof xml === 'string' ? xml : xml.toString('utf8') }))!;
      } catch (error) {
        if (error instanceof Error && error.name === 'NotAnEInvoiceError') throw new NotAnEInvoiceError(error.message);
        throw error;
      }
    },
    async warm(sample) {
      await pool.each(sample === undefined ? { kind: 'load' } : { kind: 'load', sample });
    },
    close: () => pool.close(),
  };
}
