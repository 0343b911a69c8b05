// @vitest-environment jsdom
/**
 * Reversals (Storno) on the screens, against the real services: the statement preview marks a
 * reversal; after booking, the screen says how many reversals took back an allocation and lists
 * each one left for a person with its date, amount, counterparty and why. In the payments list a
 * reversed payment and its reversal show as reversed, naming each other, not as money to allocate.
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../../tests/support/books.js';
import { issued } from '../../../tests/support/pdf.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { PaymentsScreen } from './PaymentsScreen.js';
import { StatementImportPanel } from './StatementImportPanel.js';

let app: TestApp;
let t: Team;
const NAME = 'camt053-reversal.xml';

async function actAs(client: ApiClient, language: 'de' | 'en') {
  const user = await unwrap(client.invoke('auth.whoami', {}));
  useApp.setState({ api: client, user, toasts: [] });
  setLanguage(language);
  await i18next.changeLanguage(language);
}
const fileInput = () => document.querySelector('input[type="file"]') as HTMLInputElement;
const rowTexts = (table: HTMLElement) => within(table).getAllByRole('row').map((r) => (r.textContent ?? '').replace(/\s+/g, ' '));

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
  const customerId = (await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] })).id;
  const item = await product(t.bookkeeper, { sku: 'S-100', netPrice: '100', vatRate: '19' });
  // RE-2026-A-000001, 119.00 €: paid on the 28th, taken back by the bank on the 1st.
  await issued(t, { customerId, lines: [{ productId: item.id, quantity: '1' }] });
});
afterEach(async () => {
  cleanup();
  await app.stop();
});

describe('importing a statement with reversals', () => {
  it('marks the reversals in the preview, then says which took back an allocation and which are left, and why', async () => {
    await actAs(t.bookkeeper, 'de');
    const user = userEvent.setup();
    render(<StatementImportPanel />);
    await user.upload(fileInput(), new File([fs.readFileSync(path.resolve('tests/fixtures/statements', NAME))], NAME));
    const preview = await screen.findByRole('table', {}, { timeout: 15_000 });
    const rows = rowTexts(preview).slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).not.toContain('Storno');
    // Named by its end-to-end id: the payment of the 28th in the same file.
    expect(rows[1]).toMatch(/Bäckerei Größe KG.*Storno: nimmt die Zahlung vom 28\.11\.2026 über 119,00\s€ zurück \(.+\)$/);
    expect(rows[2]).toMatch(/Unbekannt.*Storno$/);

    await user.click(screen.getByRole('button', { name: 'Kontoauszug buchen' }));
    expect((await screen.findByRole('status')).textContent).toBe('3 Umsätze gebucht, 1 zugeordnet, 0 warten auf Prüfung, 0 schon bekannt und übersprungen.');
    expect(screen.getByText('1 Storno hat die stornierte Zahlung zurückgenommen.')).toBeTruthy();
    const left = screen.getByRole('region', { name: 'Stornos zur Bearbeitung' });
    expect(within(left).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(
        /^01\.12\.2026 · .50,00\s€ · Unbekannt: Storno 50,00\s€ vom 01\.12\.2026: keine gebuchte Zahlung trägt die Referenz ZZ-2026-10-4711\. Bitte die stornierte Zahlung selbst suchen und ihre Zuordnung zurücknehmen\.$/,
      ),
    ]);
  });
});

describe('the payments list after a reversal', () => {
  it('shows the reversed payment and its reversal as reversed, each naming the other, nothing to allocate', async () => {
    await unwrap(t.bookkeeper.invoke('payments.importStatement', { fileName: NAME, dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements', NAME)).toString('base64') }));
    await actAs(t.bookkeeper, 'en');
    render(<PaymentsScreen />);
    const list = await screen.findByRole('table', { name: 'Payments' });
    await screen.findByText(/Reversed on/);
    const rows = rowTexts(list);
    const paid = rows.find((r) => r.includes('Customer payment'))!;
    expect(paid).toMatch(/Reversed on (12\/01\/2026|1 Dec 2026|Dec 1, 2026)/);
    expect(paid.match(/119\.00/g)).toHaveLength(1);
    const reversal = rows.find((r) => r.includes('119.00') && r.includes('Reversal'))!;
    expect(reversal).toMatch(/Reverses the payment of (11\/28\/2026|28 Nov 2026|Nov 28, 2026)/);
  });
});
