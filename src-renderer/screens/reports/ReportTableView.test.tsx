// @vitest-environment jsdom
/**
 * The one view of every report table: money in the report's currency as the UI language writes
 * it, dates, days and percentages, figures right-aligned, a totals row, headings for assistive
 * technology, sorting on click.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportTable } from '../../../src-shared/contract/report-table.js';
import i18next from '../../i18n.js';
import { dsoNeedsHint, formatReportCell, periodBucketLabel } from './report-format.js';
import { ReportTableView } from './ReportTableView.js';

const table: ReportTable = {
  title: 'reportsScreen.tab.openItems',
  currency: 'EUR',
  columns: [
    { key: 'customer', label: 'reportsScreen.payments.customer', type: 'text' },
    { key: 'due', label: 'Fällig', type: 'date' },
    { key: 'days', label: 'Tage', type: 'days' },
    { key: 'share', label: 'Anteil', type: 'percent' },
    { key: 'open', label: 'Offen', type: 'money' },
  ],
  rows: [
    { customer: 'Café Morgenrot', due: '2026-10-31', days: 27, share: 12.5, open: 123456 },
    { customer: 'Bäckerei Abend', due: '2026-11-15', days: 12, share: 87.5, open: 864197 },
  ],
  totals: { open: 987653, share: 100 },
};

afterEach(cleanup);

/** Intl separates a figure from its unit by a no-break space; the test reads it as a space. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => plain(c.textContent));

describe('a report table on screen', () => {
  it('writes every cell as German reads it, figures right-aligned, with the totals row', async () => {
    await i18next.changeLanguage('de');
    render(<ReportTableView table={table} />);
    const grid = screen.getByRole('table', { name: 'Offene Posten' });
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Kunde', 'Fällig', 'Tage', 'Anteil', 'Offen']);
    const [head, first, , totals] = within(grid).getAllByRole('row');
    expect(head).toBeTruthy();
    expect(cellsOf(first!)).toEqual(['Café Morgenrot', '31.10.2026', '27', '12,5 %', '1.234,56 €']);
    expect(within(first!).getAllByRole('cell')[4]!.className).toContain('numeric');
    expect(within(totals!).getByRole('rowheader').textContent).toBe('Summe');
    expect(cellsOf(totals!)).toEqual(['', '', '100 %', '9.876,53 €']);
  });

  it('sorts by a column on click, the heading saying which way', async () => {
    await i18next.changeLanguage('de');
    const user = userEvent.setup();
    render(<ReportTableView table={table} />);
    const open = screen.getByRole('columnheader', { name: /Offen/ });
    await user.click(within(open).getByRole('button'));
    expect(open.getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(open).getByRole('button'));
    expect(open.getAttribute('aria-sort')).toBe('descending');
    const names = screen.getAllByRole('row').slice(1, 3).map((r) => within(r).getAllByRole('cell')[0]!.textContent);
    expect(names).toEqual(['Bäckerei Abend', 'Café Morgenrot']);
  });

  it('sorts document numbers in natural order and keeps the report\'s own order until asked', async () => {
    await i18next.changeLanguage('de');
    const user = userEvent.setup();
    const numbers: ReportTable = { title: 'Belege', currency: 'EUR', columns: [{ key: 'number', label: 'Nummer', type: 'text' }], rows: ['3', '10', '2', '12'].map((number) => ({ number })) };
    render(<ReportTableView table={numbers} />);
    const column = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0]!.textContent);
    expect(column()).toEqual(['3', '10', '2', '12']);
    await user.click(within(screen.getByRole('columnheader', { name: /Nummer/ })).getByRole('button'));
    expect(column()).toEqual(['2', '3', '10', '12']);
  });

  it('writes month and quarter buckets in words in the user\'s language', async () => {
    expect(periodBucketLabel('2026-10', 'de')).toBe('Okt. 2026');
    expect(periodBucketLabel('2026-10', 'en')).toBe('Oct 2026');
    expect(periodBucketLabel('2026-Q4', 'de')).toBe('Q4 2026');
    expect(periodBucketLabel('2026', 'de')).toBe('2026');
    await i18next.changeLanguage('de');
    const revenue: ReportTable = { title: 'Umsatz', currency: 'EUR', columns: [{ key: 'bucket', label: 'Monat', type: 'text' }, { key: 'net', label: 'Netto', type: 'money' }], rows: [{ bucket: '2026-10', net: 100 }] };
    render(<ReportTableView table={revenue} />);
    expect(cellsOf(screen.getAllByRole('row')[1]!)).toEqual(['Okt. 2026', '1,00 €']);
  });

  it('asks for the DSO hint only when the DSO is far beyond the period\'s days', () => {
    expect(dsoNeedsHint(2167, 31)).toBe(true);
    expect(dsoNeedsHint(93, 31)).toBe(false);
    expect(dsoNeedsHint(94, 31)).toBe(true);
    expect(dsoNeedsHint(null, 31)).toBe(false);
  });

  it('writes English figures the English way', () => {
    expect(plain(formatReportCell(123456, 'money', 'EUR', 'en'))).toBe('€1,234.56');
    expect(plain(formatReportCell(-5000, 'money', 'EUR', 'de'))).toBe('-50,00 €');
    expect(plain(formatReportCell('2026-10-31', 'date', 'EUR', 'en'))).toBe('31 Oct 2026');
    expect(plain(formatReportCell(12.5, 'percent', 'EUR', 'en'))).toBe('12.5%');
    expect(formatReportCell(null, 'money', 'EUR', 'de')).toBe('');
  });
});
