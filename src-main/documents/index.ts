/**
 * Documents of issued invoices and credit notes (PDF and e-invoice, frozen once) and printed
 * letters: the one entry the composition root and other capabilities use.
 */
import type { Core } from '../server/core.js';
import { documentHandlers, type DocumentHandlers } from './handlers.js';
import type { DocumentPorts, ShellActions } from './ports.js';
import { DocumentStore, type DocumentOptions } from './store.js';

export type { DocumentPorts, ShellActions } from './ports.js';
export type { DocumentOptions, DocumentStore } from './store.js';
export type { PdfSource } from './pdf/renderer.js';
export type { TableLetter } from './pdf/table-letter.js';
export { EInvoiceDataError } from './einvoice/errors.js';
export { eInvoiceFormatOf } from './einvoice-checks.js';

export type Documents = {
  handlers: DocumentHandlers;
  /** Frozen documents (list, ensure, read), letters rendered with the logo, warm-up and close. */
  store: DocumentStore;
};

export function createDocuments(core: Core, ports: DocumentPorts, options: DocumentOptions & { shell?: ShellActions | undefined } = {}): Documents {
  const { shell, ...storeOptions } = options;
  const store = new DocumentStore(core, ports, storeOptions);
  return { handlers: documentHandlers({ store, shell }), store };
}
