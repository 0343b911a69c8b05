import { describe, expect, it } from 'vitest';
import { parseOrdersCsv, type CsvOrdersResult } from './orders-csv.js';

const GERMAN_HEADER = 'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Einzelpreis;Rabatt;Bestellreferenz;Notiz';

function utf8(lines: string[], eol = '\n'): Uint8Array {
  return new TextEncoder().encode(lines.join(eol));
}

/** Windows-1252 bytes for the few non-ASCII characters German order files contain. */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93, Ä: 0xc4, Ö: 0xd6, Ü: 0xdc, ß: 0xdf, ä: 0xe4, ö: 0xf6, ü: 0xfc };
  return Buffer.from([...text].map((char) => special[char] ?? char.charCodeAt(0)));
}

function problemsOf(result: CsvOrdersResult) {
  if (result.ok) throw new Error('expected problems, got orders');
  return result.problems;
}

describe('parseOrdersCsv: valid files', () => {
  it('reads an Excel export: BOM, semicolons, CRLF, decimal comma, DD.MM.YYYY, umlauts, German headers', () => {
    const bytes = utf8(
      [
        '\uFEFF' + GERMAN_HEADER,
        'A-1001;K-20;03.02.2026;ART-1;2;1.234,50;10;PO-77;Lieferung über Tor 3, Frau Müller',
        'A-1001;K-20;03.02.2026;ART-2;0,5;12,50 €;;;',
        'A-1002;K-21;4.2.2026;ART-1;1;99;2,5 %;;Grüße an die Buchhaltung',
        '',
      ],
      '\r\n',
    );
    expect(parseOrdersCsv(bytes)).toStrictEqual({
      ok: true,
      orders: [
        {
          number: 'A-1001',
          customerNumber: 'K-20',
          orderDate: '2026-02-03',
          customerReference: 'PO-77',
          note: 'Lieferung über Tor 3, Frau Müller',
          lines: [
            { line: 2, sku: 'ART-1', quantity: '2', netUnitPrice: '1234.5', discountPercent: '10' },
            { line: 3, sku: 'ART-2', quantity: '0.5', netUnitPrice: '12.5' },
          ],
          firstLine: 2,
        },
        {
          number: 'A-1002',
          customerNumber: 'K-21',
          orderDate: '2026-02-04',
          note: 'Grüße an die Buchhaltung',
          lines: [{ line: 4, sku: 'ART-1', quantity: '1', netUnitPrice: '99', discountPercent: '2.5' }],
          firstLine: 4,
        },
      ],
    });
  });

  it('reads comma-delimited English with case-insensitive padded headers and quoted 1,234.56', () => {
    const bytes = utf8([
      ' Order_Number ,CUSTOMER_NUMBER,order_date,SKU,Quantity,unit_price,Note',
      'SO-7,C-1,2026-03-15,WIDGET,3,"1,234.56",Pipe 5" long',
      'SO-7,C-1,2026-03-15,GADGET,1.5,0.99,',
    ]);
    expect(parseOrdersCsv(bytes)).toStrictEqual({
      ok: true,
      orders: [
        {
          number: 'SO-7',
          customerNumber: 'C-1',
          orderDate: '2026-03-15',
          note: 'Pipe 5" long',
          lines: [
            { line: 2, sku: 'WIDGET', quantity: '3', netUnitPrice: '1234.56' },
            { line: 3, sku: 'GADGET', quantity: '1.5', netUnitPrice: '0.99' },
          ],
          firstLine: 2,
        },
      ],
    });
  });

  it('decodes windows-1252 when the bytes are not UTF-8', () => {
    const bytes = cp1252(
      'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Einzelpreis;Notiz\r\n' +
        'A-1;K-Ö1;01.03.2026;ÄRMEL-1;1;12,50 €;„Grüße“ aus Köln, Straße 5\r\n',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(parseOrdersCsv(bytes)).toStrictEqual({
      ok: true,
      orders: [
        {
          number: 'A-1',
          customerNumber: 'K-Ö1',
          orderDate: '2026-03-01',
          note: '„Grüße“ aus Köln, Straße 5',
          lines: [{ line: 2, sku: 'ÄRMEL-1', quantity: '1', netUnitPrice: '12.5' }],
          firstLine: 2,
        },
      ],
    });
  });

  it('keeps a quoted note with a line break and a semicolon, and counts physical lines after it', () => {
    const bytes = utf8(
      [
        'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Notiz',
        'A-1;K-1;01.03.2026;ART-1;1;"Bitte klingeln; Hinterhof',
        'zweite Tür links"',
        'A-1;K-1;01.03.2026;ART-2;4;',
      ],
      '\r\n',
    );
    expect(parseOrdersCsv(bytes)).toStrictEqual({
      ok: true,
      orders: [
        {
          number: 'A-1',
          customerNumber: 'K-1',
          orderDate: '2026-03-01',
          note: 'Bitte klingeln; Hinterhof\nzweite Tür links',
          lines: [
            { line: 2, sku: 'ART-1', quantity: '1' },
            { line: 4, sku: 'ART-2', quantity: '4' },
          ],
          firstLine: 2,
        },
      ],
    });
  });

  it('reads tab-delimited files and honours an Excel sep= line', () => {
    const tabs = utf8(['order_number\tcustomer_number\torder_date\tsku\tquantity', 'A-1\tK-1\t2026-03-01\tART-1\t7']);
    expect(parseOrdersCsv(tabs)).toStrictEqual({
      ok: true,
      orders: [{ number: 'A-1', customerNumber: 'K-1', orderDate: '2026-03-01', lines: [{ line: 2, sku: 'ART-1', quantity: '7' }], firstLine: 2 }],
    });
    const hinted = utf8(['sep=,', 'Auftragsnummer,Kundennummer,Datum,Artikelnummer,Menge', 'A-1,K-1,01.03.2026,ART-1,0']);
    expect(parseOrdersCsv(hinted)).toStrictEqual({ ok: false, problems: [{ line: 3, field: 'quantity', problem: 'import.quantity', value: '0' }] });
  });
});

describe('parseOrdersCsv: problems', () => {
  it('reports a problem on the row after a multi-line note at its physical line', () => {
    const bytes = utf8([
      'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Notiz',
      'A-1;K-1;01.03.2026;ART-1;1;"Bitte klingeln; Hinterhof',
      'zweite Tür links"',
      'A-1;K-1;01.03.2026;ART-2;0;',
    ]);
    expect(parseOrdersCsv(bytes)).toStrictEqual({ ok: false, problems: [{ line: 4, field: 'quantity', problem: 'import.quantity', value: '0' }] });
  });

  it('reports every problem of every bad row with line and field, and no orders', () => {
    const bytes = utf8([
      'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Einzelpreis;Rabatt',
      'A-1;;31.13.2026;ART-1;abc;-5;150',
      '',
      ';K-1;01.03.2026;;2;;',
      'A-3;K-1;2026-03-01;ART-1;-1;;',
      'A-4;K-1;01.03.2026;ART-1;1;12;50;5',
      'A-5;K-1;01.03.2026;ART-1;1;1,2,3;',
    ]);
    expect(problemsOf(parseOrdersCsv(bytes))).toStrictEqual([
      { line: 2, field: 'customer_number', problem: 'import.required' },
      { line: 2, field: 'order_date', problem: 'import.date', value: '31.13.2026' },
      { line: 2, field: 'quantity', problem: 'import.decimal', value: 'abc' },
      { line: 2, field: 'unit_price', problem: 'import.price', value: '-5' },
      { line: 2, field: 'discount_percent', problem: 'import.percent', value: '150' },
      { line: 4, field: 'order_number', problem: 'import.required' },
      { line: 4, field: 'sku', problem: 'import.required' },
      { line: 5, field: 'quantity', problem: 'import.quantity', value: '-1' },
      { line: 6, field: '(row)', problem: 'import.columnCount' },
      { line: 7, field: 'unit_price', problem: 'import.decimal', value: '1,2,3' },
    ]);
  });

  it('reports a customer or reference that differs within one order, not a date written another way', () => {
    const bytes = utf8([
      'order_number;customer_number;order_date;sku;quantity;customer_reference',
      'A-1;K-1;01.03.2026;ART-1;1;PO-1',
      'A-1;K-2;01.03.2026;ART-2;1;',
      'A-1;K-1;2026-03-01;ART-3;1;PO-2',
      'A-2;K-2;02.03.2026;ART-1;1;',
    ]);
    expect(problemsOf(parseOrdersCsv(bytes))).toStrictEqual([
      { line: 3, field: 'customer_number', problem: 'import.inconsistentOrder', value: 'K-2' },
      { line: 4, field: 'customer_reference', problem: 'import.inconsistentOrder', value: 'PO-2' },
    ]);
  });

  it('calls 1.234 ambiguous unless the decimal separator is given', () => {
    const bytes = utf8(['order_number;customer_number;order_date;sku;quantity;unit_price', 'A-1;K-1;2026-03-01;ART-1;1.234;1.234.567']);
    expect(problemsOf(parseOrdersCsv(bytes))).toStrictEqual([{ line: 2, field: 'quantity', problem: 'import.decimalAmbiguous', value: '1.234' }]);
    const line = (result: CsvOrdersResult) => (result.ok ? result.orders[0]?.lines[0] : undefined);
    expect(line(parseOrdersCsv(bytes, { decimalSeparator: ',' }))).toStrictEqual({ line: 2, sku: 'ART-1', quantity: '1234', netUnitPrice: '1234567' });
    expect(problemsOf(parseOrdersCsv(bytes, { decimalSeparator: '.' }))).toStrictEqual([
      { line: 2, field: 'unit_price', problem: 'import.decimal', value: '1.234.567' },
    ]);
  });

  it('rejects dates that are not on the calendar', () => {
    const bytes = utf8([
      GERMAN_HEADER,
      'A-1;K-1;31.02.2026;ART-1;1;;;;',
      'A-2;K-1;2026-02-29;ART-1;1;;;;',
      'A-3;K-1;29.02.2028;ART-1;1;;;;',
      'A-4;K-1;1.3.26;ART-1;1;;;;',
    ]);
    expect(problemsOf(parseOrdersCsv(bytes))).toStrictEqual([
      { line: 2, field: 'order_date', problem: 'import.date', value: '31.02.2026' },
      { line: 3, field: 'order_date', problem: 'import.date', value: '2026-02-29' },
      { line: 5, field: 'order_date', problem: 'import.date', value: '1.3.26' },
    ]);
  });

  it('reports an unknown column at line 1 under its own name', () => {
    const bytes = utf8([GERMAN_HEADER + ';Lagerort', 'A-1;K-1;01.03.2026;ART-1;1;;;;;Regal 4']);
    expect(problemsOf(parseOrdersCsv(bytes))).toStrictEqual([{ line: 1, field: 'Lagerort', problem: 'import.unknownColumn' }]);
  });

  it('reports a missing or doubled column once, not on every row', () => {
    const bytes = utf8(['Auftragsnummer;Kundennummer;Datum;Artikelnummer;Notiz;note', 'A-1;K-1;01.03.2026;ART-1;;', 'A-2;K-1;01.03.2026;ART-1;;']);
    expect(problemsOf(parseOrdersCsv(bytes))).toStrictEqual([
      { line: 1, field: 'note', problem: 'import.duplicateColumn', value: 'note' },
      { line: 1, field: 'quantity', problem: 'import.missingColumn' },
    ]);
  });

  it('reports an empty file, a blank file and a header without rows as empty', () => {
    const empty = [{ line: 1, field: '(file)', problem: 'import.empty' }];
    expect(parseOrdersCsv(new Uint8Array(0))).toStrictEqual({ ok: false, problems: empty });
    expect(parseOrdersCsv(utf8(['\uFEFF', '', '']))).toStrictEqual({ ok: false, problems: empty });
    expect(parseOrdersCsv(utf8([GERMAN_HEADER, ';;;;;;;;', '']))).toStrictEqual({ ok: false, problems: empty });
  });

  it('reports an unclosed quote at the line where its row starts instead of throwing', () => {
    const bytes = utf8([
      'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Notiz',
      'A-1;K-1;01.03.2026;ART-1;1;',
      'A-1;K-1;01.03.2026;ART-2;1;"Bitte klingeln',
      'A-2;K-1;01.03.2026;ART-1;1;',
      'A-3;K-1;01.03.2026;ART-1;1;',
    ]);
    expect(parseOrdersCsv(bytes)).toStrictEqual({ ok: false, problems: [{ line: 3, field: '(file)', problem: 'import.malformed' }] });
  });

  it('reports text that is neither UTF-8 nor single-byte, such as UTF-16 without a BOM', () => {
    const bytes = Buffer.from('order_number;sku\n', 'utf16le');
    expect(parseOrdersCsv(bytes)).toStrictEqual({ ok: false, problems: [{ line: 1, field: '(file)', problem: 'import.encoding' }] });
  });
});

describe('parseOrdersCsv: the order form\'s bounds', () => {
  it('refuses quantities and prices beyond the contract, and more decimals than the books keep, naming line and column', () => {
    const bytes = utf8([
      'Auftragsnummer;Kundennummer;Datum;Artikelnummer;Menge;Einzelpreis',
      'A-1;K-1;01.03.2026;ART-1;999999999999;1,00',
      'A-2;K-1;01.03.2026;ART-1;1000001;1,00',
      'A-3;K-1;01.03.2026;ART-1;1;100000000',
      'A-4;K-1;01.03.2026;ART-1;1;99.999.999.999.999,00',
      'A-5;K-1;01.03.2026;ART-1;1;0,123456789012345',
      'A-6;K-1;01.03.2026;ART-1;0,00000000000001;1,00',
      'A-7;K-1;01.03.2026;ART-1;1000000;99999999,99',
    ]);
    expect(problemsOf(parseOrdersCsv(bytes))).toStrictEqual([
      { line: 2, field: 'quantity', problem: 'validation.tooLarge', value: '999999999999', params: { max: '1000000' } },
      { line: 3, field: 'quantity', problem: 'validation.tooLarge', value: '1000001', params: { max: '1000000' } },
      { line: 4, field: 'unit_price', problem: 'validation.tooLarge', value: '100000000', params: { max: '99999999.99' } },
      { line: 5, field: 'unit_price', problem: 'validation.tooLarge', value: '99.999.999.999.999,00', params: { max: '99999999.99' } },
      { line: 6, field: 'unit_price', problem: 'validation.tooManyDecimals', value: '0,123456789012345', params: { max: 10 } },
      { line: 7, field: 'quantity', problem: 'validation.tooManyDecimals', value: '0,00000000000001', params: { max: 10 } },
    ]);
  });
});
