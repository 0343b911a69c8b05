/**
 * Real issued documents (through the contract, as users make them) rendered to PDF and read back
 * with pdftotext, pdfinfo, pdfimages, pdffonts, and pdftoppm + zbarimg for the GiroCode.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import { girocodePayload } from './girocode.js';
import { renderInvoicePdf } from './renderer.js';
import { approveAndIssue, issued, linesOf, pdfImages, pdfInfo, pdfPages, pngImage, scanQr } from '../../../tests/support/pdf.js';

let app: TestApp;
let t: Team;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterEach(async () => app.stop());

const FOOTER = [
  'Muster & Söhne GmbH Tel. +49 211 123456 USt-IdNr. DE136695976 Commerzbank',
  'Königsallee 1 rechnung@muster.example Steuernr. 133/5819/0123 IBAN DE89 3704 0044 0532 0130 00',
  '40212 Düsseldorf https://muster.example HRB 12345, Amtsgericht BIC COBADEFFXXX',
  'Düsseldorf',
  'Geschäftsführung: Erika Muster',
];

function fonts(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-fonts-'));
  try {
    fs.writeFileSync(path.join(dir, 'd.pdf'), pdf);
    const out = execFileSync('pdffonts', [path.join(dir, 'd.pdf')], { encoding: 'utf8' });
    // Name without the subset tag (ABCDEF+), then embedded, subset, Unicode map.
    return out
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/).filter((c, i) => i === 0 || ['yes', 'no'].includes(c)).join(' ').replace(/^[A-Z]{6}\+/, ''))
      .sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('invoice PDF', () => {
  it('prints a German invoice at 19 % and 7 % with all amounts, Skonto, logo and a GiroCode that scans', async () => {
    const flour = await product(t.bookkeeper);
    const c = await customer(t.bookkeeper, { buyerReference: '04011000-12345-67' });
    const view = await issued(t, {
      customerId: c.id,
      supplyDate: '2026-11-20',
      skontoPercent: '2',
      skontoDays: 10,
      note: 'Vielen Dank für Ihren Auftrag! Lieferung „frei Haus“ an die Filiale Süd.',
      lines: [
        { productId: flour.id, quantity: '10' },
        { description: 'Wartung „Backofen“ – Prüfung & Übergabe, Größe XL, Maße 2 × 3 m', quantity: '2.5', netUnitPrice: '95', unit: 'HUR', discountPercent: '10' },
      ],
      allowancesCharges: [{ isCharge: true, amount: '9.90', reason: 'Fracht', vatCategory: 'S', vatRate: '19' }],
    });
    const pdf = await renderInvoicePdf(view, { logo: pngImage(40, 20, [200, 30, 30]) });

    // Flour 10 x 18.90 = 189.00 at 7 %: VAT 13.23. Service 2.5 x 95.00 = 237.50, less 10 % (23.75)
    // = 213.75, plus freight 9.90 = 223.65 at 19 %: VAT 42.4935 -> 42.49. Net 402.75 + 9.90 = 412.65,
    // VAT 55.72, gross 468.37. Skonto 2 % of 468.37 = 9.3674 -> 9.37 by 7.12. (27.11. + 10 days): 459.00.
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(1);
    expect(linesOf(pages[0]!)).toEqual([
      'Rechnungsnummer RE-2026-A-000001',
      'Datum 27.11.2026',
      'Muster & Söhne GmbH · Königsallee 1 · 40212 Düsseldorf',
      'Leistungsdatum 20.11.2026',
      `Bäckerei Schmidt GmbH Kundennummer ${c.number}`,
      'Hauptstraße 5 Fällig am 11.12.2026',
      '50667 Köln Käuferreferenz 04011000-12345-67',
      'Rechnung',
      'Pos. Beschreibung Menge Einheit Einzelpreis Rabatt % USt. % Netto',
      '1 Mehl Type 550, 25 kg 10 Stück 18,90 € 7 189,00 €',
      '2 Wartung „Backofen“ – Prüfung & 2,5 Stunde 95,00 € 10 19 213,75 €',
      'Übergabe, Größe XL, Maße 2 × 3 m',
      'Steuerkategorie Satz % Nettobetrag Steuerbetrag Summe der Positionen 402,75 €',
      'Regelsatz 19 223,65 € 42,49 € Zuschlag: Fracht 9,90 €',
      'Regelsatz 7 189,00 € 13,23 € Summe netto 412,65 €',
      'Umsatzsteuer gesamt 55,72 €',
      'Gesamtbetrag brutto 468,37 €',
      'Zahlbetrag 468,37 €',
      'Zahlbar bis 11.12.2026 ohne Abzug.',
      'Bei Zahlung bis 07.12.2026 ziehen Sie 2 % Skonto (9,37 €) ab und zahlen',
      '459,00 €.',
      'Verwendungszweck: RE-2026-A-000001',
      'Mit der Banking-App',
      'scannen (GiroCode)',
      'Vielen Dank für Ihren Auftrag! Lieferung „frei Haus“ an die Filiale Süd.',
      'Seite 1 von 1',
      ...FOOTER,
    ]);

    const payload = girocodePayload({ bic: 'COBADEFFXXX', name: 'Muster & Söhne GmbH', iban: 'DE89370400440532013000', amountCents: 46837, remittance: 'RE-2026-A-000001' });
    expect(payload).toBe('BCD\n002\n1\nSCT\nCOBADEFFXXX\nMuster & Söhne GmbH\nDE89370400440532013000\nEUR468.37\n\n\nRE-2026-A-000001');
    expect(scanQr(pdf, 1)).toBe(payload);
    expect(pdfImages(pdf)).toEqual(['40x20', '196x196']);
    // Only the two shipped fonts, embedded and subset, with Unicode maps (no stray Helvetica).
    expect(fonts(pdf)).toEqual(['DejaVuSans yes yes yes', 'DejaVuSans-Bold yes yes yes']);
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Rechnung RE-2026-A-000001', Author: 'Muster & Söhne GmbH', Creator: 'Rechnungswerk', Producer: 'Rechnungswerk', CreationDate: '2026-11-27T09:00:00Z', 'Page size': '595.28 x 841.89 pts (A4)' });
  });

  it('prints an English invoice with a service period, in English formats', async () => {
    const flour = await product(t.bookkeeper);
    const c = await customer(t.bookkeeper, { name: 'Northwind Traders GmbH', billingAddress: { street: 'Friedrichstraße 10', postalCode: '10117', city: 'Berlin' }, language: 'en' });
    const view = await issued(t, {
      customerId: c.id,
      servicePeriodFrom: '2026-11-01',
      servicePeriodTo: '2026-11-30',
      lines: [
        { productId: flour.id, quantity: '4' },
        { description: 'Consulting: “cash register” set-up', quantity: '3', netUnitPrice: '420', unit: 'HUR' },
      ],
    });
    // Flour 4 x 18.90 = 75.60 at 7 %: VAT 5.292 -> 5.29. Consulting 3 x 420.00 = 1,260.00 at 19 %:
    // VAT 239.40. Net 1,335.60, VAT 244.69, gross 1,580.29.
    expect(linesOf(pdfPages(await renderInvoicePdf(view))[0]!)).toEqual([
      'Muster & Söhne GmbH',
      'Invoice number RE-2026-A-000001',
      'Date 27 November 2026',
      'Muster & Söhne GmbH · Königsallee 1 · 40212 Düsseldorf',
      'Service period 1 November 2026 –',
      'Northwind Traders GmbH 30 November 2026',
      `Friedrichstraße 10 Customer number ${c.number}`,
      '10117 Berlin Due date 11 December 2026',
      'Invoice',
      'Pos. Description Qty Unit Unit price Disc. % VAT % Net amount',
      '1 Flour type 550, 25 kg 4 Piece €18.90 7 €75.60',
      '2 Consulting: “cash register” set-up 3 Hour €420.00 19 €1,260.00',
      'VAT category Rate % Net amount VAT amount Total net amount €1,335.60',
      'Standard rate 19 €1,260.00 €239.40 Total VAT €244.69',
      'Standard rate 7 €75.60 €5.29 Total gross amount €1,580.29',
      'Amount due €1,580.29',
      'Payable by 11 December 2026 without deduction.',
      'Payment reference: RE-2026-A-000001',
      'Scan with your banking app',
      '(GiroCode)',
      'Page 1 of 1',
      'Muster & Söhne GmbH Phone +49 211 123456 VAT ID DE136695976 Commerzbank',
      'Königsallee 1 rechnung@muster.example Tax number 133/5819/0123 IBAN DE89 3704 0044 0532 0130 00',
      '40212 Düsseldorf https://muster.example HRB 12345, Amtsgericht BIC COBADEFFXXX',
      'Düsseldorf',
      'Managing directors: Erika Muster',
    ]);
  });

  it('prints the reverse-charge note and the buyer VAT ID, with no VAT', async () => {
    const c = await customer(t.bookkeeper, { name: 'Bau AG', billingAddress: { street: 'Alexanderplatz 1', postalCode: '10178', city: 'Berlin' }, vatTreatment: 'reverseCharge13b', vatId: 'DE811569869' });
    const view = await issued(t, { customerId: c.id, lines: [{ description: 'Trockenbauarbeiten Haus „Süd“', quantity: '20', netUnitPrice: '55', unit: 'HUR' }] });
    // 20 x 55.00 = 1,100.00, reverse charge (AE, 0 %): no VAT, gross = net.
    const lines = linesOf(pdfPages(await renderInvoicePdf(view))[0]!);
    for (const line of [
      '10178 Berlin Ihre USt-IdNr. DE811569869',
      '1 Trockenbauarbeiten Haus „Süd“ 20 Stunde 55,00 € 0 1.100,00 €',
      'Reverse Charge 0 1.100,00 € 0,00 € Umsatzsteuer gesamt 0,00 €',
      'Gesamtbetrag brutto 1.100,00 €',
      'Grund der Steuerbefreiung: Steuerschuldnerschaft des Leistungsempfängers',
      'Steuerschuldnerschaft des Leistungsempfängers (§ 13b UStG).',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('prints a credit note for part of an invoice, without a due date or GiroCode', async () => {
    const flour = await product(t.bookkeeper);
    const c = await customer(t.bookkeeper);
    const invoice = await issued(t, { customerId: c.id, lines: [{ productId: flour.id, quantity: '10' }] });
    const note = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: '3 Sack beschädigt geliefert', lines: [{ lineId: invoice.lines[0]!.id, quantity: '3' }] }));
    const credit = await approveAndIssue(t, note.id);
    const pdf = await renderInvoicePdf(credit);
    // 3 x 18.90 = 56.70 at 7 %: VAT 3.969 -> 3.97, gross 60.67.
    const lines = linesOf(pdfPages(pdf)[0]!);
    for (const line of [
      'Gutschriftsnummer GS-2026-A-000001',
      'Gutschrift',
      'zu Rechnung RE-2026-A-000001',
      '1 Mehl Type 550, 25 kg 3 Stück 18,90 € 7 56,70 €',
      'Gesamtbetrag brutto 60,67 €',
      'Gutschriftsbetrag 60,67 €',
      'Den Betrag erstatten wir Ihnen oder verrechnen ihn mit offenen Rechnungen.',
      '3 Sack beschädigt geliefert',
    ]) {
      expect(lines).toContain(line);
    }
    expect(lines.join('\n')).not.toMatch(/Fällig am|Zahlbar bis|GiroCode/);
    expect(scanQr(pdf, 1)).toBeNull();
    expect(pdfImages(pdf)).toEqual([]);
  });

  it('continues 120 lines over four pages with the header repeated and "Seite X von 4" on each', async () => {
    const c = await customer(t.bookkeeper);
    const lines = Array.from({ length: 120 }, (_, i) => ({ description: `Prüfung Kühlraum ${i + 1}`, quantity: '1', netUnitPrice: String(i + 1) }));
    const view = await issued(t, { customerId: c.id, lines });
    const pdf = await renderInvoicePdf(view);
    // One-line rows: 28 fit on the first page below the letterhead, 45 on each following page:
    // 28 + 45 + 45 = 118, so rows 119 and 120 and the totals go on page 4.
    // Net 1 + 2 + … + 120 = 7,260.00 at 19 %: VAT 1,379.40, gross 8,639.40.
    const pages = pdfPages(pdf).map(linesOf);
    expect(pages).toHaveLength(4);
    expect(pdfInfo(pdf).Pages).toBe('4');
    const header = 'Pos. Beschreibung Menge Einheit Einzelpreis Rabatt % USt. % Netto';
    const row = (n: number) => `${n} Prüfung Kühlraum ${n} 1 Stück ${n},00 € 19 ${n},00 €`;
    const rowsOn = (page: string[]) => page.filter((l) => /^\d+ Prüfung Kühlraum/.test(l));
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));
    expect(pages.map(rowsOn)).toEqual([range(1, 28), range(29, 73), range(74, 118), range(119, 120)]);
    pages.forEach((page, i) => {
      expect(page.filter((l) => l === header)).toHaveLength(1);
      expect(page).toContain(`Seite ${i + 1} von 4`);
      expect(page.slice(-5)).toEqual(FOOTER);
      if (i > 0) expect(page.slice(0, 3)).toEqual(['Rechnung RE-2026-A-000001', header, row([29, 74, 119][i - 1]!)]);
    });
    expect(pages[3]).toContain('Gesamtbetrag brutto 8.639,40 €');
    expect(pages[3]).toContain('Steuerkategorie Satz % Nettobetrag Steuerbetrag Summe netto 7.260,00 €');
    expect(pages[3]).toContain('Regelsatz 19 7.260,00 € 1.379,40 € Umsatzsteuer gesamt 1.379,40 €');
    expect(scanQr(pdf, 4)).toContain('\nEUR8639.40\n');
  });
});
