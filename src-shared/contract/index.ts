/**
 * The one contract between the screens and the main process: every handler's name, input
 * schema (zod), who may call it and its result type, and every event the main process pushes.
 * The dispatcher parses each input with the schema here before a handler sees it; the renderer
 * types its calls from it. Three transports carry it: Electron IPC, the WebSocket of the
 * browser harness, and in-memory dispatch in tests.
 */
import type { ShortcutAction } from '../keyboard/shortcuts.js';
import { z } from 'zod';
import type { AppErrorValue, Result } from './errors.js';
import {
  postalCodeFits,
  ApproveInput,
  ByIdInput,
  CreditNoteInput,
  CustomerInput,
  InvoiceDraftInput,
  ListInput,
  OrderCancelInput,
  OrderInput,
  OrdersImportInput,
  PriceListInput,
  ProductInput,
  RejectInput,
  StockReceiptInput,
} from './invoicing.js';
import {
  MailSettingsInput,
  MailTemplateInput,
  MailTemplateKey,
  OutboxListInput,
  type MailFile,
  type MailPreview,
  type MailSettingsView,
  type MailState,
  type MailTemplateView,
  type MailTestResult,
  type OutboxItem,
  type OutboxMessage,
} from './mail.js';
import {
  AllocateInput,
  OpenItemsInput,
  PaymentInput,
  PaymentListInput,
  StatementCommitInput,
  StatementPreviewInput,
  PaymentRequestInput,
  PaymentRequestListInput,
  ApproveRequestInput,
  RejectRequestInput,
  ExecuteRequestInput,
  RefundSourceInput,
  type RefundSource,
  type PaymentRequestView,
  type InvoicePayments,
  SaveCsvMappingInput,
  CsvHeaderInput,
  type CsvMappingView,
  type OpenItemsView,
  type PaymentView,
  type StatementImportResult,
  type StatementPreview,
} from './payments.js';
import {
  BaseRatesUpdateInput,
  CustomerRiskInput,
  DunningSettingsInput,
  InvoiceStopInput,
  MarkReadInput,
  ReminderHistoryInput,
  ReminderLetterInput,
  ReminderPreviewInput,
  ReminderRunInput,
  type BaseRatesView,
  type CustomerRiskView,
  type DunningSettingsView,
  type DunningStopView,
  type NotificationList,
  type ReminderLetterPreview,
  type ReminderRecordView,
  type ReminderRunPreview,
  type ReminderRunStarted,
} from './reminders.js';
import type { EInvoiceCheck } from './einvoice.js';
import type {
  ApprovalItem,
  AuditCheck,
  DocumentFile,
  DocumentInfo,
  CustomerView,
  ImportResult,
  InvoiceSummary,
  InvoiceView,
  JobStarted,
  OrderSummary,
  OrderView,
  Page,
  PriceListView,
  ProductView,
  SecretStorageStatus,
  StockLevel,
} from './views.js';
import {
  bic,
  countryCode,
  currencyCode,
  email,
  iban,
  language,
  optionalText,
  password,
  requiredText,
  vatId,
} from './fields.js';

export * from './errors.js';
export * from './views.js';
export { fieldErrorsOf } from './fields.js';
export * from './invoicing.js';
export * from './mail.js';
export * from './payments.js';
export * from './reminders.js';
export * from './einvoice.js';
export * from './sync.js';
export * from './reports.js';
import { ForecastReportInput, OpenItemsReportInput, OverdueReportInput, PaymentsReportInput, StatementReportInput, type CustomerStatement, type Dashboard, type ForecastReport, type OpenItemsReport, type OverdueReport, type PaymentsReport } from './reports.js';
export * from './report-table.js';
export * from './report-export.js';
import { ReportExportInput, StatementLetterInput } from './report-export.js';
export * from './reports-sales.js';
import { RevenueReportInput, UstvaReportInput, VatDocumentsInput, VatReportInput, ZmReportInput, type RevenueReport, type UstvaReport, type VatDocumentsReport, type VatReport, type ZmReport } from './reports-sales.js';
export * from './cashbook.js';
import { CashBookCreateInput, CashCloseInput, CashDayInput, CashMonthInput, CashPdfInput, CashRecordInput, CashReverseInput, type CashBookView, type CashDayView, type CashEntryView, type CashMonthView } from './cashbook.js';
export * from './datev.js';
import { DatevExportInput, DatevSettingsInput, TaxExportHistoryInput, type DatevExportResult, type DatevPreview, type DatevSettingsView, type TaxExportRecord } from './datev.js';
export * from './auditor.js';
import { AuditorExportInput, type AuditorExportResult } from './auditor.js';
import { ConflictListInput, CreateDatabasesInput, KeepOtherInput, SyncSettingsInput, SyncTestInput, type ConflictView, type SyncSettingsView, type SyncStatus, type SyncTestResult } from './sync.js';

export * from './accounts.js';
import { ROLES, UserInput, SetupAdminInput, LoginInput, UserUpdateInput, PasswordResetInput, PasswordChangeInput, CompanyProfileInput, LogoInput, type Role, type Access, type PublicUser, type LoginChoices, type LoginOptions, type SessionInfo, type AppStatus, type CompanyProfile } from './accounts.js';

/** Who keeps the books: creates and issues invoices. */
const BOOKS = ['admin', 'bookkeeper', 'supervisor'] as const satisfies readonly Role[];
/** Who records payments. */
const CASH = ['admin', 'bookkeeper', 'supervisor', 'cashier'] as const satisfies readonly Role[];
/** Who deals with customers and orders. */
const SALES = ['admin', 'bookkeeper', 'supervisor', 'accountManager'] as const satisfies readonly Role[];
type Handler<I extends z.ZodType, O> = { input: I; access: Access; output?: O };
function handler<O>() {
  return <I extends z.ZodType>(input: I, access: Access): Handler<I, O> => ({ input, access });
}
const noInput = z.object({}).strict();
const DOCUMENT_FORMAT = z.enum(['pdf', 'xrechnung-cii', 'xrechnung-ubl', 'factur-x']);
const ManyInput = z.object({ ids: z.array(z.string().min(1).max(40)).min(1, 'validation.required').max(10_000) }).strict();

export const CONTRACT = {
  'app.status': handler<AppStatus>()(noInput, 'public'),

  'auth.loginChoices': handler<LoginChoices>()(noInput, 'public'),
  'auth.setupAdmin': handler<SessionInfo>()(SetupAdminInput, 'public'),
  'auth.login': handler<SessionInfo>()(LoginInput, 'public'),
  'auth.resume': handler<SessionInfo>()(z.object({ token: z.string().min(20).max(200) }).strict(), 'public'),
  'auth.logout': handler<null>()(noInput, 'user'),
  'auth.whoami': handler<PublicUser | null>()(noInput, 'public'),
  'auth.setLanguage': handler<PublicUser>()(z.object({ language }).strict(), 'user'),

  'users.list': handler<PublicUser[]>()(noInput, 'user'),
  'users.create': handler<PublicUser>()(UserInput, ['admin']),
  'users.update': handler<PublicUser>()(UserUpdateInput, ['admin']),
  'users.resetPassword': handler<PublicUser>()(PasswordResetInput, ['admin']),
  'auth.changePassword': handler<PublicUser>()(PasswordChangeInput, 'user'),
  'users.loginOptions': handler<LoginOptions>()(noInput, ['admin']),
  'users.saveLoginOptions': handler<LoginOptions>()(z.object({ listUsers: z.boolean({ message: 'validation.required' }) }).strict(), ['admin']),

  'settings.getCompany': handler<CompanyProfile | null>()(noInput, 'user'),
  'settings.saveCompany': handler<CompanyProfile>()(CompanyProfileInput, ['admin', 'bookkeeper', 'supervisor']),
  'settings.setLogo': handler<{ logoFile: string }>()(LogoInput, ['admin', 'bookkeeper', 'supervisor']),
  'settings.getLogo': handler<{ dataUrl: string } | null>()(noInput, 'user'),
  /** The second person's answer to a proposed change of the bank details (the proposer may withdraw it). */
  'settings.confirmBankChange': handler<CompanyProfile>()(z.object({ id: z.string().min(1, 'validation.required').max(40) }).strict(), ['admin', 'supervisor']),
  'settings.rejectBankChange': handler<CompanyProfile>()(z.object({ id: z.string().min(1, 'validation.required').max(40) }).strict(), ['admin', 'supervisor']),
  'settings.secretStorage': handler<SecretStorageStatus>()(noInput, 'user'),

  'sync.getSettings': handler<SyncSettingsView>()(noInput, ['admin', 'supervisor']),
  'sync.saveSettings': handler<SyncSettingsView>()(SyncSettingsInput, ['admin', 'supervisor']),
  'sync.test': handler<SyncTestResult>()(SyncTestInput, ['admin', 'supervisor']),
  'sync.createDatabases': handler<SyncTestResult>()(CreateDatabasesInput, ['admin', 'supervisor']),
  'sync.status': handler<SyncStatus>()(noInput, 'user'),
  'sync.conflicts': handler<ConflictView[]>()(ConflictListInput, ['admin', 'supervisor']),
  'sync.keepOther': handler<ConflictView>()(KeepOtherInput, ['admin', 'supervisor']),

  'customers.list': handler<Page<CustomerView>>()(ListInput, 'user'),
  'customers.get': handler<CustomerView>()(ByIdInput, 'user'),
  'customers.save': handler<CustomerView>()(CustomerInput, SALES),

  'products.list': handler<Page<ProductView>>()(ListInput, 'user'),
  'products.get': handler<ProductView>()(ByIdInput, 'user'),
  'products.save': handler<ProductView>()(ProductInput, BOOKS),
  'products.receiveStock': handler<StockLevel>()(StockReceiptInput, BOOKS),
  'priceLists.list': handler<PriceListView[]>()(noInput, 'user'),
  'priceLists.save': handler<PriceListView>()(PriceListInput, BOOKS),

  'orders.list': handler<Page<OrderSummary>>()(ListInput, 'user'),
  'orders.get': handler<OrderView>()(ByIdInput, 'user'),
  'orders.save': handler<OrderView>()(OrderInput, SALES),
  'orders.confirm': handler<OrderView>()(ByIdInput, SALES),
  'orders.cancel': handler<OrderView>()(OrderCancelInput, SALES),
  'orders.importCsv': handler<ImportResult>()(OrdersImportInput, SALES),

  'invoices.list': handler<Page<InvoiceSummary>>()(ListInput, 'user'),
  'invoices.get': handler<InvoiceView>()(ByIdInput, 'user'),
  'invoices.saveDraft': handler<InvoiceView>()(InvoiceDraftInput, BOOKS),
  'invoices.createFromOrders': handler<InvoiceView>()(z.object({ orderIds: z.array(z.string().min(1)).min(1, 'validation.atLeastOneOrder').max(100) }).strict(), BOOKS),
  'invoices.submit': handler<InvoiceView>()(ByIdInput, BOOKS),
  'invoices.approve': handler<InvoiceView>()(ApproveInput, ['admin', 'supervisor']),
  'invoices.reject': handler<InvoiceView>()(RejectInput, ['admin', 'supervisor']),
  'invoices.issue': handler<InvoiceView>()(ByIdInput, BOOKS),
  /** Several documents in one step (one transaction per 250): "approve selected", "issue all approved". */
  'invoices.approveMany': handler<{ approved: number }>()(ManyInput, ['admin', 'supervisor']),
  'invoices.issueMany': handler<{ issued: number; numbers: string[] }>()(ManyInput, BOOKS),
  'invoices.createCreditNote': handler<InvoiceView>()(CreditNoteInput, BOOKS),
  'approval.queue': handler<ApprovalItem[]>()(noInput, BOOKS),

  'documents.list': handler<DocumentInfo[]>()(z.object({ invoiceId: z.string().min(1).max(40) }).strict(), 'user'),
  'documents.get': handler<DocumentFile>()(z.object({ invoiceId: z.string().min(1).max(40), format: DOCUMENT_FORMAT }).strict(), 'user'),
  'documents.einvoiceCheck': handler<EInvoiceCheck | null>()(z.object({ invoiceId: z.string().min(1).max(40) }).strict(), 'user'),
  'documents.print': handler<{ printed: boolean }>()(z.object({ invoiceId: z.string().min(1).max(40) }).strict(), 'user'),

  'mail.getSettings': handler<MailSettingsView>()(noInput, BOOKS),
  'mail.saveSettings': handler<MailSettingsView>()(MailSettingsInput, ['admin', 'bookkeeper', 'supervisor']),
  'mail.sendTest': handler<MailTestResult>()(z.object({ to: email.default('') }).strict(), BOOKS),
  'mail.state': handler<MailState>()(noInput, 'user'),
  'mail.outbox': handler<Page<OutboxItem>>()(OutboxListInput, 'user'),
  'mail.message': handler<OutboxMessage>()(ByIdInput, 'user'),
  'mail.retry': handler<OutboxItem>()(ByIdInput, SALES),
  'mail.sendAnyway': handler<OutboxItem>()(ByIdInput, SALES),
  'mail.cancel': handler<OutboxItem>()(ByIdInput, SALES),
  'mail.exportEml': handler<MailFile>()(ByIdInput, SALES),
  'mail.exportWaiting': handler<{ folder: string; count: number }>()(noInput, BOOKS),
  'mail.templates': handler<MailTemplateView[]>()(noInput, 'user'),
  'mail.saveTemplate': handler<MailTemplateView>()(MailTemplateInput, BOOKS),
  'mail.resetTemplate': handler<MailTemplateView>()(MailTemplateKey, BOOKS),
  'mail.sendInvoice': handler<OutboxItem>()(z.object({ invoiceId: z.string().min(1).max(40), confirmRepeat: z.boolean().default(false) }).strict(), SALES),
  'mail.forInvoice': handler<OutboxItem[]>()(z.object({ invoiceId: z.string().min(1).max(40) }).strict(), 'user'),
  'mail.preview': handler<MailPreview>()(MailTemplateInput.extend({ subject: z.string().max(500), html: z.string().max(100_000), text: z.string().max(100_000) }), 'user'),

  'payments.record': handler<PaymentView>()(PaymentInput, CASH),
  'payments.allocate': handler<PaymentView>()(AllocateInput, CASH),
  'payments.reverseAllocation': handler<PaymentView>()(ByIdInput, BOOKS),
  'payments.get': handler<PaymentView>()(ByIdInput, 'user'),
  'payments.list': handler<Page<PaymentView>>()(PaymentListInput, 'user'),
  'payments.openItems': handler<OpenItemsView>()(OpenItemsInput, 'user'),
  'payments.receipt': handler<DocumentFile>()(ByIdInput, 'user'),
  'payments.csvMappings': handler<{ name: string; mapping: CsvMappingView }[]>()(noInput, 'user'),
  'payments.saveCsvMapping': handler<{ name: string; mapping: CsvMappingView }>()(SaveCsvMappingInput, CASH),
  'payments.csvHeader': handler<{ columns: string[] }>()(CsvHeaderInput, 'user'),
  'payments.forInvoice': handler<InvoicePayments>()(z.object({ invoiceId: z.string().min(1).max(40) }).strict(), 'user'),
  'payments.previewStatement': handler<StatementPreview>()(StatementPreviewInput, CASH),
  'payments.importStatement': handler<StatementImportResult>()(StatementCommitInput, CASH),
  'paymentRequests.create': handler<PaymentRequestView>()(PaymentRequestInput, CASH),
  'paymentRequests.list': handler<PaymentRequestView[]>()(PaymentRequestListInput, 'user'),
  'paymentRequests.refundSource': handler<RefundSource>()(RefundSourceInput, CASH),
  'paymentRequests.approve': handler<PaymentRequestView>()(ApproveRequestInput, ['admin', 'supervisor']),
  'paymentRequests.reject': handler<PaymentRequestView>()(RejectRequestInput, ['admin', 'supervisor']),
  'paymentRequests.execute': handler<PaymentRequestView>()(ExecuteRequestInput, ['admin', 'supervisor', 'cashier']),

  'reminders.settings': handler<DunningSettingsView>()(z.object({ customerId: z.string().max(40).default('') }).strict(), 'user'),
  'reminders.saveSettings': handler<DunningSettingsView>()(DunningSettingsInput, BOOKS),
  'reminders.removeOverride': handler<DunningSettingsView>()(z.object({ customerId: z.string().min(1).max(40) }).strict(), BOOKS),
  'reminders.preview': handler<ReminderRunPreview>()(ReminderPreviewInput, 'user'),
  'reminders.letter': handler<ReminderLetterPreview>()(ReminderLetterInput, 'user'),
  'reminders.run': handler<ReminderRunStarted>()(ReminderRunInput, BOOKS),
  'reminders.history': handler<ReminderRecordView[]>()(ReminderHistoryInput, 'user'),
  'reminders.print': handler<DocumentFile>()(ByIdInput, 'user'),
  'reminders.stops': handler<DunningStopView[]>()(noInput, 'user'),
  'reminders.setInvoiceStop': handler<DunningStopView>()(InvoiceStopInput, SALES),
  'reminders.baseRates': handler<BaseRatesView>()(noInput, 'user'),
  'reminders.updateBaseRates': handler<BaseRatesView>()(BaseRatesUpdateInput, ['admin', 'supervisor']),
  'customers.risk': handler<CustomerRiskView>()(CustomerRiskInput, 'user'),
  'notifications.list': handler<NotificationList>()(noInput, 'user'),
  'notifications.markRead': handler<NotificationList>()(MarkReadInput, 'user'),

  'cashbook.list': handler<CashBookView[]>()(noInput, 'user'),
  'cashbook.create': handler<CashBookView>()(CashBookCreateInput, CASH),
  'cashbook.day': handler<CashDayView>()(CashDayInput, 'user'),
  'cashbook.month': handler<CashMonthView>()(CashMonthInput, 'user'),
  'cashbook.record': handler<CashEntryView>()(CashRecordInput, CASH),
  'cashbook.reverse': handler<CashEntryView>()(CashReverseInput, CASH),
  'cashbook.close': handler<CashDayView>()(CashCloseInput, CASH),
  'cashbook.pdf': handler<DocumentFile>()(CashPdfInput, 'user'),

  'jobs.invoiceConfirmedOrders': handler<JobStarted>()(noInput, BOOKS),
  'jobs.cancel': handler<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) }).strict(), 'user'),
  'audit.verify': handler<AuditCheck>()(noInput, ['admin', 'supervisor']),

  'reports.openItems': handler<OpenItemsReport>()(OpenItemsReportInput, 'user'),
  'reports.statement': handler<CustomerStatement>()(StatementReportInput, 'user'),
  'reports.payments': handler<PaymentsReport>()(PaymentsReportInput, 'user'),
  'reports.overdue': handler<OverdueReport>()(OverdueReportInput, 'user'),
  'reports.forecast': handler<ForecastReport>()(ForecastReportInput, 'user'),
  'reports.dashboard': handler<Dashboard>()(noInput, 'user'),
  'reports.export': handler<DocumentFile>()(ReportExportInput, 'user'),
  'reports.statementPdf': handler<DocumentFile>()(StatementLetterInput, 'user'),
  'reports.mailStatement': handler<OutboxItem>()(StatementLetterInput, SALES),
  'reports.revenue': handler<RevenueReport>()(RevenueReportInput, 'user'),
  'reports.vat': handler<VatReport>()(VatReportInput, 'user'),
  'reports.vatDocuments': handler<VatDocumentsReport>()(VatDocumentsInput, 'user'),
  'reports.ustva': handler<UstvaReport>()(UstvaReportInput, 'user'),
  'reports.zm': handler<ZmReport>()(ZmReportInput, 'user'),

  'exports.datevSettings': handler<DatevSettingsView>()(noInput, 'user'),
  'exports.saveDatevSettings': handler<DatevSettingsView>()(DatevSettingsInput, BOOKS),
  'exports.datevPreview': handler<DatevPreview>()(DatevExportInput, BOOKS),
  'exports.datev': handler<DatevExportResult>()(DatevExportInput, BOOKS),
  'exports.history': handler<TaxExportRecord[]>()(TaxExportHistoryInput, 'user'),
  'exports.auditor': handler<AuditorExportResult>()(AuditorExportInput, BOOKS),
} as const;

export type Contract = typeof CONTRACT;
export type HandlerName = keyof Contract;
export type InputOf<N extends HandlerName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends HandlerName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends HandlerName> = NonNullable<Contract[N]['output']> extends never
  ? null
  : Exclude<Contract[N]['output'], undefined>;

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, name);
}

/** Events the main process pushes to every connected screen. */
export type Events = {
  /** Records of a collection changed; screens showing them reload. */
  'data.changed': { collection: string; ids: string[] };
  /** Progress of a long job (batch invoicing, imports, PDF batches). */
  'job.progress': { jobId: string; label: string; done: number; total: number; state: 'running' | 'done' | 'cancelled' | 'failed' };
  /** Sync with the server: state, pending documents, first-sync progress, open conflicts. */
  'sync.status': SyncStatus;
  /** A shortcut chosen in the shell's menu; only the shell's own window receives it. */
  'app.shortcut': { action: ShortcutAction };
};
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['data.changed', 'job.progress', 'app.shortcut', 'sync.status'];

/** What every transport offers the renderer and the tests. */
export interface ApiClient {
  invoke<N extends HandlerName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export type { AppErrorValue };
