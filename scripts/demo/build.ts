/**
 * The demo books, written through the real handlers day by day over the past four months up to
 * `today`: customers, products and orders that cover the VAT cases (19 %, 7 %, mixed, reverse
 * charge, intra-EU, export, a public buyer with XRechnung, a credit note, a 20-page invoice);
 * every e-invoice format (XRechnung CII and UBL, Factur-X); invoices overdue at every dunning level, some partly paid; a bank statement in `bank/` that pays some of
 * them (to import); a refund waiting for review. A second, small-business (§ 19 UStG) company is
 * made beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInMemoryClient } from '../../src-main/server/in-memory.js';
import { startServices, type Services } from '../../src-main/services.js';
import type { ApiClient, InvoiceView } from '../../src-shared/contract/index.js';
import { DemoClock, decimalOf } from './clock.js';
import { camt053, type StatementEntry } from './statement.js';

export const PASSWORD = 'Demo-Passwort-1';
const COMPANY_IBAN = 'DE89370400440532013000';

export async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

type Team = { admin: ApiClient; bookkeeper: ApiClient; supervisor: ApiClient; bookkeeperId: string };

async function setUp(services: Services, smallBusiness: boolean): Promise<Team> {
  const admin = createInMemoryClient(services);
  // In-process, like the shell: the one-time setup token of this start is at hand.
  const setupToken = services.setup.current() ?? '';
  await ok(admin.invoke('auth.setupAdmin', { name: 'Anna Admin', email: 'anna@demo.example', password: PASSWORD, language: 'de', setupToken }));
  const bk = await ok(admin.invoke('users.create', { name: 'Bernd Buchhalter', email: 'bernd@demo.example', role: 'bookkeeper', password: PASSWORD }));
  const sv = await ok(admin.invoke('users.create', { name: 'Sabine Freigabe', email: 'sabine@demo.example', role: 'supervisor', password: PASSWORD }));
  await ok(
    admin.invoke('settings.saveCompany', {
      name: smallBusiness ? 'Grafikbüro Jäger' : 'Muster & Söhne GmbH',
      street: 'Königsallee 1',
      postalCode: '40212',
      city: 'Düsseldorf',
      country: 'DE',
      vatId: smallBusiness ? '' : 'DE136695976',
      taxNumber: '133/5819/0123',
      iban: COMPANY_IBAN,
      bic: 'COBADEFFXXX',
      bankName: 'Commerzbank',
      email: 'rechnung@muster.example',
      phone: '+49 211 123456',
      website: 'https://muster.example',
      register: smallBusiness ? '' : 'HRB 12345, Amtsgericht Düsseldorf',
      managingDirectors: 'Erika Muster',
      defaultPaymentTermsDays: 14,
      defaultCurrency: 'EUR',
      defaultLanguage: 'de',
      smallBusiness,
      invoicePrefix: 'RE',
      seriesLetter: 'A',
    }),
  );
  const login = async (userId: string) => {
    const client = createInMemoryClient(services);
    await ok(client.invoke('auth.login', { userId, password: PASSWORD }));
    return client;
  };
  return { admin, bookkeeper: await login(bk.id), supervisor: await login(sv.id), bookkeeperId: bk.id };
}

async function issue(team: Team, id: string): Promise<InvoiceView> {
  await ok(team.bookkeeper.invoke('invoices.submit', { id }));
  await ok(team.supervisor.invoke('invoices.approve', { id }));
  return ok(team.bookkeeper.invoke('invoices.issue', { id }));
}

async function writeDocuments(client: ApiClient, invoice: InvoiceView, out: string): Promise<string[]> {
  const written: string[] = [];
  for (const info of await ok(client.invoke('documents.list', { invoiceId: invoice.id }))) {
    const file = await ok(client.invoke('documents.get', { invoiceId: invoice.id, format: info.format }));
    fs.writeFileSync(path.join(out, file.fileName), Buffer.from(file.dataBase64, 'base64'));
    written.push(file.fileName);
  }
  return written;
}

const open = (invoice: InvoiceView) => invoice.totals.amountDue;

async function mainCompany(out: string, clock: DemoClock): Promise<string[]> {
  clock.set(-120);
  const services = await startServices({ dataDir: path.join(out, 'data'), clock: clock.now, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const team = await setUp(services, false);
    const { bookkeeper: bk } = team;
    const address = (street: string, postalCode: string, city: string, country = 'DE') => ({ street, postalCode, city, country });
    const customers = {
      bakery: await ok(bk.invoke('customers.save', { name: 'Bäckerei Schmidt GmbH', billingAddress: address('Hauptstraße 5', '50667', 'Köln'), paymentTermsDays: 14, kind: 'business', vatId: 'DE811569869', invoiceEmails: ['buchhaltung@schmidt.example'], eInvoiceFormat: 'xrechnung-cii', skontoPercent: '2', skontoDays: 10 })),
      consumer: await ok(bk.invoke('customers.save', { name: 'Jürgen Weiß', billingAddress: address('Gartenweg 3', '80331', 'München'), paymentTermsDays: 14, kind: 'consumer', invoiceEmails: ['j.weiss@example.org'] })),
      builder: await ok(bk.invoke('customers.save', { name: 'Bau & Söhne AG', billingAddress: address('Ring 9', '10115', 'Berlin'), paymentTermsDays: 30, kind: 'business', vatTreatment: 'reverseCharge13b', vatId: 'DE271828180', invoiceEmails: ['rechnung@bau.example'], eInvoiceFormat: 'xrechnung-ubl' })),
      vienna: await ok(bk.invoke('customers.save', { name: 'Wiener Kaffeehaus GmbH', billingAddress: address('Ring 1', '1010', 'Wien', 'AT'), paymentTermsDays: 30, kind: 'business', vatTreatment: 'intraEu', vatId: 'ATU13585627', language: 'en', invoiceEmails: ['office@kaffeehaus.example'], eInvoiceFormat: 'zugferd' })),
      zurich: await ok(bk.invoke('customers.save', { name: 'Zürcher Kaffeerösterei AG', billingAddress: address('Bahnhofstrasse 10', '8001', 'Zürich', 'CH'), paymentTermsDays: 30, kind: 'business', vatTreatment: 'export', language: 'en', invoiceEmails: ['kreditoren@roesterei.example'], eInvoiceFormat: 'zugferd' })),
      city: await ok(bk.invoke('customers.save', { name: 'Stadtverwaltung Musterstadt', billingAddress: address('Rathausplatz 1', '12345', 'Musterstadt'), paymentTermsDays: 30, kind: 'business', buyerReference: '991-12345-67', invoiceEmails: ['e-rechnung@musterstadt.example'], eInvoiceFormat: 'xrechnung-cii' })),
    };
    const products = {
      consulting: await ok(bk.invoke('products.save', { sku: 'BER-STD', nameDe: 'Beratung (Stunde)', nameEn: 'Consulting (hour)', unit: 'HUR', netPrice: '95.00', vatRate: '19' })),
      book: await ok(bk.invoke('products.save', { sku: 'BUCH-01', nameDe: 'Fachbuch „Buchhaltung für Bäckereien“', nameEn: 'Book "Bookkeeping for bakeries"', netPrice: '24.90', vatRate: '7', stockTracked: true })),
      machine: await ok(bk.invoke('products.save', { sku: 'KAF-MAS', nameDe: 'Espressomaschine Barista', nameEn: 'Espresso machine Barista', netPrice: '249.99', vatRate: '19', stockTracked: true })),
    };
    await ok(bk.invoke('products.receiveStock', { productId: products.book.id, quantity: '100' }));
    await ok(bk.invoke('products.receiveStock', { productId: products.machine.id, quantity: '20' }));

    /** An order taken two days before and invoiced on the clock's day. */
    const fromOrder = async (customerId: string, lines: { productId: string; quantity: string; discountPercent?: string }[]) => {
      const order = await ok(bk.invoke('orders.save', { customerId, orderDate: clock.date(), lines }));
      await ok(bk.invoke('orders.confirm', { id: order.id }));
      const draft = await ok(bk.invoke('invoices.createFromOrders', { orderIds: [order.id] }));
      return issue(team, draft.id);
    };
    const pay = async (invoice: InvoiceView, cents: number, payer: string, payerIban: string) =>
      ok(
        bk.invoke('payments.record', {
          date: clock.date(),
          amount: decimalOf(cents),
          counterpartyName: payer,
          counterpartyIban: payerIban,
          reference: `Rechnung ${invoice.number}`,
          customerId: invoice.customerId,
          allocations: [{ invoiceId: invoice.id, amount: decimalOf(cents) }],
        }),
      );
    /** The dunning run of one day, as the bookkeeper starts it from the reminders screen. */
    const remind = async () => services.reminders.run([], team.bookkeeperId);

    // The invoices in the order of their days, with the weekly dunning run in between: what is
    // overdue at today is at the reminder level its age gives it.
    const issued: InvoiceView[] = [];
    const runs = [-89, -82, -75, -68, -61, -54, -47, -40, -33, -26, -19, -12, -5, -1];
    const at = async (day: number, work: () => Promise<unknown>) => {
      while (runs.length && runs[0]! < day) {
        clock.set(runs.shift()!);
        await remind();
      }
      clock.set(day);
      await work();
    };
    const push = async (invoice: Promise<InvoiceView>) => issued.push(await invoice);

    // A consumer who never paid: at the final notice (level 3).
    await at(-110, () => push(fromOrder(customers.consumer.id, [{ productId: products.book.id, quantity: '2' }])));
    // An intra-EU customer at the second reminder.
    await at(-80, () => push(fromOrder(customers.vienna.id, [{ productId: products.machine.id, quantity: '2' }])));
    // A builder (reverse charge) who paid a part: at the first reminder with the rest.
    await at(-66, () => push(fromOrder(customers.builder.id, [{ productId: products.consulting.id, quantity: '12.5' }])));
    // The bakery: a discounted line, paid in full, then a credit note for two damaged books: a refund waits for review.
    await at(-60, () => push(fromOrder(customers.bakery.id, [{ productId: products.consulting.id, quantity: '3' }, { productId: products.book.id, quantity: '4', discountPercent: '10' }])));
    await at(-59, () => pay(issued[3]!, open(issued[3]!), 'Bäckerei Schmidt GmbH', 'DE44500105175407324931'));
    await at(-58, async () => {
      const credit = await ok(bk.invoke('invoices.createCreditNote', { invoiceId: issued[3]!.id, reason: 'Zwei Bücher beschädigt geliefert', lines: [{ lineId: issued[3]!.lines[1]!.id, quantity: '2' }] }));
      issued.push(await issue(team, credit.id));
    });
    await at(-50, () => {
      const credit = issued[4]!;
      return ok(
        bk.invoke('paymentRequests.create', {
          purpose: 'refund',
          amount: decimalOf(credit.totals.amountDue),
          counterpartyName: 'Bäckerei Schmidt GmbH',
          counterpartyIban: 'DE44500105175407324931',
          reference: `Gutschrift ${credit.number}`,
          creditNoteId: credit.id,
        }),
      );
    });
    await at(-40, () => pay(issued[2]!, 50_000, 'Bau & Söhne AG', 'DE02120300000000202051'));
    // A 20-page invoice to the bakery, at the payment reminder (level 0).
    await at(-38, async () => {
      const long = await ok(
        bk.invoke('invoices.saveDraft', {
          customerId: customers.bakery.id,
          lines: Array.from({ length: 600 }, (_, i) => ({ description: `Lieferung ${i + 1}: Brötchen-Tüten „Größe ${(i % 5) + 1}“`, quantity: String((i % 7) + 1), netUnitPrice: `${(i % 40) + 1}.25`, vatRate: i % 3 ? '19' : '7', unit: 'C62' })),
        }),
      );
      issued.push(await issue(team, long.id));
    });
    // The city (XRechnung): overdue by a few days, not reminded yet; the bank statement pays it.
    await at(-35, () => push(fromOrder(customers.city.id, [{ productId: products.consulting.id, quantity: '8' }])));
    // The bakery again: partly paid, the rest comes with the bank statement.
    await at(-21, () => push(fromOrder(customers.bakery.id, [{ productId: products.book.id, quantity: '10' }])));
    await at(-12, () => pay(issued[7]!, 10_000, 'Bäckerei Schmidt GmbH', 'DE44500105175407324931'));
    // A recent invoice, not due yet.
    await at(-4, () => push(fromOrder(customers.bakery.id, [{ productId: products.consulting.id, quantity: '1' }])));
    // An export to Switzerland (Factur-X), not due yet.
    await at(-3, () => push(fromOrder(customers.zurich.id, [{ productId: products.machine.id, quantity: '3' }])));
    await at(0, async () => undefined);

    // The bank statement of the last two days: the city pays in full, the bakery the rest of its latest invoice.
    const city = issued[6]!;
    const latest = issued[7]!;
    const entries: StatementEntry[] = [
      { date: clock.set(-2), cents: open(city), name: 'Stadtkasse Musterstadt', iban: 'DE12500105170648489890', text: `Rechnung ${city.number} Kassenzeichen 991-12345-67`, ref: 'DEMO-0001' },
      { date: clock.set(-2), cents: -1_890, name: 'Post & Paket Versand', iban: 'DE75512108001245126199', text: 'Porto', ref: 'DEMO-0002' },
      { date: clock.set(-1), cents: open(latest) - 10_000, name: 'Bäckerei Schmidt GmbH', iban: 'DE44500105175407324931', text: `Restzahlung ${latest.number}`, ref: 'DEMO-0003' },
    ];
    clock.set(0);
    const bankDir = path.join(out, 'bank');
    fs.mkdirSync(bankDir, { recursive: true });
    const statementName = `kontoauszug-${clock.date()}.xml`;
    fs.writeFileSync(path.join(bankDir, statementName), camt053(COMPANY_IBAN, 1_250_000, clock.set(-2), clock.set(-1), entries));
    clock.set(0);

    const files: string[] = [path.join('bank', statementName)];
    for (const invoice of issued) files.push(...(await writeDocuments(bk, invoice, out)));
    return files;
  } finally {
    await services.close();
  }
}

async function smallBusinessCompany(out: string, clock: DemoClock): Promise<string[]> {
  clock.set(-3);
  const services = await startServices({ dataDir: path.join(out, 'data-kleinunternehmer'), clock: clock.now, documents: { freezeOnIssue: false }, mail: { autoStart: false }, reminders: { autoStart: false } });
  try {
    const team = await setUp(services, true);
    const customer = await ok(team.bookkeeper.invoke('customers.save', { name: 'Café Morgenrot', billingAddress: { street: 'Lindenallee 2', postalCode: '04109', city: 'Leipzig', country: 'DE' }, paymentTermsDays: 14, kind: 'business', invoiceEmails: ['buero@morgenrot.example'], eInvoiceFormat: 'xrechnung-ubl' }));
    const draft = await ok(team.bookkeeper.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Logo-Entwurf „Morgenrot“', quantity: '1', netUnitPrice: '480.00', unit: 'C62' }] }));
    const invoice = await issue(team, draft.id);
    const dir = path.join(out, 'kleinunternehmer');
    fs.mkdirSync(dir, { recursive: true });
    return (await writeDocuments(team.bookkeeper, invoice, dir)).map((f) => path.join('kleinunternehmer', f));
  } finally {
    await services.close();
  }
}

/** Writes both companies into `out` (which must not hold demo data yet); `today` the last day of the books. */
export async function buildDemo(out: string, today = new Date().toISOString().slice(0, 10)): Promise<string[]> {
  const clock = new DemoClock(today);
  fs.mkdirSync(out, { recursive: true });
  return [...(await mainCompany(out, clock)), ...(await smallBusinessCompany(out, clock))];
}
