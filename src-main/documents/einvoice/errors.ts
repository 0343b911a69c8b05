/** Thrown when the document lacks something EN 16931 or XRechnung needs; `field` names it in the view. */
export class EInvoiceDataError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EInvoiceDataError';
  }
}

