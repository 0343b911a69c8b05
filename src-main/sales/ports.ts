import type { CustomerRiskView, CustomerView, InvoiceView } from '../../src-shared/contract/index.js';
import type { RiskReason } from '../../src-shared/dunning/risk.js';
import type { ChangeDescription } from '../server/write-path.js';

/**
 * What the sales side needs from other capabilities, and nothing more; the composition root
 * passes them in.
 */
export type SalesPorts = {
  /** The customer's credit risk (dunning and open amounts). */
  risk: {
    /** Refuses new orders of a customer whose deliveries are blocked. */
    assertNotBlocked(customerId: string): Promise<void>;
    /** Why approving `amount` more for the customer needs the supervisor to confirm the risk. */
    approvalReasons(customerId: string, amount: number): Promise<{ riskClass: CustomerRiskView['riskClass']; reasons: RiskReason[] }>;
    /** Open amounts after payments plus approved invoices not yet issued, in cents. */
    exposure(customerId: string): Promise<number>;
  };
  /** The official e-invoice rules (documents). */
  eInvoices: {
    /**
     * Builds the e-invoice of each document about to be issued (with its new number) and
     * throws when one breaks a fatal rule; documents whose customer takes only a PDF are skipped.
     */
    checkBeforeIssue(items: readonly { view: InvoiceView; eInvoiceFormat: CustomerView['eInvoiceFormat'] }[]): Promise<void>;
  };
  /** The order confirmations waiting in the outbox, cancelled together with their order. */
  orderMail: {
    /** Runs `work` while the outbox sends nothing. */
    holdingOutbox<T>(work: () => Promise<T>): Promise<T>;
    /** The changes that cancel the order's waiting confirmations, to be written with the order. */
    cancellation(orderId: string, userId: string): Promise<{ changes: ChangeDescription[]; apply(): Promise<void> }>;
  };
};
