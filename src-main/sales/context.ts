import type { HandlerName, OutputOf, ParsedInputOf } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { DocumentNumbers } from './numbering.js';
import type { SalesPorts } from './ports.js';

/** What every sales handler works with: the core, the ports and the number series of this process. */
export type SalesContext = {
  core: Core;
  ports: SalesPorts;
  invoiceNumbers: DocumentNumbers;
  orderNumbers: DocumentNumbers;
};

/** Today by the books' clock, as `YYYY-MM-DD`. */
export const today = (sales: SalesContext) => sales.core.clock().toISOString().slice(0, 10);

/** The parsed input of handler `N`. */
export type In<N extends HandlerName> = ParsedInputOf<N>;
/** What handler `N` answers. */
export type Out<N extends HandlerName> = Promise<OutputOf<N>>;
