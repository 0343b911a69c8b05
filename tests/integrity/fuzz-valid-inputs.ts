/**
 * One valid input per handler of the contract, on the books the fuzzer set up: the start from
 * which the fuzzer changes one thing at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerName } from '../../src-shared/contract/index.js';
import { COMPANY, PASSWORD } from '../support/services.js';

/** The records the fuzzer's books were set up with (as the contract answered), by name. */
type SeededRecord =
  | 'spare'
  | 'customer'
  | 'customerInput'
  | 'flour'
  | 'productInput'
  | 'line'
  | 'orderInput'
  | 'openOrder'
  | 'confirmed'
  | 'draftInput'
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'issued'
  | 'allocated'
  | 'credit'
  | 'request'
  | 'toExecute'
  | 'pending'
  | 'message'
  | 'record'
  | 'notifications'
  | 'cashBook'
  | 'cashEntry';
export type SeededBooks = Record<SeededRecord, any> & { spareToken: string; smtpPort: number; levels: unknown[] };

/** A 1×1 PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function validInputs(s: SeededBooks): Record<HandlerName, unknown> {
  const statement = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/statements/bank-sparkasse.csv')).toString('base64');
  const camt = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/statements/camt053-two-statements.xml')).toString('base64');
  const csvMapping = { delimiter: ';', decimal: ',', dateFormat: 'dd.MM.yyyy', currency: 'EUR', columns: { date: 'Buchungstag', amount: 'Betrag', name: 'Auftraggeber/Empfänger', iban: 'IBAN', remittance: 'Verwendungszweck' } };
  const mailTemplate = { event: 'invoiceIssued', language: 'de', subject: 'Rechnung {{invoiceNumber}}', html: '<p>{{customerName}}</p>', text: '{{customerName}}' };
  const orderCsv = ['Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Einzelpreis;Notiz', `W-1001;${s.customer.number};20.11.2026;MEHL-25;4;;Lieferung bis Freitag`].join('\n');

  return {
    'app.status': {},
    'auth.loginChoices': {},
    'auth.setupAdmin': { name: 'Zweite Admin', email: 'zweite@example.org', password: PASSWORD, language: 'de', setupToken: 'a'.repeat(43) },
    'auth.login': { userId: s.spare.id, password: PASSWORD },
    'auth.resume': { token: s.spareToken },
    'auth.logout': {},
    'auth.whoami': {},
    'auth.setLanguage': { language: 'en' },
    'users.list': {},
    'users.create': { name: 'Neue Kassiererin', email: 'neu@example.org', role: 'cashier', password: PASSWORD, language: 'de' },
    'users.update': { id: s.spare.id, name: 'Spare User', email: 'spare@example.org', role: 'cashier', active: true, language: 'de' },
    'users.resetPassword': { id: s.spare.id, password: PASSWORD },
    // A wrong current password: the fuzzer's team keeps the passwords it logs in with.
    'auth.changePassword': { currentPassword: 'Falsches-Passwort-0', newPassword: 'Neues-Passwort-0' },
    'users.loginOptions': {},
    'users.saveLoginOptions': { listUsers: false },
    'settings.getCompany': {},
    'settings.saveCompany': COMPANY,
    'settings.setLogo': { fileName: 'logo.png', mimeType: 'image/png', dataBase64: PIXEL_PNG },
    'settings.getLogo': {},
    'settings.confirmBankChange': { id: s.pending.id },
    'settings.rejectBankChange': { id: s.pending.id },
    'settings.secretStorage': {},
    'customers.list': { search: 'Schmidt', status: '', customerId: '', documentType: '', page: 0, pageSize: 50 },
    'customers.get': { id: s.customer.id },
    'customers.save': { ...s.customerInput, id: s.customer.id, skontoPercent: '2', skontoDays: 10, discountPercent: '0', language: 'de', vatTreatment: 'domestic' },
    'products.list': { search: 'Mehl', page: 0, pageSize: 20 },
    'products.get': { id: s.flour.id },
    'products.save': { ...s.productInput, id: s.flour.id },
    'products.receiveStock': { productId: s.flour.id, quantity: '5', note: 'Lieferung' },
    'priceLists.list': {},
    'priceLists.save': { name: 'Herbstaktion', validFrom: '2026-11-01', validTo: '2026-11-30', customerIds: [s.customer.id], prices: [{ productId: s.flour.id, netPrice: '16.50' }] },
    'orders.list': { status: '', page: 0, pageSize: 50 },
    'orders.get': { id: s.openOrder.id },
    'orders.save': { ...s.orderInput, id: s.openOrder.id, customerReference: 'PO-1', note: 'Bitte klingeln', allowancesCharges: [{ isCharge: true, amount: '5.00', reason: 'Fracht', vatCategory: 'S', vatRate: '19' }] },
    'orders.confirm': { id: s.openOrder.id },
    'orders.cancel': { id: s.openOrder.id, reason: 'Kunde hat storniert' },
    'orders.importCsv': { fileName: 'webshop.csv', dataBase64: b64(orderCsv) },
    'invoices.list': { status: 'issued', documentType: 'invoice', page: 0, pageSize: 50 },
    'invoices.get': { id: s.issued.id },
    'invoices.saveDraft': {
      ...s.draftInput,
      id: s.draft.id,
      supplyDate: '2026-08-31',
      paymentTermsDays: 14,
      skontoPercent: '2',
      skontoDays: 7,
      note: 'Danke',
      lines: [{ ...s.line, unit: 'C62', netUnitPrice: '18.90', discountPercent: '5', vatCategory: 'S', vatRate: '7' }],
      allowancesCharges: [{ isCharge: false, percent: '3', reason: 'Treue', vatCategory: 'S', vatRate: '7' }],
    },
    'invoices.createFromOrders': { orderIds: [s.confirmed.id] },
    'invoices.submit': { id: s.draft.id },
    'invoices.approve': { id: s.submitted.id, acknowledgedRisks: [] },
    'invoices.reject': { id: s.submitted.id, reason: 'Preis prüfen' },
    'invoices.issue': { id: s.approved.id },
    'invoices.approveMany': { ids: [s.submitted.id] },
    'invoices.issueMany': { ids: [s.approved.id] },
    'invoices.createCreditNote': { invoiceId: s.issued.id, reason: 'Retoure', lines: [{ lineId: s.issued.lines[0].id, quantity: '1' }], returnStock: true },
    'approval.queue': {},
    'documents.list': { invoiceId: s.issued.id },
    'documents.get': { invoiceId: s.issued.id, format: 'xrechnung-cii' },
    'documents.print': { invoiceId: s.issued.id },
    'documents.einvoiceCheck': { invoiceId: s.issued.id },
    'mail.getSettings': {},
    'mail.saveSettings': { host: '127.0.0.1', port: s.smtpPort, security: 'none', user: '', clearPassword: false, fromName: 'Muster', fromAddress: 'rechnung@muster.example', replyTo: '', bccSelf: false, dueSoonDays: 3, autoSendInvoices: true },
    'mail.sendTest': { to: 'anna@muster.example' },
    'mail.state': {},
    'mail.outbox': { status: 'queued', page: 0, pageSize: 50 },
    'mail.message': { id: s.message.id },
    'mail.retry': { id: s.message.id },
    'mail.sendAnyway': { id: s.message.id },
    'mail.cancel': { id: s.message.id },
    'mail.exportEml': { id: s.message.id },
    'mail.exportWaiting': {},
    'mail.templates': {},
    'mail.saveTemplate': mailTemplate,
    'mail.resetTemplate': { event: 'invoiceIssued', language: 'de' },
    'mail.sendInvoice': { invoiceId: s.issued.id },
    'mail.forInvoice': { invoiceId: s.issued.id },
    'mail.preview': mailTemplate,
    'payments.record': { direction: 'incoming', purpose: 'customerPayment', date: '2026-11-20', amount: '1.00', currency: 'EUR', method: 'bankTransfer', counterpartyName: 'Bäckerei Schmidt', counterpartyIban: 'DE89370400440532013000', reference: s.issued.number, customerId: s.customer.id, allocations: [{ invoiceId: s.issued.id, amount: '1.00', skonto: '0', writeOff: '0' }] },
    'payments.allocate': { paymentId: s.credit.id, allocations: [{ invoiceId: s.issued.id, amount: '1.00' }] },
    'payments.reverseAllocation': { id: s.allocated.allocations[0].id },
    'payments.get': { id: s.allocated.id },
    'payments.list': { customerId: s.customer.id, direction: 'incoming', page: 0, pageSize: 50 },
    'payments.openItems': { customerId: s.customer.id, asOf: '2026-11-27' },
    'payments.receipt': { id: s.allocated.id },
    'payments.csvMappings': {},
    'payments.saveCsvMapping': { name: 'Volksbank', mapping: csvMapping },
    'payments.csvHeader': { dataBase64: statement, delimiter: ';' },
    'payments.forInvoice': { invoiceId: s.issued.id },
    'payments.previewStatement': { fileName: 'umsaetze.csv', dataBase64: statement, format: 'csv', csv: csvMapping },
    'payments.importStatement': { fileName: 'auszug.xml', dataBase64: camt, format: 'camt.053', autoAllocate: true, choices: [{ index: 0, invoiceIds: [s.issued.id] }] },
    'paymentRequests.create': { purpose: 'refund', amount: '1.00', currency: 'EUR', method: 'bankTransfer', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE44 5001 0517 5407 3249 31', reference: 'Erstattung', reviewerId: '', customerId: s.customer.id, creditNoteId: '' },
    'paymentRequests.list': { status: 'requested' },
    'paymentRequests.refundSource': { customerId: s.customer.id, creditNoteId: '' },
    'paymentRequests.approve': { id: s.request.id, invoiceIds: [] },
    'paymentRequests.reject': { id: s.request.id, reason: 'Doppelt' },
    'paymentRequests.execute': { id: s.toExecute.id, executedOn: '2026-11-27', failed: false, reason: '' },
    'reminders.settings': { customerId: s.customer.id },
    'reminders.saveSettings': { customerId: s.customer.id, levels: s.levels, chargeInterest: true, flatFeeBusiness: false, minimumOpen: '5.00', dueDateAgreed: false, autoRun: 'propose', blockOrdersAtFinalNotice: true },
    'reminders.removeOverride': { customerId: s.customer.id },
    'reminders.preview': { date: '2026-11-27' },
    'reminders.letter': { invoiceId: s.issued.id },
    'reminders.run': { invoiceIds: [s.issued.id] },
    'reminders.history': { invoiceId: s.issued.id, customerId: s.customer.id },
    'reminders.print': { id: s.record.id },
    'reminders.stops': {},
    'reminders.setInvoiceStop': { invoiceId: s.issued.id, active: true, reason: 'Reklamation' },
    'reminders.baseRates': {},
    'reminders.updateBaseRates': { content: ['"Basiszinssatz gemäß § 247 BGB";', '2026-01;1,27;', '2026-07;1,02;'].join('\n') },
    'customers.risk': { customerId: s.customer.id },
    'notifications.list': {},
    'notifications.markRead': { ids: s.notifications.items.slice(0, 1).map((n: { id: string }) => n.id), all: false },
    'cashbook.list': {},
    'cashbook.create': { name: 'Filialkasse', location: 'Filiale Nord', openingDate: '2026-11-01', openingBalance: '50.00' },
    'cashbook.day': { cashBookId: s.cashBook.id, date: '2026-11-20' },
    'cashbook.month': { cashBookId: s.cashBook.id, month: '2026-11' },
    'cashbook.record': { cashBookId: s.cashBook.id, date: '2026-11-26', time: '16:45', type: 'expense', amount: '5.35', vatRate: 7, category: 'Büromaterial', text: 'Briefmarken', invoiceId: '' },
    'cashbook.reverse': { entryId: s.cashEntry.id, reason: 'Falscher Betrag' },
    'cashbook.close': { cashBookId: s.cashBook.id, date: '2026-11-26', counted: '111.90' },
    'cashbook.pdf': { cashBookId: s.cashBook.id, month: '2026-11' },
    'reports.export': { report: 'vat', params: { from: '2026-10-01', to: '2026-12-31' }, format: 'csv' },
    'reports.statementPdf': { customerId: s.customer.id, from: '2026-11-01', to: '2026-11-30' },
    'reports.mailStatement': { customerId: s.customer.id, from: '2026-11-01', to: '2026-11-30' },
    'jobs.invoiceConfirmedOrders': {},
    'jobs.cancel': { jobId: '01JB0000000000000000000000' },
    'audit.verify': {},
    'reports.openItems': { asOf: '2026-11-27', customerId: s.customer.id, buckets: [30, 60, 90] },
    'reports.statement': { customerId: s.customer.id, from: '2026-11-01', to: '2026-11-30' },
    'reports.payments': { from: '2026-11-01', to: '2026-11-30', customerId: s.customer.id },
    'reports.overdue': { asOf: '2026-11-27', customerId: s.customer.id },
    'reports.forecast': { from: '2026-11-27', weeks: 12, shiftByLateness: true },
    'reports.dashboard': {},
    'reports.revenue': { from: '2026-01-01', to: '2026-12-31', period: 'quarter', by: 'customer', basis: 'ist', customerId: s.customer.id },
    'reports.vat': { from: '2026-10-01', to: '2026-12-31', customerId: s.customer.id },
    'reports.vatDocuments': { from: '2026-10-01', to: '2026-12-31', key: '81' },
    'reports.ustva': { period: '2026-11' },
    'reports.zm': { period: '2026-Q4' },
    'exports.datevSettings': {},
    'exports.saveDatevSettings': { beraterNummer: '1001', mandantNummer: '1', fiscalYearStartMonth: 1, accountLength: 4, chart: 'SKR03', debitorStart: 10000, accounts: { bank: '1200' } },
    'exports.datevPreview': { from: '2026-11-01', to: '2026-11-30', festgeschrieben: false },
    'exports.datev': { from: '2026-11-01', to: '2026-11-30', festgeschrieben: false },
    'exports.history': { type: 'datev' },
    'exports.auditor': { from: '2026-11-01', to: '2026-11-30' },
    // Port 1 on this machine: nothing listens, so a switched-on sync only ever finds the server offline.
    'sync.getSettings': {},
    'sync.saveSettings': { url: 'http://127.0.0.1:1', prefix: 'muster', username: 'buchhaltung', password: 'geheim-genug-1', enabled: false },
    'sync.test': { url: 'http://127.0.0.1:1', prefix: 'muster', username: 'buchhaltung' },
    'sync.createDatabases': { url: 'http://127.0.0.1:1', prefix: 'muster', username: 'buchhaltung', adminUsername: 'admin', adminPassword: 'Admin-Passwort' },
    'sync.status': {},
    'sync.conflicts': { open: true },
    'sync.keepOther': { id: 'cf-unknown' },
  };
}
