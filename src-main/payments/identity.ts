/**
 * Which bank entries are the same, so that an entry imported before is skipped. An entry's
 * identity is the bank's reference on the account, or else date, amount, payer, end-to-end id and
 * text, with the number of the same entry within the file (two members paying the same fee on the
 * same day stay two payments). A payment stores the SHA-256 of the whole identity as its
 * `externalId`, so that identities of any length are told apart and compared the same way they
 * are stored. Payments imported before stored the identity itself, cut to 200 characters; an
 * entry is looked up in that form as well, so that those stay duplicates (the facts themselves
 * are append-only and keep their ids). Pure.
 */
import { createHash } from 'node:crypto';
import type { StatementEntry } from './import/index.js';
import { normalizeReference } from './matching.js';

/** Earlier payments stored the identity itself, cut to this length. */
const STORED_BEFORE = 200;

/** The entry's identity in full. */
export function entryIdentity(account: string, e: StatementEntry, occurrence = 0): string {
  if (e.bankReference && e.bankReference !== 'NONREF') return `${account}|ref|${e.bankReference}`;
  const payer = e.counterpartyIban || e.counterpartyName.toLowerCase();
  return `${account}|${e.date}|${e.amount}|${payer}|${e.endToEndId}|${normalizeReference(e.remittance).slice(0, 80)}|${occurrence}`;
}

/** What a payment stores for an identity. */
export function externalIdOf(identity: string): string {
  return `sha256:${createHash('sha256').update(identity, 'utf8').digest('hex')}`;
}

/** How a payment imported before stored the same identity. */
export function earlierExternalIdOf(identity: string): string {
  return identity.slice(0, STORED_BEFORE);
}

/** The identities of a file's entries, numbering entries that look alike. */
export function identities(parsed: { statements: { account: { iban: string; number: string }; entries: StatementEntry[] }[] }): string[][] {
  const seen = new Map<string, number>();
  return parsed.statements.map((statement) => {
    const account = statement.account.iban || statement.account.number;
    return statement.entries.map((e) => {
      const base = entryIdentity(account, e);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return n ? entryIdentity(account, e, n) : base;
    });
  });
}

/** What a payment booked from a statement keeps of its entry. */
export type BookedPayment = { externalId: string; date: string; amount: number; reference: string };

/**
 * The payments booked so far, asked whether one of them stands for an entry. A SHA-256 external
 * id names its entry exactly. An identity an earlier version stored whole (shorter than the cut)
 * does too. One it cut is shared by entries that differ only after the cut, so such a payment
 * stands for an entry only when its date, amount and text agree as well, and for one entry only.
 */
export class SeenEntries {
  private readonly hashes = new Set<string>();
  private readonly whole = new Set<string>();
  private readonly cut = new Map<string, BookedPayment[]>();

  constructor(booked: Iterable<BookedPayment>) {
    for (const payment of booked) {
      const id = payment.externalId;
      if (id.startsWith('sha256:')) this.hashes.add(id);
      else if (id.length < STORED_BEFORE) this.whole.add(id);
      else this.cut.set(id, [...(this.cut.get(id) ?? []), payment]);
    }
  }

  /** Whether an entry with this identity was booked in this version's form. */
  has(identity: string): boolean {
    return this.hashes.has(externalIdOf(identity));
  }

  /** Whether a payment booked before stands for the entry (a cut one is used up by it). */
  claim(identity: string, entry: Pick<StatementEntry, 'date' | 'amount' | 'remittance'>): boolean {
    if (this.has(identity)) return true;
    const earlier = earlierExternalIdOf(identity);
    if (earlier.length < STORED_BEFORE) return this.whole.has(earlier);
    const payments = this.cut.get(earlier) ?? [];
    const text = entry.remittance.slice(0, 1000).trimEnd();
    const index = payments.findIndex((p) => p.date === entry.date && p.amount === Math.abs(entry.amount) && p.reference.trimEnd() === text);
    if (index < 0) return false;
    payments.splice(index, 1);
    return true;
  }

  add(identity: string): void {
    this.hashes.add(externalIdOf(identity));
  }
}
