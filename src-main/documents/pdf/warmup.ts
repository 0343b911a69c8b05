/**
 * A made-up issued invoice for warming the renderer up and for the benchmark: the same parts as
 * a real one (two VAT rates, discounts, Skonto, GiroCode), with `lineCount` lines.
 */
import type { InvoiceView, LineView } from '../../../src-shared/contract/index.js';
import { totalsInputOf } from '../../../src-shared/invoice/document.js';
import { computeInvoiceTotals } from '../../../src-shared/invoice/totals.js';

const ITEMS = [
  { description: 'Mehl Type 550, 25 kg', unit: 'C62', price: '18.9', vatRate: '7' },
  { description: 'Wartung „Backofen“ – Prüfung & Übergabe, Größe XL', unit: 'HUR', price: '95', vatRate: '19' },
  { description: 'Roggenmehl Type 1150, 10 kg, Qualitätsstufe A (Süddeutsche Mühlen)', unit: 'C62', price: '11.45', vatRate: '7' },
  { description: 'Lieferpauschale', unit: 'LS', price: '25', vatRate: '19' },
];

export function warmupView(lineCount = 1, language: 'de' | 'en' = 'de'): InvoiceView {
  const lines: LineView[] = Array.from({ length: lineCount }, (_, i) => {
    const item = ITEMS[i % ITEMS.length]!;
    return {
      id: `line-${i + 1}`,
      productId: '',
      description: item.description,
      quantity: String((i % 7) + 1) + (i % 3 === 1 ? '.5' : ''),
      unit: item.unit,
      netUnitPrice: item.price,
      ...(i % 5 === 2 ? { discountPercent: '5' } : {}),
      vatCategory: 'S',
      vatRate: item.vatRate,
    };
  });
  const totals = computeInvoiceTotals(totalsInputOf({ currency: 'EUR', lines }));
  return {
    id: 'warmup',
    documentType: 'invoice',
    status: 'issued',
    number: 'RE-2026-A-000123',
    customerId: 'customer',
    customerName: 'Bäckerei Schmidt GmbH',
    orderIds: [],
    correctsInvoiceId: '',
    correctsNumber: '',
    issueDate: '2026-11-27',
    dueDate: '2026-12-11',
    supplyDate: '2026-11-20',
    servicePeriod: null,
    currency: 'EUR',
    language,
    vatCase: 'domestic',
    legalNotes: [],
    lines,
    allowancesCharges: [],
    totals,
    paymentTermsDays: 14,
    skonto: { percent: '2', days: 10 },
    note: 'Vielen Dank für Ihren Auftrag! Bitte geben Sie bei der Zahlung die Rechnungsnummer an.',
    returnStock: false,
    rejectionReason: '',
    createdBy: '',
    editedBy: [],
    submittedBy: [],
    approvedBy: '',
    issuedBy: '',
    issuedAt: '2026-11-27T09:00:00.000Z',
    seller: {
      name: 'Muster & Söhne GmbH',
      address: { street: 'Königsallee 1', postalCode: '40212', city: 'Düsseldorf', country: 'DE' },
      vatId: 'DE136695976',
      taxNumber: '133/5819/0123',
      email: 'rechnung@muster.example',
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      bankName: 'Commerzbank',
      register: 'HRB 12345, Amtsgericht Düsseldorf',
      managingDirectors: 'Erika Muster',
      phone: '+49 211 123456',
      website: 'https://muster.example',
    },
    buyer: {
      name: 'Bäckerei Schmidt GmbH',
      address: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' },
      vatId: '',
      taxNumber: '',
      customerNumber: 'K-10001',
      buyerReference: '',
    },
    updatedAt: '2026-11-27T09:00:00.000Z',
  };
}
