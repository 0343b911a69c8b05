import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { CURRENCY, DATE, DECIMAL, ID, MINOR_UNITS, OPTIONAL_ID, TEXT, TIMESTAMP } from './fields.js';

/**
 * Append-only facts, one collection for many kinds: they are written once and never
 * changed, so two devices never conflict over them. Derived values (stock level, open amount,
 * customer balance, dunning level) are computed from them, never stored as counters.
 *
 * Common indexed fields: `kind`, `subjectId` (the invoice, customer, product … a fact is
 * about), `occurredAt`, and `deviceId` + `seq`, the device's own gapless sequence that the
 * audit hash chain follows. Each kind keeps its own fields in a sub-object of the same name.
 */
export const FACT_KINDS = [
  'stockMovement',
  'payment',
  'allocation',
  'reminder',
  'audit',
  'maintenanceRun',
  'reportEntry',
  'notification',
  'document',
  'dunningStop',
  'syncConflict',
  'conflictChoice',
  'numberVoided',
  'cashBook',
  'cashEntry',
  'cashClosing',
  'taxExport',
] as const;

const factsLiteral = {
  title: 'facts',
  version: 6,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    kind: { type: 'string', enum: FACT_KINDS, maxLength: 20 },
    subjectId: { type: 'string', maxLength: 40 },
    occurredAt: TIMESTAMP,
    deviceId: { type: 'string', maxLength: 40 },
    seq: { type: 'integer', minimum: 0, maximum: 1e12, multipleOf: 1 },
    userId: OPTIONAL_ID,
    stockMovement: {
      type: 'object',
      additionalProperties: false,
      properties: {
        productId: ID,
        /** Signed exact decimal: negative leaves stock, positive returns. */
        quantity: DECIMAL,
        reason: { type: 'string', enum: ['reservation', 'reservationRelease', 'delivery', 'return', 'correction', 'receipt'] },
        orderId: OPTIONAL_ID,
        invoiceId: OPTIONAL_ID,
      },
      required: ['productId', 'quantity', 'reason'],
    },
    payment: {
      type: 'object',
      additionalProperties: false,
      properties: {
        direction: { type: 'string', enum: ['incoming', 'outgoing'] },
        purpose: { type: 'string', enum: ['customerPayment', 'refund', 'payout', 'supplierPayment', 'fee', 'reversal'] },
        date: DATE,
        amount: MINOR_UNITS,
        currency: CURRENCY,
        method: { type: 'string', enum: ['bankTransfer', 'sepaDirectDebit', 'card', 'cash', 'onlineProvider'] },
        counterpartyName: TEXT(200),
        counterpartyIban: TEXT(34),
        reference: TEXT(1000),
        source: { type: 'string', enum: ['manual', 'bankFile', 'providerExport'] },
        externalId: TEXT(200),
        customerId: OPTIONAL_ID,
        /** v3: the bank's end-to-end id and reference of an imported entry, which a reversal of it names. */
        endToEndId: TEXT(500),
        bankReference: TEXT(500),
        /** v3: the payment a bank reversal (Storno) took back; a payment is reversed at most once. */
        reversesPaymentId: OPTIONAL_ID,
      },
      required: ['direction', 'date', 'amount', 'currency', 'method', 'source'],
    },
    allocation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        paymentId: ID,
        invoiceId: ID,
        amount: MINOR_UNITS,
        skontoAmount: MINOR_UNITS,
        writeOffAmount: MINOR_UNITS,
        /** A later allocation fact can reverse an earlier one; nothing is edited. */
        reversesId: OPTIONAL_ID,
      },
      required: ['paymentId', 'invoiceId', 'amount'],
    },
    reminder: {
      type: 'object',
      additionalProperties: false,
      properties: {
        invoiceId: ID,
        level: { type: 'integer', minimum: 0, maximum: 9 },
        runDate: DATE,
        fee: MINOR_UNITS,
        interest: MINOR_UNITS,
        deadline: DATE,
        outboxId: OPTIONAL_ID,
        /** v2: everything the letter prints, so it can be rendered again at any time, identically. */
        customerId: OPTIONAL_ID,
        /** The letter's number: the invoice number and the level, e.g. `RE-2026-A-000123-M1`. */
        number: TEXT(60),
        openAmount: MINOR_UNITS,
        currency: CURRENCY,
        /** Level fees of the earlier letters, still claimed. */
        earlierFees: MINOR_UNITS,
        /** The § 288 Abs. 5 BGB lump sum this letter claims: owed once per invoice, on every letter from its first. */
        flatFee: MINOR_UNITS,
        /** Annual interest rate in percent at the letter's date, e.g. "10.27". */
        interestRate: DECIMAL,
        interestFrom: DATE,
        language: { type: 'string', enum: ['de', 'en'] },
        /** Mailed to the customer's invoice addresses, or for printing (no address when written). */
        channel: { type: 'string', enum: ['mail', 'print'] },
        /** The letter's parties, text and interest periods as JSON, as printed that day. */
        snapshot: TEXT(20_000),
      },
      required: ['invoiceId', 'level', 'runDate'],
    },
    audit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        action: TEXT(80),
        entity: TEXT(40),
        entityId: TEXT(40),
        before: TEXT(20_000),
        after: TEXT(20_000),
        /** Hash of this device's previous audit entry; the chain makes later edits visible. */
        prevHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
      required: ['action', 'entity', 'entityId', 'prevHash', 'hash'],
    },
    maintenanceRun: {
      type: 'object',
      additionalProperties: false,
      properties: {
        task: TEXT(80),
        outcome: { type: 'string', enum: ['ok', 'warning', 'failed', 'rolledBack'] },
        detail: TEXT(20_000),
      },
      required: ['task', 'outcome'],
    },
    reportEntry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        report: TEXT(80),
        period: TEXT(20),
        key: TEXT(80),
        value: DECIMAL,
        note: TEXT(2000),
      },
      required: ['report', 'period', 'key', 'value'],
    },
    /** v1: a frozen document file of an issued invoice or credit note (PDF, XML). */
    document: {
      type: 'object',
      additionalProperties: false,
      properties: {
        invoiceId: ID,
        format: { type: 'string', enum: ['pdf', 'xrechnung-cii', 'xrechnung-ubl', 'factur-x'] },
        fileName: TEXT(200),
        file: TEXT(300),
        mimeType: TEXT(100),
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        bytes: { type: 'integer', minimum: 0, maximum: 1e10 },
      },
      required: ['invoiceId', 'format', 'fileName', 'file', 'mimeType', 'sha256', 'bytes'],
    },
    notification: {
      type: 'object',
      additionalProperties: false,
      properties: {
        recipientId: OPTIONAL_ID,
        topic: TEXT(80),
        message: TEXT(2000),
        invoiceId: OPTIONAL_ID,
        /** v2: `message` is an i18n key; its values as JSON, so each reader sees it in their language. */
        params: TEXT(4000),
      },
      required: ['topic', 'message'],
    },
    /**
     * v2: a dunning stop on an invoice (dispute, agreed payment plan) set or lifted; the latest
     * fact of an invoice says whether it stands. Customers carry their stop on the record.
     */
    dunningStop: {
      type: 'object',
      additionalProperties: false,
      properties: {
        invoiceId: ID,
        active: { type: 'boolean' },
        reason: TEXT(300),
      },
      required: ['invoiceId', 'active'],
    },
    /** v4: two devices changed one record differently; what was kept, what lost and by which rule. */
    syncConflict: {
      type: 'object',
      additionalProperties: false,
      properties: {
        collection: TEXT(40),
        documentId: ID,
        rule: { type: 'string', enum: ['laterChange', 'stateForward', 'immutable', 'deleted', 'refusedByServer', 'issuedTwice'] },
        fields: { type: 'array', items: TEXT(200), maxItems: 500 },
        /** Both versions as JSON, without the store's metadata; as large as the largest record (an invoice of 5,000 lines). */
        kept: TEXT(20_000_000),
        other: TEXT(20_000_000),
      },
      required: ['collection', 'documentId', 'rule', 'fields', 'kept', 'other'],
    },
    /** v4: a person chose the other version of a conflict (subjectId: the conflict). */
    conflictChoice: {
      type: 'object',
      additionalProperties: false,
      properties: {
        conflictId: ID,
        kept: { type: 'string', enum: ['other'] },
      },
      required: ['conflictId', 'kept'],
    },
    /** v4: a number of this device's series that no document carries, with the reason (GoBD). */
    numberVoided: {
      type: 'object',
      additionalProperties: false,
      properties: {
        number: TEXT(60),
        documentId: OPTIONAL_ID,
        reason: TEXT(500),
        /** The number the document carries instead, when another device's number was kept. */
        keptNumber: TEXT(60),
      },
      required: ['number', 'reason'],
    },
    /** v5: a cash book opened (subjectId: itself); it belongs to the device that wrote this fact. */
    cashBook: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: TEXT(80),
        location: TEXT(120),
        openingDate: DATE,
        openingBalance: MINOR_UNITS,
        currency: CURRENCY,
      },
      required: ['name', 'openingDate', 'openingBalance', 'currency'],
    },
    /** v5: one cash book entry (subjectId: the cash book); never edited, corrected by a reversal entry. */
    cashEntry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        /** Gap-free per cash book, assigned in the serialized write. */
        voucher: { type: 'integer', minimum: 1, maximum: 1e12, multipleOf: 1 },
        date: DATE,
        time: { type: 'string', maxLength: 5, pattern: '^\\d{2}:\\d{2}$' },
        type: { type: 'string', enum: ['opening', 'income', 'expense', 'privateDeposit', 'privateWithdrawal', 'transitIn', 'transitOut', 'difference'] },
        direction: { type: 'string', enum: ['in', 'out'] },
        /** Gross, 0 or more; the direction says its sign. */
        amount: MINOR_UNITS,
        vatRate: { type: 'integer', enum: [0, 7, 19] },
        vat: MINOR_UNITS,
        category: TEXT(80),
        text: TEXT(600),
        invoiceId: OPTIONAL_ID,
        /** The cash payment that settles `invoiceId`. */
        paymentId: OPTIONAL_ID,
        /** A reversal: the entry it reverses (at most once). */
        reversesId: OPTIONAL_ID,
        /** A difference entry: the closing that documents it. */
        closingId: OPTIONAL_ID,
      },
      required: ['voucher', 'date', 'time', 'type', 'direction', 'amount', 'vatRate', 'vat', 'category', 'text'],
    },
    /** v5: a day closed with the cash counted (Kassensturz); subjectId: the cash book. */
    cashClosing: {
      type: 'object',
      additionalProperties: false,
      properties: {
        date: DATE,
        expected: MINOR_UNITS,
        counted: MINOR_UNITS,
        difference: MINOR_UNITS,
        differenceEntryId: OPTIONAL_ID,
      },
      required: ['date', 'expected', 'counted', 'difference'],
    },
    /** v6: an export for the tax advisor or an auditor (subjectId: its type); who and when are the common fields. */
    taxExport: {
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: ['datev', 'auditor'] },
        from: DATE,
        to: DATE,
        festgeschrieben: { type: 'boolean' },
        files: {
          type: 'array',
          maxItems: 1000,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              fileName: TEXT(200),
              sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
              lines: { type: 'integer', minimum: 0, maximum: 1e12, multipleOf: 1 },
            },
            required: ['fileName', 'sha256', 'lines'],
          },
        },
        /** DATEV: the Debitor each customer of the batch was exported with; a customer keeps it in every later export. */
        debitors: {
          type: 'array',
          maxItems: 1_000_000,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { customerId: ID, account: { type: 'string', pattern: '^[0-9]{1,9}$', maxLength: 9 } },
            required: ['customerId', 'account'],
          },
        },
      },
      required: ['type', 'from', 'to', 'festgeschrieben', 'files'],
    },
  },
  required: ['id', 'kind', 'subjectId', 'occurredAt', 'deviceId', 'seq'],
  indexes: [['kind', 'occurredAt'], ['kind', 'subjectId'], ['deviceId', 'seq']],
} as const;

export const factsSchema = toTypedRxJsonSchema(factsLiteral);
export type FactDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof factsSchema>;
export type FactKind = (typeof FACT_KINDS)[number];
export const factsJsonSchema = factsLiteral as unknown as RxJsonSchema<FactDoc>;
