/** Worker-thread entry of the rules pool (pool.ts): loads the rule sets once, judges one file per message. */
import { parentPort, workerData } from 'node:worker_threads';
import type { EInvoiceReport } from '../../src-shared/contract/einvoice.js';
import { answerRequests } from '../server/worker-pool.js';
import { createEInvoiceValidator } from './validator.js';

/** `load` with a `sample`: the rules also judge it once, so that the first real file is judged at full speed. */
export type RulesRequest = { kind: 'load'; sample?: string } | { kind: 'validate'; xml: string };

const port = parentPort;
if (!port) throw new Error('rules-worker.ts runs as a worker thread only');
const { rulesDir } = (workerData ?? {}) as { rulesDir?: string };
const validator = createEInvoiceValidator(rulesDir ? { rulesDir } : {});

answerRequests<RulesRequest, EInvoiceReport | null>(port, (request) => {
  if (request.kind === 'load') {
    validator.load();
    return request.sample === undefined ? null : validator.validate(request.sample).then(() => null);
  }
  return validator.validate(request.xml);
});
