/**
 * `npm run demo -- --out <dir>`: a fresh demo company with customers, products and orders that
 * cover the VAT cases (19 %, 7 %, mixed, reverse charge, intra-EU, a public buyer with
 * XRechnung, a credit note, a 20-page invoice), issued through the real handlers; every issued
 * document's PDF and XML is written to <dir>. A second, small-business (§ 19 UStG) company is
 * made beside it. Open <dir>/data with `npm run web -- --data <dir>/data` to look around
 * (log in with "Anna Admin" or "anna@demo.example", password "Demo-Passwort-1").
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInMemoryClient } from '../src-main/server/in-memory.js';
import { startServices, type Services } from '../src-main/services.js';
import type { ApiClient, InvoiceView } from '../src-shared/contract/index.js';

const PASSWORD = 'Demo-Passwort-1';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

type Team = { bookkeeper: ApiClient; supervisor: ApiClient };

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
      iban: 'DE89 3704 0044 0532 0130 00',
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
  return { bookkeeper: await login(bk.id), supervisor: await login(sv.id) };
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

async function mainCompany(out: string): Promise<string[]> {
  const services = await startServices({ dataDir: path.join(out, 'data'), documents: { freezeOnIssue: false } });
  try {
    const team = await setUp(services, false);
    const { bookkeeper: bk } = team;
    const address = (street: string, postalCode: string, city: string, country = 'DE') => ({ street, postalCode, city, country });
    const customers = {
      bakery: await ok(bk.invoke('customers.save', { name: 'Bäckerei Schmidt GmbH', billingAddress: address('Hauptstraße 5', '50667', 'Köln'), paymentTermsDays: 14, kind: 'business', vatId: 'DE811569869', invoiceEmails: ['buchhaltung@schmidt.example'], eInvoiceFormat: 'xrechnung-cii', skontoPercent: '2', skontoDays: 10 })),
      consumer: await ok(bk.invoke('customers.save', { name: 'Jürgen Weiß', billingAddress: address('Gartenweg 3', '80331', 'München'), paymentTermsDays: 14, kind: 'consumer', invoiceEmails: ['j.weiss@example.org'] })),
      builder: await ok(bk.invoke('customers.save', { name: 'Bau & Söhne AG', billingAddress: address('Ring 9', '10115', 'Berlin'), paymentTermsDays: 30, kind: 'business', vatTreatment: 'reverseCharge13b', vatId: 'DE271828180', invoiceEmails: ['rechnung@bau.example'], eInvoiceFormat: 'xrechnung-ubl' })),
      vienna: await ok(bk.invoke('customers.save', { name: 'Wiener Kaffeehaus GmbH', billingAddress: address('Ring 1', '1010', 'Wien', 'AT'), paymentTermsDays: 30, kind: 'business', vatTreatment: 'intraEu', vatId: 'ATU13585627', language: 'en', invoiceEmails: ['office@kaffeehaus.example'], eInvoiceFormat: 'zugferd' })),
      city: await ok(bk.invoke('customers.save', { name: 'Stadtverwaltung Musterstadt', billingAddress: address('Rathausplatz 1', '12345', 'Musterstadt'), paymentTermsDays: 30, kind: 'business', buyerReference: '991-12345-67', invoiceEmails: ['e-rechnung@musterstadt.example'], eInvoiceFormat: 'xrechnung-cii' })),
    };
    const products = {
      consulting: await ok(bk.invoke('products.save', { sku: 'BER-STD', nameDe: 'Beratung (Stunde)', nameEn: 'Consulting (hour)', unit: 'HUR', netPrice: '95.00', vatRate: '19' })),
      book: await ok(bk.invoke('products.save', { sku: 'BUCH-01', nameDe: 'Fachbuch „Buchhaltung für Bäckereien“', nameEn: 'Book "Bookkeeping for bakeries"', netPrice: '24.90', vatRate: '7', stockTracked: true })),
      machine: await ok(bk.invoke('products.save', { sku: 'KAF-MAS', nameDe: 'Espressomaschine Barista', nameEn: 'Espresso machine Barista', netPrice: '249.99', vatRate: '19', stockTracked: true })),
    };
    await ok(bk.invoke('products.receiveStock', { productId: products.book.id, quantity: '100' }));
    await ok(bk.invoke('products.receiveStock', { productId: products.machine.id, quantity: '20' }));

    const fromOrder = async (customerId: string, lines: { productId: string; quantity: string; discountPercent?: string }[]) => {
      const order = await ok(bk.invoke('orders.save', { customerId, orderDate: '2026-11-20', lines }));
      await ok(bk.invoke('orders.confirm', { id: order.id }));
      const draft = await ok(bk.invoke('invoices.createFromOrders', { orderIds: [order.id] }));
      return issue(team, draft.id);
    };
    const issued: InvoiceView[] = [];
    issued.push(await fromOrder(customers.bakery.id, [{ productId: products.consulting.id, quantity: '3' }, { productId: products.book.id, quantity: '4', discountPercent: '10' }]));
    issued.push(await fromOrder(customers.consumer.id, [{ productId: products.book.id, quantity: '2' }]));
    issued.push(await fromOrder(customers.builder.id, [{ productId: products.consulting.id, quantity: '12.5' }]));
    issued.push(await fromOrder(customers.vienna.id, [{ productId: products.machine.id, quantity: '2' }]));
    issued.push(await fromOrder(customers.city.id, [{ productId: products.consulting.id, quantity: '8' }]));
    const long = await ok(
      bk.invoke('invoices.saveDraft', {
        customerId: customers.bakery.id,
        lines: Array.from({ length: 600 }, (_, i) => ({ description: `Lieferung ${i + 1}: Brötchen-Tüten „Größe ${(i % 5) + 1}“`, quantity: String((i % 7) + 1), netUnitPrice: `${(i % 40) + 1}.25`, vatRate: i % 3 ? '19' : '7', unit: 'C62' })),
      }),
    );
    issued.push(await issue(team, long.id));
    const credit = await ok(bk.invoke('invoices.createCreditNote', { invoiceId: issued[0]!.id, reason: 'Zwei Bücher beschädigt geliefert', lines: [{ lineId: issued[0]!.lines[1]!.id, quantity: '2' }] }));
    issued.push(await issue(team, credit.id));

    const files: string[] = [];
    for (const invoice of issued) files.push(...(await writeDocuments(bk, invoice, out)));
    return files;
  } finally {
    await services.close();
  }
}

async function smallBusinessCompany(out: string): Promise<string[]> {
  const services = await startServices({ dataDir: path.join(out, 'data-kleinunternehmer'), documents: { freezeOnIssue: false } });
  try {
    const team = await setUp(services, true);
    const customer = await ok(team.bookkeeper.invoke('customers.save', { name: 'Café Morgenrot', billingAddress: { street: 'Lindenallee 2', postalCode: '04109', city: 'Leipzig', country: 'DE' }, paymentTermsDays: 14, kind: 'business' }));
    const draft = await ok(team.bookkeeper.invoke('invoices.saveDraft', { customerId: customer.id, lines: [{ description: 'Logo-Entwurf „Morgenrot“', quantity: '1', netUnitPrice: '480.00', unit: 'C62' }] }));
    const invoice = await issue(team, draft.id);
    const dir = path.join(out, 'kleinunternehmer');
    fs.mkdirSync(dir, { recursive: true });
    return (await writeDocuments(team.bookkeeper, invoice, dir)).map((f) => path.join('kleinunternehmer', f));
  } finally {
    await services.close();
  }
}

const out = argument('out');
if (!out) {
  console.error('usage: npm run demo -- --out <dir>');
  process.exit(2);
}
const target = path.resolve(out);
if (fs.existsSync(path.join(target, 'data'))) {
  console.error(`${target} has demo data already; choose an empty folder.`);
  process.exit(2);
}
fs.mkdirSync(target, { recursive: true });
const files = [...(await mainCompany(target)), ...(await smallBusinessCompany(target))];
console.log(`Demo written to ${target}:`);
for (const f of files) console.log(`  ${f}`);
console.log(`\nLook around: npm run web -- --data ${path.join(target, 'data')}  (Anna Admin / ${PASSWORD})`);
