import path from 'node:path';
import { createDeviceKey, readDeviceKey } from '../store/device-key.js';
import type { SecretBox } from '../store/secret-box.js';
import { AUDIT_KEY_FILE, readAnchorText, writeAnchorText } from '../store/anchor-file.js';
import { anchorBreak, isAuthentic, parseAnchor, sealAnchor, type AnchorBreak, type ChainHead, type EntryAt, type SealedAnchor } from './anchor-rules.js';
import type { ChainBreak } from './rules.js';

type AnchorProblem = Extract<ChainBreak['reason'], 'anchorMissing' | 'anchorForged' | 'anchorKeyLost' | 'anchorDevice'>;

export type AnchorOptions = { dataDir: string; deviceId: string; secrets: SecretBox; clock: () => Date };

/**
 * This device's audit anchor file (`audit-anchor.json` in the data folder) and its key (sealed
 * by the secret box in `audit-anchor.key`). The audit log moves it with every write: the head
 * about to be committed before COMMIT (flushed to disk), the committed head after it.
 */
export class AuditAnchor {
  private constructor(
    private readonly options: AnchorOptions,
    private readonly key: Buffer,
    /** The anchor as last written or found authentic; null when there is none to trust. */
    private trusted: SealedAnchor | null,
    /** Breaks recorded earlier, kept also from an anchor that can no longer be checked. */
    private breaks: AnchorBreak[],
    /** What was wrong with the anchor or its key when the app started, until it is recorded. */
    private problem: AnchorProblem | null,
  ) {}

  static open(options: AnchorOptions): AuditAnchor {
    const keyFile = path.join(options.dataDir, AUDIT_KEY_FILE);
    const text = readAnchorText(options.dataDir);
    const untrusted = text === null ? null : parseAnchor(text);
    const carried = untrusted?.breaks ?? [];
    const found = readDeviceKey(options.secrets, keyFile);
    if (found.state !== 'loaded') {
      const key = createDeviceKey(options.secrets, keyFile);
      // Neither key nor anchor: a new installation, or one from before anchoring; anchored as it is.
      if (found.state === 'missing' && text === null) return new AuditAnchor(options, key, null, [], null);
      return new AuditAnchor(options, key, null, carried, 'anchorKeyLost');
    }
    if (text === null) return new AuditAnchor(options, found.key, null, [], 'anchorMissing');
    if (!untrusted || !isAuthentic(found.key, untrusted)) return new AuditAnchor(options, found.key, null, carried, 'anchorForged');
    if (untrusted.deviceId !== options.deviceId) return new AuditAnchor(options, found.key, null, carried, 'anchorDevice');
    return new AuditAnchor(options, found.key, untrusted, untrusted.breaks, null);
  }

  /** What is wrong between the chain as found and its anchor, if anything (not yet recorded). */
  private breakAgainst(head: ChainHead, entryAt: EntryAt): ChainBreak | undefined {
    if (this.problem) return { seq: head.seq, id: '', reason: this.problem };
    return this.trusted ? anchorBreak(this.trusted, head, entryAt) : undefined;
  }

  /**
   * Called with the chain's head as read from the file (at start, after a rollback): records a
   * break, if there is one, for good, and anchors the chain where it stands.
   */
  async reconcile(head: ChainHead, lookup: (seq: number) => Promise<{ id: string; hash: string } | undefined>): Promise<void> {
    const wanted = [this.trusted?.head.seq, this.trusted?.pending?.seq, (this.trusted?.head.seq ?? -1) + 1].filter((s): s is number => s !== undefined && s > 0);
    const known = new Map<number, { id: string; hash: string } | undefined>();
    for (const seq of wanted) known.set(seq, await lookup(seq));
    const found = this.breakAgainst(head, (seq) => known.get(seq));
    if (found) this.breaks = [...this.breaks, { seq: found.seq, reason: found.reason, detectedAt: this.options.clock().toISOString() }];
    this.problem = null;
    const t = this.trusted;
    if (!found && t && t.head.seq === head.seq && t.head.hash === head.hash && t.pending === null) return;
    this.write(head, null, true);
  }

  /** Before COMMIT: the head the write is about to commit, flushed, so a crash after COMMIT is no break. */
  prepare(head: ChainHead, next: ChainHead): void {
    this.write(head, next, true);
  }

  /** After COMMIT: the committed head (if this is lost, `pending` still names it). */
  commit(head: ChainHead): void {
    this.write(head, null, false);
  }

  /** For the check of the whole chain: the first problem with its anchor, found now or recorded before. */
  check(head: ChainHead, entryAt: EntryAt): ChainBreak | undefined {
    const now = this.breakAgainst(head, entryAt);
    if (now) return now;
    const recorded = this.breaks[0];
    return recorded ? { seq: recorded.seq, id: '', reason: recorded.reason } : undefined;
  }

  private write(head: ChainHead, pending: ChainHead | null, durable: boolean): void {
    const anchor = sealAnchor(this.key, { version: 1, deviceId: this.options.deviceId, head, pending, breaks: this.breaks });
    writeAnchorText(this.options.dataDir, `${JSON.stringify(anchor, null, 2)}\n`, durable);
    this.trusted = anchor;
  }
}
