/** The receivables reports' handlers, one line each. */
import { AppError } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';

export type ReceivablesHandlers = Pick<
  HandlerImpls,
  'reports.openItems' | 'reports.statement' | 'reports.payments' | 'reports.overdue' | 'reports.forecast' | 'reports.dashboard'
>;

const notYet = () => {
  throw new AppError('NOT_AVAILABLE', 'This report is not available yet');
};

export function receivablesHandlers(_core: Core, _ports: unknown): ReceivablesHandlers {
  return {
    'reports.openItems': notYet,
    'reports.statement': notYet,
    'reports.payments': notYet,
    'reports.overdue': notYet,
    'reports.forecast': notYet,
    'reports.dashboard': notYet,
  };
}
