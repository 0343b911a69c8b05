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
import { DatevSection } from './DatevSection.js';
import { repeatedExports } from './ExportHistory.js';
import '../../../tests/support/jsdom-dialog.js';

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const SETTINGS = { configured: true } as DatevSettingsView;
const EARLIER: TaxExportRecord = { id: 'x1', type: 'datev', from: '2026-11-01', to: '2026-11-30', at: '2026-11-27T09:00:00.000Z', userId: 'u1', userName: 'Berta Buchhalterin', festgeschrieben: false, files: [] };

function previewWith(over: Partial<DatevPreview>): DatevPreview {
  return { ...PERIOD, lineCount: 1, files: 1, lines: [{ amount: 11900, side: 'S', account: '10001', contraAccount: '8400', buKey: '', date: '2026-11-10', document: 'RE-2026-0001', text: 'Café Morgenrot', dueDate: '2026-11-24' }], accounts: [{ account: '8400', name: 'Erlöse 19 % USt', debit: 0, credit: 11900 }], warnings: [], errors: [], earlier: [], ...over };
}

/** A main process that answers the preview with `preview` and records the calls. */
function fakeApi(preview: DatevPreview) {
  const calls: string[] = [];
  const client = {
    invoke: vi.fn(async (name: string) => {
      calls.push(name);
      if (name === 'exports.datevPreview') return { ok: true, value: preview };
      if (name === 'exports.datev') return { ok: true, value: { files: [{ fileName: 'EXTF_Buchungsstapel.csv', mimeType: 'text/csv', dataBase64: 'IkVYVEYi' }, { fileName: 'EXTF_Debitoren.csv', mimeType: 'text/csv', dataBase64: 'IkVYVEYi' }], record: EARLIER, earlier: [] } };
      if (name === 'exports.datevSettings') return { ok: true, value: { ...SETTINGS, accounts: {}, automaticAccounts: [] } };
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

describe('history', () => {
  it('marks an export whose period overlaps an earlier one of the same type', () => {
    const record = (id: string, type: 'datev' | 'auditor', from: string, to: string): TaxExportRecord => ({ ...EARLIER, id, type, from, to });
    // Newest first, as the history lists them.
    const again = repeatedExports([record('4', 'datev', '2026-11-15', '2026-12-15'), record('3', 'auditor', '2026-11-01', '2026-11-30'), record('2', 'datev', '2026-10-01', '2026-10-31'), record('1', 'datev', '2026-11-01', '2026-11-30')]);
    expect([...again]).toEqual(['4']);
  });
});
