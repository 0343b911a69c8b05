/**
 * The PDFs' text layer across documents: a renderer (one per worker thread) sets many documents in
 * the same font objects, and a letter first met inside a composite glyph ("o" in "ö") must still
 * be copyable and searchable in every later document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PartySnapshot, PaymentReceiptView, ReminderLetterView } from '../../../src-shared/contract/index.js';
import { DEFAULT_FONTS_DIR } from './fonts.js';
import { renderPdf } from './renderer.js';
import { linesOf, pdfPages } from '../../../tests/support/pdf.js';

const party = (name: string): PartySnapshot => ({ name, address: { street: 'Ring 1', postalCode: '50667', city: 'Köln', country: 'DE' }, vatId: '', taxNumber: '' });

function receipt(seller: string, overrides: Partial<PaymentReceiptView> = {}): PaymentReceiptView {
  return {
    number: 'ZB-1',
    date: '2026-11-27',
    language: 'en',
    currency: 'EUR',
    seller: party(seller),
    buyer: party('Kunde'),
    receivedOn: '2026-11-20',
    method: 'cash',
    reference: '',
    amount: 1000,
    allocations: [],
    ...overrides,
  };
}

describe('text layer', () => {
  it('keeps every letter of bold text readable after a document whose bold text had only "ö"', async () => {
    // Fonts of their own (a copy of the folder), so that no earlier document in this process has met them.
    const fontsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-fonts-'));
    for (const file of fs.readdirSync(DEFAULT_FONTS_DIR)) fs.copyFileSync(path.join(DEFAULT_FONTS_DIR, file), path.join(fontsDir, file));
    // A German reminder: no bold text with an "o" of its own, and the company name in bold on the
    // letterhead, where "Söhne" brings the "o" in as a part of "ö" only.
    const letter: ReminderLetterView = {
      number: 'MA-1',
      date: '2026-11-27',
      level: 2,
      language: 'de',
      currency: 'EUR',
      seller: party('Söhne'),
      buyer: party('Kunde'),
      items: [{ invoiceNumber: 'RE-1', issueDate: '2026-09-02', dueDate: '2026-09-16', daysOverdue: 72, openAmount: 1000, interest: 0 }],
      fee: 0,
      interestRate: '0',
      payBy: '2026-12-07',
      text: '',
    };
    const first = await renderPdf({ kind: 'reminder', letter }, { fontsDir });
    expect(linesOf(pdfPages(first)[0]!)[0]).toBe('Söhne');
    const second = await renderPdf({ kind: 'receipt', receipt: receipt('Bold Company') }, { fontsDir });
    fs.rmSync(fontsDir, { recursive: true, force: true });
    const lines = linesOf(pdfPages(second)[0]!);
    expect(lines[0]).toBe('Bold Company');
    expect(lines.some((l) => l.endsWith('Amount received €10.00'))).toBe(true);
  });
});
