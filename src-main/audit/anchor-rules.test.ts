import { describe, expect, it } from 'vitest';
import { printSeedOnFailure, testSeed } from '../../tests/support/seed.js';
import { anchorBreak, GENESIS_HEAD, isAuthentic, parseAnchor, sealAnchor, type AnchorBody } from './anchor-rules.js';

const random = testSeed('src-main/audit/anchor-rules.test.ts');
const h = (n: number) => String(n).repeat(64).slice(0, 64);
/** A chain of `length` entries whose hashes are h(1) … h(length). */
const chain = (length: number) => ({ head: { seq: length, hash: length ? h(length) : GENESIS_HEAD.hash }, at: (seq: number) => (seq >= 1 && seq <= length ? { id: `e${seq}`, hash: h(seq) } : undefined) });
const anchored = (seq: number, pending: number | null = null): AnchorBody => ({
  version: 1,
  deviceId: 'dev-1',
  head: seq ? { seq, hash: h(seq) } : GENESIS_HEAD,
  pending: pending === null ? null : { seq: pending, hash: h(pending) },
  breaks: [],
});

describe('the anchor of a chain', () => {
  it('accepts the anchored head, and the pending head of a write that committed just before a crash', () => {
    expect(anchorBreak(anchored(5), chain(5).head, chain(5).at)).toBeUndefined();
    expect(anchorBreak(anchored(5, 7), chain(5).head, chain(5).at)).toBeUndefined();
    expect(anchorBreak(anchored(5, 7), chain(7).head, chain(7).at)).toBeUndefined();
    expect(anchorBreak(anchored(0), chain(0).head, chain(0).at)).toBeUndefined();
  });

  it('names entries cut off, a rewritten history and entries added without the key', () => {
    expect(anchorBreak(anchored(5), chain(3).head, chain(3).at)).toEqual({ seq: 4, id: '', reason: 'truncated' });
    expect(anchorBreak(anchored(5, 7), chain(4).head, chain(4).at)).toEqual({ seq: 5, id: '', reason: 'truncated' });
    const rewritten = { head: { seq: 5, hash: 'f'.repeat(64) }, at: (seq: number) => ({ id: `e${seq}`, hash: seq === 5 ? 'f'.repeat(64) : h(seq) }) };
    expect(anchorBreak(anchored(5), rewritten.head, rewritten.at)).toEqual({ seq: 5, id: 'e5', reason: 'rewritten' });
    expect(anchorBreak(anchored(5), chain(6).head, chain(6).at)).toEqual({ seq: 6, id: 'e6', reason: 'unanchored' });
    expect(anchorBreak(anchored(5, 6), chain(8).head, chain(8).at)).toEqual({ seq: 7, id: 'e7', reason: 'unanchored' });
    expect(anchorBreak(anchored(0), chain(2).head, chain(2).at)).toMatchObject({ seq: 1, reason: 'unanchored' });
  });

  it('is authentic only with the key that sealed it, and with every field as sealed', () => {
    printSeedOnFailure(random, 'the keys');
    const key = random.bytes(32);
    const sealed = sealAnchor(key, { ...anchored(5), breaks: [{ seq: 4, reason: 'truncated', detectedAt: '2026-11-27T09:00:00.000Z' }] });
    expect(isAuthentic(key, sealed)).toBe(true);
    expect(isAuthentic(random.bytes(32), sealed)).toBe(false);
    expect(isAuthentic(key, { ...sealed, head: { seq: 6, hash: sealed.head.hash } })).toBe(false);
    expect(isAuthentic(key, { ...sealed, breaks: [] })).toBe(false);
    expect(isAuthentic(key, { ...sealed, mac: 'zz' })).toBe(false);
    expect(parseAnchor(JSON.stringify(sealed))).toEqual(sealed);
    expect(parseAnchor('{"version":1}')).toBeNull();
    expect(parseAnchor('not json')).toBeNull();
  });
});
