/**
 * The books the crash matrix starts from, built once through the real contract and copied for
 * each scenario: a team, three customers with invoice addresses, a product on stock, confirmed
 * orders, approved invoices (and a copy with them issued); an older schema version of the
 * invoices for the migration; a bank statement that pays most of the issued invoices.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRxDatabase } from 'rxdb';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices, type Services } from '../../src-main/services.js';
import { COLLECTIONS, DATABASE_FILE, type BooksCollections } from '../../src-main/store/database.js';
import type { InvoiceDoc } from '../../src-main/store/schemas/books.js';
import { getRxStorageSQLite } from '../../src-main/store/sqlite-storage/index.js';
import { customer as customerDoc, invoice as invoiceDoc } from '../store/fixtures.js';
import { customer, product, team } from '../support/books.js';
import { PASSWORD, unwrap, type TestApp } from '../support/services.js';

export const INVOICES = 24;
export const ORDERS = 6;
export const ISSUE_DAY = '2026-11-27';

export type Users = { bookkeeper: string; supervisor: string; cashier: string; password: string };

const quiet = { error: () => undefined };

/** Real services on `dataDir` with the clock on `day`; nothing runs in the background. */
export function servicesOn(dataDir: string, day = ISSUE_DAY, options: { mail?: Parameters<typeof startServices>[0]['mail'] } = {}): Promise<Services> {
  return startServices({
    dataDir,
    clock: () => new Date(`${day}T09:00:00.000Z`),
    logger: quiet,
    documents: { freezeOnIssue: false },
    mail: { autoStart: false, ...options.mail },
    reminders: { autoStart: false },
  });
}

export function asTestApp(services: Services, dataDir: string): TestApp {
  return { services, dataDir, client: () => createInMemoryClient(services), stop: () => services.close() };
}

export async function loggedIn(services: Services, userId: string) {
  const client = createInMemoryClient(services);
  await unwrap(client.invoke('auth.login', { userId, password: PASSWORD }));
  return client;
}

/** Approved invoices and confirmed orders with goods on stock; returns the users' ids. */
export async function buildApprovedBooks(dataDir: string): Promise<Users> {
  const services = await servicesOn(dataDir);
  try {
    const t = await team(asTestApp(services, dataDir));
    const customers = [
      await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] }),
      await customer(t.bookkeeper, { name: 'Café Morgenrot', invoiceEmails: ['kasse@morgenrot.example'] }),
      await customer(t.bookkeeper, { name: 'Weinhandel Überlingen GmbH', invoiceEmails: ['rechnung@wein.example'] }),
    ];
    const flour = await product(t.bookkeeper, { stockTracked: true });
    await unwrap(t.bookkeeper.invoke('products.receiveStock', { productId: flour.id, quantity: '500' } as never));
    for (let i = 0; i < ORDERS; i++) {
      const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: customers[i % 3]!.id, orderDate: '2026-11-20', lines: [{ productId: flour.id, quantity: `${i + 1}` }] }));
      await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
    }
    const ids: string[] = [];
    for (let i = 0; i < INVOICES; i++) {
      const lines = [
        { productId: flour.id, quantity: `${1 + (i % 4)}` },
        { description: `Lieferung ${i + 1} – Fracht`, quantity: '1', netUnitPrice: `${4 + i}.95`, vatRate: '19' },
      ];
      const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: customers[i % 3]!.id, lines } as never));
      await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
      ids.push(draft.id);
    }
    await unwrap(t.supervisor.invoke('invoices.approveMany', { ids }));
    return { bookkeeper: t.ids.bookkeeper!, supervisor: t.ids.supervisor!, cashier: t.ids.cashier!, password: PASSWORD };
  } finally {
    await services.close();
  }
}

/** The same books with every approved invoice issued. */
export async function issueAll(dataDir: string, users: Users): Promise<void> {
  const services = await servicesOn(dataDir);
  try {
    const client = await loggedIn(services, users.bookkeeper);
    const approved = await unwrap(client.invoke('invoices.list', { status: 'approved', pageSize: 500 }));
    await unwrap(client.invoke('invoices.issueMany', { ids: approved.items.map((i) => i.id) }));
    await schedulerPassAtStart(services);
  } finally {
    await services.close();
  }
}

/** What the mail scheduler does at start and once a day (the invoice mails issuing owes among it), then waits for the jobs. */
export async function schedulerPassAtStart(services: Services, day = ISSUE_DAY): Promise<void> {
  await services.mail.dailyMail(day);
  await services.jobs.idle();
}

export function copyBooks(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * A CAMT.053 statement: a transfer naming each of the first `paid` issued invoices with its
 * amount due, two transfers that name none, and a debit.
 */
export async function statementFor(dataDir: string, paid: number): Promise<Buffer> {
  const services = await servicesOn(dataDir);
  let invoices: InvoiceDoc[];
  try {
    invoices = (await services.books.db.invoices.find({ selector: { status: 'issued' }, sort: [{ number: 'asc' }] }).exec()).map((d) => d.toMutableJSON());
  } finally {
    await services.close();
  }
  const entries: { amount: number; credit: boolean; name: string; text: string }[] = invoices.slice(0, paid).map((d) => ({
    amount: (d.totals as { amountDue: number }).amountDue,
    credit: true,
    name: (d.buyer as { name: string }).name,
    text: `Rechnung ${d.number}`,
  }));
  entries.push({ amount: 5000, credit: true, name: 'Unbekannt & Co.', text: 'Anzahlung' }, { amount: 7700, credit: true, name: 'Verein Morgenrot e.V.', text: 'Spende' }, { amount: 2500, credit: false, name: 'Büro Versand', text: 'Porto Dezember' });
  const sum = entries.reduce((s, e) => s + (e.credit ? e.amount : -e.amount), 0);
  const xml = entries
    .map(
      (e, i) =>
        `<Ntry><Amt Ccy="EUR">${euros(e.amount)}</Amt><CdtDbtInd>${e.credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt><ValDt><Dt>2026-12-01</Dt></ValDt><AcctSvcrRef>CRASH-${i + 1}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><${e.credit ? 'Dbtr' : 'Cdtr'}><Pty><Nm>${e.name.replace(/&/g, '&amp;')}</Nm></Pty></${e.credit ? 'Dbtr' : 'Cdtr'}></RltdPties><RmtInf><Ustrd>${e.text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`,
    )
    .join('');
  const balance = (code: string, cents: number, day: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${euros(Math.abs(cents))}</Amt><CdtDbtInd>${cents < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>`;
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>CRASH</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr><Stmt><Id>CRASH-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>${balance('PRCD', 0, '2026-11-30')}${balance('CLBD', sum, '2026-12-01')}${xml}</Stmt></BkToCstmrStmt></Document>`,
    'utf8',
  );
}

/** The invoices as the schema version before the current one stored them, and what else the books hold. */
export function olderInvoices(count: number): InvoiceDoc[] {
  const statuses = ['draft', 'submitted', 'rejected', 'approved'] as const;
  return Array.from({ length: count }, (_, i) => ({ ...invoiceDoc(i, statuses[i % 4]), createdBy: 'user-a', updatedBy: i % 3 ? 'user-b' : 'user-a' }));
}

/**
 * Books whose invoices collection is one schema version behind (the current schema's fields under
 * the previous version number), so that opening them runs the current migration strategy.
 */
export async function buildOlderBooks(dataDir: string, invoices: readonly InvoiceDoc[]): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const current = COLLECTIONS.invoices;
  const version = current.schema.version;
  const strategies = Object.fromEntries(Object.entries(current.migrationStrategies).filter(([v]) => Number(v) < version));
  const db = await createRxDatabase<BooksCollections>({ name: 'books', storage: getRxStorageSQLite({ filename: path.join(dataDir, DATABASE_FILE) }), multiInstance: false });
  try {
    await db.addCollections({ ...COLLECTIONS, invoices: { schema: { ...current.schema, version: version - 1 }, migrationStrategies: strategies } });
    await db.customers.bulkInsert(Array.from({ length: 50 }, (_, i) => customerDoc(i)));
    for (let i = 0; i < invoices.length; i += 1000) await db.invoices.bulkInsert(invoices.slice(i, i + 1000));
  } finally {
    await db.close();
  }
}
