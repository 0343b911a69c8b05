/**
 * Books that already wait on the server when a new device connects: customers and payment facts
 * shaped as the app writes them (schema-valid, ULID ids, clock stamps), written straight into the
 * company's CouchDB databases with `_bulk_docs`, as another device's sync would have left them.
 */
import { monotonicFactory } from 'ulid';
import type { CustomerDoc } from '../src-main/store/schemas/books.js';
import type { FactDoc } from '../src-main/store/schemas/facts.js';
import { databaseNames } from '../src-main/sync/server.js';

type Login = { name: string; password: string };

const AT = '2026-11-20T08:30:00.000Z';
const AT_MS = Date.parse(AT);
/** The device that "wrote" these books before the new one joined. */
const OTHER_DEVICE = '01JDEVICEOTHERBOOKS0000000';

export function customersOnServer(count: number): CustomerDoc[] {
  const id = monotonicFactory(() => 0.5);
  return Array.from({ length: count }, (_, i) => ({
    id: id(AT_MS + i),
    number: `K-${String(i + 1).padStart(6, '0')}`,
    name: `Kunde ${i + 1} GmbH & Co. KG`,
    billingAddress: { street: `Hauptstraße ${(i % 200) + 1}`, postalCode: String(10_000 + (i % 89_999)), city: 'Köln', country: 'DE' },
    invoiceEmails: [`rechnung${i + 1}@example.org`],
    language: 'de',
    paymentTermsDays: 14,
    kind: 'business',
    vatTreatment: 'domestic',
    active: true,
    createdAt: AT,
    createdBy: 'admin',
    updatedAt: AT,
    updatedBy: 'admin',
    hlc: `${AT_MS + i}-0-${OTHER_DEVICE}`,
  }));
}

export function paymentsOnServer(count: number, customers: readonly CustomerDoc[]): FactDoc[] {
  const id = monotonicFactory(() => 0.5);
  return Array.from({ length: count }, (_, i) => {
    const customer = customers[i % customers.length]!;
    return {
      id: id(AT_MS + 1_000_000 + i),
      kind: 'payment',
      subjectId: customer.id,
      occurredAt: AT,
      deviceId: OTHER_DEVICE,
      seq: 0,
      userId: 'admin',
      payment: {
        direction: 'incoming',
        purpose: 'customerPayment',
        date: '2026-11-20',
        amount: 10_000 + ((i * 7919) % 500_000),
        currency: 'EUR',
        method: 'bankTransfer',
        counterpartyName: customer.name,
        counterpartyIban: 'DE89370400440532013000',
        reference: `Rechnung RE-2026-A-${String((i % 99_999) + 1).padStart(6, '0')} Kundennummer ${customer.number}`,
        source: 'manual',
        customerId: customer.id,
      },
    } as FactDoc;
  });
}

/** `_bulk_docs` in batches, as a server admin; fails on the first refused row. */
export async function putDocs(url: string, admin: Login, docs: readonly { id: string }[], batch = 2000): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
  for (let start = 0; start < docs.length; start += batch) {
    const body = { docs: docs.slice(start, start + batch).map(({ id, ...rest }) => ({ _id: id, ...rest })) };
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${url}/_bulk_docs`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      } catch (error) {
        // A kept-alive connection the busy server closed as it was reused: send the batch again.
        if (attempt === 3) throw error;
        continue;
      }
      if (!response.ok) throw new Error(`_bulk_docs ${url}: ${response.status} ${await response.text()}`);
      const rows = (await response.json()) as { ok?: boolean; error?: string; id: string }[];
      // On a second attempt, a conflict is this batch's own first attempt that did arrive.
      const refused = rows.find((row) => !row.ok && !(attempt > 1 && row.error === 'conflict'));
      if (refused) throw new Error(`_bulk_docs ${url}: ${refused.id} ${refused.error}`);
      break;
    }
  }
}

/** `count` documents of the books on the server: a tenth customers, the rest their payments. Returns every id. */
export async function seedBooksOnServer(serverUrl: string, admin: Login, prefix: string, count: number): Promise<{ customers: string[]; facts: string[] }> {
  const customers = customersOnServer(Math.round(count / 10));
  const payments = paymentsOnServer(count - customers.length, customers);
  const names = databaseNames(prefix);
  await putDocs(`${serverUrl}/${names.customers}`, admin, customers);
  await putDocs(`${serverUrl}/${names.facts}`, admin, payments);
  return { customers: customers.map((c) => c.id), facts: payments.map((p) => p.id) };
}
