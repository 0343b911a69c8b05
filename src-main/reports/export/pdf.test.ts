/** The printed report and the statement letter, rendered with the real fonts and read back with pdftotext. */
import { describe, expect, it } from 'vitest';
import type { CustomerStatement, PartySnapshot, ReportTable } from '../../../src-shared/contract/index.js';
import { renderPdf } from '../../documents/pdf/render-invoice.js';
import { linesOf, pdfPages } from '../../../tests/support/pdf.js';
import { reportLetter } from './pdf.js';
import { statementLetter } from './statement-letter.js';

const seller: PartySnapshot = {
  name: 'Muster & Söhne GmbH',
  address: { street: 'Königsallee 1', postalCode: '40212', city: 'Düsseldorf', country: 'DE' },
  vatId: 'DE136695976',
  taxNumber: '',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
};
const buyer: PartySnapshot = { name: 'Bäckerei Schmidt GmbH', address: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' }, vatId: '', taxNumber: '', customerNumber: 'K-00042' };

const table = (rows: number): ReportTable => ({
  title: 'reports.title.openItems',
  currency: 'EUR',
  columns: [
    { key: 'customer', label: 'reports.column.customer', type: 'text' },
    { key: 'number', label: 'reports.column.number', type: 'text' },
    { key: 'dueDate', label: 'reports.column.dueDate', type: 'date' },
    { key: 'days', label: 'reports.column.daysOverdue', type: 'days' },
    { key: 'open', label: 'reports.column.open', type: 'money' },
  ],
  rows: Array.from({ length: rows }, (_, i) => ({ customer: `Kunde ${i + 1}`, number: `RE-2026-A-${String(i + 1).padStart(6, '0')}`, dueDate: '2026-10-01', days: 57, open: 123456 - i })),
  totals: { open: Array.from({ length: rows }, (_, i) => 123456 - i).reduce((a, b) => a + b, 0) },
});

describe('printed report', () => {
  it('prints title, filters, headings with the currency, figures, totals and page numbers', async () => {
    const letter = reportLetter(table(60), { language: 'de', seller, date: '2026-11-27', filters: ['Stichtag: 27.11.2026', 'Kunde: Bäckerei Schmidt GmbH'] });
    const pages = pdfPages(await renderPdf({ kind: 'table', letter }));
    expect(pages.length).toBeGreaterThan(1);
    const first = linesOf(pages[0]!);
    expect(first).toContain('Offene Posten');
    expect(first).toContain('Stichtag: 27.11.2026 · Kunde: Bäckerei Schmidt GmbH');
    expect(first.join('\n')).toMatch(/Kunde\s+Nummer\s+Fällig am/);
    expect(first.join('\n')).toContain('Offen (€)');
    expect(first).toContain('Kunde 1 RE-2026-A-000001 01.10.2026 57 1.234,56');
    const last = linesOf(pages.at(-1)!);
    // 60 × 1,234.56 € less 0+1+…+59 cents = 74,073.60 − 17.70 = 74,055.90 €
    expect(last).toContain('Summe 74.055,90');
    pages.forEach((page, i) => expect(linesOf(page)).toContain(`Seite ${i + 1} von ${pages.length}`));
  });

  it('prints in English when the reader reads English', async () => {
    const letter = reportLetter(table(2), { language: 'en', seller, date: '2026-11-27', filters: [] });
    const lines = linesOf(pdfPages(await renderPdf({ kind: 'table', letter }))[0]!);
    expect(lines).toContain('Kunde 1 RE-2026-A-000001 01/10/2026 57 1,234.56');
    expect(lines).toContain('Total 2,469.11');
  });
});

const statement: CustomerStatement = {
  customerId: 'c1',
  customerNumber: 'K-00042',
  customerName: 'Bäckerei Schmidt GmbH',
  from: '2026-10-01',
  to: '2026-10-31',
  currency: 'EUR',
  opening: 10000,
  lines: [
    { date: '2026-10-05', kind: 'invoice', number: 'RE-2026-A-000007', reference: '', debit: 11900, credit: 0, balance: 21900 },
    { date: '2026-10-12', kind: 'payment', number: '', reference: 'RE-2026-A-000007', debit: 0, credit: 5000, balance: 16900 },
    { date: '2026-10-20', kind: 'creditNote', number: 'GS-2026-A-000001', reference: 'RE-2026-A-000007', debit: 0, credit: 1190, balance: 15710 },
  ],
  debitTotal: 11900,
  creditTotal: 6190,
  closing: 15710,
  table: { title: 'reports.title.statement', columns: [], rows: [], currency: 'EUR' },
};

describe('statement letter', () => {
  it('addresses the customer and prints every line with its running balance and the closing balance', async () => {
    const pdf = await renderPdf({ kind: 'table', letter: statementLetter(statement, seller, buyer, 'de', '2026-11-27') });
    const text = pdfPages(pdf).map(linesOf).flat();
    expect(text).toContain('Bäckerei Schmidt GmbH');
    expect(text).toContain('50667 Köln');
    expect(text).toContain('Kontoauszug');
    expect(text.join('\n')).toContain('Kundennummer K-00042');
    expect(text).toContain('01.10.2026 Anfangssaldo 100,00');
    expect(text).toContain('05.10.2026 Rechnung RE-2026-A-000007 119,00 219,00');
    expect(text).toContain('12.10.2026 Zahlung RE-2026-A-000007 50,00 169,00');
    expect(text).toContain('20.10.2026 Gutschrift GS-2026-A-000001 RE-2026-A-000007 11,90 157,10');
    expect(text).toContain('Schlusssaldo am 31.10.2026 157,10 €');
    expect(text.join(' ')).toContain('Bitte überweisen Sie den offenen Betrag von 157,10 € unter Angabe Ihrer Kundennummer K-00042');
    expect(text.join(' ')).toContain('Bankverbindung: Commerzbank, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX');
  });

  it('speaks of a credit when the customer has paid more', async () => {
    const credit = { ...statement, lines: [], debitTotal: 0, creditTotal: 0, opening: -2500, closing: -2500 };
    const text = pdfPages(await renderPdf({ kind: 'table', letter: statementLetter(credit, seller, buyer, 'en', '2026-11-27') })).map(linesOf).flat().join(' ');
    expect(text).toContain('Account statement');
    expect(text).toContain('There is a credit of €25.00 in your favour.');
  });
});
