import { createHmac, timingSafeEqual } from 'node:crypto';
import { GENESIS_HASH, type ChainBreak } from './rules.js';

/**
 * The anchor of a device's audit chain: its head (count and hash of the last entry) with an
 * HMAC made with a key of the device. Whoever edits entries and recomputes every hash cannot make
 * the anchored head match without the key, and cutting off the last entries leaves the anchor
 * naming entries that are gone. `pending`: the head a write is about to commit (set before its
 * COMMIT, cleared after), so that a crash in between is no break. A break found once stays in
 * the anchor, so that later writes do not hide it.
 */
export type ChainHead = { seq: number; hash: string };
export type AnchorBreak = { seq: number; reason: ChainBreak['reason']; detectedAt: string };
export type AnchorBody = { version: 1; deviceId: string; head: ChainHead; pending: ChainHead | null; breaks: AnchorBreak[] };
export type SealedAnchor = AnchorBody & { mac: string };

export const GENESIS_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** Every field in a fixed order: the same anchor always gives the same HMAC. */
function canonical(body: AnchorBody): string {
  return JSON.stringify([
    body.version,
    body.deviceId,
    body.head.seq,
    body.head.hash,
    body.pending?.seq ?? null,
    body.pending?.hash ?? null,
    body.breaks.map((b) => [b.seq, b.reason, b.detectedAt]),
  ]);
}

function macOf(key: Buffer, body: AnchorBody): string {
  return createHmac('sha256', key).update(canonical(body)).digest('hex');
}

export function sealAnchor(key: Buffer, body: AnchorBody): SealedAnchor {
  return { ...body, mac: macOf(key, body) };
}

export function isAuthentic(key: Buffer, anchor: SealedAnchor): boolean {
  const expected = Buffer.from(macOf(key, anchor), 'hex');
  const given = Buffer.from(typeof anchor.mac === 'string' ? anchor.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const isHead = (v: unknown): v is ChainHead =>
  typeof v === 'object' && v !== null && Number.isSafeInteger((v as ChainHead).seq) && (v as ChainHead).seq >= 0 && typeof (v as ChainHead).hash === 'string';

/** The anchor file's text, or null when it is not an anchor at all. */
export function parseAnchor(text: string): SealedAnchor | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const a = value as Partial<SealedAnchor> | null;
  if (!a || a.version !== 1 || typeof a.deviceId !== 'string' || typeof a.mac !== 'string' || !isHead(a.head)) return null;
  if (a.pending !== null && !isHead(a.pending)) return null;
  if (!Array.isArray(a.breaks) || !a.breaks.every((b) => Number.isSafeInteger(b?.seq) && typeof b?.reason === 'string' && typeof b?.detectedAt === 'string')) return null;
  return a as SealedAnchor;
}

export type EntryAt = (seq: number) => { id: string; hash: string } | undefined;

/**
 * Compares the chain as it lies in the file (its head, and its entries by seq) with the anchor:
 * - fewer entries than anchored: the last ones were cut off (`truncated`, at the first missing);
 * - the anchored entry has another hash: history was rewritten up to it (`rewritten`);
 * - more entries than anchored: entries were added without the key (`unanchored`).
 */
export function anchorBreak(anchor: AnchorBody, chain: ChainHead, entryAt: EntryAt): ChainBreak | undefined {
  const pending = anchor.pending;
  const reference = pending && pending.seq <= chain.seq && entryAt(pending.seq)?.hash === pending.hash ? pending : anchor.head;
  if (chain.seq < reference.seq) return { seq: chain.seq + 1, id: '', reason: 'truncated' };
  if (reference.seq > 0) {
    const entry = entryAt(reference.seq);
    if (entry?.hash !== reference.hash) return { seq: reference.seq, id: entry?.id ?? '', reason: 'rewritten' };
  }
  if (chain.seq > reference.seq) return { seq: reference.seq + 1, id: entryAt(reference.seq + 1)?.id ?? '', reason: 'unanchored' };
  return undefined;
}
