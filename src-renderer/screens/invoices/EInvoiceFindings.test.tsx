// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuleFinding } from '../../../src-shared/contract/index.js';
import { setLanguage } from '../../i18n.js';
import { EInvoiceFindings } from './EInvoiceFindings.js';

afterEach(cleanup);

// BR-CO-09 as the EN 16931 rules report it for a buyer VAT ID without its country code (see einvoice-gate.test.ts).
const findings: RuleFinding[] = [
  { rule: 'BR-CO-09', severity: 'fatal', text: '[BR-CO-09]-The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO code ISO 3166-1 alpha-2', terms: ['BT-31', 'BT-63', 'BT-48'] },
  { rule: 'BR-DE-19', severity: 'warning', text: '[BR-DE-19] "Payment account identifier" (BT-84) soll eine korrekte IBAN enthalten', terms: ['BT-84', 'BT-81'] },
];

describe('the rules an e-invoice breaks, with where to fix them', () => {
  it('names the field in the app for each business term, in German', async () => {
    await setLanguage('de');
    render(<EInvoiceFindings findings={findings} />);
    const [vat, iban] = screen.getAllByRole('listitem');
    // The rule id once, not again in front of its text as the rule sets write it.
    expect(vat!.textContent).toMatch(/^BR-CO-09 The Seller VAT identifier/);
    expect(iban!.textContent).toMatch(/^BR-DE-19 "Payment account identifier"/);
    expect(vat!.textContent).toContain('Zu prüfen: Einstellungen → Firma → USt-IdNr. (BT-31), BT-63, Kunde → USt-IdNr. (BT-48)');
    expect(iban!.textContent).toContain('Einstellungen → Firma → Bankverbindung → IBAN (BT-84)');
  });

  it('and in English; a term the app does not enter stays as the rule names it', async () => {
    await setLanguage('en');
    render(<EInvoiceFindings findings={findings} />);
    expect(screen.getAllByRole('listitem')[0]!.textContent).toContain('To check: Settings → Company → VAT ID (BT-31), BT-63, Customer → VAT ID (BT-48)');
  });
});
