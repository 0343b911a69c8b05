import { AppError } from '../../../src-shared/contract/index.js';
import type { HandlerContext } from '../../server/dispatcher.js';
import type { In, Out, SalesContext } from '../context.js';
import { invoiceOrders } from './drafts.js';

/** Invoices every confirmed order, one by one, as a background job that shows its progress and can be cancelled. */
export async function invoiceConfirmedOrders(sales: SalesContext, _input: In<'jobs.invoiceConfirmedOrders'>, { session }: HandlerContext): Out<'jobs.invoiceConfirmedOrders'> {
  const { books, jobs } = sales.core;
  const userId = session.user!.id;
  const confirmed = await books.db.orders.find({ selector: { status: 'confirmed' }, sort: [{ orderDate: 'asc' }] }).exec();
  const ids = confirmed.map((o) => o.id);
  const { jobId } = jobs.start('jobs.invoiceConfirmedOrders', ids.length, userId, async (control) => {
    for (let i = 0; i < ids.length; i++) {
      if (control.cancelled()) break;
      await invoiceOrders(sales, [ids[i]!], userId).catch((error: unknown) => {
        // Invoiced meanwhile (by a user or another run): nothing left to do for this order.
        if (!(error instanceof AppError && error.code === 'INVALID_STATE')) throw error;
      });
      control.progress(i + 1);
    }
  });
  return { jobId, total: ids.length };
}

export async function cancelJob({ core: { jobs } }: SalesContext, { jobId }: In<'jobs.cancel'>, { session }: HandlerContext): Out<'jobs.cancel'> {
  return { cancelled: jobs.cancel(jobId, session.user!) };
}
