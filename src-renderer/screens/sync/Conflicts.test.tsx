// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, ConflictRule, CustomerView, PublicUser } from '../../../src-shared/contract/index.js';
import { newId } from '../../../src-main/ids.js';
import { customer } from '../../../tests/support/books.js';
import { PASSWORD, startTestApp, unwrap, withUsers, type TestApp } from '../../../tests/support/services.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { Frame } from '../Frame.js';
import { ConflictsScreen } from './Conflicts.js';
import '../../../tests/support/jsdom-dialog.js';

let app: TestApp;
let admin: ApiClient;
let adminUser: PublicUser;
let ids: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp();
  admin = app.client();
  ids = await withUsers(app, admin, ['bookkeeper']);
  adminUser = (await unwrap(admin.invoke('auth.whoami', {})))!;
  setLanguage('de');
  await i18next.changeLanguage('de');
});
afterEach(() => {
  cleanup();
  useApp.setState({ toasts: [] });
});
afterAll(async () => app.stop());

/** The customer as the store holds it, without the store's own bookkeeping. */
async function stored(id: string): Promise<Record<string, unknown>> {
  const doc = (await app.services.books.db.customers.findOne(id).exec())!.toMutableJSON() as Record<string, unknown>;
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !['_rev', '_meta', '_attachments'].includes(key)));
}

/**
 * A conflict as the sync records it when two devices changed the same customer: the version kept
 * and the other one, as a `syncConflict` fact, and the change event the screens follow.
 */
async function conflictOn(view: CustomerView, other: Record<string, unknown>, rule: ConflictRule = 'laterChange'): Promise<string> {
  const kept = await stored(view.id);
  const id = newId();
  const fields = Object.keys(other);
  await app.services.writes.quiet(async () => {
    await app.services.books.db.facts.insert({
      id,
      kind: 'syncConflict',
      subjectId: view.id,
      occurredAt: '2026-11-27T08:15:00.000Z',
      deviceId: 'device-b',
      seq: 0,
      syncConflict: { collection: 'customers', documentId: view.id, rule, fields, kept: JSON.stringify(kept), other: JSON.stringify({ ...kept, ...other }) },
    });
  });
  app.services.bus.emit('data.changed', { collection: 'facts', ids: [id] });
  return id;
}

function showAs(user: PublicUser, client: ApiClient) {
  useApp.setState({ api: client, user, toasts: [] });
  render(<ConflictsScreen />);
}

describe('Konflikte (real services, in-memory transport)', () => {
  it('shows a new conflict without a reload, both versions side by side, and keeps the other version after a confirmation', async () => {
    const user = userEvent.setup();
    const schmidt = await customer(admin, { name: 'Bäckerei Schmidt GmbH' });
    showAs(adminUser, admin);
    expect(await screen.findByRole('heading', { name: 'Keine Konflikte' })).toBeTruthy();

    await conflictOn(schmidt, { name: 'Bäckerei Schmidt & Söhne GmbH' });
    const open = await screen.findByRole('button', { name: new RegExp(`^Kunde ${schmidt.number}`) });
    const row = open.closest('tr')!;
    expect(within(row).getByText('Später geändert')).toBeTruthy();
    expect(within(row).getByText('Offen')).toBeTruthy();

    await user.click(open);
    expect(screen.getByRole('heading', { name: new RegExp(`^Kunde ${schmidt.number}`) })).toBeTruthy();
    expect(screen.getByText('Beide Geräte haben dasselbe Feld geändert. Behalten wurde die spätere Änderung.')).toBeTruthy();
    const versions = screen.getByRole('table', { name: new RegExp(`^Kunde ${schmidt.number}`) });
    const nameRow = within(versions).getByRole('rowheader', { name: /^Name/ }).closest('tr')!;
    expect(within(nameRow).getByText('abweichend')).toBeTruthy();
    expect([...nameRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Bäckerei Schmidt GmbH', 'Bäckerei Schmidt & Söhne GmbH']);
    // Fields both versions share are shown on request, not marked.
    await user.click(screen.getByRole('button', { name: 'Alle Felder zeigen' }));
    const termsRow = within(versions).getByRole('rowheader', { name: 'Zahlungsziel (Tage)' }).closest('tr')!;
    expect(within(termsRow).queryByText('abweichend')).toBeNull();
    expect([...termsRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['14', '14']);

    // Nothing changes until the choice is confirmed.
    await user.click(screen.getByRole('button', { name: 'Die andere Version behalten' }));
    const dialog = screen.getByRole('dialog', { name: 'Die andere Version behalten?' });
    await user.click(within(dialog).getByRole('button', { name: 'Abbrechen' }));
    expect((await unwrap(admin.invoke('customers.get', { id: schmidt.id }))).name).toBe('Bäckerei Schmidt GmbH');

    await user.click(screen.getByRole('button', { name: 'Die andere Version behalten' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Die andere Version behalten?' })).getByRole('button', { name: 'Andere Version behalten' }));
    await waitFor(() => expect(useApp.getState().toasts.map((t) => t.text)).toContain('Die andere Version gilt jetzt.'));
    expect((await unwrap(admin.invoke('customers.get', { id: schmidt.id }))).name).toBe('Bäckerei Schmidt & Söhne GmbH');
    // The list reloads: no open conflict is left; with the settled ones shown, who chose what.
    expect(await screen.findByRole('heading', { name: 'Keine Konflikte' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Auch erledigte zeigen' }));
    const settled = (await screen.findByRole('button', { name: new RegExp(`^Kunde ${schmidt.number}`) })).closest('tr')!;
    expect(within(settled).getByText(/^Andere Fassung gewählt von Anna Admin am /)).toBeTruthy();
  });

  it('shows what a bookkeeper needs: the differing fields first, the rest on request, names and values in words', async () => {
    const user = userEvent.setup();
    const vogel = await customer(admin, { name: 'Vogel Feinkost GmbH', discountPercent: '5', buyerReference: '04011000-1234512345-06', vatTreatment: 'domestic', eInvoiceFormat: 'pdf' });
    await conflictOn(vogel, { creditLimit: 124_900, updatedAt: '2026-12-07T15:25:56.900Z', updatedBy: ids.bookkeeper!, hlc: '1796657156900-0-device-b' });
    showAs(adminUser, admin);
    await user.click(await screen.findByRole('button', { name: new RegExp(`^Kunde ${vogel.number}`) }));
    const versions = screen.getByRole('table', { name: new RegExp(`^Kunde ${vogel.number}`) });
    const cells = (row: HTMLElement) => [...row.closest('tr')!.querySelectorAll('td')].map((td) => td.textContent);
    const rowNames = () => within(versions).queryAllByRole('rowheader').map((th) => th.textContent);

    // The differing field alone at first, marked, the amount as money; the store's bookkeeping nowhere.
    expect(rowNames()).toEqual(['Letzte Änderung', 'Kreditlimitabweichend']);
    expect(cells(within(versions).getByRole('rowheader', { name: /^Kreditlimit/ }))[1]).toMatch(/^1\.249,00\s€$/);
    // One line per version: when and by whom (the name, not the id), the date in German.
    const changed = cells(within(versions).getByRole('rowheader', { name: 'Letzte Änderung' }));
    expect(changed[0]).toMatch(/^geändert am \d{2}\.\d{2}\.\d{4},? \d{2}:\d{2} von Anna Admin$/);
    expect(changed[1]).toMatch(/^geändert am 07\.12\.2026,? \d{2}:\d{2} von bookkeeper user$/);

    await user.click(screen.getByRole('button', { name: 'Alle Felder zeigen' }));
    const names = rowNames();
    expect(names.slice(0, 2)).toEqual(['Letzte Änderung', 'Kreditlimitabweichend']);
    for (const raw of ['Account manager id', 'Buyer reference', 'Created at', 'Created by', 'Discount percent', 'E invoice format', 'Exemption reason', 'Vat treatment', 'Hlc', 'Id']) {
      expect(names).not.toContain(raw);
    }
    expect(names).not.toContain('Geändert von');
    const row = (name: string) => cells(within(versions).getByRole('rowheader', { name }));
    expect(row('Kundenart')).toEqual(['Unternehmen', 'Unternehmen']);
    expect(row('Sprache')).toEqual(['Deutsch', 'Deutsch']);
    expect(row('E-Rechnungsformat')).toEqual(['PDF', 'PDF']);
    expect(row('Steuerliche Behandlung')).toEqual(['Inland (deutsche Umsatzsteuer)', 'Inland (deutsche Umsatzsteuer)']);
    expect(row('Rabatt')).toEqual(['5 %', '5 %']);
    expect(row('Käuferreferenz (Leitweg-ID)')).toEqual(['04011000-1234512345-06', '04011000-1234512345-06']);
    expect(row('Rechnungsanschrift')[0]).toMatch(/^[^{}:]+, \d{5} [^,]+, DE$/);
    const text = versions.textContent!;
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(text).not.toContain(ids.bookkeeper!);
    expect(text).not.toContain(adminUser.id);
    for (const td of versions.querySelectorAll('td')) expect(td.textContent).not.toBe('');
    expect(within(versions).getAllByText('—').length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: 'Nur abweichende Felder zeigen' }));
    expect(rowNames()).toEqual(['Letzte Änderung', 'Kreditlimitabweichend']);
  });

  it('offers no way back where the rule is final, and says why', async () => {
    const user = userEvent.setup();
    const meyer = await customer(admin, { name: 'Meyer KG' });
    await conflictOn(meyer, { name: 'Meyer & Co. KG' }, 'refusedByServer');
    showAs(adminUser, admin);
    await user.click(await screen.findByRole('checkbox', { name: 'Auch erledigte zeigen' }));
    const open = await screen.findByRole('button', { name: new RegExp(`^Kunde ${meyer.number}`) });
    expect(within(open.closest('tr')!).getByText('Vom Server abgelehnt')).toBeTruthy();
    await user.click(open);
    expect(screen.getByText('Der Server hat diese Fassung abgelehnt. Sie ist nur auf diesem Gerät gespeichert.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Die andere Version behalten' })).toBeNull();
    expect(screen.getByText(/^Diese Entscheidung lässt sich nicht umkehren/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Zurück zur Liste' }));
    expect(await screen.findByRole('button', { name: new RegExp(`^Kunde ${meyer.number}`) })).toBeTruthy();
  });

  it('works by keyboard: Enter opens a conflict, its heading takes focus, and the way back is a button', async () => {
    const user = userEvent.setup();
    const weber = await customer(admin, { name: 'Weber OHG' });
    await conflictOn(weber, { paymentTermsDays: 30 });
    useApp.setState({ api: admin, user: adminUser, toasts: [] });
    render(
      <Frame onLogout={() => {}}>
        <ConflictsScreen />
      </Frame>,
    );
    const open = await screen.findByRole('button', { name: new RegExp(`^Kunde ${weber.number}`) });
    open.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: new RegExp(`^Kunde ${weber.number}`) })));
    const terms = within(screen.getByRole('table', { name: new RegExp(`^Kunde ${weber.number}`) })).getByRole('rowheader', { name: /^Zahlungsziel \(Tage\)/ }).closest('tr')!;
    expect([...terms.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['14', '30']);
    screen.getByRole('button', { name: 'Zurück zur Liste' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Konflikte' })));
  });

  it('is for supervisors and admins only', async () => {
    const bookkeeper = app.client();
    await unwrap(bookkeeper.invoke('auth.login', { userId: ids.bookkeeper!, password: PASSWORD }));
    showAs((await unwrap(bookkeeper.invoke('auth.whoami', {})))!, bookkeeper);
    expect(screen.getByText('Konflikte sehen nur Vorgesetzte und Administratoren.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
  });
});
