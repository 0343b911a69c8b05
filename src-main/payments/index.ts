/**
 * Payments, the one entry: recording and allocating payments, the ledger (open amounts, Skonto,
 * allocation checks, the customers' credit and balance), payment requests and the statement
 * import. Others get the handlers and the few functions below, never the files behind them.
 */
import type { InvoicePayments, ParsedInputOf, PaymentView, PublicUser } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { ChangeDescription } from '../server/write-path.js';
import { paymentHandlers, type PaymentHandlers } from './handlers.js';
import type { PaymentsPorts } from './ports.js';
import { PaymentRequests } from './requests.js';
import { Payments } from './service.js';
import { StatementImport } from './statement-import.js';

export type { PaymentNotice, PaymentsPorts, PreparedMail } from './ports.js';
export { agingBucketOf, agingBy, agingOf, AGING_BOUNDS, openItemOf, settledByInvoice, standing, type AllocationFact, type Settled } from './ledger/open-items.js';
export { amountDueOf, creditedBy, creditOf, openAmount, settledBy, WRITE_OFF_LIMIT } from './ledger/rules.js';

export type PaymentsCapability = {
  handlers: PaymentHandlers;
  /** What is open of one invoice, in cents (negative when overpaid). */
  openAmountOf(invoiceId: string): Promise<number>;
  /** One invoice's payment state and the payments allocated to it. */
  forInvoice(invoiceId: string): Promise<InvoicePayments>;
  /** Records a payment as `payments.record` does, with `alongside` in the same write (a cash book entry), under the given id. */
  record(input: ParsedInputOf<'payments.record'>, user: PublicUser, alongside: { changes: readonly ChangeDescription[]; write(): Promise<void> }, id: string): Promise<PaymentView>;
  /** Takes back the standing allocations of a cash book's payment as `payments.reverseAllocation` does and reverses the payment itself, with `alongside` (its reversal entry) in the same write. */
  reverseCashSettlement(paymentId: string, user: PublicUser, alongside: { changes: readonly ChangeDescription[]; write(): Promise<void> }): Promise<void>;
};

export function createPayments(core: Core, ports: PaymentsPorts): PaymentsCapability {
  const payments = new Payments(core, ports);
  const requests = new PaymentRequests(core, payments);
  const statements = new StatementImport(core, payments.ledger, requests, ports);
  return {
    handlers: paymentHandlers({ core, ports, payments, requests, statements }),
    openAmountOf: (invoiceId) => payments.ledger.openAmountOf(invoiceId),
    forInvoice: (invoiceId) => payments.ledger.forInvoice(invoiceId),
    record: (input, user, alongside, id) => payments.record(input, user, alongside, id),
    reverseCashSettlement: (paymentId, user, alongside) => payments.reverseCashSettlement(paymentId, user, alongside),
  };
}
