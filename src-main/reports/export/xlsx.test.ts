import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ReportTable } from '../../../src-shared/contract/index.js';
import { moneyFormat, sheetName, tableToXlsx } from './xlsx.js';

const table: ReportTable = {
  title: 'reports.title.openItems',
  currency: 'EUR',
  columns: [
    { key: 'customer', label: 'reports.column.customer', type: 'text' },
    { key: 'number', label: 'reports.column.number', type: 'text' },
    { key: 'dueDate', label: 'reports.column.dueDate', type: 'date' },
    { key: 'days', label: 'reports.column.daysOverdue', type: 'days' },
    { key: 'open', label: 'reports.column.open', type: 'money' },
  ],
  rows: [
    { customer: 'Müller GmbH', number: '00123', dueDate: '2026-10-01', days: 57, open: 123456 },
    { customer: '=1+1', number: '-1', dueDate: null, days: 0, open: -1250 },
  ],
  totals: { open: 122206 },
};

async function readBack(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('XLSX export', () => {
  it('writes one sheet with bold headings, typed cells and a bold totals row', async () => {
    const workbook = await readBack(await tableToXlsx(table, 'de', { creator: 'Muster GmbH', created: new Date('2026-11-27T09:00:00Z') }));
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Offene Posten');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Kunde', 'Nummer', 'Fällig am', 'Tage überfällig', 'Offen']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);

    // Text stays text: leading zeros kept, a formula-looking text is a string, not a formula.
    expect(sheet.getCell('B2').value).toBe('00123');
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A3').value).toBe('=1+1');
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);

    // Money in euros as numbers with the euro format; negative stays a number.
    expect(sheet.getCell('E2').value).toBe(1234.56);
    expect(sheet.getCell('E2').numFmt).toBe('#,##0.00 "€"');
    expect(sheet.getCell('E3').value).toBe(-12.5);
    expect(sheet.getCell('E3').type).toBe(ExcelJS.ValueType.Number);

    // Dates are real dates.
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Date);
    expect((sheet.getCell('C2').value as Date).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(sheet.getCell('C2').numFmt).toBe('dd.mm.yyyy');
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.getCell('D2').value).toBe(57);

    // Totals last, bold, labelled.
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getCell('A4').value).toBe('Summe');
    expect(sheet.getCell('E4').value).toBe(1222.06);
    expect(sheet.getCell('E4').font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(13);
  });

  it('keeps sheet names within what Excel accepts', () => {
    expect(sheetName('USt/Kennzahlen [Q4]: eine sehr lange Überschrift')).toHaveLength(31);
    expect(sheetName('USt/Kennzahlen')).toBe('USt Kennzahlen');
    expect(moneyFormat('CHF')).toBe('#,##0.00 "CHF"');
  });
});
