import { describe, expect, it } from 'vitest';
import type { StatementEntry } from '../../src-shared/contract/payments.js';
import { externalIdOf, identities, SeenEntries } from './identity.js';

const ACCOUNT = { iban: 'DE89370400440532013000', number: '' };

function entry(overrides: Partial<StatementEntry>): StatementEntry {
  return {
    date: '2026-11-30',
    valueDate: '2026-11-30',
    amount: 11900,
    currency: 'EUR',
    counterpartyName: 'Bäckerei Größe KG',
    counterpartyIban: 'DE44500105175407324931',
    remittance: 'RE-2026-A-000001',
    endToEndId: '',
    bankReference: '',
    reversal: false,
    at: 'line 1',
    ...overrides,
  };
}

/** Imports files one after another as the import does: skips what is known, books the rest. */
function importAll(files: StatementEntry[][], earlier: SeenEntries = new SeenEntries([])): number[] {
  return files.map((entries) => {
    let booked = 0;
    for (const id of identities({ statements: [{ account: ACCOUNT, entries }] })[0]!) {
      if (earlier.claim(id, entries[booked] ?? entries[0]!)) continue;
      earlier.add(id.identity);
      booked++;
    }
    return booked;
  });
}

describe('which bank entries are the same', () => {
  it('takes a placeholder the bank writes for "no reference" as none: different payments stay different', () => {
    for (const placeholder of ['NOTPROVIDED', 'notprovided', 'NONREF', 'NOT PROVIDED']) {
      const file = [
        entry({ bankReference: placeholder, amount: 11900, remittance: 'RE-1' }),
        entry({ bankReference: placeholder, amount: 5000, remittance: 'RE-2' }),
        entry({ bankReference: placeholder, amount: 7360, counterpartyName: 'Café Morgenrot', counterpartyIban: '', remittance: 'RE-3' }),
      ];
      const nextDay = [entry({ bankReference: placeholder, date: '2026-12-01', amount: 11900, remittance: 'RE-4' })];
      expect(importAll([file, nextDay]), placeholder).toEqual([3, 1]);
    }
  });

  it('keeps payments apart that share a reference the bank reuses, yet knows the same entry in an overlapping statement', () => {
    const monday = [entry({ bankReference: 'KREF-7', date: '2026-11-30', amount: 100 })];
    const tuesday = [entry({ bankReference: 'KREF-7', date: '2026-12-01', amount: 100 }), entry({ bankReference: 'KREF-7', date: '2026-11-30', amount: 100 })];
    const seen = new SeenEntries([]);
    expect(importAll([monday], seen)).toEqual([1]);
    const ids = identities({ statements: [{ account: ACCOUNT, entries: tuesday }] })[0]!;
    expect(seen.claim(ids[0]!, tuesday[0]!)).toBe(false);
    expect(seen.claim(ids[1]!, tuesday[1]!)).toBe(true);
  });

  it('reads the whole text: transfers that differ only at its end are two payments', () => {
    const long = 'Zahlung für Lieferungen laut Rahmenvertrag 2026 Position Brot und Brötchen Filiale Nord, Rechnung ';
    expect(importAll([[entry({ remittance: `${long}RE-2026-A-000017` })], [entry({ remittance: `${long}RE-2026-A-000018` })]])).toEqual([1, 1]);
  });

  it('knows a payment an earlier version booked by its reference only when date, amount and text agree, and once', () => {
    const booked = entry({ bankReference: 'NOTPROVIDED', remittance: 'RE-1' });
    const earlier = new SeenEntries([{ externalId: `${ACCOUNT.iban}|ref|NOTPROVIDED`, date: booked.date, amount: booked.amount, reference: booked.remittance }]);
    const file = [booked, entry({ bankReference: 'NOTPROVIDED', amount: 5000, remittance: 'RE-2' })];
    const ids = identities({ statements: [{ account: ACCOUNT, entries: file }] })[0]!;
    expect(earlier.claim(ids[0]!, file[0]!)).toBe(true);
    expect(earlier.claim(ids[1]!, file[1]!)).toBe(false);
    expect(earlier.claim(ids[0]!, file[0]!)).toBe(false);
  });

  it('stores the SHA-256 of the identity, of any length', () => {
    const [id] = identities({ statements: [{ account: ACCOUNT, entries: [entry({ remittance: 'x'.repeat(5000) })] }] })[0]!;
    expect(externalIdOf(id!.identity)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
