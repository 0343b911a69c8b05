/**
 * The tables of the auditor export and their rows for a period, read from the books by SQLite
 * projections (committed records only, nothing written). What belongs to the period:
 * invoices and credit notes by their issue date (issued or sent), their lines with them,
 * payments by their date and the allocations of those payments, cash entries by their date,
 * audit entries by the day they were written (UTC); the customers in full (master data).
 */
import { translate, type MessageKey } from '../../../src-shared/i18n/index.js';
import { projectRows } from '../../store/projection.js';
import type { OpenBooks } from '../../store/database.js';
import type { AuditorTable } from '../../../src-shared/contract/index.js';
import { decimalsOf, type Cell, type Column, type ColumnType, type TableSpec } from './gdpdu.js';

type Books = Pick<OpenBooks, 'db' | 'filename'>;

const ISSUED = ['issued', 'sent'];
/** Rows narrowed by the books' indexes where they fit (facts by kind and time, invoices by id); every table is sorted here. */
const INDEXED = { indexed: true };

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const int = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const inPeriod = (date: string, from: string, to: string) => date >= from && date <= to;

/** The fewest decimal places of an exact decimal column; more when a value of the period has more. */
const MIN_ACCURACY: Record<string, number> = { quantity: 0, netUnitPrice: 2, vatRate: 2 };

/** A column whose description is the i18n text `auditor.column.<table>.<name>` (German: the auditor's language). */
function column(table: AuditorTable, name: string, type: ColumnType): Column {
  const description = translate('de', `auditor.column.${table}.${name}` as MessageKey);
  return type === 'decimal' ? { name, type, description, accuracy: MIN_ACCURACY[name] ?? 2 } : { name, type, description };
}

/** The table with each exact decimal column declared with as many places as its values need (exact, never rounded). */
function fitted(table: TableRows): TableRows {
  if (!table.spec.columns.some((c) => c.type === 'decimal')) return table;
  const columns = table.spec.columns.map((c, i) =>
    c.type === 'decimal' ? { ...c, accuracy: Math.max(c.accuracy ?? 0, ...table.rows.map((r) => decimalsOf(String(r[i])))) } : c);
  return { spec: { ...table.spec, columns }, rows: table.rows };
}

function spec(name: AuditorTable, columns: [string, ColumnType][]): TableSpec {
  return { name, description: translate('de', `auditor.table.${name}` as MessageKey), columns: columns.map(([c, type]) => column(name, c, type)) };
}

const DOCUMENT_COLUMNS: [string, ColumnType][] = [
  ['id', 'text'], ['number', 'text'], ['issueDate', 'date'], ['supplyDate', 'date'], ['dueDate', 'date'], ['status', 'text'],
  ['customerId', 'text'], ['customerNumber', 'text'], ['customerName', 'text'], ['vatCase', 'text'], ['currency', 'text'],
  ['netAmount', 'cents'], ['vatAmount', 'cents'], ['grossAmount', 'cents'], ['issuedAt', 'text'], ['issuedBy', 'text'], ['approvedBy', 'text'],
];
const LINE_COLUMNS: [string, ColumnType][] = [
  ['lineId', 'text'], ['documentId', 'text'], ['documentNumber', 'text'], ['position', 'integer'], ['productId', 'text'], ['description', 'text'],
  ['quantity', 'decimal'], ['unit', 'text'], ['netUnitPrice', 'decimal'], ['vatCategory', 'text'], ['vatRate', 'decimal'], ['netAmount', 'cents'],
];

const customers = spec('customers', [
  ['id', 'text'], ['number', 'text'], ['name', 'text'], ['kind', 'text'], ['vatId', 'text'], ['vatTreatment', 'text'],
  ['street', 'text'], ['postalCode', 'text'], ['city', 'text'], ['country', 'text'],
]);
const invoices: TableSpec = { ...spec('invoices', DOCUMENT_COLUMNS), foreignKeys: [{ column: 'customerId', references: customers }] };
const invoiceLines: TableSpec = { ...spec('invoiceLines', LINE_COLUMNS), foreignKeys: [{ column: 'documentId', references: invoices }] };
const creditNotes: TableSpec = {
  ...spec('creditNotes', [...DOCUMENT_COLUMNS, ['correctsInvoiceId', 'text'], ['correctsInvoiceNumber', 'text'], ['reason', 'text']]),
  foreignKeys: [{ column: 'customerId', references: customers }],
};
const creditNoteLines: TableSpec = { ...spec('creditNoteLines', LINE_COLUMNS), foreignKeys: [{ column: 'documentId', references: creditNotes }] };
const payments = spec('payments', [
  ['id', 'text'], ['date', 'date'], ['direction', 'text'], ['purpose', 'text'], ['method', 'text'], ['amount', 'cents'], ['currency', 'text'],
  ['customerId', 'text'], ['counterpartyName', 'text'], ['counterpartyIban', 'text'], ['reference', 'text'], ['source', 'text'], ['reversesPaymentId', 'text'],
  ['recordedAt', 'text'], ['userId', 'text'],
]);
const allocations: TableSpec = {
  ...spec('allocations', [
    ['id', 'text'], ['paymentId', 'text'], ['paymentDate', 'date'], ['invoiceId', 'text'], ['invoiceNumber', 'text'], ['amount', 'cents'],
    ['skontoAmount', 'cents'], ['writeOffAmount', 'cents'], ['reversesId', 'text'], ['recordedAt', 'text'], ['userId', 'text'],
  ]),
  foreignKeys: [{ column: 'paymentId', references: payments }],
};
const cashEntries = spec('cashEntries', [
  ['id', 'text'], ['cashBookId', 'text'], ['cashBookName', 'text'], ['voucher', 'integer'], ['date', 'date'], ['time', 'text'], ['type', 'text'],
  ['direction', 'text'], ['amount', 'cents'], ['vatRate', 'integer'], ['vatAmount', 'cents'], ['category', 'text'], ['text', 'text'],
  ['invoiceId', 'text'], ['paymentId', 'text'], ['reversesId', 'text'], ['recordedAt', 'text'], ['userId', 'text'],
]);
const auditEntries = spec('auditEntries', [
  ['id', 'text'], ['deviceId', 'text'], ['seq', 'integer'], ['date', 'date'], ['occurredAt', 'text'], ['userId', 'text'], ['userName', 'text'],
  ['action', 'text'], ['entity', 'text'], ['entityId', 'text'], ['before', 'text'], ['after', 'text'], ['prevHash', 'text'], ['hash', 'text'],
]);

/** In the order of index.xml. */
export const TABLES: readonly TableSpec[] = [invoices, invoiceLines, creditNotes, creditNoteLines, payments, allocations, cashEntries, customers, auditEntries];

export type IssuedDocument = { id: string; number: string; documentType: 'invoice' | 'creditNote' };

export type TableRows = { spec: TableSpec; rows: Cell[][] };

const DOCUMENT_FIELDS = {
  id: '$.id', number: '$.number', documentType: '$.documentType', status: '$.status', customerId: '$.customerId', buyerName: '$.buyer.name',
  issueDate: '$.issueDate', supplyDate: '$.supplyDate', dueDate: '$.dueDate', vatCase: '$.vatCase', currency: '$.currency',
  net: '$.totals.taxExclusive', vat: '$.totals.vatTotal', gross: '$.totals.taxInclusive', grossAmount: '$.grossAmount',
  issuedAt: '$.issuedAt', issuedBy: '$.issuedBy', approvedBy: '$.approvedBy', correctsInvoiceId: '$.correctsInvoiceId', note: '$.note',
  lines: '$.lines', lineTotals: '$.totals.lines',
};

const MONEY_FIELDS = {
  id: '$.id', kind: '$.kind', occurredAt: '$.occurredAt', userId: '$.userId',
  date: '$.payment.date', direction: '$.payment.direction', purpose: '$.payment.purpose', method: '$.payment.method', payAmount: '$.payment.amount',
  currency: '$.payment.currency', customerId: '$.payment.customerId', counterpartyName: '$.payment.counterpartyName', counterpartyIban: '$.payment.counterpartyIban',
  reference: '$.payment.reference', source: '$.payment.source', reversesPaymentId: '$.payment.reversesPaymentId',
  paymentId: '$.allocation.paymentId', invoiceId: '$.allocation.invoiceId', amount: '$.allocation.amount', skonto: '$.allocation.skontoAmount',
  writeOff: '$.allocation.writeOffAmount', reversesId: '$.allocation.reversesId',
};

const CASH_FIELDS = {
  id: '$.id', kind: '$.kind', subjectId: '$.subjectId', occurredAt: '$.occurredAt', userId: '$.userId', name: '$.cashBook.name',
  voucher: '$.cashEntry.voucher', date: '$.cashEntry.date', time: '$.cashEntry.time', type: '$.cashEntry.type', direction: '$.cashEntry.direction',
  amount: '$.cashEntry.amount', vatRate: '$.cashEntry.vatRate', vat: '$.cashEntry.vat', category: '$.cashEntry.category', text: '$.cashEntry.text',
  invoiceId: '$.cashEntry.invoiceId', paymentId: '$.cashEntry.paymentId', reversesId: '$.cashEntry.reversesId',
};

const AUDIT_FIELDS = {
  id: '$.id', deviceId: '$.deviceId', seq: '$.seq', occurredAt: '$.occurredAt', userId: '$.userId', action: '$.audit.action', entity: '$.audit.entity',
  entityId: '$.audit.entityId', before: '$.audit.before', after: '$.audit.after', prevHash: '$.audit.prevHash', hash: '$.audit.hash',
};

type Raw<F> = Record<keyof F, unknown>;

/** Every table's rows for the period, and the issued documents whose frozen files go with them. */
export function tablesOf(books: Books, from: string, to: string): { tables: TableRows[]; documents: IssuedDocument[] } {
  const customerRows = projectRows<Record<'id' | 'number' | 'name' | 'kind' | 'vatId' | 'vatTreatment' | 'street' | 'postalCode' | 'city' | 'country', unknown>>(books, 'customers', {
    id: '$.id', number: '$.number', name: '$.name', kind: '$.kind', vatId: '$.vatId', vatTreatment: '$.vatTreatment',
    street: '$.billingAddress.street', postalCode: '$.billingAddress.postalCode', city: '$.billingAddress.city', country: '$.billingAddress.country',
  }).sort((a, b) => text(a.number).localeCompare(text(b.number)) || text(a.id).localeCompare(text(b.id)));
  const customerNumber = new Map(customerRows.map((c) => [text(c.id), text(c.number)]));

  // Only the period's records are read: SQLite compares the dates (ISO text) and hands over no others.
  const periodDocs = projectRows<Raw<typeof DOCUMENT_FIELDS>>(books, 'invoices', DOCUMENT_FIELDS, [{ path: '$.status', values: ISSUED }, { path: '$.issueDate', from, to }])
    .filter((d) => inPeriod(text(d.issueDate), from, to))
    .sort((a, b) => text(a.issueDate).localeCompare(text(b.issueDate)) || text(a.number).localeCompare(text(b.number)));
  const header = (d: Raw<typeof DOCUMENT_FIELDS>): Cell[] => [
    text(d.id), text(d.number), text(d.issueDate), text(d.supplyDate), text(d.dueDate), text(d.status),
    text(d.customerId), customerNumber.get(text(d.customerId)) ?? '', text(d.buyerName), text(d.vatCase) || 'domestic', text(d.currency),
    int(d.net), int(d.vat), typeof d.gross === 'number' ? int(d.gross) : int(d.grossAmount), text(d.issuedAt), text(d.issuedBy), text(d.approvedBy),
  ];
  const linesOf = (d: Raw<typeof DOCUMENT_FIELDS>): Cell[][] => {
    const net = new Map(list<{ id: string; netAmount: number }>(d.lineTotals).map((t) => [t.id, t.netAmount]));
    return list<Record<string, unknown>>(d.lines).map((l, i) => [
      text(l.id), text(d.id), text(d.number), i + 1, text(l.productId), text(l.description),
      text(l.quantity), text(l.unit), text(l.netUnitPrice), text(l.vatCategory), text(l.vatRate), int(net.get(text(l.id))),
    ]);
  };
  const invoiceDocs = periodDocs.filter((d) => d.documentType !== 'creditNote');
  const noteDocs = periodDocs.filter((d) => d.documentType === 'creditNote');

  const paymentFacts = projectRows<Raw<typeof MONEY_FIELDS>>(books, 'facts', MONEY_FIELDS, [{ path: '$.kind', values: ['payment'] }, { path: '$.payment.date', from, to }], INDEXED)
    .filter((f) => f.kind === 'payment' && inPeriod(text(f.date), from, to))
    .sort((a, b) => text(a.date).localeCompare(text(b.date)) || text(a.occurredAt).localeCompare(text(b.occurredAt)) || text(a.id).localeCompare(text(b.id)));
  const paymentDate = new Map(paymentFacts.map((p) => [text(p.id), text(p.date)]));
  // The allocations of those payments, whatever day they were made (an allocation names its payment, not the payment's date).
  const allocationFacts = (paymentDate.size ? projectRows<Raw<typeof MONEY_FIELDS>>(books, 'facts', MONEY_FIELDS, [{ path: '$.kind', values: ['allocation'] }, { path: '$.allocation.paymentId', values: [...paymentDate.keys()] }], INDEXED) : [])
    .filter((f) => f.kind === 'allocation' && paymentDate.has(text(f.paymentId)))
    .sort((a, b) => paymentDate.get(text(a.paymentId))!.localeCompare(paymentDate.get(text(b.paymentId))!) || text(a.occurredAt).localeCompare(text(b.occurredAt)) || text(a.id).localeCompare(text(b.id)));

  const bookName = new Map(projectRows<{ id: unknown; name: unknown }>(books, 'facts', { id: '$.id', name: '$.cashBook.name' }, [{ path: '$.kind', values: ['cashBook'] }], INDEXED).map((f) => [text(f.id), text(f.name)]));
  const entries = projectRows<Raw<typeof CASH_FIELDS>>(books, 'facts', CASH_FIELDS, [{ path: '$.kind', values: ['cashEntry'] }, { path: '$.cashEntry.date', from, to }], INDEXED)
    .filter((f) => f.kind === 'cashEntry' && inPeriod(text(f.date), from, to))
    .sort((a, b) => text(a.subjectId).localeCompare(text(b.subjectId)) || int(a.voucher) - int(b.voucher));

  const userName = new Map(projectRows<{ id: unknown; name: unknown }>(books, 'users', { id: '$.id', name: '$.name' }).map((u) => [text(u.id), text(u.name)]));
  // The UTC days from … to: every time of the day `to` lies below `${to}T24`.
  const audit = projectRows<Raw<typeof AUDIT_FIELDS>>(books, 'facts', AUDIT_FIELDS, [{ path: '$.kind', values: ['audit'] }, { path: '$.occurredAt', from, to: `${to}T24` }], INDEXED)
    .filter((f) => inPeriod(text(f.occurredAt).slice(0, 10), from, to))
    .sort((a, b) => text(a.deviceId).localeCompare(text(b.deviceId)) || int(a.seq) - int(b.seq));

  // The numbers of the invoices a credit note corrects or an allocation settles (issued ones, also of other periods).
  const numberOf = new Map(periodDocs.map((d) => [text(d.id), text(d.number)]));
  const named = [...new Set([...noteDocs.map((d) => text(d.correctsInvoiceId)), ...allocationFacts.map((a) => text(a.invoiceId))])].filter((id) => id && !numberOf.has(id));
  if (named.length) {
    for (const d of projectRows<{ id: unknown; number: unknown }>(books, 'invoices', { id: '$.id', number: '$.number' }, [{ path: '$.status', values: ISSUED }, { path: '$.id', values: named }], INDEXED)) {
      numberOf.set(text(d.id), text(d.number));
    }
  }

  const tables: TableRows[] = [
    { spec: invoices, rows: invoiceDocs.map(header) },
    { spec: invoiceLines, rows: invoiceDocs.flatMap(linesOf) },
    { spec: creditNotes, rows: noteDocs.map((d) => [...header(d), text(d.correctsInvoiceId), numberOf.get(text(d.correctsInvoiceId)) ?? '', text(d.note)]) },
    { spec: creditNoteLines, rows: noteDocs.flatMap(linesOf) },
    {
      spec: payments,
      rows: paymentFacts.map((p) => [
        text(p.id), text(p.date), text(p.direction), text(p.purpose), text(p.method), int(p.payAmount), text(p.currency), text(p.customerId),
        text(p.counterpartyName), text(p.counterpartyIban), text(p.reference), text(p.source), text(p.reversesPaymentId), text(p.occurredAt), text(p.userId),
      ]),
    },
    {
      spec: allocations,
      rows: allocationFacts.map((a) => [
        text(a.id), text(a.paymentId), paymentDate.get(text(a.paymentId))!, text(a.invoiceId), numberOf.get(text(a.invoiceId)) ?? '', int(a.amount),
        int(a.skonto), int(a.writeOff), text(a.reversesId), text(a.occurredAt), text(a.userId),
      ]),
    },
    {
      spec: cashEntries,
      rows: entries.map((e) => [
        text(e.id), text(e.subjectId), bookName.get(text(e.subjectId)) ?? '', int(e.voucher), text(e.date), text(e.time), text(e.type), text(e.direction),
        int(e.amount), int(e.vatRate), int(e.vat), text(e.category), text(e.text), text(e.invoiceId), text(e.paymentId), text(e.reversesId), text(e.occurredAt), text(e.userId),
      ]),
    },
    {
      spec: customers,
      rows: customerRows.map((c) => [text(c.id), text(c.number), text(c.name), text(c.kind), text(c.vatId), text(c.vatTreatment), text(c.street), text(c.postalCode), text(c.city), text(c.country)]),
    },
    {
      spec: auditEntries,
      rows: audit.map((a) => [
        text(a.id), text(a.deviceId), int(a.seq), text(a.occurredAt).slice(0, 10), text(a.occurredAt), text(a.userId), userName.get(text(a.userId)) ?? '',
        text(a.action), text(a.entity), text(a.entityId), text(a.before), text(a.after), text(a.prevHash), text(a.hash),
      ]),
    },
  ];
  const documents = periodDocs.map((d) => ({ id: text(d.id), number: text(d.number), documentType: d.documentType === 'creditNote' ? ('creditNote' as const) : ('invoice' as const) }));
  return { tables: tables.map(fitted), documents };
}
