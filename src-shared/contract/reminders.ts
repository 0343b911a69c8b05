/**
 * Reminders and dunning: the rules (company-wide and per customer), the proposed run with a
 * preview of each letter and mail, running it, dunning stops, customer credit risk, the in-app
 * notifications and the base-rate table for default interest.
 */
import { z } from 'zod';
import type { BaseRateTable, InterestPeriod } from '../dunning/interest.js';
import type { DunningLevelRule } from '../dunning/levels.js';
import type { RiskClass, RiskReason } from '../dunning/risk.js';
import { amountText, feeText } from './bounds.js';
import { optionalText, requiredText } from './fields.js';
import { isoDate } from './invoicing.js';
import type { MailPreview } from './mail.js';

/** The smallest open amount worth a reminder: at most 99,999,999.99. */
const money = amountText;
const wholeDays = (min: number, max: number) =>
  z.coerce.number({ message: 'validation.number' }).int('validation.wholeNumber').min(min, 'validation.outOfRange').max(max, 'validation.outOfRange');
const entityId = z.string().min(1, 'validation.required').max(40);

export const DunningLevelInput = z
  .object({
    level: z.number().int().min(0).max(3),
    enabled: z.boolean(),
    days: wholeDays(0, 365),
    after: z.enum(['dueDate', 'previous'], { message: 'validation.dunningAfter' }),
    feeConsumer: feeText,
    feeBusiness: feeText,
    deadlineDays: wholeDays(1, 90),
    text: optionalText(2000),
  })
  .strict();

export const DUNNING_AUTO_RUN = ['off', 'propose', 'send'] as const;
export type DunningAutoRun = (typeof DUNNING_AUTO_RUN)[number];

export const DunningSettingsInput = z
  .object({
    /** Empty: the company's rules; otherwise this customer's own. */
    customerId: z.string().max(40).default(''),
    levels: z.array(DunningLevelInput).length(4, 'validation.dunningLevels'),
    chargeInterest: z.boolean(),
    flatFeeBusiness: z.boolean(),
    minimumOpen: money.default('0'),
    /** Payment dates are agreed in the contracts: the due date alone puts in default (§ 286 Abs. 2 Nr. 1 BGB). */
    dueDateAgreed: z.boolean().default(false),
    autoRun: z.enum(DUNNING_AUTO_RUN).default('propose'),
    blockOrdersAtFinalNotice: z.boolean().default(true),
  })
  .strict();

/** A level as the rules hold it (amounts in cents). */
export type DunningLevelView = DunningLevelRule;

export type BaseRatesView = Pick<BaseRateTable, 'source' | 'validThrough' | 'updatedAt'> & { rates: { from: string; rate: string }[]; current: { from: string; rate: string } | null };

export type DunningSettingsView = {
  customerId: string;
  /** For a customer: whether they have their own rules (else the company's are shown). */
  overridden: boolean;
  levels: DunningLevelView[];
  chargeInterest: boolean;
  flatFeeBusiness: boolean;
  minimumOpen: number;
  dueDateAgreed: boolean;
  autoRun: DunningAutoRun;
  /** The automatic run happens on one device only, so two devices never both send. */
  runsOnThisDevice: boolean;
  blockOrdersAtFinalNotice: boolean;
  updatedAt: string | null;
};

export const ReminderPreviewInput = z.object({ date: isoDate.optional() }).strict();

export type ReminderProposal = {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  customerKind: 'business' | 'consumer';
  language: 'de' | 'en';
  level: number;
  /** The day the level fell due. */
  dueOn: string;
  dueDate: string;
  daysOverdue: number;
  currency: string;
  openAmount: number;
  fee: number;
  earlierFees: number;
  flatFee: number;
  interest: number;
  interestRate: string;
  interestFrom: string;
  interestPeriods: InterestPeriod[];
  /** The base rate of part of the period is not in the table yet: the last known one was used. */
  rateAssumed: boolean;
  total: number;
  deadline: string;
  /** The customer's invoice addresses; empty: the letter is for printing. */
  to: string[];
};

export const SKIP_REASONS = ['invoiceStop', 'customerStop', 'belowMinimum'] as const;
export type ReminderSkip = { invoiceId: string; invoiceNumber: string; customerName: string; level: number; openAmount: number; currency: string; reason: (typeof SKIP_REASONS)[number]; detail: string };

export type ReminderRunPreview = { date: string; proposals: ReminderProposal[]; skipped: ReminderSkip[]; baseRatesValidThrough: string };

export const ReminderLetterInput = z.object({ invoiceId: entityId }).strict();
export type ReminderLetterPreview = { fileName: string; dataBase64: string; mail: MailPreview & { to: string[] } };

export const ReminderRunInput = z
  .object({
    /** The invoices to send for; empty sends every proposal of today. */
    invoiceIds: z.array(entityId).max(100_000).default([]),
  })
  .strict();
export type ReminderRunStarted = { jobId: string; total: number };

export const ReminderHistoryInput = z.object({ invoiceId: z.string().max(40).default(''), customerId: z.string().max(40).default('') }).strict();
export type ReminderRecordView = {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  number: string;
  level: number;
  runDate: string;
  deadline: string;
  currency: string;
  openAmount: number;
  fee: number;
  earlierFees: number;
  flatFee: number;
  interest: number;
  total: number;
  /** Mailed or for printing, as written. */
  channel: 'mail' | 'print';
  /** The mail's state in the outbox; empty while not queued (or for printing). */
  mailStatus: string;
};

export const InvoiceStopInput = z
  .object({
    invoiceId: entityId,
    active: z.boolean(),
    reason: optionalText(300),
  })
  .strict()
  .refine((v) => !v.active || v.reason.length > 0, { path: ['reason'], message: 'validation.required' });

export type DunningStopView = { invoiceId: string; active: boolean; reason: string; since: string; by: string };

export const CustomerRiskInput = z.object({ customerId: entityId }).strict();
export type CustomerRiskView = {
  customerId: string;
  currency: string;
  creditLimit: number;
  exposure: number;
  openAmount: number;
  approvedNotIssued: number;
  overdueAmount: number;
  oldestOverdueDays: number;
  averageDaysLate: number | null;
  paidInvoices: number;
  highestLevel: number;
  riskClass: RiskClass;
  reasons: RiskReason[];
  /** New orders are refused: an open invoice reached the final notice. */
  blocked: boolean;
  dunningStop: string;
};

export type NotificationView = { id: string; topic: string; key: string; values: Record<string, string | number>; invoiceId: string; occurredAt: string; read: boolean };
export type NotificationList = { items: NotificationView[]; unread: number };
export const MarkReadInput = z.object({ ids: z.array(entityId).max(1000).default([]), all: z.boolean().default(false) }).strict();

export const BaseRatesUpdateInput = z
  .object({
    /** The table as CSV (`date;rate` lines, e.g. the Bundesbank's series export) or as JSON. */
    content: requiredText(200_000),
  })
  .strict();
