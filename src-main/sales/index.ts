/**
 * The sales side: customers, the catalogue (products, price lists, stock), orders, invoices and
 * credit notes, and the CSV order import. The one entry other folders and the composition root use.
 */
import type { Core } from '../server/core.js';
import { salesHandlers, type SalesHandlers } from './handlers.js';
import { DocumentNumbers } from './numbering.js';
import type { SalesPorts } from './ports.js';

export type { SalesPorts } from './ports.js';
export type { SalesHandlers } from './handlers.js';
export { buyerSnapshot, loadSeller, type Seller } from './company.js';
export { totalsOf } from './invoices/documents.js';
export { toInvoiceView, viewWithNames } from './invoices/views.js';

export type Sales = {
  handlers: SalesHandlers;
};

export function createSales(core: Core, ports: SalesPorts): Sales {
  const sales = {
    core,
    ports,
    invoiceNumbers: new DocumentNumbers(core.books.db.invoices, 'issueDate', core.books.db.facts),
    orderNumbers: new DocumentNumbers(core.books.db.orders, 'orderDate'),
  };
  return { handlers: salesHandlers(sales) };
}
