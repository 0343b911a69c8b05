import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { ADDRESS, AUDIT_STAMPS, COUNTER, CURRENCY, ID, LANGUAGE, OPTIONAL_ID, TEXT, TIMESTAMP } from './fields.js';

/**
 * Configuration documents, one collection: the company profile, this and other devices' number
 * series, mail templates and preferences. `kind` says which sub-object a document carries.
 * Number series are per device (`RE-2026-A-000123`), so only one device ever advances a series.
 */
/** A DATEV account number of the account map: digits only. */
const ACCOUNT = { type: 'string', maxLength: 9, pattern: '^[0-9]*$' } as const;

const settingsLiteral = {
  title: 'settings',
  version: 7,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    kind: { type: 'string', enum: ['company', 'numberSeries', 'mailTemplate', 'preference', 'priceList', 'mail', 'dunning', 'bankChange', 'datev'], maxLength: 20 },
    company: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: TEXT(200),
        address: ADDRESS,
        vatId: TEXT(20),
        taxNumber: TEXT(30),
        iban: TEXT(34),
        bic: TEXT(11),
        bankName: TEXT(100),
        email: TEXT(200),
        phone: TEXT(50),
        website: TEXT(200),
        register: TEXT(200),
        managingDirectors: TEXT(200),
        logoFile: TEXT(200),
        defaultPaymentTermsDays: { type: 'integer', minimum: 0, maximum: 365 },
        defaultCurrency: CURRENCY,
        defaultLanguage: LANGUAGE,
        smallBusiness: { type: 'boolean' },
        /** v6: Soll- or Istversteuerung; absent means `soll`. */
        taxation: { type: 'string', enum: ['soll', 'ist'] },
      },
      required: ['name'],
    },
    numberSeries: {
      type: 'object',
      additionalProperties: false,
      properties: {
        documentType: { type: 'string', enum: ['invoice', 'creditNote', 'order', 'customer'] },
        deviceId: TEXT(40),
        prefix: TEXT(20),
        seriesLetter: { type: 'string', pattern: '^[A-Z]{1,3}$' },
        year: { type: 'integer', minimum: 2000, maximum: 2200 },
        /** The last number issued; 0 before the first. Advanced only by `deviceId`. */
        lastNumber: COUNTER,
      },
      required: ['documentType', 'deviceId', 'prefix', 'seriesLetter', 'lastNumber'],
    },
    mailTemplate: {
      type: 'object',
      additionalProperties: false,
      properties: {
        event: TEXT(60),
        language: LANGUAGE,
        subject: TEXT(500),
        html: TEXT(100_000),
        text: TEXT(100_000),
      },
      required: ['event', 'language', 'subject', 'html', 'text'],
    },
    /** v1: promotional price list, valid from/to (inclusive), for all or some customers. */
    priceList: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: TEXT(200),
        validFrom: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        validTo: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        customerIds: { type: 'array', items: TEXT(40), maxItems: 1000 },
        prices: {
          type: 'array',
          maxItems: 10000,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { productId: TEXT(40), netPrice: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' } },
            required: ['productId', 'netPrice'],
          },
        },
      },
      required: ['name', 'validFrom', 'validTo', 'prices'],
    },
    /** v2: one device's SMTP account (`mail-<deviceId>`): the password is sealed by that device's key store. */
    mail: {
      type: 'object',
      additionalProperties: false,
      properties: {
        deviceId: TEXT(40),
        host: TEXT(200),
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        security: { type: 'string', enum: ['starttls', 'tls', 'none'] },
        user: TEXT(200),
        passwordSealed: TEXT(2000),
        fromName: TEXT(200),
        fromAddress: TEXT(200),
        replyTo: TEXT(200),
        bccSelf: { type: 'boolean' },
        accountManagerAddress: TEXT(200),
        customerServiceAddress: TEXT(200),
        dueSoonDays: { type: 'integer', minimum: 0, maximum: 60 },
        autoSendInvoices: { type: 'boolean' },
      },
      required: ['deviceId', 'host', 'port', 'security', 'fromAddress'],
    },
    /**
     * v3: dunning rules: the company's (`dunning`) and a customer's own (`dunning-<customerId>`),
     * which replaces the company's levels, fees and interest choice for that customer.
     */
    dunning: {
      type: 'object',
      additionalProperties: false,
      properties: {
        customerId: TEXT(40),
        levels: {
          type: 'array',
          maxItems: 4,
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              level: { type: 'integer', minimum: 0, maximum: 3 },
              enabled: { type: 'boolean' },
              days: { type: 'integer', minimum: 0, maximum: 365 },
              after: { type: 'string', enum: ['dueDate', 'previous'] },
              feeConsumer: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
              feeBusiness: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
              deadlineDays: { type: 'integer', minimum: 1, maximum: 90 },
              text: TEXT(2000),
            },
            required: ['level', 'enabled', 'days', 'after', 'feeConsumer', 'feeBusiness', 'deadlineDays'],
          },
        },
        chargeInterest: { type: 'boolean' },
        flatFeeBusiness: { type: 'boolean' },
        minimumOpen: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
        dueDateAgreed: { type: 'boolean' },
        autoRun: { type: 'string', enum: ['off', 'propose', 'send'] },
        runDeviceId: TEXT(40),
        blockOrdersAtFinalNotice: { type: 'boolean' },
      },
      required: ['customerId', 'levels', 'chargeInterest', 'flatFeeBusiness'],
    },
    /**
     * v4: a change of the company's bank details (`bank-change`), proposed by an admin and applied
     * only when a second person confirms it; kept after the decision.
     */
    bankChange: {
      type: 'object',
      additionalProperties: false,
      properties: {
        proposalId: TEXT(40),
        iban: TEXT(34),
        bic: TEXT(11),
        bankName: TEXT(100),
        status: { type: 'string', enum: ['pending', 'confirmed', 'rejected'] },
        proposedBy: TEXT(40),
        proposedAt: TIMESTAMP,
        decidedBy: TEXT(40),
        decidedAt: TIMESTAMP,
      },
      required: ['proposalId', 'iban', 'bic', 'bankName', 'status', 'proposedBy', 'proposedAt'],
    },
    /** v7: the DATEV export's numbers, chart and account map (`datev`); absent accounts take the chart's defaults. */
    datev: {
      type: 'object',
      additionalProperties: false,
      properties: {
        beraterNummer: TEXT(7),
        mandantNummer: TEXT(5),
        fiscalYearStartMonth: { type: 'integer', minimum: 1, maximum: 12 },
        accountLength: { type: 'integer', minimum: 4, maximum: 8 },
        chart: { type: 'string', enum: ['SKR03', 'SKR04'] },
        debitorStart: { type: 'integer', minimum: 1, maximum: 1e9, multipleOf: 1 },
        /** Account number by map entry (`revenue19` → `8400` …), digits only. */
        accounts: {
          type: 'object',
          additionalProperties: false,
          properties: { revenue19: ACCOUNT, revenue7: ACCOUNT, intraEu: ACCOUNT, export: ACCOUNT, reverseCharge13b: ACCOUNT, euServices: ACCOUNT, notTaxable: ACCOUNT, smallBusiness19: ACCOUNT, taxFreeOther: ACCOUNT, receivables: ACCOUNT, bank: ACCOUNT, cash: ACCOUNT, skonto19: ACCOUNT, skonto7: ACCOUNT, writeOff19: ACCOUNT, writeOff7: ACCOUNT, privateDeposit: ACCOUNT, privateWithdrawal: ACCOUNT, transit: ACCOUNT, cashIncome19: ACCOUNT, cashIncome7: ACCOUNT, cashIncome0: ACCOUNT, cashExpense19: ACCOUNT, cashExpense7: ACCOUNT, cashExpense0: ACCOUNT, cashDifference: ACCOUNT },
        },
      },
      required: ['beraterNummer', 'mandantNummer', 'fiscalYearStartMonth', 'accountLength', 'chart', 'debitorStart', 'accounts'],
    },
    preference: {
      type: 'object',
      additionalProperties: false,
      properties: { key: TEXT(100), value: TEXT(10_000) },
      required: ['key', 'value'],
    },
    ...AUDIT_STAMPS,
  },
  required: ['id', 'kind', 'createdAt', 'updatedAt'],
  indexes: ['kind'],
} as const;

export const settingsSchema = toTypedRxJsonSchema(settingsLiteral);
export type SettingsDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof settingsSchema>;
export const settingsJsonSchema: RxJsonSchema<SettingsDoc> = settingsLiteral as unknown as RxJsonSchema<SettingsDoc>;

const usersLiteral = {
  title: 'users',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: ID,
    name: TEXT(200),
    email: TEXT(200),
    role: { type: 'string', enum: ['admin', 'bookkeeper', 'supervisor', 'cashier', 'accountManager'], maxLength: 20 },
    /** `scrypt$N$r$p$salt$hash`, never the password itself. */
    passwordHash: TEXT(300),
    active: { type: 'boolean' },
    language: LANGUAGE,
    /** v1: set when an administrator set the password; the user chooses a new one at the next login. */
    mustChangePassword: { type: 'boolean' },
    /** v1: who chose the current password (the user themself, or the administrator who set it). */
    passwordSetBy: OPTIONAL_ID,
    ...AUDIT_STAMPS,
  },
  required: ['id', 'name', 'role', 'passwordHash', 'active', 'createdAt', 'updatedAt'],
  indexes: ['role'],
} as const;

export const usersSchema = toTypedRxJsonSchema(usersLiteral);
export type UserDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof usersSchema>;
export const usersJsonSchema: RxJsonSchema<UserDoc> = usersLiteral as unknown as RxJsonSchema<UserDoc>;
