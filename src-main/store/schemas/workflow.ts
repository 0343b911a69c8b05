import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { AUDIT_STAMPS, CURRENCY, DATE, ID, MINOR_UNITS, OPTIONAL_ID, TEXT, TIMESTAMP } from './fields.js';

/**
 * Payment requests move through review (requested → approved | rejected → executed | failed).
 * Each step is taken by a different person one after another, and every step is also an
 * audit fact, so the rare concurrent edit is visible in the history.
 */
const paymentRequestsLiteral = {
  title: 'paymentRequests',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    status: { type: 'string', enum: ['requested', 'approved', 'rejected', 'executed', 'failed'], maxLength: 12 },
    direction: { type: 'string', enum: ['incoming', 'outgoing'] },
    amount: MINOR_UNITS,
    currency: CURRENCY,
    method: { type: 'string', enum: ['bankTransfer', 'sepaDirectDebit', 'card', 'cash', 'onlineProvider'] },
    /** v1: what an outgoing payment is for. */
    purpose: { type: 'string', enum: ['refund', 'payout', 'supplierPayment', 'customerPayment'] },
    counterpartyName: TEXT(200),
    counterpartyIban: TEXT(34),
    /** v2: the payee's BIC, the customer whose credit or the credit note a refund pays back. */
    counterpartyBic: TEXT(11),
    customerId: OPTIONAL_ID,
    creditNoteId: OPTIONAL_ID,
    reference: TEXT(1000),
    paymentId: OPTIONAL_ID,
    invoiceIds: { type: 'array', items: ID, maxItems: 100 },
    reviewerId: OPTIONAL_ID,
    decisionReason: TEXT(2000),
    executedOn: DATE,
    ...AUDIT_STAMPS,
  },
  required: ['id', 'status', 'direction', 'amount', 'currency', 'method', 'createdAt', 'updatedAt'],
  indexes: ['status'],
} as const;

export const paymentRequestsSchema = toTypedRxJsonSchema(paymentRequestsLiteral);
export type PaymentRequestDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof paymentRequestsSchema>;
export const paymentRequestsJsonSchema = paymentRequestsLiteral as unknown as RxJsonSchema<PaymentRequestDoc>;

/**
 * The mail outbox: each message is a document that moves queued → sending → sent | failed.
 * Only the device that queued a message sends it (`deviceId`), so its status has one writer.
 * `dedupeKey` makes enqueueing idempotent: the same event never queues a second message.
 */
const outboxLiteral = {
  title: 'outbox',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    /** v1: `exported` — saved as .eml for another mail program; sent only when a person asks. */
    status: { type: 'string', enum: ['queued', 'sending', 'sent', 'failed', 'cancelled', 'exported'], maxLength: 10 },
    deviceId: { type: 'string', maxLength: 40 },
    dedupeKey: { type: 'string', maxLength: 200 },
    messageId: TEXT(300),
    event: TEXT(60),
    to: { type: 'array', items: TEXT(300), maxItems: 50 },
    cc: { type: 'array', items: TEXT(300), maxItems: 50 },
    bcc: { type: 'array', items: TEXT(300), maxItems: 50 },
    subject: TEXT(1000),
    html: TEXT(1_000_000),
    text: TEXT(1_000_000),
    attachments: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { filename: TEXT(300), file: TEXT(500), contentType: TEXT(100), sha256: TEXT(64) },
        required: ['filename', 'file', 'contentType'],
      },
    },
    invoiceId: OPTIONAL_ID,
    customerId: OPTIONAL_ID,
    attempts: { type: 'integer', minimum: 0, maximum: 1000 },
    nextAttemptAt: { type: 'string', maxLength: 30 },
    lastErrorCode: TEXT(60),
    serverReply: TEXT(2000),
    sentAt: TIMESTAMP,
    /** v1: when and by whom the message was exported. */
    exportedAt: TIMESTAMP,
    exportedBy: OPTIONAL_ID,
    ...AUDIT_STAMPS,
  },
  required: ['id', 'status', 'deviceId', 'dedupeKey', 'messageId', 'event', 'to', 'subject', 'attempts', 'nextAttemptAt', 'createdAt', 'updatedAt'],
  indexes: ['dedupeKey', ['status', 'nextAttemptAt']],
} as const;

export const outboxSchema = toTypedRxJsonSchema(outboxLiteral);
export type OutboxDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof outboxSchema>;
export const outboxJsonSchema = outboxLiteral as unknown as RxJsonSchema<OutboxDoc>;
