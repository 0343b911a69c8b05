/** What the cash book needs from the other capabilities, wired by the composition root. */
import type { ParsedInputOf, PartySnapshot, PublicUser } from '../../src-shared/contract/index.js';
import type { TableLetter } from '../documents/index.js';
import type { ChangeDescription } from '../server/write-path.js';

/** Written in the same transaction as the payment; throwing inside `write` takes the payment back too. */
export type Alongside = { changes: readonly ChangeDescription[]; write(): Promise<void> };

/** A cash income that settles an invoice, as the payment it is. */
export type CashSettlement = {
  paymentId: string;
  invoiceId: string;
  date: string;
  /** The amount as typed and parsed ("119.00"), the whole of it allocated to the invoice. */
  amount: string;
  currency: ParsedInputOf<'payments.record'>['currency'];
  reference: string;
};

export type CashbookPorts = {
  /**
   * Records an incoming cash payment allocated to the invoice like any payment, with `alongside`
   * (the cash entry) in the same write; a refused allocation writes nothing.
   */
  settleInvoice(settlement: CashSettlement, user: PublicUser, alongside: Alongside): Promise<void>;
  /**
   * Takes back the payment's allocations that still stand and reverses the payment itself (the
   * cash went out again: no credit is left to the customer), with `alongside` (the reversal
   * entry) in the same write; throwing there writes neither.
   */
  takeBackSettlement(paymentId: string, user: PublicUser, alongside: Alongside): Promise<void>;
  /** The company as the letterhead prints it today. */
  seller(): Promise<PartySnapshot>;
  /** A table letter in the letterhead as a PDF. */
  renderTable(letter: TableLetter): Promise<Buffer>;
};
