/**
 * Reminder letters and payment receipts rendered to PDF and read back: the texts with pdftotext,
 * the sums, the page labels of a long letter, and the reminder's GiroCode with zbarimg.
 */
import { describe, expect, it } from 'vitest';
import type { PartySnapshot, PaymentReceiptView, ReminderLetterView } from '../../../src-shared/contract/index.js';
import { girocodePayload } from './girocode.js';
import { reminderTotals } from './letters.js';
import { renderPdf } from './renderer.js';
import { linesOf, pdfInfo, pdfPages, scanQr } from '../../../tests/support/pdf.js';

const SELLER: PartySnapshot = {
  name: 'Muster & Söhne GmbH',
  address: { street: 'Königsallee 1', postalCode: '40212', city: 'Düsseldorf', country: 'DE' },
  vatId: 'DE136695976',
  taxNumber: '133/5819/0123',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  bankName: 'Commerzbank',
};
const BUYER: PartySnapshot = {
  name: 'Bäckerei Größe KG',
  address: { street: 'Hauptstraße 5', postalCode: '50667', city: 'Köln', country: 'DE' },
  vatId: '',
  taxNumber: '',
  customerNumber: 'K-10001',
};

function letter(overrides: Partial<ReminderLetterView> = {}): ReminderLetterView {
  return {
    number: 'MA-2026-0007',
    date: '2026-11-27',
    level: 2,
    language: 'de',
    currency: 'EUR',
    seller: SELLER,
    buyer: BUYER,
    items: [
      { invoiceNumber: 'RE-A-2026-0001', issueDate: '2026-09-02', dueDate: '2026-09-16', daysOverdue: 72, openAmount: 119000, interest: 2880 },
      { invoiceNumber: 'RE-A-2026-0004', issueDate: '2026-09-20', dueDate: '2026-10-04', daysOverdue: 54, openAmount: 59500, interest: 1080 },
    ],
    fee: 500,
    interestRate: '12.27',
    payBy: '2026-12-07',
    text: '',
    ...overrides,
  };
}

describe('reminder letter PDF', () => {
  it('prints the level, the overdue invoices, interest, fee and the sum asked for, in German', async () => {
    const pdf = await renderPdf({ kind: 'reminder', letter: letter() });
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const lines = linesOf(pages[0]!);
    expect(lines).toContain('2. Mahnung');
    expect(lines.some((l) => l.includes('Mahnungsnummer MA-2026-0007'))).toBe(true);
    expect(lines).toContain('Sehr geehrte Damen und Herren,');
    expect(lines.some((l) => l.startsWith('trotz unserer bisherigen Schreiben sind die folgenden Rechnungen'))).toBe(true);
    expect(lines).toContain('RE-A-2026-0001 02.09.2026 16.09.2026 72 1.190,00 € 28,80 €');
    expect(lines).toContain('RE-A-2026-0004 20.09.2026 04.10.2026 54 595,00 € 10,80 €');
    expect(lines.some((l) => l.endsWith('Offene Rechnungen 1.785,00 €'))).toBe(true);
    expect(lines.some((l) => l.endsWith('Verzugszinsen (12,27 % p. a.) 39,60 €'))).toBe(true);
    expect(lines.some((l) => l.endsWith('Mahngebühren 5,00 €'))).toBe(true);
    expect(lines.some((l) => l.endsWith('Zahlbetrag 1.829,60 €'))).toBe(true);
    expect(lines.some((l) => l.includes('Bitte überweisen Sie 1.829,60 € bis zum 07.12.2026.'))).toBe(true);
    expect(lines).toContain('Mit freundlichen Grüßen');
    expect(lines.some((l) => l.includes('Seite 1 von 1'))).toBe(true);
    expect(pdfInfo(pdf).Title).toBe('2. Mahnung MA-2026-0007');
    expect(reminderTotals(letter())).toEqual({ open: 178500, interest: 3960, fee: 500, flatFee: 0, total: 182960 });
  });

  it('prints the € 40 lump sum of § 288 Abs. 5 BGB on its own line, counted into the sum', async () => {
    const pdf = await renderPdf({ kind: 'reminder', letter: letter({ fee: 0, flatFee: 4000 }) });
    const lines = linesOf(pdfPages(pdf)[0]!);
    expect(lines.some((l) => l.endsWith('Verzugspauschale (§ 288 Abs. 5 BGB) 40,00 €'))).toBe(true);
    expect(lines.some((l) => l.includes('Mahngebühren'))).toBe(false);
    expect(lines.some((l) => l.endsWith('Zahlbetrag 1.864,60 €'))).toBe(true);
  });

  it('carries a GiroCode for the whole sum with the invoice numbers as reference', async () => {
    const pdf = await renderPdf({ kind: 'reminder', letter: letter() });
    expect(scanQr(pdf, 1)).toBe(
      girocodePayload({ bic: 'COBADEFFXXX', name: SELLER.name, iban: SELLER.iban!, amountCents: 182960, remittance: 'RE-A-2026-0001, RE-A-2026-0004' }),
    );
  });

  it('a friendly English payment reminder has no interest or fee rows, and uses the company text when set', async () => {
    const pdf = await renderPdf({
      kind: 'reminder',
      letter: letter({ level: 0, language: 'en', fee: 0, items: letter().items.map((i) => ({ ...i, interest: 0 })), text: 'Our own words about the open invoice.' }),
    });
    const lines = linesOf(pdfPages(pdf)[0]!);
    expect(lines).toContain('Payment reminder');
    expect(lines).toContain('Dear Sir or Madam,');
    expect(lines).toContain('Our own words about the open invoice.');
    expect(lines.some((l) => l.includes('RE-A-2026-0001 02/09/2026 16/09/2026 72 €1,190.00'))).toBe(true);
    expect(lines.some((l) => l.includes('Default interest'))).toBe(false);
    expect(lines.some((l) => l.includes('Dunning fee'))).toBe(false);
    expect(lines.some((l) => l.endsWith('Amount due €1,785.00'))).toBe(true);
  });

  it('continues a long list on following pages with the table header repeated', async () => {
    const items = Array.from({ length: 70 }, (_, i) => ({
      invoiceNumber: `RE-A-2026-${String(i + 1).padStart(4, '0')}`,
      issueDate: '2026-09-02',
      dueDate: '2026-09-16',
      daysOverdue: 72,
      openAmount: 10000 + i,
      interest: 0,
    }));
    const pdf = await renderPdf({ kind: 'reminder', letter: letter({ items, fee: 0 }) });
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(3);
    pages.forEach((page, i) => {
      const lines = linesOf(page);
      expect(lines.some((l) => l.includes(`Seite ${i + 1} von ${pages.length}`))).toBe(true);
      if (i > 0) expect(lines[0]).toBe('2. Mahnung MA-2026-0007');
    });
    const text = pages.join('\n');
    for (const item of items) expect(text).toContain(item.invoiceNumber);
    // The table runs over the first two pages, its header on each; the third page holds what follows it.
    expect(pages.map((p) => p.includes('Offener Betrag'))).toEqual([true, true, false]);
    // 70 × 100.00 € plus 0 + 1 + … + 69 cents.
    expect(text).toMatch(/Zahlbetrag\s+7\.024,15 €/);
    // 70 invoice numbers exceed a transfer's 140 characters: the letter's number is the reference.
    expect(text).toContain('Verwendungszweck: MA-2026-0007');
  });
});

describe('payment receipt PDF', () => {
  const receipt: PaymentReceiptView = {
    number: 'ZB-2026-0003',
    date: '2026-11-27',
    language: 'en',
    currency: 'EUR',
    seller: SELLER,
    buyer: BUYER,
    receivedOn: '2026-11-20',
    method: 'bankTransfer',
    reference: 'RE-A-2026-0001 RE-A-2026-0004',
    amount: 200000,
    allocations: [
      { invoiceNumber: 'RE-A-2026-0001', invoiceDate: '2026-09-02', amount: 119000, remaining: 0 },
      { invoiceNumber: 'RE-A-2026-0004', invoiceDate: '2026-09-20', amount: 59500, remaining: 0 },
    ],
  };

  it('confirms the amount, the invoices it settled and the credit left, without a QR code', async () => {
    const pdf = await renderPdf({ kind: 'receipt', receipt });
    const lines = linesOf(pdfPages(pdf)[0]!);
    expect(lines).toContain('Payment receipt');
    expect(lines.some((l) => l.includes('Receipt number ZB-2026-0003'))).toBe(true);
    expect(lines.some((l) => l.includes('We confirm receipt of your payment of €2,000.00 on 20 November 2026 by bank transfer.'))).toBe(true);
    expect(lines).toContain('RE-A-2026-0001 02/09/2026 €1,190.00 €0.00');
    expect(lines.some((l) => l.endsWith('Settled on invoices €1,785.00'))).toBe(true);
    expect(lines.some((l) => l.endsWith('Credit on your account €215.00'))).toBe(true);
    expect(lines.some((l) => l.endsWith('Amount received €2,000.00'))).toBe(true);
    expect(scanQr(pdf, 1)).toBeNull();
  });

  it('in German, a cash payment', async () => {
    const pdf = await renderPdf({ kind: 'receipt', receipt: { ...receipt, language: 'de', method: 'cash', reference: '', amount: 178500 } });
    const lines = linesOf(pdfPages(pdf)[0]!);
    expect(lines).toContain('Zahlungsbestätigung');
    expect(lines.some((l) => l.includes('wir bestätigen den Eingang Ihrer Zahlung über 1.785,00 € am 20.11.2026 per Barzahlung.'))).toBe(true);
    expect(lines.some((l) => l.includes('Guthaben'))).toBe(false);
    expect(lines.some((l) => l.endsWith('Erhaltener Betrag 1.785,00 €'))).toBe(true);
  });
});

describe('column headers and text the font has no glyph for', () => {
  const receipt: PaymentReceiptView = {
    number: 'ZB-2026-0004',
    date: '2026-11-27',
    language: 'de',
    currency: 'EUR',
    seller: SELLER,
    buyer: BUYER,
    receivedOn: '2026-11-20',
    method: 'bankTransfer',
    reference: 'Danke 🙏 RE-A-2026-0001',
    amount: 119000,
    allocations: [{ invoiceNumber: 'RE-A-2026-0001', invoiceDate: '2026-09-02', amount: 119000, remaining: 0 }],
  };
  /** Every word of the first page as pdftotext reads it. */
  const wordsOf = async (pdf: Promise<Buffer>) => pdfPages(await pdf)[0]!.split(/\s+/);

  it('"Rechnungsdatum" and every other column header word stay whole in the reminder letter and the receipt', async () => {
    const reminderWords = await wordsOf(renderPdf({ kind: 'reminder', letter: letter() }));
    for (const word of 'Rechnung Rechnungsdatum Fällig am Tage überfällig Offener Betrag Zinsen'.split(' ')) expect(reminderWords).toContain(word);
    const receiptWords = await wordsOf(renderPdf({ kind: 'receipt', receipt }));
    for (const word of 'Rechnung Rechnungsdatum Verrechnet Noch offen'.split(' ')) expect(receiptWords).toContain(word);
  });

  it('prints no empty box for an emoji: it is left out, the text around it stays', async () => {
    const pdf = await renderPdf({ kind: 'reminder', letter: letter({ text: 'Bitte zahlen Sie bald 🙂 – danke! 👍🏽 Ihr Team ❤️' }) });
    const text = pdfPages(pdf).join('\n');
    expect(text).toContain('Bitte zahlen Sie bald – danke! Ihr Team');
    const receiptText = pdfPages(await renderPdf({ kind: 'receipt', receipt })).join('\n');
    expect(receiptText).toContain('Danke RE-A-2026-0001');
  });
});
