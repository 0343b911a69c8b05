import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import {
  ADDRESS,
  AUDIT_STAMPS,
  CURRENCY,
  DATE,
  DECIMAL,
  ID,
  LANGUAGE,
  MINOR_UNITS,
  OPTIONAL_ID,
  TEXT,
  VAT_CATEGORY,
} from './fields.js';

const customersLiteral = {
  title: 'customers',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    number: TEXT(30),
    name: TEXT(200),
    billingAddress: ADDRESS,
    shippingAddress: ADDRESS,
    vatId: TEXT(20),
    taxNumber: TEXT(30),
    invoiceEmails: { type: 'array', items: TEXT(200), maxItems: 10 },
    language: LANGUAGE,
    paymentTermsDays: { type: 'integer', minimum: 0, maximum: 365 },
    kind: { type: 'string', enum: ['business', 'consumer'] },
    vatTreatment: { type: 'string', enum: ['domestic', 'reverseCharge13b', 'intraEu', 'export', 'exempt'] },
    discountPercent: DECIMAL,
    creditLimit: MINOR_UNITS,
    accountManagerId: OPTIONAL_ID,
    buyerReference: TEXT(100),
    /** v2: a public authority (§ 4 E-Rechnungsverordnung): invoices need its Leitweg-ID as buyer reference. */
    publicBuyer: { type: 'boolean' },
    eInvoiceFormat: { type: 'string', enum: ['pdf', 'xrechnung-cii', 'xrechnung-ubl', 'zugferd'] },
    dunningStop: TEXT(300),
    /** v1: the reason printed on invoices when `vatTreatment` is `exempt` (e.g. § 4 Nr. 21 UStG). */
    exemptionReason: TEXT(300),
    /** v1: default early-payment discount. */
    skonto: {
      type: 'object',
      additionalProperties: false,
      properties: { percent: DECIMAL, days: { type: 'integer', minimum: 1, maximum: 365 } },
      required: ['percent', 'days'],
    },
    active: { type: 'boolean' },
    ...AUDIT_STAMPS,
  },
  required: ['id', 'number', 'name', 'billingAddress', 'language', 'paymentTermsDays', 'kind', 'createdAt', 'updatedAt'],
  indexes: ['number', 'name'],
} as const;

export const customersSchema = toTypedRxJsonSchema(customersLiteral);
export type CustomerDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof customersSchema>;
export const customersJsonSchema = customersLiteral as unknown as RxJsonSchema<CustomerDoc>;

const productsLiteral = {
  title: 'products',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    sku: TEXT(60),
    name: {
      type: 'object',
      additionalProperties: false,
      properties: { de: TEXT(300), en: TEXT(300) },
      required: ['de'],
    },
    /** UN/ECE Recommendation 20 unit code, as EN 16931 requires (C62 piece, HUR hour, KGM kilogram). */
    unit: { type: 'string', pattern: '^[A-Z0-9]{2,3}$' },
    netPrice: DECIMAL,
    currency: CURRENCY,
    vatCategory: VAT_CATEGORY,
    vatRate: DECIMAL,
    stockTracked: { type: 'boolean' },
    allowBackorder: { type: 'boolean' },
    active: { type: 'boolean' },
    ...AUDIT_STAMPS,
  },
  required: ['id', 'sku', 'name', 'unit', 'netPrice', 'currency', 'vatCategory', 'vatRate', 'stockTracked', 'createdAt', 'updatedAt'],
  indexes: ['sku'],
} as const;

export const productsSchema = toTypedRxJsonSchema(productsLiteral);
export type ProductDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof productsSchema>;
export const productsJsonSchema = productsLiteral as unknown as RxJsonSchema<ProductDoc>;

/** A document line as orders and invoices share it; amounts are exact decimals as strings. */
const LINE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    productId: OPTIONAL_ID,
    description: TEXT(2000),
    quantity: DECIMAL,
    unit: { type: 'string', pattern: '^[A-Z0-9]{2,3}$' },
    netUnitPrice: DECIMAL,
    priceBaseQuantity: DECIMAL,
    discountPercent: DECIMAL,
    discountAmount: DECIMAL,
    vatCategory: VAT_CATEGORY,
    vatRate: DECIMAL,
    exemptionReason: TEXT(300),
    /** v1: where an invoice line came from, so invoicing books the stock of that order line. */
    orderId: OPTIONAL_ID,
    orderLineId: OPTIONAL_ID,
  },
  required: ['id', 'description', 'quantity', 'unit', 'netUnitPrice', 'vatCategory', 'vatRate'],
} as const;

/** Document-level allowance (discount) or charge with its own VAT category (BG-20, BG-21). */
const ALLOWANCE_CHARGE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    isCharge: { type: 'boolean' },
    amount: DECIMAL,
    percent: DECIMAL,
    reason: TEXT(300),
    vatCategory: VAT_CATEGORY,
    vatRate: DECIMAL,
  },
  required: ['isCharge', 'vatCategory', 'vatRate'],
} as const;

const ordersLiteral = {
  title: 'orders',
  version: 4,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    number: TEXT(40),
    customerId: ID,
    status: {
      type: 'string',
      enum: ['draft', 'confirmed', 'partlyInvoiced', 'invoiced', 'cancelled'],
      maxLength: 20,
    },
    orderDate: DATE,
    currency: CURRENCY,
    lines: { type: 'array', items: LINE, maxItems: 5000 },
    allowancesCharges: { type: 'array', items: ALLOWANCE_CHARGE, maxItems: 50 },
    customerReference: TEXT(200),
    note: TEXT(5000),
    /** v2: everyone who saved the order; four eyes: none of them approves the invoice made from it. */
    editedBy: { type: 'array', items: OPTIONAL_ID, maxItems: 100 },
    /** v3: why it was cancelled, as the user gave it. */
    cancelReason: TEXT(500),
    ...AUDIT_STAMPS,
  },
  required: ['id', 'number', 'customerId', 'status', 'orderDate', 'currency', 'lines', 'createdAt', 'updatedAt'],
  indexes: ['status', 'customerId', 'orderDate', 'number'],
} as const;

export const ordersSchema = toTypedRxJsonSchema(ordersLiteral);
export type OrderDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof ordersSchema>;
export const ordersJsonSchema = ordersLiteral as unknown as RxJsonSchema<OrderDoc>;

/**
 * Invoices and credit notes (`documentType`). Drafts are edited; from `issued` on a document
 * never changes again: payments, reminders and cancellations are facts that refer to it.
 * `number` is empty until issuing assigns the next number of this device's series.
 */
const invoicesLiteral = {
  title: 'invoices',
  version: 4,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    documentType: { type: 'string', enum: ['invoice', 'creditNote'], maxLength: 12 },
    status: {
      type: 'string',
      enum: ['draft', 'submitted', 'approved', 'rejected', 'issued', 'sent'],
      maxLength: 12,
    },
    number: { type: 'string', maxLength: 40 },
    customerId: ID,
    /** v3: the customer's e-invoice format when the document was issued; its frozen files follow it, not later settings. */
    eInvoiceFormat: { type: 'string', enum: ['pdf', 'xrechnung-cii', 'xrechnung-ubl', 'zugferd'], maxLength: 16 },
    orderIds: { type: 'array', items: ID, maxItems: 100 },
    correctsInvoiceId: OPTIONAL_ID,
    issueDate: DATE,
    /** Always set; for drafts the due date their payment terms would give today. */
    dueDate: DATE,
    supplyDate: DATE,
    servicePeriod: {
      type: 'object',
      additionalProperties: false,
      properties: { from: DATE, to: DATE },
      required: ['from', 'to'],
    },
    currency: CURRENCY,
    language: LANGUAGE,
    lines: { type: 'array', items: LINE, maxItems: 5000 },
    allowancesCharges: { type: 'array', items: ALLOWANCE_CHARGE, maxItems: 50 },
    prepaid: MINOR_UNITS,
    /** The result of `computeInvoiceTotals`, frozen at issue. */
    totals: { type: 'object' },
    grossAmount: MINOR_UNITS,
    paymentTermsDays: { type: 'integer', minimum: 0, maximum: 365 },
    skonto: {
      type: 'object',
      additionalProperties: false,
      properties: { percent: DECIMAL, days: { type: 'integer', minimum: 1, maximum: 365 } },
      required: ['percent', 'days'],
    },
    seller: { type: 'object' },
    buyer: { type: 'object' },
    rejectionReason: TEXT(2000),
    /** v1: the VAT case of the whole document, which decides the legal note printed on it. */
    vatCase: { type: 'string', enum: ['domestic', 'reverseCharge13b', 'intraEu', 'export', 'exempt', 'smallBusiness'] },
    /** v1: free text printed on the document; for credit notes the reason of the correction. */
    note: TEXT(5000),
    /** v1, credit notes: whether the credited goods come back to stock when it is issued. */
    returnStock: { type: 'boolean' },
    /** v2: everyone who saved the draft, the creator too; four eyes: none of them approves it. */
    editedBy: { type: 'array', items: OPTIONAL_ID, maxItems: 100 },
    /** v2: everyone who submitted it for approval, the latest last; none of them approves it either. */
    submittedBy: { type: 'array', items: OPTIONAL_ID, maxItems: 100 },
    approvedBy: OPTIONAL_ID,
    approvedAt: { type: 'string', maxLength: 30 },
    /** v2: the seller data as the approver saw it; issuing voids the approval when it changed since. */
    approvedSeller: { type: 'object' },
    issuedBy: OPTIONAL_ID,
    issuedAt: { type: 'string', maxLength: 30 },
    documentFiles: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { kind: TEXT(30), file: TEXT(300), sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        required: ['kind', 'file', 'sha256'],
      },
    },
    ...AUDIT_STAMPS,
  },
  required: ['id', 'documentType', 'status', 'number', 'customerId', 'dueDate', 'currency', 'lines', 'grossAmount', 'createdAt', 'updatedAt'],
  indexes: ['status', 'customerId', 'dueDate', ['status', 'dueDate'], 'number', 'grossAmount'],
} as const;

export const invoicesSchema = toTypedRxJsonSchema(invoicesLiteral);
export type InvoiceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof invoicesSchema>;
export const invoicesJsonSchema = invoicesLiteral as unknown as RxJsonSchema<InvoiceDoc>;
