/** The cash book handlers of the contract, one line each. */
import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { Cashbook } from './service.js';

export type CashbookHandlers = Pick<
  HandlerImpls,
  'cashbook.list' | 'cashbook.create' | 'cashbook.day' | 'cashbook.month' | 'cashbook.record' | 'cashbook.reverse' | 'cashbook.close' | 'cashbook.pdf'
>;

const userOf = ({ session }: HandlerContext) => session.user!;

export function cashbookHandlers(cashbook: Cashbook, pdf: CashbookHandlers['cashbook.pdf']): CashbookHandlers {
  return {
    'cashbook.list': () => cashbook.reading.list(),
    'cashbook.create': (input, context) => cashbook.create(input, userOf(context)),
    'cashbook.day': ({ cashBookId, date }) => cashbook.reading.day(cashBookId, date),
    'cashbook.month': ({ cashBookId, month }) => cashbook.reading.month(cashBookId, month),
    'cashbook.record': (input, context) => cashbook.record(input, userOf(context)),
    'cashbook.reverse': (input, context) => cashbook.reverse(input, userOf(context)),
    'cashbook.close': (input, context) => cashbook.close(input, userOf(context)),
    'cashbook.pdf': pdf,
  };
}
