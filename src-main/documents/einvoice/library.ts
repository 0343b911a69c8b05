/**
 * `@e-invoice-eu/core`'s own steps of `InvoiceService.generate` (check the input against the
 * library's JSON schema for the format, fill its defaults, render), with the schema compiled once
 * per format and process instead of on every call: compiling it costs more than rendering the
 * XML. Only the library's public exports are used; a test compares the output with
 * `InvoiceService.generate` byte for byte, so a change inside the library shows.
 */
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019.js';
import { FormatFactoryService, ValidationService, invoiceSchema, type EInvoiceFormat, type Invoice, type InvoiceServiceOptions, type Logger } from '@e-invoice-eu/core';

const factory = new FormatFactoryService();
const validators = new Map<string, ValidateFunction>();

/** The library's input check for a format, with the options `InvoiceService` uses. */
function validatorFor(format: string, formatter: EInvoiceFormat): ValidateFunction {
  let validator = validators.get(format);
  if (!validator) {
    const schema = structuredClone(invoiceSchema);
    formatter.patchSchema(schema);
    validator = new Ajv2019({ strict: true, allErrors: true, useDefaults: true }).compile(schema);
    validators.set(format, validator);
  }
  return validator;
}

/**
 * Generates an e-invoice as `InvoiceService.generate` does. `adapt` may wrap the format service
 * (the CII corrections do) before it renders.
 */
export async function generateWithLibrary(
  input: Invoice,
  options: InvoiceServiceOptions,
  logger: Logger,
  adapt?: (formatter: EInvoiceFormat) => void,
): Promise<string | Uint8Array> {
  const formatter = factory.createFormatService(options.format, logger);
  adapt?.(formatter);
  const format = factory.normalizeFormat(options.format);
  const invoice = new ValidationService(logger).validate('invoice data', validatorFor(format, formatter), structuredClone(input)) as Invoice;
  formatter.fillInvoiceDefaults(invoice);
  return formatter.generate(invoice, { ...options, format });
}
