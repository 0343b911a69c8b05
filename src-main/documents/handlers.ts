import { AppError } from '../../src-shared/contract/index.js';
import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { ShellActions } from './ports.js';
import type { DocumentStore } from './store.js';

export type DocumentHandlers = Pick<HandlerImpls, 'documents.list' | 'documents.get' | 'documents.print' | 'documents.einvoiceCheck'>;

/** The store of frozen documents and, in the desktop app, the shell that prints them. */
export type DocumentDesk = { store: DocumentStore; shell: ShellActions | undefined };

type Input<N extends keyof DocumentHandlers> = Parameters<DocumentHandlers[N]>[0];

export async function listDocuments(desk: DocumentDesk, { invoiceId }: Input<'documents.list'>, { session }: HandlerContext) {
  return desk.store.ensure(invoiceId, session.user!.id);
}

export async function getDocument(desk: DocumentDesk, { invoiceId, format }: Input<'documents.get'>, { session }: HandlerContext) {
  const { info, bytes } = await desk.store.read(invoiceId, format, session.user!.id);
  return { ...info, dataBase64: bytes.toString('base64') };
}

export async function checkEInvoice(desk: DocumentDesk, { invoiceId }: Input<'documents.einvoiceCheck'>, { session }: HandlerContext) {
  return desk.store.eInvoiceCheck(invoiceId, session.user!.id);
}

export async function printDocument(desk: DocumentDesk, { invoiceId }: Input<'documents.print'>, { session }: HandlerContext) {
  if (!desk.shell) throw new AppError('NOT_AVAILABLE', 'Printing needs the desktop app; save the PDF and print it instead.');
  const docs = await desk.store.ensure(invoiceId, session.user!.id);
  const printable = docs.find((d) => d.format === 'pdf') ?? docs.find((d) => d.format === 'factur-x');
  if (!printable) throw new AppError('NOT_FOUND', 'No PDF for this invoice');
  const { bytes } = await desk.store.read(invoiceId, printable.format, session.user!.id);
  return { printed: await desk.shell.printPdf(bytes, printable.fileName) };
}

export function documentHandlers(desk: DocumentDesk): DocumentHandlers {
  return {
    'documents.list': (input, context) => listDocuments(desk, input, context),
    'documents.get': (input, context) => getDocument(desk, input, context),
    'documents.print': (input, context) => printDocument(desk, input, context),
    'documents.einvoiceCheck': (input, context) => checkEInvoice(desk, input, context),
  };
}
