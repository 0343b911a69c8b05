/** The payments handlers of the contract. */
import type { CsvMappingView, DocumentFile, PaymentReceiptView } from '../../src-shared/contract/index.js';
import { decodeBankText } from './import/mt940.js';
import { createHash } from 'node:crypto';
import { loadSeller } from '../sales/company.js';
import type { HandlerImpls } from '../server/dispatcher.js';
import type { Services } from '../services.js';
import { Payments } from './service.js';
import { PaymentRequests } from './requests.js';
import { StatementImport } from './statement-import.js';

type PaymentHandlers = Pick<HandlerImpls, 'payments.record' | 'payments.allocate' | 'payments.reverseAllocation' | 'payments.get' | 'payments.list' | 'payments.openItems' | 'payments.forInvoice' | 'payments.receipt' | 'payments.previewStatement' | 'payments.importStatement' | 'payments.csvMappings' | 'payments.saveCsvMapping' | 'payments.csvHeader' | 'paymentRequests.create' | 'paymentRequests.list' | 'paymentRequests.refundSource' | 'paymentRequests.approve' | 'paymentRequests.reject' | 'paymentRequests.execute'>;

export function paymentHandlers(services: Services): PaymentHandlers {
  const payments = new Payments(services);
  const requests = new PaymentRequests(services, payments);
  const statements = new StatementImport(services, payments, requests);
  const sourceOf = (input: { fileName: string; dataBase64: string; format?: string | undefined; csv?: unknown }) => ({
    fileName: input.fileName,
    dataBase64: input.dataBase64,
    ...(input.format ? { format: input.format as never } : {}),
    ...(input.csv ? { csv: input.csv as never } : {}),
  });
  const mappingId = (name: string) => `csvMapping-${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;
  return {
    /** The CSV column mappings saved per bank. */
    'payments.csvMappings': async () => {
      const docs = await services.books.db.settings.find({ selector: { kind: 'preference' } }).exec();
      return docs
        .filter((d) => d.preference?.key.startsWith('csvMapping:'))
        .map((d) => ({ name: d.preference!.key.slice('csvMapping:'.length), mapping: JSON.parse(d.preference!.value) as CsvMappingView }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    'payments.saveCsvMapping': async ({ name, mapping }, { session }) => {
      const userId = session.user!.id;
      const id = mappingId(name);
      const existing = await services.books.db.settings.findOne(id).exec();
      const now = services.clock().toISOString();
      const doc = { id, kind: 'preference' as const, preference: { key: `csvMapping:${name}`, value: JSON.stringify(mapping) }, createdAt: existing?.createdAt ?? now, createdBy: existing?.createdBy ?? userId, updatedAt: now, updatedBy: userId };
      await services.writes.write(userId, { collection: 'settings', action: 'payments.csvMappingSaved', entity: 'settings', entityId: id, after: { name, mapping } }, () => services.books.db.settings.upsert(doc));
      return { name, mapping };
    },
    /** The header row of a CSV file, to map its columns. */
    'payments.csvHeader': async ({ dataBase64, delimiter }) => {
      const text = decodeBankText(Buffer.from(dataBase64, 'base64')).replace(/^\uFEFF/, '');
      const first = text.split(/\r?\n/, 1)[0] ?? '';
      return { columns: first.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean) };
    },
    'paymentRequests.create': (input, { session }) => requests.create(input, session.user!),
    'paymentRequests.list': (input) => requests.list(input),
    'paymentRequests.refundSource': (input) => requests.refundSource(input),
    'paymentRequests.approve': (input, { session }) => requests.approve(input, session.user!),
    'paymentRequests.reject': (input, { session }) => requests.reject(input, session.user!),
    'paymentRequests.execute': (input, { session }) => requests.execute(input, session.user!),
    'payments.previewStatement': (input) => statements.preview(sourceOf(input)),
    'payments.importStatement': (input, { session }) =>
      statements.commit(sourceOf(input), { autoAllocate: input.autoAllocate, choices: new Map(input.choices.map((c) => [c.index, c.invoiceIds])), confirmUnchecked: input.confirmUnchecked }, session.user!),
    'payments.record': (input, { session }) => payments.record(input, session.user!),
    'payments.allocate': (input, { session }) => payments.allocate(input, session.user!),
    'payments.reverseAllocation': ({ id }, { session }) => payments.reverseAllocation(id, session.user!),
    'payments.get': ({ id }) => payments.get(id),
    'payments.list': (input) => payments.list(input),
    'payments.openItems': (input) => payments.openItems(input),
    'payments.forInvoice': ({ invoiceId }) => payments.forInvoice(invoiceId),
    /** The payment receipt (Zahlungsbestätigung) as a PDF, in the customer's language. */
    'payments.receipt': async ({ id }): Promise<DocumentFile> => {
      const payment = await payments.get(id);
      const seller = await loadSeller(services.books);
      const customer = payment.customerId ? await services.books.db.customers.findOne(payment.customerId).exec() : null;
      const invoices = await services.books.db.invoices.findByIds(payment.allocations.map((a) => a.invoiceId)).exec();
      const items = await payments.openItems({ customerId: payment.customerId });
      const openOf = new Map(items.items.map((i) => [i.invoiceId, i.open]));
      const receipt: PaymentReceiptView = {
        number: `ZB-${payment.date.slice(0, 4)}-${payment.id.slice(-8)}`,
        date: services.clock().toISOString().slice(0, 10),
        language: customer?.language === 'en' ? 'en' : 'de',
        currency: payment.currency,
        seller: seller.snapshot,
        buyer: customer
          ? { name: customer.name, address: { street: customer.billingAddress.street, postalCode: customer.billingAddress.postalCode, city: customer.billingAddress.city, country: customer.billingAddress.country ?? 'DE' }, vatId: customer.vatId ?? '', taxNumber: '', customerNumber: customer.number }
          : { name: payment.counterpartyName, address: { street: '', postalCode: '', city: '', country: 'DE' }, vatId: '', taxNumber: '' },
        receivedOn: payment.date,
        method: payment.method,
        reference: payment.reference,
        amount: payment.amount,
        allocations: payment.allocations
          .filter((a) => !a.reversed)
          .map((a) => ({ invoiceNumber: a.invoiceNumber, invoiceDate: invoices.get(a.invoiceId)?.issueDate ?? '', amount: a.amount, remaining: Math.max(0, openOf.get(a.invoiceId) ?? 0) })),
      };
      const pdf = await services.documents.renderLetter({ kind: 'receipt', receipt });
      return {
        format: 'pdf',
        fileName: `${receipt.number}.pdf`,
        mimeType: 'application/pdf',
        sha256: createHash('sha256').update(pdf).digest('hex'),
        bytes: pdf.length,
        frozenAt: payment.recordedAt,
        dataBase64: pdf.toString('base64'),
      };
    },
  };
}
