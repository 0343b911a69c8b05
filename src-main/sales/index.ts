import { AppError } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';
import { customerHandlers } from './customers.js';
import { invoiceHandlers } from './invoices.js';
import { DocumentNumbers } from './numbering.js';
import { orderHandlers } from './orders.js';
import { priceListHandlers } from './price-lists.js';
import { productHandlers } from './products.js';

type InvoicingHandlers = Pick<
  HandlerImpls,
  | Exclude<`customers.${string}` & keyof HandlerImpls, 'customers.risk'>
  | `products.${string}` & keyof HandlerImpls
  | `orders.${string}` & keyof HandlerImpls
  | `invoices.${string}` & keyof HandlerImpls
  | 'approval.queue'
  | 'priceLists.list'
  | 'priceLists.save'
  | 'jobs.invoiceConfirmedOrders'
  | 'jobs.cancel'
  | 'audit.verify'
>;

/** Customers, products, orders, invoices, credit notes, approval and the batch job. */
export function invoicingHandlers(services: Services): InvoicingHandlers {
  const { books, jobs } = services;
  const invoices = invoiceHandlers(services, new DocumentNumbers(books.db.invoices));
  const { invoiceOrders, ...invoiceImpls } = invoices;
  return {
    ...customerHandlers(services),
    ...productHandlers(services),
    ...priceListHandlers(services),
    ...orderHandlers(services, new DocumentNumbers(books.db.orders, 'orderDate')),
    ...invoiceImpls,

    'jobs.invoiceConfirmedOrders': async (_input, { session }) => {
      const userId = session.user!.id;
      const confirmed = await books.db.orders.find({ selector: { status: 'confirmed' }, sort: [{ orderDate: 'asc' }] }).exec();
      const ids = confirmed.map((o) => o.id);
      const { jobId } = jobs.start('jobs.invoiceConfirmedOrders', ids.length, userId, async (control) => {
        for (let i = 0; i < ids.length; i++) {
          if (control.cancelled()) break;
          await invoiceOrders([ids[i]!], userId).catch((error: unknown) => {
            // Invoiced meanwhile (by a user or another run): nothing left to do for this order.
            if (!(error instanceof AppError && error.code === 'INVALID_STATE')) throw error;
          });
          control.progress(i + 1);
        }
      });
      return { jobId, total: ids.length };
    },

    'jobs.cancel': async ({ jobId }, { session }) => ({ cancelled: jobs.cancel(jobId, session.user!) }),

    'audit.verify': async () => services.audit.verify(),
  };
}
