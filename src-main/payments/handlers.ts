/** The payments handlers of the contract, one line each. */
import type { HandlerContext, HandlerImpls } from '../server/dispatcher.js';
import type { Core } from '../server/core.js';
import { csvHeader, csvMappings, saveCsvMapping } from './csv-mappings.js';
import type { PaymentsPorts } from './ports.js';
import { paymentReceipt } from './receipt.js';
import type { PaymentRequests } from './requests.js';
import type { Payments } from './service.js';
import type { ImportSource, StatementImport } from './statement-import.js';
import { allocationRequests } from './service.js';

export type PaymentHandlers = Pick<
  HandlerImpls,
  | 'payments.record'
  | 'payments.allocate'
  | 'payments.reverseAllocation'
  | 'payments.get'
  | 'payments.list'
  | 'payments.openItems'
  | 'payments.forInvoice'
  | 'payments.receipt'
  | 'payments.previewStatement'
  | 'payments.importStatement'
  | 'payments.csvMappings'
  | 'payments.saveCsvMapping'
  | 'payments.csvHeader'
  | 'paymentRequests.create'
  | 'paymentRequests.list'
  | 'paymentRequests.refundSource'
  | 'paymentRequests.approve'
  | 'paymentRequests.reject'
  | 'paymentRequests.execute'
>;

export type PaymentParts = { core: Core; ports: PaymentsPorts; payments: Payments; requests: PaymentRequests; statements: StatementImport };

function sourceOf(input: { fileName: string; dataBase64: string; format?: string | undefined; csv?: unknown }): ImportSource {
  return {
    fileName: input.fileName,
    dataBase64: input.dataBase64,
    ...(input.format ? { format: input.format as never } : {}),
    ...(input.csv ? { csv: input.csv as never } : {}),
  };
}

const userOf = ({ session }: HandlerContext) => session.user!;

export function paymentHandlers({ core, ports, payments, requests, statements }: PaymentParts): PaymentHandlers {
  return {
    'payments.csvMappings': () => csvMappings(core),
    'payments.saveCsvMapping': (input, context) => saveCsvMapping(core, input, userOf(context)),
    'payments.csvHeader': (input) => csvHeader(input),
    'paymentRequests.create': (input, context) => requests.create(input, userOf(context)),
    'paymentRequests.list': (input) => requests.list(input),
    'paymentRequests.refundSource': (input) => requests.refundSource(input),
    'paymentRequests.approve': (input, context) => requests.approve(input, userOf(context)),
    'paymentRequests.reject': (input, context) => requests.reject(input, userOf(context)),
    'paymentRequests.execute': (input, context) => requests.execute(input, userOf(context)),
    'payments.previewStatement': (input) => statements.preview(sourceOf(input)),
    'payments.importStatement': (input, context) =>
      statements.commit(
        sourceOf(input),
        {
          autoAllocate: input.autoAllocate,
          choices: new Map(input.choices.map((c) => [c.index, { invoiceIds: c.invoiceIds, ...(c.allocations ? { allocations: allocationRequests(c.allocations) } : {}) }])),
          confirmUnchecked: input.confirmUnchecked,
        },
        userOf(context),
      ),
    'payments.record': (input, context) => payments.record(input, userOf(context)),
    'payments.allocate': (input, context) => payments.allocate(input, userOf(context)),
    'payments.reverseAllocation': ({ id }, context) => payments.reverseAllocation(id, userOf(context)),
    'payments.get': ({ id }) => payments.get(id),
    'payments.list': (input) => payments.list(input),
    'payments.openItems': (input) => payments.openItems(input),
    'payments.forInvoice': ({ invoiceId }) => payments.forInvoice(invoiceId),
    'payments.receipt': ({ id }) => paymentReceipt(core, payments, ports, id),
  };
}
