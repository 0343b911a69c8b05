/**
 * What mail needs from the other capabilities, and nothing more; the composition root wires them.
 */
import type { DocumentInfo } from '../../src-shared/contract/index.js';

export type MailPorts = {
  /** What is still open of an invoice after the payments booked, in cents. */
  openAmount(invoiceId: string): Promise<number>;
  /** The frozen files of an issued document (PDF, e-invoice), frozen now if they are missing. */
  frozenFiles(invoiceId: string, userId: string): Promise<DocumentInfo[]>;
};
