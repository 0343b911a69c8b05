/**
 * Property: a statement written with random entries in each format, the way different banks write
 * it (CAMT.053/052/054 in every version, MT940 with envelope, pages, header lines and wrapped
 * fields), reads back as the same entries: amounts and sign, booking and value dates, references,
 * payer and text. A fixed seed and number of runs, so that a failure can be repeated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStatement } from './index.js';
import { camtStatement, mt940File, type WrittenEntry } from './statement-writers.js';

const RUNS = 150;
const SEED = 1414;

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
const lastOfMonth = (date: string) => iso(new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)));

const word = (chars: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const TEXT = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789äöüßÄÖÜ&.,/ ';
/** Text without blanks at either end (banks' fields are read trimmed). */
const trimmed = (chars: string, min: number, max: number) => word(chars, min, max).map((t) => t.trim()).filter((t) => t.length >= min);

/** One entry: booking date a few days after the value date, or a value date past the month's end (30 February). */
const entry = (mt940: boolean) =>
  fc
    .record({
      cents: fc.integer({ min: 1, max: 99_999_999_99 }),
      credit: fc.boolean(),
      day: fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2030-12-20T00:00:00Z'), noInvalidDate: true }),
      lag: fc.integer({ min: 0, max: 3 }),
      pastMonthEnd: mt940 ? fc.integer({ min: 0, max: 9 }) : fc.constant(9),
      bankReference: word(ALNUM, 1, 16),
      endToEndId: word(ALNUM, 1, 35),
      name: trimmed(TEXT.replace('/', ''), 1, 54),
      remittance: trimmed(TEXT, 1, 140),
    })
    .map(({ cents, credit, day, lag, pastMonthEnd, ...rest }): WrittenEntry => {
      let valueDate = iso(day);
      let writtenDay: number | undefined;
      const last = lastOfMonth(valueDate);
      // Now and then a value date as German banks write it in settlements: a day the month lacks.
      if (pastMonthEnd < 2 && Number(last.slice(8)) < 31) {
        valueDate = last;
        writtenDay = Number(last.slice(8)) + 1 + pastMonthEnd;
        if (writtenDay > 31) writtenDay = 31;
      }
      return { amount: credit ? cents : -cents, date: addDays(valueDate, lag), valueDate, ...(writtenDay ? { writtenDay } : {}), ...rest };
    });

const read = (bytes: Buffer) => parseStatement(bytes, { fileName: 'random' }).statements.flatMap((s) => s.entries);
const essence = (e: { amount: number; date: string; valueDate: string; bankReference: string; endToEndId: string; counterpartyName: string; remittance: string }) => ({
  amount: e.amount,
  date: e.date,
  valueDate: e.valueDate,
  bankReference: e.bankReference,
  endToEndId: e.endToEndId,
  name: e.counterpartyName,
  remittance: e.remittance,
});
const expected = (e: WrittenEntry) => ({ amount: e.amount, date: e.date, valueDate: e.valueDate, bankReference: e.bankReference, endToEndId: e.endToEndId, name: e.name, remittance: e.remittance });

describe('statements written the banks’ ways read back as the same entries', () => {
  it('CAMT.053, CAMT.052 and CAMT.054 in every version, with and without booking dates and with five-decimal amounts', () => {
    fc.assert(
      fc.property(
        fc.array(entry(false), { minLength: 0, maxLength: 12 }),
        fc.constantFrom('camt.053', 'camt.052', 'camt.054'),
        fc.integer({ min: 1, max: 14 }),
        fc.infiniteStream(fc.boolean()),
        fc.infiniteStream(fc.integer({ min: 2, max: 5 })),
        fc.boolean(),
        fc.integer({ min: -9_999_999, max: 9_999_999 }),
        (entries, message, version, flags, decimals, dateTime, opening) => {
          const flagList = [...flags.take(entries.length)];
          const withoutBookingDate = message === 'camt.053' ? entries.map(() => false) : flagList;
          // Without a booking date the value date is the entry's date.
          const written = entries.map((e, i) => (withoutBookingDate[i] ? { ...e, date: e.valueDate } : e));
          const file = camtStatement(written, { message, version, withoutBookingDate, decimals: [...decimals.take(entries.length)], dateTime, opening });
          const back = read(file);
          expect(back.map(essence)).toEqual(written.map(expected));
          expect(back.map((e) => (e.notes ?? []).map((n) => n.key))).toEqual(withoutBookingDate.map((w) => (w ? ['statementImport.note.bookingDateFromValueDate'] : [])));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('MT940 with and without SWIFT envelope, over several pages, with header lines, :28: or :28C:, :NS: fields, wrapped :86:, zero-padded amounts and 30 February', () => {
    fc.assert(
      fc.property(
        fc.array(entry(true), { minLength: 0, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.record({ envelope: fc.boolean(), headerLines: fc.boolean(), plainTag28: fc.boolean(), opening: fc.integer({ min: -9_999_999, max: 9_999_999 }) }),
        fc.infiniteStream(fc.record({ entryDate: fc.boolean(), pad: fc.integer({ min: 0, max: 12 }), wrap: fc.integer({ min: 8, max: 65 }), ns: fc.boolean() })),
        (entries, pageCount, options, perEntry) => {
          const extras = [...perEntry.take(entries.length)];
          // Without the entry date the booking date is the value date.
          const written = entries.map((e, i) => (extras[i]!.entryDate ? e : { ...e, date: e.valueDate }));
          const pages = Array.from({ length: pageCount }, (_, p) => Math.floor(((p + 1) * entries.length) / pageCount) - Math.floor((p * entries.length) / pageCount));
          const file = mt940File(written, { ...options, pages, entryDate: extras.map((x) => x.entryDate), pad: extras.map((x) => x.pad), wrap: extras.map((x) => x.wrap), ns: extras.map((x) => x.ns) });
          const back = read(file);
          expect(back.map(essence)).toEqual(written.map(expected));
          expect(back.map((e) => (e.notes ?? []).map((n) => n.params.written))).toEqual(written.map((e) => (e.writtenDay ? [`${e.valueDate.slice(0, 8)}${String(e.writtenDay).padStart(2, '0')}`] : [])));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
