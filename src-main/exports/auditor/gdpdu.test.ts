/** The GDPdU writer's values: amounts with a decimal comma, dates as DD.MM.YYYY, text quoted, one record per row. */
import { describe, expect, it } from 'vitest';
import { centsText, csvOf, dateText, decimalText, indexXml, type TableSpec } from './gdpdu.js';

const customers: TableSpec = { name: 'customers', description: 'Kunden', columns: [{ name: 'id', description: 'ID', type: 'text' }] };
const table: TableSpec = {
  name: 'things',
  description: 'Dinge & "Sachen"',
  columns: [
    { name: 'id', description: 'ID', type: 'text' },
    { name: 'amount', description: 'Betrag', type: 'cents' },
    { name: 'count', description: 'Anzahl', type: 'integer' },
    { name: 'date', description: 'Datum', type: 'date' },
  ],
  foreignKeys: [{ column: 'customerId', references: customers }],
};

describe('GDPdU values', () => {
  it('writes cents with a decimal comma and two places, negative with a minus, never grouped', () => {
    expect([0, 5, -5, 100, 123456789, -1050].map(centsText)).toEqual(['0,00', '0,05', '-0,05', '1,00', '1234567,89', '-10,50']);
    expect(() => centsText(1.5)).toThrow();
  });

  it('writes exact decimals (quantities, prices, VAT rates) with a decimal comma and the declared places, never through a float', () => {
    expect(decimalText('2.5', 3)).toBe('2,500');
    expect(decimalText('19', 2)).toBe('19,00');
    expect(decimalText('0.1', 2)).toBe('0,10');
    expect(decimalText('-0.125', 3)).toBe('-0,125');
    expect(decimalText('12345678901234567.123456789', 9)).toBe('12345678901234567,123456789');
    expect(decimalText('7.50', 1)).toBe('7,5');
    expect(decimalText('4', 0)).toBe('4');
    expect(decimalText('', 2)).toBe('');
    expect(() => decimalText('1.234', 2)).toThrow();
    expect(() => decimalText('1,5', 2)).toThrow();
    const lines: TableSpec = { name: 'lines', description: 'Zeilen', columns: [{ name: 'id', description: 'ID', type: 'text' }, { name: 'quantity', description: 'Menge', type: 'decimal', accuracy: 3 }] };
    expect(csvOf(lines, [['a', '1.5']]).toString('utf8')).toBe('"a";1,500\r\n');
    const xml = indexXml({ supplier: { name: 'A', location: 'B', comment: 'c' }, mediaName: 'm', from: '2026-11-01', to: '2026-11-30', tables: [lines] }).toString('utf8');
    expect(xml).toContain('<Name>quantity</Name>\r\n          <Description>Menge</Description>\r\n          <Numeric>\r\n            <Accuracy>3</Accuracy>\r\n          </Numeric>');
  });

  it('writes dates as DD.MM.YYYY', () => {
    expect(dateText('2026-11-27')).toBe('27.11.2026');
    expect(dateText('')).toBe('');
    expect(() => dateText('27.11.2026')).toThrow();
  });

  it('quotes text, doubling a quote, and ends every record with CRLF', () => {
    const csv = csvOf(table, [['a;"b"', 1999, 3, '2026-01-02'], ['Köln', -1, 0, '']]).toString('utf8');
    expect(csv).toBe('"a;""b""";19,99;3;02.01.2026\r\n"Köln";-0,01;0;\r\n');
    expect(() => csvOf(table, [['only one']])).toThrow(/columns/);
  });

  it('writes a line break or tab inside text as a space, so every record is one line', () => {
    const csv = csvOf(table, [['Zeile 1\r\nZeile 2\nZeile 3\rEnde\tTab', 0, 1, '']]).toString('utf8');
    expect(csv).toBe('"Zeile 1 Zeile 2 Zeile 3 Ende Tab";0,00;1;\r\n');
  });

  it('declares the table with its key, types, the period and an alias for a foreign key of another name', () => {
    const xml = indexXml({ supplier: { name: 'A & B', location: 'Köln', comment: 'c' }, mediaName: 'm', from: '2026-11-01', to: '2026-11-30', tables: [table, customers] }).toString('utf8');
    expect(xml).toContain('<Description>Dinge &amp; &quot;Sachen&quot;</Description>');
    expect(xml).toContain('<VariablePrimaryKey>\r\n          <Name>id</Name>');
    expect(xml).toContain('<Numeric>\r\n            <Accuracy>2</Accuracy>\r\n          </Numeric>');
    expect(xml).toContain('<Date>\r\n            <Format>DD.MM.YYYY</Format>\r\n          </Date>');
    expect(xml).toContain('<From>01.11.2026</From>');
    expect(xml).toMatch(/<ForeignKey>\s*<Name>customerId<\/Name>\s*<References>customers<\/References>\s*<Alias>\s*<From>customerId<\/From>\s*<To>id<\/To>/);
    expect(xml).toContain('<Name>A &amp; B</Name>');
  });
});
