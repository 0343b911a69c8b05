/**
 * The DATEV bookings of a period, from the books as the reports read them. Pure: the service
 * reads the report data, the VAT summary's entries and the cash book's entries and calls this.
 *
 * Which line goes where (Soll/Haben relative to `account`):
 * - invoice, per VAT group of its breakdown (BG-23): S on the customer's Debitor, gross, against
 *   the revenue account of its VAT case (the UStVA Kennzahl of ustva.ts decides: 81 → 19 %,
 *   86 → 7 %, 41 → intra-EU, 43 → export, 60 → § 13b, 21 → EU services, 45 → not taxable,
 *   48 → tax-free § 4 Nr. 8 ff., § 19 → small business); Fälligkeit = the due date.
 * - credit note, per VAT group: H on the Debitor against the same accounts.
 * - Skonto and write-off, per VAT group in the share the VAT summary gives them: H on the
 *   Debitor against the Skonto or write-off account of the rate (tax-free cases: their revenue
 *   account, which the reduction lowers).
 * - incoming payment: one H line on the Debitor per invoice it settles (Belegfeld 1 = that
 *   invoice), one for what it leaves unallocated (Überzahlung), against bank or cash by method.
 * - refund and bank reversal (Rücklastschrift, Storno): S on the Debitor against bank or cash;
 *   the reversal of a cash receipt that settled an invoice is its cash book entry's line.
 * - cash book entry: on the cash account, S in, H out, against the account of its type and rate;
 *   a receipt that settles an invoice is its payment's line (nothing of its own); a reversal is
 *   the opposite side of what it reverses, "Storno …" (of such a receipt: against the Debitor).
 *
 * The amounts are the ledger's and the VAT summary's own: nothing is computed again here.
 */
import type { DatevAccountKey, DatevAccounts } from '../../../src-shared/contract/index.js';
import type { ReportAllocation, ReportInvoice, ReportPayment, VatEntry } from '../../reports/index.js';
import { buKeyOf, debitorOf, debitorRange } from './accounts.js';
import { unrepresentable } from './encode.js';
import type { DatevBooking } from './format.js';
import { allocationIndex, invoiceIndex, paymentIndex, paymentsBetween } from './book-indexes.js';

export type BookingSettings = { accounts: DatevAccounts; automaticAccounts: readonly string[]; accountLength: number; debitorStart: number };

export type BookingCustomer = { id: string; number: string; name: string };
export type BookingCashEntry = {
  id: string;
  cashBookId: string;
  voucher: number;
  date: string;
  type: string;
  direction: 'in' | 'out';
  amount: number;
  vatRate: number;
  text: string;
  invoiceId: string;
  paymentId: string;
  reversesId?: string;
};

export type BookingSource = {
  from: string;
  to: string;
  invoices: readonly ReportInvoice[];
  allocations: readonly ReportAllocation[];
  payments: readonly ReportPayment[];
  customers: ReadonlyMap<string, BookingCustomer>;
  /** The VAT summary's entries of from..to under Soll (invoices, credit notes, Skonto, write-offs). */
  vat: readonly VatEntry[];
  /** The cash entries dated from..to. */
  cash: readonly BookingCashEntry[];
  /** Cash entries a reversal of the period may name (any date), by id. */
  cashById: ReadonlyMap<string, BookingCashEntry>;
  /** Each cash book's number in the Belegfeld (`K1-17`: book 1, voucher 17). */
  cashBookNumbers: ReadonlyMap<string, number>;
  /** The Debitor each customer was exported with before (any period), by customer id: it keeps it. */
  exported?: ReadonlyMap<string, string>;
};

/** A problem or warning of the export; `problem` is an i18n key. */
export type BookingIssue = { code: string; documentNumber: string; problem: string; values: Record<string, string | number> };

export type BookingResult = {
  bookings: DatevBooking[];
  /** The customers with a line in the batch, each with its Debitor. */
  debitors: Map<string, string>;
  warnings: BookingIssue[];
  errors: BookingIssue[];
};

const TEXT_MAX = 60;

/** Where a sale of a Kennzahl goes; Skonto and write-offs of 19 % and 7 % have their own accounts. */
const REVENUE_OF: Record<string, DatevAccountKey> = {
  '81': 'revenue19',
  '86': 'revenue7',
  '41': 'intraEu',
  '43': 'export',
  '60': 'reverseCharge13b',
  '21': 'euServices',
  '45': 'notTaxable',
  '48': 'taxFreeOther',
  smallBusiness: 'smallBusiness19',
};
const REDUCTION_OF: Record<'skonto' | 'writeOff', Partial<Record<string, DatevAccountKey>>> = {
  skonto: { '81': 'skonto19', '86': 'skonto7' },
  writeOff: { '81': 'writeOff19', '86': 'writeOff7' },
};
const RATE_OF: Record<string, number> = { '81': 19, '86': 7 };
/** Tax-free intra-EU supplies (Kz 41) and services taxed in the buyer's country (Kz 21): the line names the buyer's VAT ID. */
const EU_DESTINATION: ReadonlySet<string> = new Set(['41', '21']);

const CASH_CONTRA: Record<string, (rate: number) => DatevAccountKey> = {
  income: (rate) => (rate === 19 ? 'cashIncome19' : rate === 7 ? 'cashIncome7' : 'cashIncome0'),
  expense: (rate) => (rate === 19 ? 'cashExpense19' : rate === 7 ? 'cashExpense7' : 'cashExpense0'),
  privateDeposit: () => 'privateDeposit',
  privateWithdrawal: () => 'privateWithdrawal',
  transitIn: () => 'transit',
  transitOut: () => 'transit',
  difference: () => 'cashDifference',
};

/** Texts the export writes itself (the tax advisor's DATEV is German). */
const WORDS = { creditNote: 'Gutschrift', skonto: 'Skonto', writeOff: 'Forderungsverlust', payment: 'Zahlung', overpayment: 'Überzahlung', refund: 'Erstattung', reversal: 'Storno' } as const;

/**
 * A Buchungstext built from a word, the customer's name and the document, at most 60 characters:
 * the document number always stands whole; a long name is shortened (with "…") to make room.
 */
export function partyText(word: string, name: string, document: string): string {
  const head = word ? `${word} ` : '';
  const tail = document ? ` ${document}` : '';
  const full = `${head}${name}${tail}`.trim();
  if (full.length <= TEXT_MAX) return full;
  const room = TEXT_MAX - head.length - tail.length - 1;
  return room > 0 ? `${head}${name.slice(0, room).trimEnd()}…${tail}` : `${head}${document}`.slice(0, TEXT_MAX).trim();
}

/** Belegfeld 1 of a payment that names no invoice: `Z-` and the end of its id (letters and digits only, as DATEV takes them). */
export function paymentDocument(paymentId: string): string {
  return `Z-${paymentId.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-12)}`;
}

/** Cents as a decimal text with two places (`1234` → `12.34`), for a message. */
const euros = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

export function cashDocument(bookNumber: number, voucher: number): string {
  return `K${bookNumber}-${voucher}`;
}


export function datevBookings(source: BookingSource, settings: BookingSettings): BookingResult {
  const { from, to } = source;
  const accounts = settings.accounts;
  const automatic = new Set(settings.automaticAccounts);
  const bookings: DatevBooking[] = [];
  const warnings: BookingIssue[] = [];
  const errors: BookingIssue[] = [];
  const used = new Set<string>();
  const inPeriod = (date: string) => date >= from && date <= to;
  const invoices = invoiceIndex(source.invoices);
  const periodPayments = paymentsBetween(source.payments, from, to);
  const customerName = (id: string, fallback = '') => source.customers.get(id)?.name ?? fallback;
  /** The Debitor placeholder of a customer; replaced by the account once all are known. */
  const debitor = (customerId: string) => {
    used.add(customerId);
    return `@${customerId}`;
  };
  const shortened = (document: string, text: string): BookingIssue => ({ code: 'textShortened', documentNumber: document, problem: 'validation.datevTextShortened', values: { document, text } });
  /**
   * The Buchungstext of a customer's line (`partyText`), the name checked whole for Windows-1252
   * before it is shortened, and a shortened text listed as a warning naming the document.
   */
  const party = (word: string, name: string, shown: string, document = shown): string => {
    const text = partyText(word, name, shown);
    const full = `${word ? `${word} ` : ''}${name}${shown ? ` ${shown}` : ''}`.trim();
    const char = unrepresentable(name);
    // A character the shortening cut away is named here; one still in the text, by the check of the text.
    if (char !== null && unrepresentable(text) === null) errors.push({ code: 'encoding', documentNumber: document, problem: 'validation.datevText', values: { document, char, value: name } });
    if (text !== full) warnings.push(shortened(document, full));
    return text;
  };

  // Only the payments of the period and those their reversals take back are looked at: their allocations are indexed, no others.
  const looked = new Set<string>();
  for (const p of periodPayments) {
    looked.add(p.id);
    if (p.reversesPaymentId) looked.add(p.reversesPaymentId);
  }

  // Foreign-currency documents and payments are not in the batch: named, left out.
  for (const d of source.invoices) {
    if (d.currency !== 'EUR' && inPeriod(d.issueDate)) warnings.push({ code: 'foreignCurrency', documentNumber: d.number, problem: 'validation.datevForeignCurrency', values: { document: d.number, currency: d.currency } });
  }

  // Invoices, credit notes, Skonto and write-offs: the VAT summary's entries, per VAT group.
  for (const e of source.vat) {
    if (e.kind !== 'invoice' && e.kind !== 'creditNote' && e.kind !== 'skonto' && e.kind !== 'writeOff') continue;
    const gross = e.base + e.tax;
    if (gross === 0) continue;
    const doc = invoices.get(e.documentId);
    const key = e.kind === 'skonto' || e.kind === 'writeOff' ? (REDUCTION_OF[e.kind][e.kennzahl] ?? REVENUE_OF[e.kennzahl]) : REVENUE_OF[e.kennzahl];
    if (!key) {
      errors.push({ code: 'noAccount', documentNumber: e.number, problem: 'validation.datevNoAccount', values: { document: e.number, kennzahl: e.kennzahl, group: e.group } });
      continue;
    }
    const contraAccount = accounts[key];
    const rate = RATE_OF[e.kennzahl];
    const word = e.kind === 'invoice' ? '' : WORDS[e.kind];
    bookings.push({
      amount: Math.abs(gross),
      side: gross > 0 ? 'S' : 'H',
      account: debitor(e.customerId),
      contraAccount,
      buKey: buKeyOf(contraAccount, automatic, rate ? { side: 'output', rate } : null),
      date: e.date,
      document: e.number,
      document2: '',
      text: party(word, e.customerName || customerName(e.customerId), e.number),
      dueDate: e.kind === 'invoice' ? (doc?.dueDate ?? '') : '',
      skonto: 0,
      ...(EU_DESTINATION.has(e.kennzahl) && doc?.buyerVatId ? { euVatId: doc.buyerVatId.replace(/\s+/g, '').toUpperCase() } : {}),
      source: { kind: e.kind, id: e.documentId, number: e.number },
    });
  }

  // Payments: what settles each invoice, what is left over, refunds and reversals.
  const standingByPayment = new Map<string, readonly ReportAllocation[]>();
  const everByPayment = new Map<string, readonly ReportAllocation[]>();
  const { byPayment, reversed } = allocationIndex(source.allocations);
  for (const id of looked) {
    const ever = byPayment.get(id);
    if (!ever) continue;
    everByPayment.set(id, ever);
    const standing = ever.filter((a) => !reversed.has(a.id));
    if (standing.length) standingByPayment.set(id, standing);
  }
  const payments = paymentIndex(source.payments).byId;
  /** Belegfeld 1 of a payment: the invoice it settled (or settles), else its own. */
  const documentOf = (p: ReportPayment) => {
    const settled = (everByPayment.get(p.id) ?? []).map((a) => invoices.get(a.invoiceId)?.number ?? '').filter(Boolean);
    return settled.length === 1 ? settled[0]! : paymentDocument(p.id);
  };
  // A cash receipt that settled an invoice, reversed in the cash book: its reversal entry books the cash out against the Debitor, not its payment's reversal.
  const reversedInCashBook = new Set(source.cash.map((c) => (c.reversesId ? source.cashById.get(c.reversesId)?.paymentId : '')).filter(Boolean));
  for (const p of periodPayments) {
    if (p.purpose === 'reversal' && reversedInCashBook.has(p.reversesPaymentId)) continue;
    if (p.currency !== 'EUR') {
      warnings.push({ code: 'foreignCurrency', documentNumber: paymentDocument(p.id), problem: 'validation.datevForeignCurrency', values: { document: paymentDocument(p.id), currency: p.currency } });
      continue;
    }
    const contraAccount = p.method === 'cash' ? accounts.cash : accounts.bank;
    const line = (amount: number, side: 'S' | 'H', customerId: string, document: string, text: string, kind: string): void => {
      if (amount === 0) return;
      bookings.push({
        amount: Math.abs(amount),
        side: amount > 0 ? side : side === 'S' ? 'H' : 'S',
        account: debitor(customerId),
        contraAccount,
        buKey: '',
        date: p.date,
        document,
        document2: '',
        text,
        dueDate: '',
        skonto: 0,
        source: { kind, id: p.id, number: document },
      });
    };
    if (p.direction === 'incoming') {
      let allocated = 0;
      for (const a of standingByPayment.get(p.id) ?? []) {
        const doc = invoices.get(a.invoiceId);
        if (!doc || doc.currency !== 'EUR') continue;
        allocated += a.amount;
        line(a.amount, 'H', doc.customerId, doc.number, party(WORDS.payment, doc.customerName || customerName(doc.customerId), doc.number), 'payment');
      }
      const rest = p.amount - allocated;
      if (rest === 0) continue;
      if (!p.customerId) {
        warnings.push({ code: 'noCustomer', documentNumber: paymentDocument(p.id), problem: 'validation.datevPaymentWithoutCustomer', values: { document: paymentDocument(p.id), date: p.date } });
        continue;
      }
      // Left over beside what it settles: its own document. Settling nothing any more (its allocation taken back): the invoice it settled.
      const document = standingByPayment.has(p.id) ? paymentDocument(p.id) : documentOf(p);
      const word = standingByPayment.has(p.id) ? WORDS.overpayment : WORDS.payment;
      line(rest, 'H', p.customerId, document, party(word, customerName(p.customerId), document.startsWith('Z-') ? '' : document, document), 'payment');
      continue;
    }
    if (p.purpose !== 'refund' && p.purpose !== 'reversal') {
      // Payouts, supplier payments and fees concern no customer: not in the batch, and said so.
      const document = paymentDocument(p.id);
      warnings.push({ code: 'outgoingLeftOut', documentNumber: document, problem: 'validation.datevOutgoingLeftOut', values: { document, date: p.date, amount: euros(p.amount), purpose: p.purpose } });
      continue;
    }
    if (!p.customerId) {
      warnings.push({ code: 'noCustomer', documentNumber: paymentDocument(p.id), problem: 'validation.datevPaymentWithoutCustomer', values: { document: paymentDocument(p.id), date: p.date } });
      continue;
    }
    const original = p.purpose === 'reversal' ? payments.get(p.reversesPaymentId) : undefined;
    const document = original ? documentOf(original) : documentOf(p);
    const word = p.purpose === 'refund' ? WORDS.refund : WORDS.reversal;
    line(p.amount, 'S', p.customerId, document, party(word, customerName(p.customerId), document), p.purpose);
  }

  // The cash book.
  for (const c of source.cash) {
    if (!inPeriod(c.date) || c.type === 'opening') {
      if (c.type === 'opening' && inPeriod(c.date)) {
        const document = cashDocument(source.cashBookNumbers.get(c.cashBookId) ?? 0, c.voucher);
        warnings.push({ code: 'cashOpening', documentNumber: document, problem: 'validation.datevCashOpening', values: { document, amount: c.amount } });
      }
      continue;
    }
    const bookNumber = source.cashBookNumbers.get(c.cashBookId) ?? 0;
    const document = cashDocument(bookNumber, c.voucher);
    const original = c.reversesId ? source.cashById.get(c.reversesId) : undefined;
    const settles = c.invoiceId || original?.invoiceId;
    if (settles && !original) continue; // the payment's line books it
    const side: 'S' | 'H' = c.direction === 'in' ? 'S' : 'H';
    const originalDocument = original ? cashDocument(bookNumber, original.voucher) : '';
    const stornoText = (what: string) => {
      const text = `${WORDS.reversal} ${originalDocument} ${what}`.trim();
      if (text.length <= TEXT_MAX) return text;
      warnings.push(shortened(document, text));
      return `${WORDS.reversal} ${originalDocument}`;
    };
    if (original?.invoiceId) {
      // A receipt that settled an invoice taken back: the cash leaves again, the customer owes again.
      const doc = invoices.get(original.invoiceId);
      if (!doc) continue;
      bookings.push({
        amount: c.amount, side, account: accounts.cash, contraAccount: debitor(doc.customerId), buKey: '', date: c.date, document, document2: '',
        text: stornoText(doc.number), dueDate: '', skonto: 0, source: { kind: 'cashEntry', id: c.id, number: document },
      });
      continue;
    }
    const contraKey = CASH_CONTRA[c.type]?.(c.vatRate);
    if (!contraKey) continue;
    const contraAccount = accounts[contraKey];
    const vat = c.vatRate > 0 && (c.type === 'income' || c.type === 'expense') ? { side: c.type === 'income' ? ('output' as const) : ('input' as const), rate: c.vatRate } : null;
    if (c.amount === 0) continue;
    bookings.push({
      amount: c.amount,
      side,
      account: accounts.cash,
      contraAccount,
      buKey: buKeyOf(contraAccount, automatic, vat),
      date: c.date,
      document,
      document2: '',
      text: original ? stornoText(original.text) : c.text,
      dueDate: '',
      skonto: 0,
      source: { kind: 'cashEntry', id: c.id, number: document },
    });
  }

  // Each customer's Debitor: the one it was first exported with, kept whatever its number became;
  // for a customer never exported the rule's, in the range of personal accounts and held by no
  // other customer (by an earlier export or by the rule, over all customers).
  const debitors = new Map<string, string>();
  const { min, max } = debitorRange(settings.accountLength);
  const exported = source.exported ?? new Map<string, string>();
  const holders = new Map<string, string[]>();
  const hold = (account: string, customerId: string) => {
    const list = holders.get(account);
    if (list) list.push(customerId);
    else holders.set(account, [customerId]);
  };
  for (const [customerId, account] of exported) hold(account, customerId);
  for (const c of source.customers.values()) {
    if (exported.has(c.id)) continue;
    const account = debitorOf(c.number, settings.debitorStart);
    if (account !== null) hold(String(account), c.id);
  }
  for (const customerId of used) {
    const customer = source.customers.get(customerId);
    const number = customer?.number ?? '';
    const name = customer?.name ?? customerId;
    const account = customer ? debitorOf(number, settings.debitorStart) : null;
    const kept = exported.get(customerId);
    if (kept !== undefined) {
      if (account === null || String(account) !== kept) warnings.push({ code: 'debitorKept', documentNumber: number, problem: 'validation.datevDebitorKept', values: { customer: name, number, account: kept } });
      debitors.set(customerId, kept);
      continue;
    }
    if (account === null) {
      errors.push({ code: 'noDebitor', documentNumber: number || name, problem: 'validation.datevNoDebitor', values: { customer: name, number } });
      continue;
    }
    if (account < min || account > max) {
      errors.push({ code: 'debitorRange', documentNumber: number, problem: 'validation.datevDebitorRange', values: { customer: name, number, account, min, max } });
      continue;
    }
    const other = (holders.get(String(account)) ?? []).find((id) => id !== customerId);
    if (other !== undefined) {
      const first = source.customers.get(other);
      errors.push({ code: 'debitorTaken', documentNumber: number, problem: 'validation.datevDebitorTaken', values: { customer: name, number, account, other: first?.name ?? other, otherNumber: first?.number ?? '' } });
      continue;
    }
    debitors.set(customerId, String(account));
  }
  for (const b of bookings) {
    if (b.account.startsWith('@')) b.account = debitors.get(b.account.slice(1)) ?? '';
    if (b.contraAccount.startsWith('@')) b.contraAccount = debitors.get(b.contraAccount.slice(1)) ?? '';
  }
  bookings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { bookings, debitors, warnings, errors };
}
