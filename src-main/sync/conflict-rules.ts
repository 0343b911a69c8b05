/**
 * What two devices end with when sync meets two versions of the same record, one rule per
 * collection. Pure: plain JSON documents in (RxDB's `WithDeleted`, maybe with `_deleted`), the
 * kept version and the version that lost out. Every lost version is returned so the caller keeps
 * it as a conflict fact that a person can see and choose instead: nothing is dropped silently.
 *
 * Every decision depends on the two versions only, never on which of them is "mine", so both
 * devices (and a device resolving the same pair again) keep the same document. The one exception
 * is a change to what may not change (a fact, an issued document): there the server's copy stays.
 */
import type { ConflictRule } from '../../src-shared/contract/sync.js';
import { compareStamps } from './hlc.js';

export type Doc = Record<string, unknown>;
export type ConflictInput = { assumed?: Doc; master: Doc; mine: Doc };
export type ResolutionRule = Exclude<ConflictRule, 'refusedByServer'>;
export type Resolution = {
  /** What both devices end with. */
  kept: Doc;
  conflict: null | {
    rule: ResolutionRule;
    /** Top-level fields whose value in `lost` is not what was kept (the change stamps left out). */
    fields: string[];
    /** The whole version that was not kept. */
    lost: Doc;
  };
};

/** Storage bookkeeping, not content: never compared. */
const IGNORED = new Set(['_rev', '_meta', '_attachments']);
/** Stamps of a change itself: they go with the later side and are never a conflict of their own. */
const CHANGE_STAMPS = ['hlc', 'updatedAt', 'updatedBy'] as const;
/**
 * Everyone who edited or submitted a draft: the four-eyes check refuses them as approvers, so
 * both devices' names are kept.
 */
const UNION_FIELDS = new Set(['editedBy', 'submittedBy']);

/**
 * Issued and sent documents are frozen (sales/lifecycle.ts `isFrozen`; § 14 UStG); so is any
 * document that carries a number, as the server's validate_doc_update (refusal.ts) judges it.
 */
const ISSUED_STATUSES: readonly string[] = ['issued', 'sent'];

type Lifecycle = {
  /** How far along a status is; a version further along is kept whole. */
  rank: Readonly<Record<string, number>>;
  /** Statuses whose documents are still edited; two such versions are merged field by field. */
  editable: readonly string[];
};

/**
 * States only move forward (src-main/sales/lifecycle.ts, payments/requests.ts). Where two moves
 * leave the same state, the one that is harder to undo ranks higher: a "no" (rejected, cancelled)
 * outranks a concurrent "yes", unless the yes was acted upon (issued, invoiced, executed).
 */
const LIFECYCLES: Readonly<Record<string, Lifecycle>> = {
  invoices: { rank: { draft: 0, submitted: 1, approved: 2, rejected: 3, issued: 4, sent: 5 }, editable: ['draft', 'rejected'] },
  orders: { rank: { draft: 0, confirmed: 1, cancelled: 2, partlyInvoiced: 3, invoiced: 4 }, editable: ['draft'] },
  paymentRequests: { rank: { requested: 0, approved: 1, rejected: 2, failed: 3, executed: 4 }, editable: ['requested'] },
};

export function resolveConflict(collection: string, input: ConflictInput): Resolution {
  const { master, mine, assumed } = input;
  if (isEqualDocs(mine, master)) return { kept: master, conflict: null };
  // Facts are written once under a unique id; two versions of one fact are a fault elsewhere.
  if (collection === 'facts') return decided(master, mine, 'immutable', assumed);
  if (collection === 'invoices') {
    const issued = resolveIssued(input);
    if (issued) return issued;
  }
  const deletion = resolveDeletion(input);
  if (deletion) return deletion;
  const lifecycle = LIFECYCLES[collection];
  return lifecycle ? resolveLifecycle(lifecycle, input) : mergeThreeWay(input);
}

/** Equal content: what RxDB's replication asks to tell a real conflict from an echo. */
export function isEqualDocs(a: Doc, b: Doc): boolean {
  if (isDeleted(a) !== isDeleted(b)) return false;
  return contentKeys(a, b).every((key) => deepEqual(a[key], b[key]));
}

/**
 * Issued invoices and credit notes never change (§ 14 UStG; only a credit note corrects them).
 * The same approved document issued offline on two devices carries two numbers: the issue that
 * reached the server first is kept (the server refuses to replace an issued document, see
 * refusal.ts), the other is the lost version whose number the caller voids.
 */
function resolveIssued({ assumed, master, mine }: ConflictInput): Resolution | null {
  const mineIssued = isIssued(mine);
  const masterIssued = isIssued(master);
  if (mineIssued && masterIssued) {
    // The server holds the issue that reached it first, and it never takes another: that one
    // stays on every device, and the number of the other is void.
    if (mine.number !== master.number) return decided(master, mine, 'issuedTwice');
    const forward = compareRanks(LIFECYCLES.invoices!, mine, master);
    if (forward !== 0) return decided(forward > 0 ? mine : master, forward > 0 ? master : mine, 'stateForward', assumed);
    return decided(master, mine, 'immutable', assumed);
  }
  if (!masterIssued && !mineIssued) return null;
  const [kept, other] = masterIssued ? [master, mine] : [mine, master];
  // A change of what was issued already is refused; a version from before the issue is overtaken.
  const rule = assumed && isIssued(assumed) ? 'immutable' : isDeleted(other) ? 'deleted' : 'stateForward';
  return decided(kept, other, rule, assumed);
}

/**
 * An edit wins over a deletion: a record someone has just changed must not vanish under them
 * (the deletion stays visible as the lost version, and can be chosen). A deletion meets no
 * conflict when the other side made no change, or deleted too.
 */
function resolveDeletion({ assumed, master, mine }: ConflictInput): Resolution | null {
  const mineDeleted = isDeleted(mine);
  const masterDeleted = isDeleted(master);
  if (mineDeleted === masterDeleted) return mineDeleted ? { kept: laterOf(mine, master), conflict: null } : null;
  const [edited, deletion] = mineDeleted ? [master, mine] : [mine, master];
  if (assumed && !isDeleted(assumed) && isEqualDocs(edited, assumed)) return { kept: deletion, conflict: null };
  return decided(edited, deletion, 'deleted', assumed);
}

function resolveLifecycle(lifecycle: Lifecycle, input: ConflictInput): Resolution {
  const { assumed, master, mine } = input;
  const status = statusOf(mine);
  if (status === statusOf(master)) {
    if (lifecycle.editable.includes(status)) return mergeThreeWay(input);
    const mineLater = laterOf(mine, master) === mine;
    return decided(mineLater ? mine : master, mineLater ? master : mine, 'laterChange', assumed);
  }
  // Only one side moved from the state both started from: that move is the one that happened,
  // even a move back (a rejection, an approval voided).
  let mineForward: boolean;
  if (assumed && statusOf(assumed) === statusOf(master)) mineForward = true;
  else if (assumed && statusOf(assumed) === status) mineForward = false;
  else mineForward = (compareRanks(lifecycle, mine, master) || (laterOf(mine, master) === mine ? 1 : -1)) > 0;
  return decided(mineForward ? mine : master, mineForward ? master : mine, 'stateForward', assumed);
}

function compareRanks(lifecycle: Lifecycle, a: Doc, b: Doc): number {
  return Math.sign((lifecycle.rank[statusOf(a)] ?? -1) - (lifecycle.rank[statusOf(b)] ?? -1));
}

/**
 * Master data and drafts, field by field against the state both devices started from: a field
 * changed on one side only takes that change; a field both changed differently takes the later
 * change (hybrid clock), and the other side's whole version is returned as lost. Without a
 * common state every differing field counts as changed on both sides.
 */
function mergeThreeWay({ assumed, master, mine }: ConflictInput): Resolution {
  const winner = laterOf(mine, master);
  const loser = winner === mine ? master : mine;
  const merged: Doc = {};
  const dropped: string[] = [];
  const stamps = new Set<string>(CHANGE_STAMPS);
  for (const key of contentKeys(mine, master, assumed ?? {})) {
    if (stamps.has(key)) continue;
    const value = mergeField(key, assumed, winner, loser);
    if (value.dropped) dropped.push(key);
    if (value.value !== undefined) merged[key] = value.value;
  }
  for (const key of CHANGE_STAMPS) {
    const value = winner[key] ?? loser[key];
    if (value !== undefined) merged[key] = value;
  }
  if ('_deleted' in mine || '_deleted' in master) merged._deleted = false;
  return { kept: merged, conflict: dropped.length ? { rule: 'laterChange', fields: dropped, lost: loser } : null };
}

function mergeField(key: string, assumed: Doc | undefined, winner: Doc, loser: Doc): { value: unknown; dropped: boolean } {
  const ours = winner[key];
  const theirs = loser[key];
  if (deepEqual(ours, theirs)) return { value: ours, dropped: false };
  if (UNION_FIELDS.has(key) && isListOrMissing(ours) && isListOrMissing(theirs)) {
    return { value: unionOf(ours ?? [], theirs ?? []), dropped: false };
  }
  if (assumed && deepEqual(theirs, assumed[key])) return { value: ours, dropped: false };
  if (assumed && deepEqual(ours, assumed[key])) return { value: theirs, dropped: false };
  return { value: ours, dropped: true };
}

function isListOrMissing(value: unknown): value is unknown[] | undefined {
  return value === undefined || Array.isArray(value);
}

function unionOf(first: unknown[], second: unknown[]): unknown[] {
  const out = [...first];
  for (const item of second) if (!out.some((o) => deepEqual(o, item))) out.push(item);
  return out;
}

/**
 * The later of two versions: by hybrid clock, then by `updatedAt`, then by content, so that two
 * devices with equal or missing stamps still decide alike.
 */
function laterOf(a: Doc, b: Doc): Doc {
  const order =
    compareStamps(stampOf(a), stampOf(b)) ||
    compareText(a.updatedAt, b.updatedAt) ||
    compareText(canonicalJson(a), canonicalJson(b));
  return order >= 0 ? a : b;
}

function decided(kept: Doc, lost: Doc, rule: ResolutionRule, assumed?: Doc): Resolution {
  // The losing side made no change of its own: nothing of anybody's work is lost.
  if (assumed && rule !== 'issuedTwice' && isEqualDocs(lost, assumed)) return { kept, conflict: null };
  return { kept, conflict: { rule, fields: differingFields(kept, lost), lost } };
}

function differingFields(a: Doc, b: Doc): string[] {
  const stamps = new Set<string>(CHANGE_STAMPS);
  const fields = contentKeys(a, b).filter((key) => !stamps.has(key) && !deepEqual(a[key], b[key]));
  return isDeleted(a) !== isDeleted(b) ? ['_deleted', ...fields] : fields;
}

function isIssued(doc: Doc): boolean {
  return !isDeleted(doc) && (ISSUED_STATUSES.includes(statusOf(doc)) || (typeof doc.number === 'string' && doc.number !== ''));
}

function isDeleted(doc: Doc): boolean {
  return doc._deleted === true;
}

function statusOf(doc: Doc): string {
  return typeof doc.status === 'string' ? doc.status : '';
}

function stampOf(doc: Doc): string | undefined {
  return typeof doc.hlc === 'string' ? doc.hlc : undefined;
}

function compareText(a: unknown, b: unknown): number {
  const x = typeof a === 'string' ? a : '';
  const y = typeof b === 'string' ? b : '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Content fields of any of the documents, sorted; `_deleted` is compared on its own. */
function contentKeys(...docs: Doc[]): string[] {
  const keys = new Set<string>();
  for (const doc of docs) for (const key of Object.keys(doc)) if (!IGNORED.has(key) && key !== '_deleted' && doc[key] !== undefined) keys.add(key);
  return [...keys].sort();
}

/** JSON values equal: objects by their keys whatever their order, a missing key like `undefined`. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const x = a as Doc;
  const y = b as Doc;
  return contentKeysOf(x, y).every((key) => deepEqual(x[key], y[key]));
}

function contentKeysOf(x: Doc, y: Doc): string[] {
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((key) => x[key] !== undefined || y[key] !== undefined);
}

/** Content as one string with sorted keys: the last, deterministic tie-break. */
function canonicalJson(doc: Doc): string {
  const content: Doc = {};
  for (const key of contentKeys(doc)) content[key] = doc[key];
  content._deleted = isDeleted(doc);
  return JSON.stringify(content, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value as Doc).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0))) : value,
  );
}
