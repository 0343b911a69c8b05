// @vitest-environment jsdom
/**
 * The DATEV section against a stand-in for the main process: a preview with an error disables
 * the download and says why, naming the document; a period exported before asks first, naming
 * the earlier export, and only "Erneut exportieren" exports and saves the files. The history marks
 * an export of a period that overlaps an earlier one.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, DatevPreview, DatevSettingsView, TaxExportRecord } from '../../../src-shared/contract/index.js';
import i18next, { setLanguage } from '../../i18n.js';
import { useApp } from '../../state/app.js';
import { defaultDatevAccounts } from '../../../src-shared/datev/default-accounts.js';
import { DatevSection } from './DatevSection.js';
import { repeatedExports } from './ExportHistory.js';
import '../../../tests/support/jsdom-dialog.js';

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const SETTINGS = { configured: true } as DatevSettingsView;
const EARLIER: TaxExportRecord = { id: 'x1', type: 'datev', from: '2026-11-01', to: '2026-11-30', at: '2026-11-27T09:00:00.000Z', userId: 'u1', userName: 'Berta Buchhalterin', festgeschrieben: false, files: [] };

function previewWith(over: Partial<DatevPreview>): DatevPreview {
  return { ...PERIOD, lineCount: 1, files: 1, lines: [{ amount: 11900, side: 'S', account: '10001', contraAccount: '8400', buKey: '', date: '2026-11-10', document: 'RE-2026-0001', text: 'Café Morgenrot', dueDate: '2026-11-24' }], accounts: [{ account: '8400', name: 'Erlöse 19 % USt', debit: 0, credit: 11900 }], warnings: [], errors: [], earlier: [], ...over };
}

const VIEW: DatevSettingsView = { beraterNummer: '1001', mandantNummer: '4711', fiscalYearStartMonth: 1, accountLength: 4, chart: 'SKR03', debitorStart: 10000, accounts: defaultDatevAccounts('SKR03', 4), automaticAccounts: [], configured: true };

/** A main process that answers the preview with `preview` (one after the other when several) and records the calls. */
function fakeApi(...previews: DatevPreview[]) {
  const calls: string[] = [];
  let previewsMade = 0;
  const client = {
    invoke: vi.fn(async (name: string) => {
      calls.push(name);
      if (name === 'exports.datevPreview') return { ok: true, value: previews[Math.min(previewsMade++, previews.length - 1)] };
      if (name === 'exports.saveDatevSettings') return { ok: true, value: VIEW };
      if (name === 'exports.datev') return { ok: true, value: { files: [{ fileName: 'EXTF_Buchungsstapel.csv', mimeType: 'text/csv', dataBase64: 'IkVYVEYi' }, { fileName: 'EXTF_Debitoren.csv', mimeType: 'text/csv', dataBase64: 'IkVYVEYi' }], record: EARLIER, earlier: [] } };
      if (name === 'exports.datevSettings') return { ok: true, value: VIEW };
      return { ok: false, error: { code: 'INTERNAL', message: name } };
    }),
    on: () => () => undefined,
  } as unknown as ApiClient;
  return { client, calls };
}

beforeEach(async () => {
  setLanguage('de');
  await i18next.changeLanguage('de');
  URL.createObjectURL = vi.fn(() => 'blob:datev');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('DATEV section', () => {
  it('disables the download while the preview has errors and names the document and what is wrong', async () => {
    const { client, calls } = fakeApi(previewWith({ errors: [{ code: 'tooLong', documentNumber: 'RE-2026-0001', problem: 'validation.tooLong', values: { max: 36 } }] }));
    useApp.setState({ api: client, toasts: [] });
    render(<DatevSection period={PERIOD} settings={SETTINGS} mayExport onSettings={() => undefined} onExported={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Vorschau' }));
    const errors = await screen.findByTestId('datev-errors');
    expect(errors.textContent).toContain('Beleg RE-2026-0001:');
    const download = screen.getByRole('button', { name: 'Herunterladen' });
    expect(download).toHaveProperty('disabled', true);
    expect(download.getAttribute('aria-describedby')).toBe('datev-blocked');
    expect(document.getElementById('datev-blocked')?.textContent).toContain('1 Fehler');
    expect(calls).not.toContain('exports.datev');
    // The preview's tables: the sums per account and the first line.
    expect(screen.getByRole('table', { name: 'Summen je Konto' }).textContent).toContain('8400');
    expect(screen.getByRole('table', { name: /^Erste Buchungszeilen/ }).textContent).toContain('RE-2026-0001');
  });

  it('words a customer\'s problem as the customer\'s, not as a Beleg', async () => {
    const { client } = fakeApi(previewWith({ warnings: [{ code: 'country', documentNumber: 'K-10001', subject: 'customer', problem: 'validation.datevCustomerCountry', values: { customer: 'K-10001 (Müller GmbH)', value: 'de' } }] }));
    useApp.setState({ api: client, toasts: [] });
    render(<DatevSection period={PERIOD} settings={SETTINGS} mayExport onSettings={() => undefined} onExported={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Vorschau' }));
    const warnings = await screen.findByTestId('datev-warnings');
    expect(warnings.textContent).toContain('Kunde K-10001 (Müller GmbH): Land „de“');
    expect(warnings.textContent).not.toContain('Beleg');
  });

  it('asks before exporting a period exported before, and exports only when told to', async () => {
    const { client, calls } = fakeApi(previewWith({ earlier: [EARLIER] }));
    useApp.setState({ api: client, toasts: [] });
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const exported = vi.fn();
    render(<DatevSection period={PERIOD} settings={SETTINGS} mayExport onSettings={() => undefined} onExported={exported} />);
    await userEvent.click(screen.getByRole('button', { name: 'Herunterladen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Zeitraum bereits exportiert' });
    expect(dialog.textContent).toContain('Dieser Zeitraum wurde bereits am');
    expect(dialog.textContent).toContain('von Berta Buchhalterin exportiert');
    expect(calls).not.toContain('exports.datev');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Erneut exportieren' }));
    await waitFor(() => expect(exported).toHaveBeenCalled());
    expect(calls).toContain('exports.datev');
    await waitFor(() => expect(clicks).toHaveBeenCalledTimes(2));
  });
});

describe('DATEV section: settings and earlier exports', () => {
  it('shows the default accounts of SKR04 as soon as they are taken, before saving', async () => {
    const { client, calls } = fakeApi(previewWith({}));
    useApp.setState({ api: client, toasts: [] });
    render(<DatevSection period={PERIOD} settings={SETTINGS} mayExport onSettings={() => undefined} onExported={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'DATEV-Einstellungen und Kontenzuordnung bearbeiten' }));
    expect((await screen.findByLabelText<HTMLInputElement>('Erlöse 19 % USt')).value).toBe('8400');
    await userEvent.selectOptions(screen.getByLabelText('Kontenrahmen'), 'SKR04');
    const dialog = await screen.findByRole('dialog', { name: 'Standardkonten übernehmen?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Standardkonten eintragen' }));
    expect(screen.getByLabelText<HTMLInputElement>('Erlöse 19 % USt').value).toBe('4400');
    expect(screen.getByLabelText<HTMLInputElement>('Bank').value).toBe('1800');
    expect(screen.getByLabelText<HTMLInputElement>('Forderungen aus Lieferungen und Leistungen').value).toBe('1200');
    expect(calls).not.toContain('exports.saveDatevSettings');
  });

  it('makes the preview again after the settings are saved: the former errors go', async () => {
    const withError = previewWith({ errors: [{ code: 'berater', documentNumber: '', problem: 'validation.datevBeraterNummer', values: {} }] });
    const { client, calls } = fakeApi(withError, previewWith({}));
    useApp.setState({ api: client, toasts: [] });
    const saved = vi.fn();
    render(<DatevSection period={PERIOD} settings={SETTINGS} mayExport onSettings={saved} onExported={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Vorschau' }));
    await screen.findByTestId('datev-errors');
    await userEvent.click(screen.getByRole('button', { name: 'DATEV-Einstellungen und Kontenzuordnung bearbeiten' }));
    await screen.findByLabelText('Erlöse 19 % USt');
    await userEvent.click(screen.getByRole('button', { name: /Einstellungen speichern/ }));
    await waitFor(() => expect(saved).toHaveBeenCalledWith(VIEW));
    await waitFor(() => expect(screen.queryByTestId('datev-errors')).toBeNull());
    expect(calls.filter((c) => c === 'exports.datevPreview')).toHaveLength(2);
    expect(screen.getByTestId('datev-preview')).toBeTruthy();
  });

  it('names each earlier export with its period and lock, and says when it only overlaps', async () => {
    const overlapping: TaxExportRecord = { ...EARLIER, id: 'x2', from: '2026-10-15', to: '2026-11-15', festgeschrieben: true, userName: 'Otto Admin' };
    const { client } = fakeApi(previewWith({ earlier: [EARLIER, overlapping] }));
    useApp.setState({ api: client, toasts: [] });
    render(<DatevSection period={PERIOD} settings={SETTINGS} mayExport onSettings={() => undefined} onExported={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Herunterladen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Zeitraum bereits exportiert' });
    const items = within(dialog).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items[0]).toMatch(/^Dieser Zeitraum wurde bereits am .+ von Berta Buchhalterin exportiert \(01\.11\.2026 bis 30\.11\.2026, nicht festgeschrieben\)\.$/);
    expect(items[1]).toMatch(/^Der Zeitraum überschneidet sich mit dem Export vom .+ von Otto Admin \(15\.10\.2026 bis 15\.11\.2026, festgeschrieben\)\.$/);
  });
});

describe('history', () => {
  it('marks an export whose period overlaps an earlier one of the same type', () => {
    const record = (id: string, type: 'datev' | 'auditor', from: string, to: string): TaxExportRecord => ({ ...EARLIER, id, type, from, to });
    // Newest first, as the history lists them.
    const again = repeatedExports([record('4', 'datev', '2026-11-15', '2026-12-15'), record('3', 'auditor', '2026-11-01', '2026-11-30'), record('2', 'datev', '2026-10-01', '2026-10-31'), record('1', 'datev', '2026-11-01', '2026-11-30')]);
    expect([...again]).toEqual(['4']);
  });
});
