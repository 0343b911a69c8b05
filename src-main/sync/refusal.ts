/**
 * What the server refuses, as one function that runs in two places: as the `validate_doc_update`
 * of each remote database (CouchDB evaluates its source text), and on this device before a push,
 * so that a write the server would refuse is stopped here with a visible error instead of being
 * retried forever by the replication.
 *
 * Refused:
 * - any change or deletion of an issued invoice or credit note (status `issued` or `sent`, or a
 *   number assigned): § 14 UStG and GoBD, it is corrected only by a credit note;
 * - any change or deletion of a fact: facts are append-only.
 * Writing the same content again (a replayed push) is no change and passes.
 *
 * The one change allowed after issue is the move `issued` → `sent` (mailed), together with the
 * record's stamps `updatedAt`, `updatedBy` and `hlc`; see POST_ISSUE_FIELDS.
 */
import type { SyncedCollection } from '../../src-shared/contract/sync.js';

/** Name of the design document that carries the rule in every remote database. */
export const DESIGN_DOC_ID = '_design/rechnungswerk';

/** The fields of an issued document that may change, and only with the move `issued` → `sent`. */
export const POST_ISSUE_FIELDS = ['status', 'updatedAt', 'updatedBy', 'hlc'] as const;

export type RefusalCode = 'issuedChanged' | 'issuedDeleted' | 'factChanged' | 'factDeleted';

/**
 * CouchDB's validate_doc_update, written in ES5 without references to anything outside itself
 * (no closures, no helpers, no nested functions) because its source text is what the server runs.
 * The collection comes as `this.collection` from the wrapper `sourceFor` writes around it, which
 * no compiler can fold away. Keys starting with `_` (CouchDB's `_id`, `_rev`, `_revisions`,
 * RxDB's `_meta` …) are not content.
 */
export function validateDocUpdate(this: { collection: string }, newDoc: any, oldDoc: any, userCtx?: unknown, secObj?: unknown): void {
  var collection = this.collection;
  var id = String(newDoc && (newDoc._id || newDoc.id) ? newDoc._id || newDoc.id : '');
  if (id.indexOf('_design/') === 0) return;
  if (!oldDoc || oldDoc._deleted === true) return;
  var fact = collection === 'facts';
  var issued =
    collection === 'invoices' &&
    (oldDoc.status === 'issued' || oldDoc.status === 'sent' || (typeof oldDoc.number === 'string' && oldDoc.number !== ''));
  if (!fact && !issued) return;
  var what = fact
    ? 'fact ' + id + ' (' + oldDoc.kind + ')'
    : (oldDoc.documentType === 'creditNote' ? 'credit note ' : 'invoice ') + (oldDoc.number || id);
  if (newDoc._deleted === true) {
    throw { forbidden: (fact ? 'factDeleted' : 'issuedDeleted') + ': ' + what + ' may not be deleted' };
  }
  var allowed: any = {};
  if (issued && oldDoc.status === 'issued' && newDoc.status === 'sent') {
    allowed = { status: true, updatedAt: true, updatedBy: true, hlc: true };
  }
  var keys: any = {};
  var key: any;
  for (key in oldDoc) if (Object.prototype.hasOwnProperty.call(oldDoc, key)) keys[key] = true;
  for (key in newDoc) if (Object.prototype.hasOwnProperty.call(newDoc, key)) keys[key] = true;
  for (key in keys) {
    if (key.charAt(0) === '_' || allowed[key] === true) continue;
    // Deep equality without a helper function: a stack of value pairs still to compare.
    var stack: any[] = [[oldDoc[key], newDoc[key]]];
    var same = true;
    while (same && stack.length > 0) {
      var pair = stack.pop();
      var a = pair[0];
      var b = pair[1];
      if (a === b) continue;
      if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
        same = false;
      } else if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) {
        same = false;
      } else if (Object.prototype.toString.call(a) === '[object Array]') {
        if (a.length !== b.length) same = false;
        else for (var i = 0; i < a.length; i++) stack.push([a[i], b[i]]);
      } else {
        var inner: any;
        for (inner in a) if (Object.prototype.hasOwnProperty.call(a, inner)) stack.push([a[inner], b[inner]]);
        for (inner in b) if (Object.prototype.hasOwnProperty.call(b, inner) && !Object.prototype.hasOwnProperty.call(a, inner)) stack.push([undefined, b[inner]]);
      }
    }
    if (!same) {
      throw { forbidden: (fact ? 'factChanged' : 'issuedChanged') + ': ' + what + ' may not change (field ' + key + ')' };
    }
  }
}

/**
 * The validation function's source for one collection's database, as CouchDB stores it: a
 * function that calls `validateDocUpdate` (its text inlined) with the collection's name.
 */
export function sourceFor(collection: SyncedCollection): string {
  return [
    'function (newDoc, oldDoc, userCtx, secObj) {',
    `  var rule = ${validateDocUpdate.toString()};`,
    `  return rule.call({ collection: ${JSON.stringify(collection)} }, newDoc, oldDoc, userCtx, secObj);`,
    '}',
  ].join('\n');
}

export type DesignDoc = { _id: typeof DESIGN_DOC_ID; language: 'javascript'; validate_doc_update: string };

/** The design document that puts the rule into the database of `collection`. */
export function designDocFor(collection: SyncedCollection): DesignDoc {
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: sourceFor(collection) };
}

type Validate = (newDoc: unknown, oldDoc: unknown, userCtx: unknown, secObj: unknown) => void;
const compiled = new Map<string, Validate>();

/** The very text the server runs, compiled once per collection (no access to this module). */
function validatorFor(collection: SyncedCollection): Validate {
  let validate = compiled.get(collection);
  if (!validate) {
    validate = new Function(`"use strict"; return (${sourceFor(collection)});`)() as Validate;
    compiled.set(collection, validate);
  }
  return validate;
}

/**
 * Why the server of `collection` would refuse writing `newDoc` over `oldDoc` (the server's
 * current version, null when it has none), or null when it would accept it.
 */
export function refusalOf(collection: SyncedCollection, newDoc: object, oldDoc: object | null | undefined): string | null {
  try {
    validatorFor(collection)(newDoc, oldDoc ?? null, { name: null, roles: [] }, {});
    return null;
  } catch (error) {
    if (error && typeof error === 'object' && typeof (error as { forbidden?: unknown }).forbidden === 'string') {
      return (error as { forbidden: string }).forbidden;
    }
    throw error;
  }
}

/** The code at the start of a refusal's reason (ours or the server's), or null for another text. */
export function refusalCodeOf(reason: string): RefusalCode | null {
  const code = reason.split(':', 1)[0];
  return code === 'issuedChanged' || code === 'issuedDeleted' || code === 'factChanged' || code === 'factDeleted' ? code : null;
}
