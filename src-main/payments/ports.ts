/** What payments need from the other capabilities, wired by the composition root. */
import type { PaymentReceiptView } from '../../src-shared/contract/index.js';
import type { ChangeDescription } from '../server/write-path.js';

/** A payment the customer is thanked for ("payment received"). */
export type PaymentNotice = { id: string; customerId: string; amount: number; currency: string; receivedOn: string; invoiceNumber: string };

/** Mail prepared to be written in the same transaction as the payment it tells of. */
export type PreparedMail = { changes: readonly ChangeDescription[]; insert(): Promise<void> };

export type PaymentsPorts = {
  /** The customers' "payment received" messages (none for a customer without an invoice address), prepared for the payment's write. */
  paymentNotices(notices: readonly PaymentNotice[], userId: string): Promise<PreparedMail>;
  /** Mail was written: the outbox may send it now. */
  mailQueued(): void;
  /** The company as printed on its letters. */
  seller(): Promise<PaymentReceiptView['seller']>;
  /** The payment receipt (Zahlungsbestätigung) as a PDF. */
  renderReceipt(receipt: PaymentReceiptView): Promise<Buffer>;
};
