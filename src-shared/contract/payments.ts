/**
 * Payments: incoming and outgoing payments as append-only facts, their allocations to invoices,
 * and the open items derived from them (never stored as counters).
 */
import { z } from 'zod';
import { bic, currencyCode, iban, optionalText, requiredText } from './fields.js';
import { ibanProblem } from '../validation/iban.js';
import { isoDate } from './invoicing.js';
import { amountText, paymentAmountText } from './bounds.js';
import { PAYMENT_METHODS, type PaymentMethod } from './views.js';
import { STATEMENT_MAX_BYTES } from './file-limits.js';

export const PAYMENT_PURPOSES = ['customerPayment', 'refund', 'payout', 'supplierPayment', 'fee', 'reversal'] as const;
export type PaymentPurpose = (typeof PAYMENT_PURPOSES)[number];

const nonNegativeMoney = amountText.default('0');

export const AllocationInput = z
  .object({
    invoiceId: z.string().min(1, 'validation.required').max(40),
    amount: nonNegativeMoney,
    /** Early-payment discount taken, within the invoice's Skonto term. */
    skonto: nonNegativeMoney,
    /** A small remainder written off (supervisor or admin). */
    writeOff: nonNegativeMoney,
  })
  .strict();

export const PaymentInput = z
  .object({
    direction: z.enum(['incoming', 'outgoing']).default('incoming'),
    purpose: z.enum(PAYMENT_PURPOSES).default('customerPayment'),
    date: isoDate,
    amount: paymentAmountText,
    currency: currencyCode.default('EUR'),
    method: z.enum(PAYMENT_METHODS, { message: 'validation.paymentMethod' }).default('bankTransfer'),
    counterpartyName: optionalText(200),
    counterpartyIban: iban.default(''),
    reference: optionalText(1000),
    customerId: z.string().max(40).default(''),
    allocations: z.array(AllocationInput).max(500).default([]),
  })
  .strict();

export const AllocateInput = z.object({ paymentId: z.string().min(1).max(40), allocations: z.array(AllocationInput).min(1, 'validation.required').max(500) }).strict();

export const PaymentListInput = z
  .object({
    customerId: z.string().max(40).default(''),
    direction: z.enum(['', 'incoming', 'outgoing']).default(''),
    page: z.number().int().min(0).max(100_000).default(0),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export type AllocationView = { id: string; invoiceId: string; invoiceNumber: string; amount: number; skonto: number; writeOff: number; reversed: boolean; occurredAt: string };

export type PaymentView = {
  id: string;
  direction: 'incoming' | 'outgoing';
  purpose: PaymentPurpose;
  date: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  counterpartyName: string;
  counterpartyIban: string;
  reference: string;
  source: 'manual' | 'bankFile' | 'providerExport';
  customerId: string;
  customerName: string;
  allocations: AllocationView[];
  /** What is not allocated to invoices: the customer's credit. */
  unallocated: number;
  recordedAt: string;
  /** A payment a reversal (Storno) on a statement took back: that reversal; null when none. */
  reversedBy: PaymentReversalLink | null;
  /** A reversal: the payment it took back; null when none was found. */
  reverses: PaymentReversalLink | null;
};
/** The other payment of a reversal pair: its id and date. */
export type PaymentReversalLink = { paymentId: string; date: string };

/** paid / partly paid / overpaid / open, and overdue when open past the due date. */
export type PaymentState = 'open' | 'partlyPaid' | 'paid' | 'overpaid';

export type OpenItem = {
  invoiceId: string;
  number: string;
  customerId: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amountDue: number;
  paid: number;
  skonto: number;
  writtenOff: number;
  open: number;
  state: PaymentState;
  overdue: boolean;
  daysOverdue: number;
  lastPaymentDate: string;
};

export type OpenItemsView = {
  items: OpenItem[];
  /** Open amounts by days past due: not due yet, 0–30, 31–60, 61–90, over 90. */
  aging: { notDue: number; d0_30: number; d31_60: number; d61_90: number; over90: number };
  /** Unallocated incoming payments of the customer(s): their credit. */
  credit: number;
  balance: number;
};

export const OpenItemsInput = z.object({ customerId: z.string().max(40).default(''), asOf: isoDate.optional() }).strict();

export { STATEMENT_MAX_BYTES };
/** A statement file's bytes as base64: at most STATEMENT_MAX_BYTES once decoded. An empty file is refused by the reader, naming the file. */
const statementBase64 = z
  .string()
  .max(Math.ceil(STATEMENT_MAX_BYTES / 3) * 4, 'validation.statementTooLarge');

const ImportSourceFields = {
  fileName: z.string().trim().min(1, 'validation.required').max(300),
  /** The file's bytes, base64. */
  dataBase64: statementBase64,
  format: z.enum(['camt.053', 'camt.052', 'camt.054', 'mt940', 'csv', 'stripe']).optional(),
  csv: z
    .lazy(() => CsvMappingInput)
    .optional(),
};
/** A column heading of a bank's CSV file: a few words, never a page. */
const column = () => z.string().max(200, 'validation.tooLong');
export const CsvMappingInput = z
    .object({
      delimiter: z.enum([';', ',', '\t']).default(';'),
      decimal: z.enum([',', '.']).default(','),
      dateFormat: z.enum(['dd.MM.yyyy', 'dd.MM.yy', 'yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy']).default('dd.MM.yyyy'),
      currency: z.string().regex(/^[A-Z]{3}$/, 'validation.currency').default('EUR'),
      columns: z.object({
        date: column().min(1, 'validation.required'),
        valueDate: column().default(''),
        amount: column().default(''),
        credit: column().default(''),
        debit: column().default(''),
        currency: column().default(''),
        name: column().default(''),
        iban: column().default(''),
        remittance: column().default(''),
        reference: column().default(''),
      }),
    })
    .strict()
    .refine((m) => m.columns.amount !== '' || (m.columns.credit !== '' && m.columns.debit !== ''), { path: ['columns', 'amount'], message: 'validation.amountColumn' });
export type CsvMappingView = z.output<typeof CsvMappingInput>;
export const SaveCsvMappingInput = z.object({ name: z.string().trim().min(1, 'validation.required').max(100), mapping: CsvMappingInput }).strict();
export const CsvHeaderInput = z.object({ dataBase64: statementBase64, delimiter: z.enum([';', ',', '\t']).default(';') }).strict();
export const StatementPreviewInput = z.object(ImportSourceFields).strict();
export const StatementCommitInput = z
  .object({
    ...ImportSourceFields,
    autoAllocate: z.boolean().default(true),
    /**
     * Entry index → the invoices to allocate it to ([] books it unallocated), or the allocations
     * themselves (amount, Skonto, write-off each), checked as a manual allocation is.
     */
    choices: z
      .array(z.object({ index: z.number().int().min(0), invoiceIds: z.array(z.string().min(1).max(40)).max(100).default([]), allocations: z.array(AllocationInput).max(100).optional() }).strict())
      .max(100_000)
      .default([]),
    /** The user has read that some statements of the file lack a balance, so their entries could not be checked. */
    confirmUnchecked: z.boolean().default(false),
  })
  .strict();

/** One bank statement entry as every parser returns it; amounts in cents, signed (credit +). */
export type StatementEntry = {
  /** Booking date. */
  date: string;
  valueDate: string;
  amount: number;
  currency: string;
  counterpartyName: string;
  counterpartyIban: string;
  remittance: string;
  endToEndId: string;
  bankReference: string;
  /** A reversal (Storno) of an earlier entry. */
  reversal: boolean;
  /** The provider's fee on this entry (online providers), booked as a payment of its own. */
  fee?: number;
  /** Where in the file: a line (MT940, CSV) or an element path (CAMT). */
  at: string;
  /** What the reader made of the bank's writing, to be shown with the entry (`statementImport.note.*`). */
  notes?: StatementEntryNote[];
};

/** A remark on an entry: an i18n key and its values (e.g. the value date as the bank wrote it). */
export type StatementEntryNote = { key: string; params: Record<string, string> };

/** A statement of the file whose entries cannot be checked against its balances (`statementImport.warning.*`). */
export type StatementUnchecked = { statementId: string; key: string };

export type StatementPreviewEntry = StatementEntry & {
  index: number;
  statementId: string;
  duplicate: boolean;
  match: { candidates: { invoiceIds: string[]; numbers: string[]; customerName: string; score: number; reasons: string[] }[]; confident: boolean };
  /** A reversal (Storno): the payment it will take back, when one is found. */
  reverses?: StatementPreviewReversed;
};
/** A payment as the preview names it for the reversal that takes it back (amount in cents). */
export type StatementPreviewReversed = { date: string; amount: number; currency: string; reference: string };
export type StatementPreview = {
  format: string;
  accounts: string[];
  entries: StatementPreviewEntry[];
  counts: { entries: number; duplicates: number; confident: number; incoming: number };
  /** Statements without opening or closing balance: booking them needs `confirmUnchecked`. */
  unchecked: StatementUnchecked[];
};
/** A reversal on the statement whose reversed payment was not found: a person takes its allocation back (`statementImport.reversal.<reason>`). */
export type StatementReversalLeft = { index: number; paymentId: string; key: string; params: Record<string, string> };
export type StatementImportResult = {
  imported: number;
  duplicates: number;
  allocated: number;
  unmatched: number;
  paymentIds: string[];
  /** Reversals (Storno): how many took back the allocations of the payment they reverse, and those left for a person. */
  reversals: { taken: number; left: StatementReversalLeft[] };
};

export const PAYMENT_REQUEST_STATUSES = ['requested', 'approved', 'rejected', 'executed', 'failed'] as const;
export type PaymentRequestStatus = (typeof PAYMENT_REQUEST_STATUSES)[number];

export type PaymentRequestView = {
  id: string;
  status: PaymentRequestStatus;
  direction: 'incoming' | 'outgoing';
  purpose: 'refund' | 'payout' | 'supplierPayment' | 'customerPayment';
  amount: number;
  currency: string;
  method: PaymentMethod;
  counterpartyName: string;
  counterpartyIban: string;
  counterpartyBic: string;
  reference: string;
  /** A refund of this customer's credit (unallocated payments). */
  customerId: string;
  /** A refund of what this credit note credited. */
  creditNoteId: string;
  creditNoteNumber: string;
  paymentId: string;
  invoiceIds: string[];
  reviewerId: string;
  reviewerName: string;
  decisionReason: string;
  executedOn: string;
  createdBy: string;
  /** The requester's name, as the reviewer and the cashier see it. */
  createdByName: string;
  createdAt: string;
  updatedAt: string;
};

/** Countries of the SEPA scheme: a transfer there needs the IBAN only. */
export const SEPA_COUNTRIES = new Set(['AD', 'AL', 'AT', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GI', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MC', 'MD', 'ME', 'MK', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'SM', 'VA']);

export const PaymentRequestInput = z
  .object({
    purpose: z.enum(['refund', 'payout', 'supplierPayment']),
    amount: paymentAmountText,
    currency: currencyCode.default('EUR'),
    method: z.enum(PAYMENT_METHODS, { message: 'validation.paymentMethod' }).default('bankTransfer'),
    counterpartyName: requiredText(200),
    counterpartyIban: iban.default(''),
    counterpartyBic: bic.default(''),
    reference: optionalText(1000),
    /** Ignored: the reviewer is whoever reviews the request. */
    reviewerId: z.string().max(40).default(''),
    /** A refund of the customer's credit: at most that credit. */
    customerId: z.string().max(40).default(''),
    /** A refund of a credit note: at most what it credited and the customer paid. */
    creditNoteId: z.string().max(40).default(''),
  })
  .strict()
  // A bank transfer goes to an IBAN; outside SEPA the bank's BIC is needed too.
  .refine((v) => v.method !== 'bankTransfer' || v.counterpartyIban !== '', { path: ['counterpartyIban'], message: 'validation.ibanRequired' })
  .refine((v) => v.method !== 'bankTransfer' || v.counterpartyIban === '' || ibanProblem(v.counterpartyIban) !== undefined || SEPA_COUNTRIES.has(v.counterpartyIban.slice(0, 2)) || v.counterpartyBic !== '', { path: ['counterpartyBic'], message: 'validation.bicRequired' })
  .refine((v) => v.purpose === 'refund' || (v.customerId === '' && v.creditNoteId === ''), { path: ['purpose'], message: 'validation.refundOnly' })
  .refine((v) => v.customerId === '' || v.creditNoteId === '', { path: ['creditNoteId'], message: 'validation.oneRefundSource' })
  // A refund pays back what the customer has to get: a credit or a credit note, never nothing.
  .refine((v) => v.purpose !== 'refund' || v.customerId !== '' || v.creditNoteId !== '', { path: ['customerId'], message: 'validation.refundSourceRequired' });
/** What a refund from a customer's credit or a credit note may be: payee, bank account, the most. */
export const RefundSourceInput = z
  .object({ customerId: z.string().max(40).default(''), creditNoteId: z.string().max(40).default('') })
  .strict()
  .refine((v) => (v.customerId === '') !== (v.creditNoteId === ''), { path: ['customerId'], message: 'validation.required' });
export type RefundSource = {
  customerId: string;
  creditNoteId: string;
  creditNoteNumber: string;
  payeeName: string;
  /** The customer's IBAN from their last payment, when there is one. */
  iban: string;
  currency: string;
  /** What may still be refunded, in cents. */
  available: number;
  reference: string;
};
export const PaymentRequestListInput = z.object({ status: z.enum(['', ...PAYMENT_REQUEST_STATUSES]).default('') }).strict();
export const ApproveRequestInput = z.object({ id: z.string().min(1).max(40), invoiceIds: z.array(z.string().min(1).max(40)).max(100).default([]) }).strict();
export const RejectRequestInput = z.object({ id: z.string().min(1).max(40), reason: z.string().trim().min(1, 'validation.reasonRequired').max(2000) }).strict();
export const ExecuteRequestInput = z
  .object({ id: z.string().min(1).max(40), executedOn: isoDate, failed: z.boolean().default(false), reason: optionalText(2000) })
  .strict()
  .refine((v) => !v.failed || v.reason !== '', { path: ['reason'], message: 'validation.reasonRequired' });

/** An invoice's payment state with the payments that settled it. */
export type InvoicePayments = {
  item: OpenItem;
  payments: { paymentId: string; allocationId: string; date: string; method: PaymentMethod; amount: number; skonto: number; writeOff: number }[];
};
