import { AppError } from '../../../src-shared/contract/index.js';

/** Thrown when the document lacks something EN 16931 or XRechnung needs; `field` names it in the view. */
export class EInvoiceDataError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('EINVOICE_INCOMPLETE', message, { field });
    this.name = 'EInvoiceDataError';
  }
}
