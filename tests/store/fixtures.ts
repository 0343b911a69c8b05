/** Valid documents for every collection, made from a number so tests can make many. */
import type { CustomerDoc, InvoiceDoc, ProductDoc } from '../../src-main/store/schemas/books.js';
import type { FactDoc } from '../../src-main/store/schemas/facts.js';

export const FIXED_TIME = '2026-11-27T09:00:00.000Z';

export function customer(i: number): CustomerDoc {
  return {
    id: `cust${String(i).padStart(6, '0')}`,
    number: `K-${10000 + i}`,
    name: `Kunde ${i} Müller & Söhne GmbH`,
    billingAddress: { street: `Hauptstraße ${i}`, postalCode: '50667', city: 'Köln', country: 'DE' },
    language: i % 2 ? 'de' : 'en',
    paymentTermsDays: 14,
    kind: i % 3 ? 'business' : 'consumer',
    creditLimit: 500_000,
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
  };
}

export function product(i: number): ProductDoc {
  return {
    id: `prod${String(i).padStart(6, '0')}`,
    sku: `SKU-${i}`,
    name: { de: `Schraube ${i}`, en: `Screw ${i}` },
    unit: 'C62',
    netPrice: '1.25',
    currency: 'EUR',
    vatCategory: 'S',
    vatRate: '19',
    stockTracked: true,
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
  };
}

export function invoice(i: number, status: InvoiceDoc['status'] = 'draft'): InvoiceDoc {
  return {
    id: `inv${String(i).padStart(8, '0')}`,
    documentType: 'invoice',
    status,
    number: status === 'issued' ? `RE-2026-A-${String(i).padStart(6, '0')}` : '',
    customerId: customer(i % 50).id,
    dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
    currency: 'EUR',
    lines: [
      { id: 'l1', description: 'Beratung „Umstellung“ – 3 Stunden', quantity: '3', unit: 'HUR', netUnitPrice: '95.00', vatCategory: 'S', vatRate: '19' },
    ],
    grossAmount: 33915,
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
  };
}

export function auditFact(i: number, deviceId: string): FactDoc {
  return {
    id: `fact${String(i).padStart(8, '0')}`,
    kind: 'audit',
    subjectId: invoice(i).id,
    occurredAt: FIXED_TIME,
    deviceId,
    seq: i,
    audit: { action: 'invoice.created', entity: 'invoice', entityId: invoice(i).id, prevHash: '0'.repeat(64), hash: 'a'.repeat(64) },
  };
}

/** One valid document per collection, keyed by collection name. */
export function oneOfEach(deviceId: string): Record<string, Record<string, unknown>> {
  return {
    settings: { id: 'series-invoice-A', kind: 'numberSeries', numberSeries: { documentType: 'invoice', deviceId, prefix: 'RE', seriesLetter: 'A', year: 2026, lastNumber: 0 }, createdAt: FIXED_TIME, updatedAt: FIXED_TIME },
    users: { id: 'user1', name: 'Erika Mustermann', email: 'erika@example.org', role: 'supervisor', passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', active: true, createdAt: FIXED_TIME, updatedAt: FIXED_TIME },
    customers: customer(1),
    products: product(1),
    orders: { id: 'order1', number: 'AB-1', customerId: customer(1).id, status: 'confirmed', orderDate: '2026-11-27', currency: 'EUR', lines: invoice(1).lines, createdAt: FIXED_TIME, updatedAt: FIXED_TIME },
    invoices: invoice(1),
    facts: auditFact(1, deviceId),
    paymentRequests: { id: 'req1', status: 'requested', direction: 'outgoing', amount: 12000, currency: 'EUR', method: 'bankTransfer', counterpartyName: 'Lieferant AG', createdAt: FIXED_TIME, updatedAt: FIXED_TIME },
    outbox: { id: 'mail1', status: 'queued', deviceId, dedupeKey: 'invoice.issued:inv1', messageId: '<mail1@rechnungswerk.local>', event: 'invoice.issued', to: ['kunde@example.org'], subject: 'Rechnung RE-2026-A-000001 – 339,15 €', attempts: 0, nextAttemptAt: FIXED_TIME, createdAt: FIXED_TIME, updatedAt: FIXED_TIME },
  };
}
