import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { ReportTable } from '../../../src-shared/contract/index.js';
import { csvText, tableToCsv } from './csv.js';
import { exportFileName } from './cells.js';

const table: ReportTable = {
  title: 'reports.title.openItems',
  currency: 'EUR',
  columns: [
    { key: 'customer', label: 'reports.column.customer', type: 'text' },
    { key: 'number', label: 'reports.column.number', type: 'text' },
    { key: 'dueDate', label: 'reports.column.dueDate', type: 'date' },
    { key: 'days', label: 'reports.column.daysOverdue', type: 'days' },
    { key: 'share', label: 'Anteil', type: 'percent' },
    { key: 'open', label: 'reports.column.open', type: 'money' },
  ],
  rows: [
    { customer: 'Müller; Söhne "GmbH"', number: '00123', dueDate: '2026-10-01', days: 57, share: 12.5, open: 123456 },
    { customer: '=HYPERLINK("http://x.example","klick")', number: '-1', dueDate: '2026-11-02', days: 0, share: 0, open: -1250 },
    { customer: '@SUM(A1)', number: '+49 30 1234', dueDate: null, days: null, share: null, open: 5 },
    { customer: '\tTab', number: '1234567890123456789', dueDate: '2026-11-27', days: -3, share: 100, open: 0 },
  ],
  totals: { open: 122211 },
};

function readBack(bytes: Buffer): string[][] {
  return parse(bytes, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
}

describe('CSV for German Excel', () => {
  it('writes a BOM, CRLF line ends and ; between cells', () => {
    const bytes = tableToCsv(table, 'de');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')).toHaveLength(table.rows.length + 3); // heading, rows, totals, the empty rest
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('reads back cell by cell: money with a decimal comma, German dates, headings in the language', () => {
    const rows = readBack(tableToCsv(table, 'de'));
    expect(rows[0]).toEqual(['Kunde', 'Nummer', 'Fällig am', 'Tage überfällig', 'Anteil', 'Offen']);
    expect(rows[1]).toEqual(['Müller; Söhne "GmbH"', "'00123", '01.10.2026', '57', '12,5', '1234,56']);
    expect(rows[2]).toEqual(['\'=HYPERLINK("http://x.example","klick")', "'-1", '02.11.2026', '0', '0', '-12,50']);
    expect(rows[3]).toEqual(["'@SUM(A1)", "'+49 30 1234", '', '', '', '0,05']);
    expect(rows[4]).toEqual(["'\tTab", "'1234567890123456789", '27.11.2026', '-3', '100', '0,00']);
    expect(rows[5]).toEqual(['Summe', '', '', '', '', '1222,11']);
    expect(readBack(tableToCsv(table, 'en'))[0]![0]).toBe('Customer');
  });

  it('keeps the label the totals bring and adds none of its own', () => {
    const labelled: ReportTable = { ...table, totals: { customer: 'Gesamtsumme', open: 122211 } };
    expect(readBack(tableToCsv(labelled, 'de'))[5]).toEqual(['Gesamtsumme', '', '', '', '', '1222,11']);
  });

  it('never neutralises a number: a negative amount stays a plain negative figure', () => {
    const text = tableToCsv(table, 'de').toString('utf8');
    expect(text).toContain(';-12,50\r\n');
    expect(text).not.toContain("'-12,50");
  });

  it('neutralises every formula start and keeps fragile digits as written', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvText(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvText('0049')).toBe("'0049");
    expect(csvText('4711')).toBe('4711');
    expect(csvText('RE-2026-A-000123')).toBe('RE-2026-A-000123');
    expect(csvText(' padded ')).toBe('" padded "');
  });

  it('names the file after the report and the day', () => {
    expect(exportFileName('Offene Posten', '2026-11-27', 'csv')).toBe('Offene-Posten_2026-11-27.csv');
    expect(exportFileName('USt / Kennzahlen: Q4', '2026-11-27', 'pdf')).toBe('USt-Kennzahlen-Q4_2026-11-27.pdf');
  });
});
