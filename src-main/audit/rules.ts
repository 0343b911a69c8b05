import { createHash } from 'node:crypto';

/**
 * The audit log is hash-chained per device: each entry carries the hash of the device's
 * previous entry, and its own hash covers that and every field of the entry. Changing,
 * removing or reordering any entry breaks every hash after it.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = {
  id: string;
  deviceId: string;
  seq: number;
  occurredAt: string;
  userId: string;
  action: string;
  entity: string;
  entityId: string;
  before: string;
  after: string;
  prevHash: string;
};

/** Stable JSON: keys sorted, so the same entry always hashes the same. */
function canonical(content: AuditContent): string {
  const keys = Object.keys(content).sort() as (keyof AuditContent)[];
  return JSON.stringify(keys.map((k) => [k, content[k]]));
}

export function auditHash(content: AuditContent): string {
  return createHash('sha256').update(canonical(content)).digest('hex');
}

/**
 * `gap`, `prevHash`, `hash`: the links of the chain. Against its anchor (anchor-rules.ts):
 * `truncated`, `rewritten`, `unanchored`; the anchor itself: `anchorMissing` (removed),
 * `anchorForged` (changed or unreadable without the key), `anchorKeyLost` (the key to check it is
 * gone), `anchorDevice` (it names another device).
 */
export type ChainBreak = {
  seq: number;
  id: string;
  reason: 'gap' | 'prevHash' | 'hash' | 'truncated' | 'rewritten' | 'unanchored' | 'anchorMissing' | 'anchorForged' | 'anchorKeyLost' | 'anchorDevice';
};

/** Checks one device's entries in `seq` order; returns the first broken link, if any. */
export function findChainBreak(entries: readonly (AuditContent & { hash: string })[]): ChainBreak | undefined {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { seq: entry.seq, id: entry.id, reason: 'gap' };
    if (entry.prevHash !== expectedPrev) return { seq: entry.seq, id: entry.id, reason: 'prevHash' };
    const { hash, ...content } = entry;
    if (auditHash(content) !== hash) return { seq: entry.seq, id: entry.id, reason: 'hash' };
    expectedPrev = hash;
    expectedSeq++;
  }
  return undefined;
}
