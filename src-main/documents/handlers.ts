import { AppError } from '../../src-shared/contract/index.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';

type DocumentHandlers = Pick<HandlerImpls, 'documents.list' | 'documents.get' | 'documents.print'>;

export function documentHandlers(services: Services): DocumentHandlers {
  const store = () => services.documents;
  return {
    'documents.list': async ({ invoiceId }, { session }) => store().ensure(invoiceId, session.user!.id),

    'documents.get': async ({ invoiceId, format }, { session }) => {
      const { info, bytes } = await store().read(invoiceId, format, session.user!.id);
      return { ...info, dataBase64: bytes.toString('base64') };
    },

    'documents.print': async ({ invoiceId }, { session }) => {
      if (!services.shell) throw new AppError('NOT_AVAILABLE', 'Printing needs the desktop app; save the PDF and print it instead.');
      const docs = await store().ensure(invoiceId, session.user!.id);
      const printable = docs.find((d) => d.format === 'pdf') ?? docs.find((d) => d.format === 'factur-x');
      if (!printable) throw new AppError('NOT_FOUND', 'No PDF for this invoice');
      const { bytes } = await store().read(invoiceId, printable.format, session.user!.id);
      return { printed: await services.shell.printPdf(bytes, printable.fileName) };
    },
  };
}
