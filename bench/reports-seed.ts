/**
 * The books `bench/reports.ts` measures: 100,000 issued invoices over 23 months for 2,000
 * customers (VAT 19 %, 7 %, mixed rates, § 13b reverse charge, intra-EU supplies, exports; some
 * with Skonto), credit notes, 150,000 payments with their allocations (whole, in parts, with
 * Skonto, some allocations reversed, the rest not allocated) and 20,000 cash book entries.
 * Written straight into the store in batches; every document valid against its schema, with
 * `totals` as `computeInvoiceTotals` makes them. Deterministic: every run sees the same books.
 */
import { splitGross } from '../src-main/cashbook/index.js';
import type { Services } from '../src-main/services.js';
import type { FactDoc } from '../src-main/store/schemas/facts.js';
import { computeInvoiceTotals, type InvoiceTotals, type VatCategoryCode } from '../src-shared/invoice/totals.js';
import { skontoOf } from '../src-shared/invoice/skonto.js';

export const INVOICES = 100_000;
export const CUSTOMERS = 2_000;
export const PAYMENTS = 150_000;
export const CASH_ENTRIES = 20_000;
export const TODAY = '2026-11-27';
const FIRST_DAY = '2025-01-02';
const BATCH = 5_000;

const DAY_MS = 86_400_000;
const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (index: number) => new Date(index * DAY_MS).toISOString().slice(0, 10);
const DAYS = dayIndex(TODAY) - dayIndex(FIRST_DAY);

/** A small deterministic hash of an integer, 0 … 2^32-1. */
function hash(n: number): number {
  let s = (n ^ 0x9e3779b9) >>> 0;
  s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
  s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
  return (s ^ (s >>> 16)) >>> 0;
}

type Line = { id: string; productId: string; description: string; quantity: string; unit: string; netUnitPrice: string; vatCategory: VatCategoryCode; vatRate: string; exemptionReason?: string };
type Variant = { vatCase: 'domestic' | 'reverseCharge13b' | 'intraEu' | 'export'; lines: Line[]; totals: InvoiceTotals };

const PRODUCTS = Array.from({ length: 20 }, (_, i) => ({ id: `PR${String(i).padStart(4, '0')}`, sku: `ART-${1000 + i}`, name: `Artikel ${i}` }));

function line(n: number, quantity: string, price: string, category: VatCategoryCode, rate: string, reason?: string): Line {
  const p = PRODUCTS[(n * 7) % PRODUCTS.length]!;
  return { id: `L${n}`, productId: p.id, description: p.name, quantity, unit: 'C62', netUnitPrice: price, vatCategory: category, vatRate: rate, ...(reason ? { exemptionReason: reason } : {}) };
}

function variant(vatCase: Variant['vatCase'], lines: Line[]): Variant {
  return { vatCase, lines, totals: computeInvoiceTotals({ currency: 'EUR', lines }) };
}

/** Domestic documents by `i % 10`: 19 % (four sizes), 7 %, mixed 19 % / 7 %, 19 % over three lines. */
const DOMESTIC: Variant[] = [
  variant('domestic', [line(1, '1', '100', 'S', '19')]),
  variant('domestic', [line(2, '3', '250.50', 'S', '19')]),
  variant('domestic', [line(3, '12', '39.90', 'S', '19')]),
  variant('domestic', [line(4, '1', '1200', 'S', '19')]),
  variant('domestic', [line(5, '2', '1999.99', 'S', '19')]),
  variant('domestic', [line(6, '3', '45.80', 'S', '7')]),
  variant('domestic', [line(7, '10', '12.35', 'S', '7')]),
  variant('domestic', [line(8, '2', '150', 'S', '19'), line(9, '5', '18.90', 'S', '7')]),
  variant('domestic', [line(10, '1', '480', 'S', '19'), line(11, '4', '7.99', 'S', '7'), line(12, '1', '25', 'S', '19')]),
  variant('domestic', [line(13, '8', '95', 'S', '19'), line(14, '2', '310.25', 'S', '19'), line(15, '1', '49', 'S', '19')]),
];
const REVERSE_CHARGE = variant('reverseCharge13b', [line(16, '40', '125', 'AE', '0', 'Steuerschuldnerschaft des Leistungsempfängers')]);
const INTRA_EU = variant('intraEu', [line(17, '100', '23.40', 'K', '0', 'Innergemeinschaftliche Lieferung')]);
const EXPORT = variant('export', [line(18, '15', '310', 'G', '0', 'Ausfuhrlieferung')]);
/** A credit note: 20 € net at 19 % taken off a domestic 19 % invoice. */
const CREDIT = variant('domestic', [line(19, '1', '20', 'S', '19')]);

type Customer = { id: string; number: string; name: string; treatment: Variant['vatCase']; country: string };

/** Every 40th customer is § 13b, every 40th+1 intra-EU, every 40th+2 abroad. */
function customerOf(c: number): Customer {
  const treatment = (['reverseCharge13b', 'intraEu', 'export'] as const)[c % 40] ?? 'domestic';
  return { id: `C${String(c).padStart(8, '0')}`, number: `K-${20000 + c}`, name: `Kunde ${c} GmbH`, treatment, country: treatment === 'intraEu' ? 'AT' : treatment === 'export' ? 'CH' : 'DE' };
}

const SELLER = { name: 'Muster & Söhne GmbH', address: { street: 'Königsallee 1', postalCode: '40212', city: 'Düsseldorf', country: 'DE' }, vatId: 'DE136695976', taxNumber: '133/5819/0123', iban: 'DE89370400440532013000' };

const buyerOf = (c: Customer) => ({
  name: c.name,
  address: { street: 'Hauptstraße 5', postalCode: '50667', city: c.country === 'DE' ? 'Köln' : 'Wien', country: c.country },
  vatId: c.treatment === 'domestic' || c.treatment === 'export' ? '' : `${c.country}U12345678`,
  taxNumber: '',
  email: '',
  buyerReference: '',
  customerNumber: c.number,
});

export type SeedCounts = { invoices: number; creditNotes: number; payments: number; allocations: number; reversals: number; cashEntries: number };

export async function seedReportBooks(services: Services, userId: string): Promise<SeedCounts> {
  const { db, deviceId } = services.books;
  const now = `${TODAY}T07:00:00.000Z`;
  const stamps = { createdAt: now, createdBy: userId, updatedAt: now, updatedBy: userId };
  const customers = Array.from({ length: CUSTOMERS }, (_, c) => customerOf(c));
  await db.customers.bulkInsert(
    customers.map((c) => ({
      id: c.id, number: c.number, name: c.name, billingAddress: buyerOf(c).address, invoiceEmails: [], language: 'de' as const, paymentTermsDays: 14,
      kind: 'business' as const, vatTreatment: c.treatment, ...(c.treatment === 'reverseCharge13b' || c.treatment === 'intraEu' ? { vatId: buyerOf(c).vatId } : {}), createdAt: now, updatedAt: now,
    })),
  );
  await db.products.bulkInsert(PRODUCTS.map((p) => ({ id: p.id, sku: p.sku, name: { de: p.name }, unit: 'C62', netPrice: '10', currency: 'EUR', vatCategory: 'S' as const, vatRate: '19', stockTracked: false, createdAt: now, updatedAt: now })));

  const counts: SeedCounts = { invoices: 0, creditNotes: 0, payments: 0, allocations: 0, reversals: 0, cashEntries: 0 };
  const invoices: unknown[] = [];
  let facts: FactDoc[] = [];
  const flush = async (force = false) => {
    if (invoices.length >= BATCH || (force && invoices.length)) await insertAll(db.invoices, invoices.splice(0));
    if (facts.length >= BATCH || (force && facts.length)) {
      await insertAll(db.facts, facts);
      facts = [];
    }
  };
  const fact = (id: string, subjectId: string, occurredAt: string, body: Partial<FactDoc>): FactDoc => ({ id, subjectId, occurredAt, deviceId, seq: 0, userId, ...body }) as FactDoc;

  const today = dayIndex(TODAY);
  const first = dayIndex(FIRST_DAY);
  for (let i = 0; i < INVOICES; i++) {
    const customer = customers[hash(i) % CUSTOMERS]!;
    const v = customer.treatment === 'reverseCharge13b' ? REVERSE_CHARGE : customer.treatment === 'intraEu' ? INTRA_EU : customer.treatment === 'export' ? EXPORT : DOMESTIC[i % 10]!;
    const issue = first + Math.floor((i * DAYS) / INVOICES);
    const terms = i % 3 === 0 ? 30 : 14;
    const withSkonto = v.vatCase === 'domestic' && i % 7 === 0;
    const id = `I${String(i).padStart(9, '0')}`;
    const gross = v.totals.amountDue;
    invoices.push({
      id, documentType: 'invoice', status: i % 4 === 0 ? 'sent' : 'issued', number: `RE-${dateOf(issue).slice(0, 4)}-A-${String(i + 1).padStart(6, '0')}`, customerId: customer.id,
      eInvoiceFormat: 'pdf', issueDate: dateOf(issue), dueDate: dateOf(issue + terms), supplyDate: dateOf(issue), currency: 'EUR', language: 'de', lines: v.lines, allowancesCharges: [],
      totals: v.totals, grossAmount: v.totals.taxInclusive, paymentTermsDays: terms, ...(withSkonto ? { skonto: { percent: '2', days: 10 } } : {}),
      seller: SELLER, buyer: buyerOf(customer), vatCase: v.vatCase, issuedBy: userId, issuedAt: `${dateOf(issue)}T09:00:00.000Z`, ...stamps,
    });
    counts.invoices++;
    // Every 50th domestic invoice of 100 € or more gets a credit note three days later, before any payment.
    let credit = 0;
    if (v.vatCase === 'domestic' && i % 50 === 1 && gross > CREDIT.totals.amountDue && issue + 3 <= today) {
      credit = CREDIT.totals.amountDue;
      invoices.push({
        id: `G${String(i).padStart(9, '0')}`, documentType: 'creditNote', status: 'issued', number: `GS-${dateOf(issue + 3).slice(0, 4)}-A-${String(counts.creditNotes + 1).padStart(6, '0')}`,
        customerId: customer.id, correctsInvoiceId: id, eInvoiceFormat: 'pdf', issueDate: dateOf(issue + 3), dueDate: dateOf(issue + 3), currency: 'EUR', language: 'de', lines: CREDIT.lines,
        allowancesCharges: [], totals: CREDIT.totals, grossAmount: CREDIT.totals.taxInclusive, seller: SELLER, buyer: buyerOf(customer), vatCase: 'domestic', note: 'Gutschrift Rabatt', ...stamps,
      });
      counts.creditNotes++;
    }
    const due = gross - credit;
    for (const [k, p] of paymentPlan(i, due, withSkonto).entries()) {
      const date = issue + p.after;
      if (date > today) break;
      const paymentId = `P${String(i).padStart(9, '0')}${k}`;
      const at = `${dateOf(date)}T10:${String(k).padStart(2, '0')}:00.000Z`;
      facts.push(fact(paymentId, customer.id, at, { kind: 'payment', payment: { direction: 'incoming', purpose: 'customerPayment', date: dateOf(date), amount: p.amount, currency: 'EUR', method: i % 11 === 0 ? 'sepaDirectDebit' : 'bankTransfer', source: i % 2 ? 'bankFile' : 'manual', customerId: customer.id, reference: `RE ${i + 1}` } }));
      const allocation = { paymentId, invoiceId: id, amount: p.amount, ...(p.skonto ? { skontoAmount: p.skonto } : {}) };
      const allocationId = `A${String(i).padStart(9, '0')}${k}`;
      facts.push(fact(allocationId, id, at, { kind: 'allocation', allocation }));
      counts.payments++;
      counts.allocations++;
      // Every 100th whole payment was allocated to the wrong invoice first: reversed two days later.
      if (i % 100 === 7 && date + 2 <= today) {
        facts.push(fact(`R${String(i).padStart(9, '0')}${k}`, id, `${dateOf(date + 2)}T11:00:00.000Z`, { kind: 'allocation', allocation: { ...allocation, reversesId: allocationId } }));
        counts.reversals++;
      }
    }
    await flush();
  }
  // The rest of the payments are not allocated: payments on account, refunds and fees.
  for (let n = 0; counts.payments < PAYMENTS; n++) {
    const date = dateOf(first + (n % DAYS));
    const customer = customers[hash(n + 7_000_000) % CUSTOMERS]!;
    const outgoing = n % 3 === 0;
    facts.push(fact(`U${String(n).padStart(9, '0')}`, customer.id, `${date}T12:00:00.000Z`, {
      kind: 'payment',
      payment: { direction: outgoing ? 'outgoing' : 'incoming', purpose: outgoing ? (n % 2 ? 'fee' : 'supplierPayment') : 'customerPayment', date, amount: 500 + (hash(n) % 90_000), currency: 'EUR', method: 'bankTransfer', source: 'bankFile', ...(outgoing ? {} : { customerId: customer.id }) },
    }));
    counts.payments++;
    await flush();
  }
  counts.cashEntries = await seedCash(services, userId, fact, (f) => facts.push(f), () => flush());
  await flush(true);
  return counts;
}

type Part = { after: number; amount: number; skonto: number };

/** How invoice `i` is paid: days after issue and amounts (whole, with Skonto, in two or three parts, 40 % only, not at all). */
function paymentPlan(i: number, due: number, withSkonto: boolean): Part[] {
  const r = hash(i + 1_000_000) % 100;
  if (withSkonto && r < 50) {
    const { discount, payable } = skontoOf(due, '2');
    return [{ after: 8, amount: payable, skonto: discount }];
  }
  if (r < 60) return [{ after: 5 + (hash(i + 2_000_000) % 40), amount: due, skonto: 0 }];
  if (r < 80) {
    const half = Math.floor(due / 2);
    return [{ after: 10, amount: half, skonto: 0 }, { after: 35, amount: due - half, skonto: 0 }];
  }
  if (r < 88) {
    const third = Math.floor(due / 3);
    return [{ after: 7, amount: third, skonto: 0 }, { after: 21, amount: third, skonto: 0 }, { after: 45, amount: due - 2 * third, skonto: 0 }];
  }
  if (r < 95) return [{ after: 20, amount: Math.floor((due * 2) / 5), skonto: 0 }];
  return [];
}

const CASH_TYPES = ['income', 'income', 'income', 'income', 'income', 'income', 'income', 'expense', 'expense', 'privateWithdrawal'] as const;

/** One cash book of this device with its opening entry, then 19,999 entries over the same 23 months. */
async function seedCash(
  services: Services,
  userId: string,
  fact: (id: string, subjectId: string, occurredAt: string, body: Partial<FactDoc>) => FactDoc,
  push: (f: FactDoc) => void,
  flush: () => Promise<void>,
): Promise<number> {
  const bookId = 'CASHBOOK00000001';
  push(fact(bookId, bookId, `${FIRST_DAY}T07:00:00.000Z`, { kind: 'cashBook', cashBook: { name: 'Ladenkasse', location: 'Düsseldorf', openingDate: FIRST_DAY, openingBalance: 50_000, currency: 'EUR' } }));
  push(fact('CE000000000', bookId, `${FIRST_DAY}T07:00:00.000Z`, { kind: 'cashEntry', cashEntry: { voucher: 1, date: FIRST_DAY, time: '00:00', type: 'opening', direction: 'in', amount: 50_000, vatRate: 0, vat: 0, category: 'Anfangsbestand', text: 'Anfangsbestand' } }));
  const first = dayIndex(FIRST_DAY);
  for (let n = 1; n < CASH_ENTRIES; n++) {
    const type = CASH_TYPES[n % CASH_TYPES.length]!;
    const date = dateOf(first + Math.floor((n * DAYS) / CASH_ENTRIES));
    const vatRate = type === 'privateWithdrawal' ? 0 : n % 4 === 0 ? 7 : 19;
    // Income is larger than what goes out, so the cash never runs short.
    const amount = type === 'income' ? 1_500 + (hash(n + 3_000_000) % 20_000) : 200 + (hash(n + 4_000_000) % 3_000);
    const minutes = 8 * 60 + (n % 600);
    push(fact(`CE${String(n).padStart(9, '0')}`, bookId, `${date}T18:00:00.000Z`, {
      kind: 'cashEntry',
      cashEntry: {
        voucher: n + 1, date, time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`, type, direction: type === 'income' ? 'in' : 'out',
        amount, vatRate, vat: splitGross(amount, vatRate).vat, category: type === 'income' ? 'Barverkauf' : type === 'expense' ? 'Bürobedarf' : 'Privatentnahme', text: `Beleg ${n + 1}`,
      },
    }));
    await flush();
  }
  return CASH_ENTRIES;
}

async function insertAll(collection: { bulkInsert(docs: never[]): Promise<{ error: unknown[] }> }, docs: unknown[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH) {
    const result = await collection.bulkInsert(docs.slice(i, i + BATCH) as never[]);
    if (result.error.length) throw new Error(`Seeding refused ${result.error.length} documents, e.g. ${JSON.stringify(result.error[0]).slice(0, 600)}`);
  }
}
