/**
 * Statement files made to be slow or large in the wrong places. Long runs of the characters the
 * readers' patterns look at must be read in time linear in their length: each input below took
 * seconds with patterns that backtrack (a trailing-space pattern retried from every space of a
 * run, a lookahead after every shorter run of O), and takes a few milliseconds without. The bound
 * of one second leaves a wide margin for a slow, busy machine and none for quadratic work.
 * Fields are bounded before anything normalises them: text is cut, over-long references refused.
 */
import { describe, expect, it } from 'vitest';
import { Matcher, normalizeReference } from '../matching.js';
import { parseStatement, StatementError } from './index.js';
import { camtFile } from './testing.js';

const RUN = 50_000;

function within<T>(ms: number, run: () => T): T {
  const started = performance.now();
  const value = run();
  const took = performance.now() - started;
  expect(took, `took ${Math.round(took)} ms`).toBeLessThan(ms);
  return value;
}

function refusal(run: () => unknown): StatementError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementError) return error;
    throw error;
  }
  throw new Error('not refused');
}

const mt940 = (details: string) =>
  Buffer.from(
    [':20:STARTUMS', ':25:37040044/0532013000', ':28C:1/1', ':60F:C261127EUR1000,00', ':61:2611281128CR119,00NTRFNONREF//BANK-1', `:86:166?00GUTSCHRIFT?20${details}`, ':62F:C261130EUR1119,00', '-', ''].join('\r\n'),
    'latin1',
  );

describe('pathological inputs are read in linear time', () => {
  it('normalizes a reference made of 50,000 letters O, alone, between dashes and after a digit', () => {
    expect(within(1000, () => normalizeReference(`${'O'.repeat(RUN)}X`))).toBe(`${'O'.repeat(RUN)}X`);
    expect(within(1000, () => normalizeReference(`${'O-'.repeat(RUN / 2)}X`))).toBe(`${'O'.repeat(RUN / 2)}X`);
    expect(within(1000, () => normalizeReference(`1${'O'.repeat(RUN)}`))).toBe(`1${'0'.repeat(RUN)}`);
    // The rule itself stays: an O beside a digit is a 0, elsewhere an O.
    expect(normalizeReference('re-2026-a-OO42 / BOOK O7')).toBe('RE2026A0042BOOK07');
  });

  it('reads an MT940 file whose :86: field goes on with 50,000 spaces or tabs before one more letter', () => {
    for (const blank of [' ', '\t']) {
      const file = mt940(`RE-2026-A-000001\r\n${blank.repeat(RUN)}x`);
      const parsed = within(1000, () => parseStatement(file, { fileName: 'pad.sta' }));
      const entry = parsed.statements[0]!.entries[0]!;
      expect(entry.remittance.startsWith('RE-2026-A-000001')).toBe(true);
      expect(entry.remittance.length).toBeLessThanOrEqual(1000);
    }
  });

  it('matches an entry whose remittance goes on with 50,000 letters O after the invoice number', () => {
    const file = camtFile([{ amount: 11900, date: '2026-11-28', bankReference: 'R-1', name: 'Ottokar Oldenburg', remittance: ['RE-2026-A-000001 Danke', 'O'.repeat(RUN)] }]);
    const entry = parseStatement(file, { fileName: 'o.xml' }).statements[0]!.entries[0]!;
    const matcher = new Matcher([{ id: 'a', number: 'RE-2026-A-000001', customerId: 'c', customerName: 'Oldenburg', open: 11900, skontoOpen: 0, skontoUntil: '', currency: 'EUR' }]);
    const result = within(1000, () => matcher.match(entry));
    expect(result.confident?.invoiceIds).toEqual(['a']);
  });
});

describe('fields are bounded before they are normalised', () => {
  it('cuts the counterparty’s name and the remittance text to what a payment keeps', () => {
    const file = camtFile([{ amount: 11900, date: '2026-11-28', bankReference: 'R-1', name: `Bäckerei ${'N'.repeat(400)}`, remittance: Array.from({ length: 12 }, (_, i) => `${'Zeile'.padEnd(130, '.')} ${String(i).padStart(9, '0')}`) }]);
    const entry = parseStatement(file, { fileName: 'lang.xml' }).statements[0]!.entries[0]!;
    expect(entry.counterpartyName).toHaveLength(200);
    expect(entry.counterpartyName.startsWith('Bäckerei NNN')).toBe(true);
    expect(entry.remittance).toHaveLength(1000);
  });

  it('refuses a reference, an end-to-end id or an IBAN over 500 characters, naming the field and the entry', () => {
    const base = { amount: 11900, date: '2026-11-28', bankReference: 'R-1' };
    expect(refusal(() => parseStatement(camtFile([base, { ...base, bankReference: 'R'.repeat(501) }]), { fileName: 'ref.xml' })).message).toBe('ref.xml, Ntry[2]: the bank reference has 501 characters; at most 500 are read');
    expect(refusal(() => parseStatement(camtFile([{ ...base, endToEndId: 'E'.repeat(RUN) }]), { fileName: 'e2e.xml' })).message).toBe('e2e.xml, Ntry[1]: the end-to-end id has 50000 characters; at most 500 are read');
    expect(refusal(() => parseStatement(camtFile([{ ...base, iban: `DE${'1'.repeat(600)}` }]), { fileName: 'iban.xml' })).message).toBe('iban.xml, Ntry[1]: the counterparty’s IBAN has 602 characters; at most 500 are read');
    // A reference of 500 characters is read whole.
    expect(parseStatement(camtFile([{ ...base, bankReference: 'R'.repeat(500) }]), { fileName: 'ok.xml' }).statements[0]!.entries[0]!.bankReference).toHaveLength(500);
  });

  it('keeps what a refusal quotes from the file short', () => {
    const file = mt940('x').toString('latin1').replace(':61:2611281128CR119,00', `:61:2611281128CR${'9'.repeat(RUN)},00`);
    const error = refusal(() => parseStatement(Buffer.from(file, 'latin1'), { fileName: 'big.sta' }));
    expect(error.message.length).toBeLessThan(400);
  });
});
