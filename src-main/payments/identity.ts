/**
 * Which bank entries are the same, so that an entry imported before is skipped. An entry's
 * identity is the account with the bank's reference, booking date and amount; or, without a
 * reference, the account with date, amount, payer, end-to-end id and the whole text. Entries that
 * look alike within one file are numbered (two members paying the same fee on the same day stay
 * two payments). References that banks write when there is none (NONREF, NOTPROVIDED) count as
 * none, and a reference a bank reuses still tells payments of other days or amounts apart. A
 * payment stores the SHA-256 of the whole identity as its `externalId`.
 *
 * Payments imported by earlier versions stored an older identity (the reference alone, or a text
 * cut to 80 characters) cut to 200 characters. An entry is looked up in that form as well; since
 * such a form may be shared by different entries, it stands for an entry only when date, amount
 * and text agree too, and for one entry only. Pure.
 */
import { createHash } from 'node:crypto';
import type { StatementEntry } from './import/index.js';
import { normalizeReference } from './matching.js';

/** Earlier payments stored the identity itself, cut to this length. */
const STORED_BEFORE = 200;

/** What banks put where they have no reference (SWIFT MT940 and SEPA usage). */
const NO_REFERENCE = new Set(['', 'NONREF', 'NOTPROVIDED', 'NOT PROVIDED', 'NONE', 'N/A']);

export function isRealReference(reference: string): boolean {
  return !NO_REFERENCE.has(reference.trim().toUpperCase());
}

/** The entry's identity in full. */
export function entryIdentity(account: string, e: StatementEntry, occurrence = 0): string {
  if (isRealReference(e.bankReference)) return `${account}|ref|${e.bankReference}|${e.date}|${e.amount}|${occurrence}`;
  const payer = e.counterpartyIban || e.counterpartyName.toLowerCase();
  return `${account}|${e.date}|${e.amount}|${payer}|${e.endToEndId}|${normalizeReference(e.remittance)}|${occurrence}`;
}

/** The identity earlier versions stored (before the cut to 200 characters). */
function earlierIdentity(account: string, e: StatementEntry, occurrence = 0): string {
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

/** An entry's identity now, and the form an earlier version stored for it. */
export type EntryIdentity = { identity: string; earlier: string };

/** The identities of a file's entries, numbering entries that look alike. */
export function identities(parsed: { statements: { account: { iban: string; number: string }; entries: StatementEntry[] }[] }): EntryIdentity[][] {
  const seen = new Map<string, number>();
  const seenEarlier = new Map<string, number>();
  const numbered = (base: string, counts: Map<string, number>, make: (n: number) => string) => {
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return n ? make(n) : base;
  };
  return parsed.statements.map((statement) => {
    const account = statement.account.iban || statement.account.number;
    return statement.entries.map((e) => ({
      identity: numbered(entryIdentity(account, e), seen, (n) => entryIdentity(account, e, n)),
      earlier: earlierExternalIdOf(numbered(earlierIdentity(account, e), seenEarlier, (n) => earlierIdentity(account, e, n))),
    }));
  });
}

/** What a payment booked from a statement keeps of its entry. */
export type BookedPayment = { externalId: string; date: string; amount: number; reference: string };

/**
 * The payments booked so far, asked whether one of them stands for an entry. A SHA-256 external
 * id names its entry exactly. An earlier version's id names it exactly only when it is a whole
 * identity without a reference; a reference alone (banks reuse them, or write a placeholder) or a
 * cut id may be shared, so such a payment stands for an entry only when its date, amount and text
 * agree as well, and for one entry only.
 */
export class SeenEntries {
  private readonly hashes = new Set<string>();
  private readonly whole = new Set<string>();
  private readonly shared = new Map<string, BookedPayment[]>();

  constructor(booked: Iterable<BookedPayment>) {
    for (const payment of booked) {
      const id = payment.externalId;
      if (id.startsWith('sha256:')) this.hashes.add(id);
      else if (id.length < STORED_BEFORE && !id.includes('|ref|')) this.whole.add(id);
      else {
        const list = this.shared.get(id);
        if (list) list.push(payment);
        else this.shared.set(id, [payment]);
      }
    }
  }

  /** Whether an entry with this identity was booked in this version's form. */
  has(identity: string): boolean {
    return this.hashes.has(externalIdOf(identity));
  }

  /** Whether a payment booked before stands for the entry (an earlier shared one is used up by it). */
  claim(entry: EntryIdentity, e: Pick<StatementEntry, 'date' | 'amount' | 'remittance'>): boolean {
    if (this.has(entry.identity)) return true;
    if (this.whole.has(entry.earlier)) return true;
    const payments = this.shared.get(entry.earlier) ?? [];
    const text = e.remittance.slice(0, 1000).trimEnd();
    const index = payments.findIndex((p) => p.date === e.date && p.amount === Math.abs(e.amount) && p.reference.trimEnd() === text);
    if (index < 0) return false;
    payments.splice(index, 1);
    return true;
  }

  add(identity: string): void {
    this.hashes.add(externalIdOf(identity));
  }
}
