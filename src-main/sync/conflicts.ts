/**
 * The conflict desk: RxDB asks it what to keep when this device pushes a record that another
 * device changed meanwhile. It applies the collection's pure rule (conflict-rules.ts), keeps every
 * losing version as a `syncConflict` fact (a second device deciding the same conflict writes the
 * same fact id, so a replay adds nothing), records a voided number when one invoice was issued on
 * two devices, and lets a person keep the other version later, as an audited change.
 */
import { createHash } from 'node:crypto';
import type { RxCollection, RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import type { ConflictRule, ConflictView, SyncedCollection } from '../../src-shared/contract/sync.js';
import type { PublicUser } from '../../src-shared/contract/index.js';
import { AppError } from '../../src-shared/contract/errors.js';
import type { Core } from '../server/core.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { newId } from '../ids.js';
import { isEqualDocs, resolveConflict, type Doc } from './conflict-rules.js';
import type { HybridClock } from './hlc.js';

/** What the store keeps beside a document and never compares or shows. */
const STORE_KEYS = new Set(['_rev', '_meta', '_attachments']);

export function withoutStoreKeys(doc: Record<string, unknown>): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !STORE_KEYS.has(key)));
}

/** Rules after which the other version may not be put back: issued documents and facts never change. */
const FINAL_RULES: readonly ConflictRule[] = ['immutable', 'issuedTwice', 'stateForward', 'refusedByServer'];

/** Where "keep the other version" may write: master data and drafts, nothing else. */
const CHOOSABLE = ['customers', 'products', 'settings', 'orders', 'invoices', 'paymentRequests'] as const;
type ChoosableCollection = (typeof CHOOSABLE)[number];
const isChoosable = (collection: string): collection is ChoosableCollection => (CHOOSABLE as readonly string[]).includes(collection);

/** Settings that only their own screens change, with their own rules (four eyes, per device). */
const GUARDED_SETTINGS = new Set(['company', 'numberSeries', 'mail', 'bankChange']);
/** The states in which a lifecycle document is still edited. */
const EDITABLE: Record<string, readonly string[]> = { orders: ['draft'], invoices: ['draft', 'rejected'], paymentRequests: ['requested'] };
/** The store's stamps: written anew by every change, never chosen. */
const BOOKKEEPING = new Set(['hlc', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy']);
/** Never shown in a conflict, never written back from one. */
const HIDDEN = new Set(['passwordHash']);

function stillChoosable(collection: string, doc: Doc): boolean {
  if (collection === 'settings') return !GUARDED_SETTINGS.has(String(doc.kind));
  const editable = EDITABLE[collection];
  return !editable || editable.includes(String(doc.status));
}

function pick(doc: Doc, keys: string[]): Doc {
  return Object.fromEntries(keys.map((k) => [k, doc[k]]));
}

export class ConflictDesk {
  private core: Core | null = null;
  private clock: HybridClock | null = null;
  /** Documents the server refused, per collection, with its reason; their push ends here. */
  private readonly refusals = new Map<string, Map<string, string>>();
  private readonly listeners = new Set<() => void>();

  attach(core: Core, clock: HybridClock): void {
    this.core = core;
    this.clock = clock;
  }

  /** Called when conflicts were recorded or chosen; the engine recounts the open ones. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server refused this document: the next conflict round keeps the server's copy. */
  refused(collection: string, id: string, reason: string): void {
    const map = this.refusals.get(collection) ?? new Map<string, string>();
    map.set(id, reason);
    this.refusals.set(collection, map);
  }

  handlerFor(collection: SyncedCollection): RxConflictHandler<any> {
    return {
      isEqual: (a, b) => isEqualDocs(a as Doc, b as Doc),
      resolve: (input) => this.resolve(collection, input),
    };
  }

  private async resolve(collection: SyncedCollection, input: RxConflictHandlerInput<any>): Promise<WithDeleted<any>> {
    const master = withoutStoreKeys(input.realMasterState as Doc);
    const mine = withoutStoreKeys(input.newDocumentState as Doc);
    const assumed = input.assumedMasterState ? withoutStoreKeys(input.assumedMasterState as Doc) : undefined;
    this.clock?.receive(typeof master.hlc === 'string' ? master.hlc : undefined);
    const id = String(mine.id ?? master.id);
    const refusal = this.refusals.get(collection)?.get(id);
    if (refusal !== undefined) {
      this.refusals.get(collection)!.delete(id);
      await this.record(collection, id, 'refusedByServer', differingFields(master, mine), master, mine);
      return input.realMasterState;
    }
    const resolution = resolveConflict(collection, { ...(assumed ? { assumed } : {}), master, mine });
    if (resolution.conflict) {
      const { rule, fields, lost } = resolution.conflict;
      await this.record(collection, id, rule, fields, resolution.kept, lost);
      if (rule === 'issuedTwice') await this.voidNumber(id, resolution.kept, lost);
    }
    return resolution.kept as WithDeleted<any>;
  }

  private async record(collection: string, documentId: string, rule: ConflictRule, fields: string[], kept: Doc, other: Doc): Promise<void> {
    const core = this.requireCore();
    const id = `cf${digest(collection, documentId, kept, other)}`;
    const fact: FactDoc = {
      id,
      kind: 'syncConflict',
      subjectId: documentId,
      occurredAt: core.clock().toISOString(),
      deviceId: core.books.deviceId,
      seq: 0,
      syncConflict: { collection, documentId, rule, fields, kept: JSON.stringify(withoutHidden(kept)), other: JSON.stringify(withoutHidden(other)) },
    };
    await this.insertOnce(fact);
  }

  /** One invoice issued on two devices: the number it does not keep is void, with its reason. */
  private async voidNumber(documentId: string, kept: Doc, lost: Doc): Promise<void> {
    const core = this.requireCore();
    const number = typeof lost.number === 'string' ? lost.number : '';
    if (!number) return;
    const fact: FactDoc = {
      id: `nv${digest('numberVoided', number)}`,
      kind: 'numberVoided',
      subjectId: documentId,
      occurredAt: core.clock().toISOString(),
      deviceId: core.books.deviceId,
      seq: 0,
      numberVoided: { number, documentId, reason: 'sync.voided.issuedTwice', keptNumber: typeof kept.number === 'string' ? kept.number : '' },
    };
    await this.insertOnce(fact);
  }

  private async insertOnce(fact: FactDoc): Promise<void> {
    const core = this.requireCore();
    const inserted = await core.writes.quiet(async () => {
      if (await core.books.db.facts.findOne(fact.id).exec()) return false;
      await core.books.db.facts.insert(fact);
      return true;
    });
    if (!inserted) return;
    core.bus.emit('data.changed', { collection: 'facts', ids: [fact.id] });
    for (const listener of this.listeners) listener();
  }

  /** Conflicts a person can still act on: the count in the top bar. */
  async openCount(): Promise<number> {
    return (await this.list(true)).filter((view) => view.canKeepOther).length;
  }

  async list(openOnly: boolean): Promise<ConflictView[]> {
    const db = this.requireCore().books.db;
    const [conflicts, choices, users] = await Promise.all([
      db.facts.find({ selector: { kind: 'syncConflict' }, sort: [{ occurredAt: 'desc' }] }).exec(),
      db.facts.find({ selector: { kind: 'conflictChoice' } }).exec(),
      db.users.find().exec(),
    ]);
    const chosen = new Map(choices.map((c) => [c.conflictChoice!.conflictId, c]));
    const names = new Map(users.map((u) => [u.id, u.name]));
    return conflicts
      .map((fact) => viewOf(fact.toMutableJSON(), chosen.get(fact.id)?.toMutableJSON(), names))
      .filter((view) => !openOnly || view.choice === null);
  }

  /**
   * A person keeps the version the rule did not, for the fields the two versions disagreed on:
   * written onto the record as it is now (later edits of other fields stay), as a new audited
   * change, and recorded. Refused where it would touch what a supervisor may not change here:
   * another collection than master data and drafts, a user (roles are an administrator's), a
   * document that has meanwhile left its editable state, settings that only their own screens
   * change (bank details, number series, mail), or a record that no longer exists.
   */
  async keepOther(conflictId: string, user: PublicUser): Promise<ConflictView> {
    const core = this.requireCore();
    const db = core.books.db;
    const fact = await db.facts.findOne(conflictId).exec();
    if (!fact?.syncConflict) throw new AppError('NOT_FOUND', 'No such conflict', { fields: [{ field: 'id', problem: 'validation.notFound' }] });
    const existing = await db.facts.findOne({ selector: { kind: 'conflictChoice', subjectId: conflictId } }).exec();
    const view = viewOf(fact.toMutableJSON(), existing?.toMutableJSON(), new Map());
    const final = () => new AppError('CONFLICT', 'This version can no longer be chosen', { fields: [{ field: 'id', problem: 'sync.conflict.final' }] });
    if (!view.canKeepOther || !isChoosable(view.collection)) throw final();
    const collection = db[view.collection as ChoosableCollection] as unknown as RxCollection<Record<string, unknown>>;
    const current = await collection.findOne(view.documentId).exec();
    const now = current?.toMutableJSON() as Doc | undefined;
    const other = view.other;
    if (!now || !stillChoosable(view.collection, now) || (other._deleted !== true && !stillChoosable(view.collection, other))) throw final();
    const at = core.clock().toISOString();
    const changes = Object.fromEntries(view.fields.filter((f) => !BOOKKEEPING.has(f) && f !== '_deleted').map((f) => [f, other[f]]));
    await core.writes.write(
      user.id,
      { collection: view.collection, action: 'sync.conflictChoice', entity: view.collection, entityId: view.documentId, before: pick(now, Object.keys(changes)), after: other._deleted === true ? { deleted: true } : changes },
      async () => {
        if (other._deleted === true) {
          await current!.remove();
        } else {
          const next: Record<string, unknown> = { ...now, updatedAt: at, updatedBy: user.id };
          for (const [field, value] of Object.entries(changes)) {
            if (value === undefined) delete next[field];
            else next[field] = value;
          }
          await collection.upsert(next);
        }
        await db.facts.insert({
          id: newId(),
          kind: 'conflictChoice',
          subjectId: conflictId,
          occurredAt: at,
          deviceId: core.books.deviceId,
          seq: 0,
          userId: user.id,
          conflictChoice: { conflictId, kept: 'other' },
        });
      },
    );
    for (const listener of this.listeners) listener();
    return (await this.list(false)).find((c) => c.id === conflictId)!;
  }

  private requireCore(): Core {
    if (!this.core) throw new Error('The conflict desk is not attached to the books yet');
    return this.core;
  }
}

function viewOf(fact: FactDoc, choice: FactDoc | undefined, names: ReadonlyMap<string, string>): ConflictView {
  const c = fact.syncConflict!;
  const kept = withoutHidden(JSON.parse(c.kept) as Doc);
  const other = withoutHidden(JSON.parse(c.other) as Doc);
  const userId = choice?.userId ?? '';
  return {
    id: fact.id,
    collection: c.collection,
    documentId: c.documentId,
    label: labelOf(kept) || labelOf(other) || c.documentId,
    decidedAt: fact.occurredAt,
    rule: c.rule as ConflictRule,
    fields: c.fields,
    kept,
    other,
    choice: choice ? { userId, userName: names.get(userId) ?? userId, at: choice.occurredAt } : null,
    canKeepOther: !choice && isChoosable(c.collection) && !FINAL_RULES.includes(c.rule as ConflictRule) && stillChoosable(c.collection, other._deleted === true ? kept : other),
  };
}

/** "K-10023 · Müller Haustechnik GmbH", "RE-2026-A-000007", "Anna Admin" … */
function withoutHidden(doc: Doc): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !HIDDEN.has(key)));
}

function labelOf(doc: Doc): string {
  return ['number', 'name', 'title']
    .map((key) => doc[key])
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .join(' · ');
}

function differingFields(a: Doc, b: Doc): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => k !== 'hlc' && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

function digest(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 38);
}
