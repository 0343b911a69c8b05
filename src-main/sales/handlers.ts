import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import { getProduct, listProducts, receiveStock, saveProduct } from './catalogue/products.js';
import { listPriceLists, savePriceList } from './catalogue/price-lists.js';
import type { SalesContext } from './context.js';
import { getCustomer, listCustomers, saveCustomer } from './customers/customers.js';
import { importOrders } from './import/import-orders.js';
import { approvalQueue, approveInvoice, approveInvoices, rejectInvoice, submitInvoice } from './invoices/approval.js';
import { cancelJob, invoiceConfirmedOrders } from './invoices/batch.js';
import { createCreditNote } from './invoices/credit-notes.js';
import { createInvoiceFromOrders, getInvoice, listInvoices, saveInvoiceDraft } from './invoices/drafts.js';
import { issueInvoice, issueInvoices } from './invoices/issuing.js';
import { cancelOrder, confirmOrder } from './orders/confirmation.js';
import { getOrder, listOrders, saveOrder } from './orders/orders.js';

export type SalesHandlers = Pick<
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

/** Every handler of the sales side, one line each. */
export function salesHandlers(sales: SalesContext): SalesHandlers {
  const on =
    <I, O>(handler: (sales: SalesContext, input: I, call: HandlerContext) => O) =>
    (input: I, call: HandlerContext) =>
      handler(sales, input, call);
  return {
    'customers.list': on(listCustomers),
    'customers.get': on(getCustomer),
    'customers.save': on(saveCustomer),

    'products.list': on(listProducts),
    'products.get': on(getProduct),
    'products.save': on(saveProduct),
    'products.receiveStock': on(receiveStock),
    'priceLists.list': on(listPriceLists),
    'priceLists.save': on(savePriceList),

    'orders.list': on(listOrders),
    'orders.get': on(getOrder),
    'orders.save': on(saveOrder),
    'orders.confirm': on(confirmOrder),
    'orders.cancel': on(cancelOrder),
    'orders.importCsv': on(importOrders),

    'invoices.list': on(listInvoices),
    'invoices.get': on(getInvoice),
    'invoices.saveDraft': on(saveInvoiceDraft),
    'invoices.createFromOrders': on(createInvoiceFromOrders),
    'invoices.submit': on(submitInvoice),
    'invoices.approve': on(approveInvoice),
    'invoices.reject': on(rejectInvoice),
    'invoices.approveMany': on(approveInvoices),
    'invoices.issue': on(issueInvoice),
    'invoices.issueMany': on(issueInvoices),
    'invoices.createCreditNote': on(createCreditNote),
    'approval.queue': on(approvalQueue),

    'jobs.invoiceConfirmedOrders': on(invoiceConfirmedOrders),
    'jobs.cancel': on(cancelJob),
    'audit.verify': async () => sales.core.audit.verify(),
  };
}
