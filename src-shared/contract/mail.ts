/**
 * Mail: SMTP settings, the outbox, and the message templates with their placeholders.
 * The SMTP password goes in (sealed in main at once) but never comes back out.
 */
import { z } from 'zod';
import { email, language, optionalText, requiredText } from './fields.js';

/** Events that queue a message; each has a template per language. */
export const MAIL_EVENTS = [
  'invoiceIssued',
  'creditNoteIssued',
  'orderConfirmed',
  'paymentReceived',
  'paymentDueSoon',
  'customerDataChanged',
  /** Reminder levels: friendly reminder, 1st and 2nd dunning letter, final notice. */
  'reminder0',
  'reminder1',
  'reminder2',
  'reminder3',
  /** Internal: which reminders a run sent, to the account manager and customer service. */
  'overdueNotice',
  /** The customer's account statement (Kontoauszug) over a period, the letter attached. */
  'statement',
] as const;
export type MailEvent = (typeof MAIL_EVENTS)[number];

/**
 * The placeholders a template may use: `{{name}}` (HTML-escaped in the HTML part), and sections
 * `{{#payLink}}…{{/payLink}}` / `{{^payLink}}…{{/payLink}}` for what is there or not.
 */
export const MAIL_PLACEHOLDERS = [
  'customerName',
  'customerNumber',
  'invoiceNumber',
  'invoiceDate',
  'creditNoteNumber',
  'creditNoteDate',
  'creditAmount',
  'amountDue',
  'dueDate',
  'daysOverdue',
  'daysUntilDue',
  'orderNumber',
  'orderDate',
  'amountPaid',
  'paymentDate',
  'payLink',
  'bankDetails',
  'changes',
  'reminderNumber',
  'fees',
  'flatFee',
  'interest',
  'totalDue',
  'payBy',
  'reminderCount',
  'reminderList',
  'companyName',
  'companySignature',
  'periodFrom',
  'periodTo',
  'closingBalance',
] as const;
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number];

/** `exported`: saved as .eml to be sent from another mail program; sent from here only when asked. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'exported'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;

export type MailSettingsView = {
  host: string;
  port: number;
  security: (typeof SMTP_SECURITY)[number];
  user: string;
  /** A password is stored (sealed); the password itself never leaves main. */
  passwordSet: boolean;
  fromName: string;
  fromAddress: string;
  replyTo: string;
  bccSelf: boolean;
  accountManagerAddress: string;
  customerServiceAddress: string;
  /** Days before the due date for the "payment due soon" message; 0 sends none. */
  dueSoonDays: number;
  /** Mail each invoice to the customer's invoice addresses when it is issued. */
  autoSendInvoices: boolean;
  /** Host and sender are set: the scheduler sends. Without, messages wait in the outbox. */
  configured: boolean;
  updatedAt: string | null;
};

const port = z.coerce.number({ message: 'validation.number' }).int('validation.wholeNumber').min(1, 'validation.port').max(65535, 'validation.port');

export const MailSettingsInput = z
  .object({
    host: optionalText(200).refine((v) => v === '' || /^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/.test(v), 'validation.host'),
    port: port.default(587),
    security: z.enum(SMTP_SECURITY, { message: 'validation.smtpSecurity' }).default('starttls'),
    user: optionalText(200),
    /** A new password; absent keeps the stored one. */
    password: z.string().max(500).optional(),
    clearPassword: z.boolean().default(false),
    fromName: optionalText(200),
    fromAddress: email.default(''),
    replyTo: email.default(''),
    bccSelf: z.boolean().default(false),
    accountManagerAddress: email.default(''),
    customerServiceAddress: email.default(''),
    dueSoonDays: z.coerce.number({ message: 'validation.number' }).int('validation.wholeNumber').min(0).max(60, 'validation.dueSoonDays').default(0),
    autoSendInvoices: z.boolean().default(true),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.host && !s.fromAddress) ctx.addIssue({ code: 'custom', path: ['fromAddress'], message: 'validation.senderRequired' });
    // Without encryption the password would cross the network in clear: only for this machine.
    if (s.security === 'none' && s.host && !/^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i.test(s.host)) ctx.addIssue({ code: 'custom', path: ['security'], message: 'validation.noneLocalOnly' });
  });

export type OutboxItem = {
  id: string;
  status: OutboxStatus;
  event: string;
  to: string[];
  cc: string[];
  subject: string;
  messageId: string;
  attempts: number;
  nextAttemptAt: string;
  lastErrorCode: string;
  serverReply: string;
  sentAt: string | null;
  /** When and by whom the message was exported as .eml. */
  exportedAt: string | null;
  exportedBy: string;
  exportedByName: string;
  createdAt: string;
  invoiceId: string;
  customerId: string;
  attachments: { filename: string; contentType: string }[];
};

export type OutboxMessage = OutboxItem & { bcc: string[]; html: string; text: string };

export const OutboxListInput = z
  .object({
    status: z.enum(['', ...OUTBOX_STATUSES]).default(''),
    page: z.number().int().min(0).max(100_000).default(0),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export type MailTemplateView = { event: MailEvent; language: 'de' | 'en'; subject: string; html: string; text: string; custom: boolean };

export const MailTemplateInput = z
  .object({
    event: z.enum(MAIL_EVENTS),
    language,
    subject: requiredText(500),
    html: requiredText(100_000),
    text: requiredText(100_000),
  })
  .strict();

export const MailTemplateKey = z.object({ event: z.enum(MAIL_EVENTS), language }).strict();

export type MailPreview = { subject: string; html: string; text: string };
export type MailTestResult = { ok: boolean; code: string; reply: string };

export type MailFile = { fileName: string; mimeType: string; bytes: number; dataBase64: string };
export type MailState = {
  configured: boolean;
  /** The server refused the login: nothing is sent until the settings change or a message is retried. */
  paused: { code: string; reply: string } | null;
  lastError: string;
  counts: Record<OutboxStatus, number>;
};
