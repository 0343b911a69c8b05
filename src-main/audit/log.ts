import { newId } from '../ids.js';
import type { OpenBooks } from '../store/database.js';
import { insertFacts } from '../store/bulk-insert.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { AuditAnchor } from './anchor.js';
import { GENESIS_HEAD } from './anchor-rules.js';
import { auditHash, findChainBreak, GENESIS_HASH, type AuditContent, type ChainBreak } from './rules.js';

export type AuditInput = {
  userId: string;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

type Head = { seq: number; hash: string };

const SUMMARY_LIMIT = 20_000;

function summary(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > SUMMARY_LIMIT ? `${text.slice(0, SUMMARY_LIMIT - 1)}…` : text;
}

/**
 * This device's audit log: append-only `audit` facts with `seq` 1, 2, 3 … and a hash chain.
 * Facts outside the chain carry `seq` 0, so the chain's length is a count on the
 * `[deviceId, seq]` index and its head one lookup, however many facts there are.
 * The head is anchored with the device key (anchor.ts) at every write.
 */
export class AuditLog {
  private head: Head | undefined;

  constructor(
    private readonly books: OpenBooks,
    private readonly clock: () => Date,
    private readonly anchor: AuditAnchor,
  ) {}

  private async entryAt(seq: number): Promise<{ id: string; hash: string } | undefined> {
    const doc = await this.books.db.facts.findOne({ selector: { deviceId: this.books.deviceId, seq } }).exec();
    return doc?.audit ? { id: doc.id, hash: doc.audit.hash } : undefined;
  }

  /** The head as the file has it, held against the anchor whenever it is read anew. */
  private async loadHead(): Promise<Head> {
    if (this.head) return this.head;
    const facts = this.books.db.facts;
    const length = await facts.count({ selector: { deviceId: this.books.deviceId, seq: { $gte: 1 } } }).exec();
    let head: Head = { seq: 0, hash: GENESIS_HASH };
    if (length > 0) {
      const last = await this.entryAt(length);
      if (!last) throw new Error(`Audit chain of device ${this.books.deviceId} has no entry ${length}`);
      head = { seq: length, hash: last.hash };
    }
    await this.anchor.reconcile(head, (seq) => this.entryAt(seq));
    return (this.head = head);
  }

  /** Writes the next entry. Call only through the write path, which serializes writes. */
  async append(input: AuditInput): Promise<FactDoc> {
    const [fact] = await this.appendMany([input]);
    return fact!;
  }

  /** Writes several entries, chained in order, with one bulk insert. */
  async appendMany(inputs: readonly AuditInput[]): Promise<FactDoc[]> {
    const committed = await this.loadHead();
    let head = committed;
    const facts: FactDoc[] = [];
    for (const input of inputs) {
      const fact = this.entry(input, head);
      facts.push(fact);
      head = { seq: fact.seq, hash: fact.audit!.hash };
    }
    await insertFacts(this.books.db.facts, facts, 'audit entries');
    this.anchor.prepare(committed, head);
    this.head = head;
    return facts;
  }

  private entry(input: AuditInput, head: Head): FactDoc {
    const content: AuditContent = {
      id: newId(),
      deviceId: this.books.deviceId,
      seq: head.seq + 1,
      occurredAt: this.clock().toISOString(),
      userId: input.userId,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      before: summary(input.before),
      after: summary(input.after),
      prevHash: head.hash,
    };
    const hash = auditHash(content);
    const fact: FactDoc = {
      id: content.id,
      kind: 'audit',
      subjectId: input.entityId.slice(0, 40),
      occurredAt: content.occurredAt,
      deviceId: content.deviceId,
      seq: content.seq,
      userId: content.userId,
      audit: {
        action: content.action,
        entity: content.entity,
        entityId: content.entityId,
        before: content.before,
        after: content.after,
        prevHash: content.prevHash,
        hash,
      },
    };
    return fact;
  }

  /** After a rolled-back transaction the cached head may be ahead of the file. */
  forgetHead(): void {
    this.head = undefined;
  }

  /**
   * After COMMIT: the anchor names the committed head. Should that fail (disk full), the write
   * stands and the anchor still names it as pending; the next write anchors it again.
   */
  committed(): void {
    if (!this.head) return;
    try {
      this.anchor.commit(this.head);
    } catch {
      // See above: nothing is lost.
    }
  }

  /** Walks one device's chain in order and reports the first broken link. */
  async verify(deviceId: string = this.books.deviceId): Promise<{ entries: number; firstBreak: ChainBreak | null }> {
    const docs = await this.books.db.facts
      .find({ selector: { deviceId, seq: { $gte: 1 } }, sort: [{ seq: 'asc' }] })
      .exec();
    const entries = docs.map((d) => {
      const a = d.audit!;
      return {
        id: d.id,
        deviceId: d.deviceId,
        seq: d.seq,
        occurredAt: d.occurredAt,
        userId: d.userId ?? '',
        action: a.action,
        entity: a.entity,
        entityId: a.entityId,
        before: a.before ?? '',
        after: a.after ?? '',
        prevHash: a.prevHash,
        hash: a.hash,
      };
    });
    const linkBreak = findChainBreak(entries);
    if (linkBreak || deviceId !== this.books.deviceId) return { entries: entries.length, firstBreak: linkBreak ?? null };
    const last = entries[entries.length - 1];
    const head = last ? { seq: last.seq, hash: last.hash } : GENESIS_HEAD;
    const anchorProblem = this.anchor.check(head, (seq) => entries[seq - 1]);
    return { entries: entries.length, firstBreak: anchorProblem ?? null };
  }
}
