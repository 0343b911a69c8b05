import type { InvoiceView } from '../../src-shared/contract/index.js';
import type { InvoiceDoc } from '../store/schemas/books.js';

/** What the documents need from other capabilities; the composition root passes it in. */
export type DocumentPorts = {
  /** The printable view of an issued invoice or credit note, with its customer's and users' names (sales). */
  invoiceView(doc: InvoiceDoc): Promise<InvoiceView>;
};

/** What only the Electron shell offers. */
export type ShellActions = { printPdf(bytes: Buffer, title: string): Promise<boolean> };
