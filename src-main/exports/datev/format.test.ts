/** The DATEV files as DATEV reads them: parsed back byte by byte with a parser of the tests' own. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { de } from '../../../src-shared/i18n/de.js';
import { en } from '../../../src-shared/i18n/en.js';
import { BUCHUNGSSTAPEL_COLUMNS, DEBITOREN_COLUMNS } from './columns.js';
import {
  MAX_LINES_PER_FILE, buchungsstapelFiles, datevProblems, debitorenFile, debitorProblems,
  type DatevBatchHeader, type DatevBooking, type DatevDebitor,
} from './format.js';
import { parseDatevFile, splitFields } from './parse.test-support.js';

const header: DatevBatchHeader = {
  createdAt: new Date(2026, 10, 27, 9, 5, 7, 42),
  beraterNummer: '29098',
  mandantNummer: '55003',
  fiscalYearStart: '2026-01-01',
  accountLength: 4,
  from: '2026-11-01',
  to: '2026-11-30',
  batchName: 'Rechnungen November 2026',
  chart: 'SKR03',
  festgeschrieben: true,
  exportedBy: 'Anna Buchhalter',
};

let n = 0;
const booking = (b: Partial<DatevBooking> = {}): DatevBooking => {
  n++;
  return {
    amount: 11900, side: 'S', account: '10000', contraAccount: '8400', buKey: '', date: '2026-11-05',
    document: `RE-2026-${n}`, document2: '', text: 'Muster GmbH', dueDate: '2026-11-19', skonto: 0,
    source: { kind: 'invoice', id: `inv${n}`, number: `RE-2026-${n}` },
    ...b,
  };
};

const only = (bytes: ReturnType<typeof buchungsstapelFiles>) => {
  expect(bytes).toHaveLength(1);
  return parseDatevFile(bytes[0]!.bytes);
};

/** The i18n keys of a problem exist in the German table. */
const hasText = (key: string, table: unknown = de): boolean => {
  let node: unknown = table;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)?.[part];
  return typeof node === 'string';
};

describe('DATEV Buchungsstapel', () => {
  it('writes the EXTF header of category 21, version 13, with the batch fields in their places', () => {
    const file = buchungsstapelFiles(header, [booking()])[0]!;
    expect(file.fileName).toBe('EXTF_Buchungsstapel_20261101_20261130.csv');
    const { headerFields } = parseDatevFile(file.bytes);
    expect(headerFields).toEqual([
      '"EXTF"', '700', '21', '"Buchungsstapel"', '13', '20261127090507042', '', '"RE"', '"Anna Buchhalter"', '""',
      '29098', '55003', '20260101', '4', '20261101', '20261130', '"Rechnungen November 2026"', '""', '1', '0', '1',
      '"EUR"', '', '""', '', '', '"03"', '', '', '""', '""',
    ]);
    const skr04 = parseDatevFile(buchungsstapelFiles({ ...header, chart: 'SKR04', festgeschrieben: false }, [booking()])[0]!.bytes);
    expect(skr04.header.Sachkontenrahmen).toBe('04');
    expect(skr04.header.Festschreibung).toBe('0');
  });

  it('heads the lines with all 125 columns of version 13, and every line has as many fields', () => {
    const parsed = only(buchungsstapelFiles(header, [booking(), booking({ text: 'a;b' })]));
    expect(parsed.columns).toHaveLength(125);
    expect(parsed.columns.slice(0, 14)).toEqual([
      'Umsatz (ohne Soll/Haben-Kz)', 'Soll/Haben-Kennzeichen', 'WKZ Umsatz', 'Kurs', 'Basis-Umsatz', 'WKZ Basis-Umsatz',
      'Konto', 'Gegenkonto (ohne BU-Schlüssel)', 'BU-Schlüssel', 'Belegdatum', 'Belegfeld 1', 'Belegfeld 2', 'Skonto', 'Buchungstext',
    ]);
    expect(parsed.columns[113]!).toBe('Festschreibung');
    expect(parsed.columns[116]!).toBe('Fälligkeit');
    expect(parsed.columns.at(-1)).toBe('Abw. Skontokonto');
    for (const row of parsed.rawRows) expect(row).toHaveLength(125);
    expect(parsed.rows[1]!.Buchungstext).toBe('a;b');
  });

  it('writes a line: amount, side, accounts, BU key, DDMM date, documents, text, Festschreibung and DDMMYYYY Fälligkeit', () => {
    const parsed = only(buchungsstapelFiles(header, [
      booking({ amount: 10710, side: 'H', account: '10001', contraAccount: '1200', buKey: '', date: '2026-11-07', document: 'ZE-17', document2: 'RE-2026-9', text: 'Zahlung', dueDate: '', skonto: 221 }),
      booking({ buKey: '3', contraAccount: '8300', date: '2026-11-30', dueDate: '2026-12-14' }),
    ]));
    expect(parsed.rawRows[0]!.slice(0, 14)).toEqual(['107,10', '"H"', '"EUR"', '', '', '', '10001', '1200', '""', '0711', '"ZE-17"', '"RE-2026-9"', '2,21', '"Zahlung"']);
    expect(parsed.rows[0]!.Festschreibung).toBe('1');
    expect(parsed.rows[0]!['Fälligkeit']).toBe('');
    expect(parsed.rows[1]!['BU-Schlüssel']).toBe('3');
    expect(parsed.rows[1]!.Belegdatum).toBe('3011');
    expect(parsed.rows[1]!['Fälligkeit']).toBe('14122026');
    expect(parsed.rows[1]!.Skonto).toBe('');
  });

  it('writes the buyer’s VAT ID in column 40, EU-Land u. UStID (Bestimmung), and refuses one DATEV cannot take', () => {
    const parsed = only(buchungsstapelFiles(header, [booking({ contraAccount: '8125', euVatId: 'ATU12345678' }), booking()]));
    expect(parsed.columns[39]).toBe('EU-Land u. UStID (Bestimmung)');
    expect(parsed.rawRows[0]![39]).toBe('"ATU12345678"');
    expect(parsed.rows[0]!['EU-Land u. UStID (Bestimmung)']).toBe('ATU12345678');
    expect(parsed.rows[0]!.Festschreibung).toBe('1');
    expect(parsed.rows[0]!['Fälligkeit']).toBe('19112026');
    expect(parsed.rawRows[1]![39]).toBe('');
    for (const row of parsed.rawRows) expect(row).toHaveLength(125);
    const problems = datevProblems(header, [booking({ euVatId: 'ATU1234567890123' }), booking({ euVatId: 'AT U123' })]);
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ['euVatId', 'validation.datevTooLong'], ['euVatId', 'validation.datevVatId'], ['euVatId', 'validation.datevVatId'],
    ]);
  });

  it('writes amounts from cents with a decimal comma and no thousands separator', () => {
    const amounts = [1, 99, 100, 123456789, 999_999_999_999];
    const parsed = only(buchungsstapelFiles(header, amounts.map((amount) => booking({ amount }))));
    expect(parsed.rawRows.map((row) => row[0]!)).toEqual(['0,01', '0,99', '1,00', '1234567,89', '9999999999,99']);
  });

  it('is Windows-1252 with the euro sign as byte 0x80, CRLF after every line, a quote inside text doubled', () => {
    const file = buchungsstapelFiles(header, [booking({ text: 'Größe „XL“ 5 € "Sonder"' })])[0]!;
    const parsed = parseDatevFile(file.bytes);
    expect(parsed.rows[0]!.Buchungstext).toBe('Größe „XL“ 5 € "Sonder"');
    expect(parsed.rawRows[0]![13]).toBe('"Größe „XL“ 5 € ""Sonder"""');
    const line = parsed.rawLines[2]!;
    expect(line.includes(Buffer.from([0x80]))).toBe(true);
    expect(line.includes(Buffer.from([0xf6]))).toBe(true); // ö
    expect(line.includes(Buffer.from([0x84]))).toBe(true); // „
    expect(line.includes(Buffer.from('€', 'utf8'))).toBe(false);
    const crlf = file.bytes.toString('latin1').split('\r\n');
    expect(crlf).toHaveLength(4); // header, headings, one line, and nothing after the last CRLF
    expect(crlf.at(-1)).toBe('');
    expect(file.bytes.toString('latin1').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(file.lines).toBe(1);
  });

  it('refuses a Belegfeld 1 over 36 characters and a Buchungstext over 60, naming the document; nothing is cut', () => {
    const longDocument = booking({ document: 'R'.repeat(37), source: { kind: 'invoice', id: 'i1', number: 'RE-LANG' } });
    const longText = booking({ text: 'x'.repeat(61), source: { kind: 'creditNote', id: 'c1', number: 'GU-2026-3' } });
    const fits = booking({ document: 'R'.repeat(36), text: 'x'.repeat(60) });
    const problems = datevProblems(header, [longDocument, longText, fits]);
    expect(problems).toEqual([
      { code: 'tooLong', field: 'document', source: longDocument.source, problem: 'validation.datevTooLong', values: { document: 'RE-LANG', length: 37, max: 36, value: 'R'.repeat(37) } },
      { code: 'tooLong', field: 'text', source: longText.source, problem: 'validation.datevTooLong', values: { document: 'GU-2026-3', length: 61, max: 60, value: 'x'.repeat(61) } },
    ]);
    expect(() => buchungsstapelFiles(header, [longDocument])).toThrow(expect.objectContaining({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'document', problem: 'validation.datevTooLong', params: expect.objectContaining({ document: 'RE-LANG', max: 36 }) }] },
    }));
  });

  it('refuses a character outside Windows-1252 instead of replacing it', () => {
    for (const text of ['Ω-Widerstand', 'Danke 🙂', 'Zeile\r\nzwei']) {
      const problems = datevProblems(header, [booking({ text, source: { kind: 'invoice', id: 'i', number: 'RE-7' } })]);
      expect(problems.map((p) => [p.field, p.problem, p.values.document])).toEqual([['text', 'validation.datevText', 'RE-7']]);
    }
    expect(datevProblems(header, [booking({ text: 'Ω' })])[0]!.values.char).toBe('Ω');
    expect(() => buchungsstapelFiles(header, [booking({ text: 'Ω' })])).toThrow();
  });

  it('checks Belegfeld 1 characters, Belegfeld 2 length, accounts, BU key, amounts and dates', () => {
    const cases: [Partial<DatevBooking>, string, string][] = [
      [{ document: 'RE 2026.1' }, 'document', 'validation.datevDocumentChars'],
      [{ document: 'RÄ-1' }, 'document', 'validation.datevDocumentChars'],
      [{ document2: '1234567890123' }, 'document2', 'validation.datevTooLong'],
      [{ account: '100000' }, 'account', 'validation.datevAccount'],
      [{ account: '01000' }, 'account', 'validation.datevAccount'],
      [{ contraAccount: '840' }, 'contraAccount', 'validation.datevAccount'],
      [{ contraAccount: '84OO' }, 'contraAccount', 'validation.datevAccount'],
      [{ buKey: '12345' }, 'buKey', 'validation.datevBuKey'],
      [{ amount: 0 }, 'amount', 'validation.datevAmount'],
      [{ amount: 1_000_000_000_000 }, 'amount', 'validation.datevAmount'],
      [{ amount: 10.5 }, 'amount', 'validation.datevAmount'],
      [{ skonto: -5 }, 'skonto', 'validation.datevAmount'],
      [{ date: '2026-10-31' }, 'date', 'validation.datevDateOutside'],
      [{ date: '2026-12-01' }, 'date', 'validation.datevDateOutside'],
      [{ date: '2026-11-31' }, 'date', 'validation.datevDate'],
      [{ dueDate: '14.12.2026' }, 'dueDate', 'validation.datevDate'],
    ];
    for (const [change, field, problem] of cases) {
      const problems = datevProblems(header, [booking(change)]);
      expect(problems.map((p) => [p.field, p.problem]), JSON.stringify(change)).toEqual([[field, problem]]);
      expect(hasText(problem)).toBe(true);
    }
    expect(datevProblems(header, [booking({ document: 'AB-12/3$&%*+', account: '1200', contraAccount: '10000', buKey: '9' })])).toEqual([]);
    expect(datevProblems({ ...header, accountLength: 6 }, [booking({ account: '1000000', contraAccount: '840000' })])).toEqual([]);
  });

  it('refuses a batch across the start of the fiscal year, and the advisor and client numbers out of range', () => {
    const across = { ...header, from: '2026-12-01', to: '2027-01-31' };
    expect(datevProblems(across, []).map((p) => [p.code, p.problem, p.values])).toEqual([
      // The boundary crossed is the next fiscal year's start, not the current one's.
      ['fiscalYear', 'validation.datevFiscalYear', { document: '', from: '2026-12-01', to: '2027-01-31', fiscalYearStart: '2027-01-01' }],
    ]);
    const julyYear = { ...header, fiscalYearStart: '2026-07-01', from: '2026-06-01', to: '2026-07-31' };
    expect(datevProblems(julyYear, []).map((p) => [p.code, p.field, p.values.fiscalYearStart])).toEqual([['fiscalYear', 'from', '2026-07-01']]);
    expect(datevProblems({ ...header, fiscalYearStart: '2026-07-01', from: '2027-06-01', to: '2027-06-30' }, [])).toEqual([]);
    expect(() => buchungsstapelFiles(across, [])).toThrow();
    const numbers = (beraterNummer: string, mandantNummer: string) =>
      datevProblems({ ...header, beraterNummer, mandantNummer }, []).map((p) => p.problem);
    expect(numbers('1001', '1')).toEqual([]);
    expect(numbers('9999999', '99999')).toEqual([]);
    expect(numbers('1000', '0')).toEqual(['validation.datevBeraterNummer', 'validation.datevMandantNummer']);
    expect(numbers('10000000', '100000')).toEqual(['validation.datevBeraterNummer', 'validation.datevMandantNummer']);
    expect(numbers('', 'x')).toEqual(['validation.datevBeraterNummer', 'validation.datevMandantNummer']);
    expect(datevProblems({ ...header, batchName: 'B'.repeat(31) }, []).map((p) => [p.field, p.problem])).toEqual([['batchName', 'validation.datevTooLong']]);
    expect(datevProblems({ ...header, from: '2026-11-30', to: '2026-11-01' }, []).map((p) => p.code)).toEqual(['period']);
  });

  it('splits a batch at 99,999 lines into files with the same header', () => {
    const base = booking();
    const many: DatevBooking[] = Array.from({ length: 100_001 }, (_, i) => ({ ...base, amount: i + 1 }));
    const files = buchungsstapelFiles(header, many);
    expect(MAX_LINES_PER_FILE).toBe(99_999);
    expect(files.map((f) => [f.fileName, f.lines])).toEqual([
      ['EXTF_Buchungsstapel_20261101_20261130_1.csv', 99_999],
      ['EXTF_Buchungsstapel_20261101_20261130_2.csv', 2],
    ]);
    // The big file is read line by line (parsing 100,000 lines into objects would only cost time).
    const firstLines = files[0]!.bytes.toString('latin1').split('\r\n');
    expect(firstLines).toHaveLength(2 + 99_999 + 1);
    expect(firstLines.at(-1)).toBe('');
    const second = parseDatevFile(files[1]!.bytes);
    expect(second.headerFields).toEqual(splitFields(firstLines[0]!));
    expect(second.columns).toEqual(splitFields(firstLines[1]!));
    expect(second.columns).toEqual(BUCHUNGSSTAPEL_COLUMNS);
    expect(splitFields(firstLines[2]!)[0]!).toBe('0,01');
    expect(splitFields(firstLines.at(-2)!)[0]!).toBe('999,99');
    expect(second.rows.map((r) => r['Umsatz (ohne Soll/Haben-Kz)'])).toEqual(['1000,00', '1000,01']);
  });

  it('writes an empty batch as header and headings', () => {
    const parsed = only(buchungsstapelFiles(header, []));
    expect(parsed.rows).toEqual([]);
    expect(parsed.columns).toEqual(BUCHUNGSSTAPEL_COLUMNS);
  });
});

describe('DATEV Debitoren/Kreditoren', () => {
  const company: DatevDebitor = {
    account: '10000', name: 'Müller & "Söhne" GmbH', isCompany: true, street: 'Hauptstraße 1', postalCode: '80331',
    city: 'München', countryCode: 'DE', vatId: 'DE123456789', email: 'buchhaltung@mueller.example', iban: 'DE02120300000000202051', customerNumber: 'K-1001',
  };
  const person: DatevDebitor = {
    account: '10001', name: 'Erika Mustermann', isCompany: false, street: '', postalCode: '1010', city: 'Wien',
    countryCode: 'AT', vatId: '', email: '', iban: '', customerNumber: 'K-1002',
  };

  it('writes the header of category 16, version 5, all 254 columns and one line per debitor', () => {
    const file = debitorenFile(header, [company, person]);
    expect(file.fileName).toBe('EXTF_Debitoren_Kreditoren_20261101_20261130.csv');
    expect(file.lines).toBe(2);
    const parsed = parseDatevFile(file.bytes);
    expect(parsed.headerFields).toEqual([
      '"EXTF"', '700', '16', '"Debitoren/Kreditoren"', '5', '20261127090507042', '', '"RE"', '"Anna Buchhalter"', '""',
      '29098', '55003', '20260101', '4', '', '', '""', '""', '', '', '', '""', '', '""', '', '', '"03"', '', '', '""', '""',
    ]);
    expect(parsed.columns).toEqual(DEBITOREN_COLUMNS);
    expect(parsed.columns).toHaveLength(254);
    for (const row of parsed.rawRows) expect(row).toHaveLength(254);
    const [c, p] = parsed.rows;
    expect(c).toMatchObject({
      Konto: '10000', 'Name (Adressattyp Unternehmen)': 'Müller & "Söhne" GmbH', 'Name (Adressattyp natürl. Person)': '',
      Adressattyp: '2', 'EU-Land': 'DE', 'EU-UStID': '123456789', 'Straße': 'Hauptstraße 1', Postleitzahl: '80331',
      Ort: 'München', Land: 'DE', 'E-Mail': 'buchhaltung@mueller.example', 'IBAN-Nr. 1': 'DE02120300000000202051',
      'Länderkennzeichen 1': 'DE', 'Kennz. Hauptbankverb. 1': '1', 'Kunden-/Lief.-Nr.': 'K-1001',
    });
    expect(p).toMatchObject({
      Konto: '10001', 'Name (Adressattyp Unternehmen)': '', 'Name (Adressattyp natürl. Person)': 'Erika Mustermann',
      Adressattyp: '1', 'EU-Land': '', 'EU-UStID': '', Ort: 'Wien', Land: 'AT', 'IBAN-Nr. 1': '',
    });
    expect(parsed.rawRows[0]![0]).toBe('10000');
  });

  it('refuses over-long values, a Sachkonto as debitor and characters outside Windows-1252, naming the customer', () => {
    const problems = debitorProblems(header, [
      { ...company, name: 'N'.repeat(51) },
      { ...person, name: 'P'.repeat(31), account: '1200', city: 'Kraków Ω' },
      { ...company, street: 'S'.repeat(37), vatId: 'DE 123', countryCode: 'Deutschland' },
    ]);
    // The customer, not a document: number and name, the field in words, fixed in the customer.
    expect(problems.map((p) => [p.source?.kind, p.values.customer, p.field, p.values.label, p.problem])).toEqual([
      ['customer', `K-1001 (${'N'.repeat(51)})`, 'name', 'nameCompany', 'validation.datevCustomerTooLong'],
      ['customer', `K-1002 (${'P'.repeat(31)})`, 'account', 'account', 'validation.datevCustomerAccount'],
      ['customer', `K-1002 (${'P'.repeat(31)})`, 'name', 'namePerson', 'validation.datevCustomerTooLong'],
      ['customer', `K-1002 (${'P'.repeat(31)})`, 'city', 'city', 'validation.datevCustomerText'],
      ['customer', 'K-1001 (Müller & "Söhne" GmbH)', 'street', 'street', 'validation.datevCustomerTooLong'],
      ['customer', 'K-1001 (Müller & "Söhne" GmbH)', 'countryCode', 'countryCode', 'validation.datevCustomerCountry'],
      ['customer', 'K-1001 (Müller & "Söhne" GmbH)', 'vatId', 'vatId', 'validation.datevCustomerVatId'],
    ]);
    for (const p of problems) expect(hasText(p.problem)).toBe(true);
    expect(problems.map((p) => p.problem).filter((k) => !k.startsWith('validation.datevCustomer'))).toEqual([]);
    expect(debitorProblems(header, [company, { ...person, name: 'P'.repeat(30) }])).toEqual([]);
    expect(() => debitorenFile(header, [{ ...company, name: 'N'.repeat(51) }])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('DATEV problem texts', () => {
  it('has a German and an English text for every problem the checks can name', () => {
    const source = fs.readFileSync(new URL('./problems.ts', import.meta.url), 'utf8');
    const keys = [...new Set(source.match(/validation\.datev\w+/g))];
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect([key, hasText(key, de), hasText(key, en)]).toEqual([key, true, true]);
  });
});
