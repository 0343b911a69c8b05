import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS } from '../../src-shared/contract/sync.js';
import { DESIGN_DOC_ID, designDocFor, refusalCodeOf, refusalOf, sourceFor } from './refusal.js';

const line = { id: 'L1', description: 'Beratung', quantity: '2', unit: 'HUR', netUnitPrice: '95.00', vatCategory: 'S', vatRate: '19' };

/** An invoice as the server keeps it (`_id`, `_rev`) after issue. */
function issuedInvoice(overrides: Record<string, unknown> = {}) {
  return {
    _id: '01JF8M3Q0000000000000000AA',
    _rev: '2-9a1b',
    documentType: 'invoice',
    status: 'issued',
    number: 'RE-2026-A-000123',
    customerId: '01JF8M3Q0000000000000000CU',
    issueDate: '2026-12-01',
    dueDate: '2026-12-15',
    currency: 'EUR',
    lines: [line],
    totals: { lineNetTotal: '190.00', vatBreakdown: [{ category: 'S', rate: '19', taxable: '190.00', tax: '36.10' }] },
    grossAmount: 22610,
    issuedBy: 'U1',
    issuedAt: '2026-12-01T09:00:00.000Z',
    createdAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    updatedBy: 'U1',
    hlc: '1796115600000-0-devA',
    ...overrides,
  };
}

function draftInvoice(overrides: Record<string, unknown> = {}) {
  return issuedInvoice({ status: 'draft', number: '', issuedBy: undefined, issuedAt: undefined, ...overrides });
}

function payment(overrides: Record<string, unknown> = {}) {
  return {
    _id: '01JF8M3Q0000000000000000PA',
    kind: 'payment',
    subjectId: '01JF8M3Q0000000000000000CU',
    occurredAt: '2026-12-03T10:00:00.000Z',
    deviceId: 'devA',
    seq: 41,
    payment: { direction: 'incoming', date: '2026-12-03', amount: 22610, currency: 'EUR', method: 'bankTransfer', source: 'manual' },
    ...overrides,
  };
}

describe('what the server refuses and the device refuses before pushing', () => {
  it('refuses any change of an issued invoice and names the invoice and the field', () => {
    const before = issuedInvoice();
    const reason = refusalOf('invoices', { ...before, lines: [{ ...line, quantity: '3' }] }, before);
    expect(reason).toBe('issuedChanged: invoice RE-2026-A-000123 may not change (field lines)');
    expect(refusalCodeOf(reason!)).toBe('issuedChanged');
    expect(refusalOf('invoices', { ...before, grossAmount: 1 }, before)).toMatch(/field grossAmount/);
    expect(refusalOf('invoices', { ...before, note: 'added later' }, before)).toMatch(/field note/);
    expect(refusalOf('invoices', { ...before, totals: { ...before.totals, lineNetTotal: '191.00' } }, before)).toMatch(/field totals/);
  });

  it('refuses a second number, a step back and a stamp-only rewrite of an issued invoice', () => {
    const before = issuedInvoice();
    expect(refusalOf('invoices', { ...before, number: 'RE-2026-B-000007' }, before)).toMatch(/^issuedChanged: .*field number/);
    expect(refusalOf('invoices', { ...before, status: 'approved' }, before)).toMatch(/field status/);
    expect(refusalOf('invoices', { ...before, updatedAt: '2026-12-02T09:00:00.000Z', hlc: '1796202000000-0-devB' }, before)).toMatch(/field (updatedAt|hlc)/);
    const sent = issuedInvoice({ status: 'sent' });
    expect(refusalOf('invoices', { ...sent, status: 'issued' }, sent)).toMatch(/field status/);
  });

  it('refuses a change of an issued credit note and calls it a credit note', () => {
    const before = issuedInvoice({ documentType: 'creditNote', number: 'GS-2026-A-000004', correctsInvoiceId: '01JF8M3Q0000000000000000AB' });
    expect(refusalOf('invoices', { ...before, note: 'x' }, before)).toBe('issuedChanged: credit note GS-2026-A-000004 may not change (field note)');
  });

  it('refuses deleting an issued invoice, whether as a full tombstone or as CouchDB’s stub', () => {
    const before = issuedInvoice();
    expect(refusalOf('invoices', { ...before, _deleted: true }, before)).toBe('issuedDeleted: invoice RE-2026-A-000123 may not be deleted');
    expect(refusalOf('invoices', { _id: before._id, _rev: before._rev, _deleted: true }, before)).toMatch(/^issuedDeleted/);
  });

  it('allows the move issued → sent with the record stamps, and nothing else with it', () => {
    const before = issuedInvoice();
    const sent = { ...before, status: 'sent', updatedAt: '2026-12-02T09:00:00.000Z', updatedBy: 'U2', hlc: '1796202000000-0-devA' };
    expect(refusalOf('invoices', sent, before)).toBeNull();
    expect(refusalOf('invoices', { ...sent, dueDate: '2026-12-31' }, before)).toMatch(/field dueDate/);
  });

  it('allows every change of drafts and of documents on their way to approval, and the issue itself', () => {
    const draft = draftInvoice();
    expect(refusalOf('invoices', { ...draft, lines: [{ ...line, quantity: '3' }], grossAmount: 33915 }, draft)).toBeNull();
    const approved = draftInvoice({ status: 'approved', approvedBy: 'U2' });
    expect(refusalOf('invoices', { ...approved, status: 'rejected' }, approved)).toBeNull();
    expect(refusalOf('invoices', issuedInvoice({ approvedBy: 'U2' }), approved)).toBeNull();
    expect(refusalOf('invoices', { ...draft, _deleted: true }, draft)).toBeNull();
  });

  it('allows a new issued invoice and writing the same content again (a replayed push)', () => {
    const issued = issuedInvoice();
    expect(refusalOf('invoices', issued, null)).toBeNull();
    expect(refusalOf('invoices', { ...issued, _rev: '3-ffff', _revisions: { start: 3, ids: ['ffff', '9a1b'] } }, issued)).toBeNull();
  });

  it('refuses any change or deletion of a fact, and allows a new fact and its replay', () => {
    const fact = payment();
    expect(refusalOf('facts', fact, null)).toBeNull();
    expect(refusalOf('facts', { ...fact }, fact)).toBeNull();
    expect(refusalOf('facts', { ...fact, payment: { ...fact.payment, amount: 22609 } }, fact)).toBe(
      'factChanged: fact 01JF8M3Q0000000000000000PA (payment) may not change (field payment)',
    );
    expect(refusalOf('facts', { ...fact, seq: 42 }, fact)).toMatch(/^factChanged: .*field seq/);
    expect(refusalOf('facts', { ...fact, _deleted: true }, fact)).toBe('factDeleted: fact 01JF8M3Q0000000000000000PA (payment) may not be deleted');
  });

  it('compares content only: store metadata and key order do not count, a missing key does', () => {
    const fact = payment();
    const reordered = { payment: { ...fact.payment }, seq: 41, deviceId: 'devA', occurredAt: fact.occurredAt, subjectId: fact.subjectId, kind: 'payment', _id: fact._id };
    expect(refusalOf('facts', { ...reordered, _meta: { lwt: 1 }, _attachments: {} }, fact)).toBeNull();
    const { seq: _seq, ...withoutSeq } = fact;
    expect(refusalOf('facts', withoutSeq, fact)).toMatch(/field seq/);
    expect(refusalOf('facts', { ...fact, extra: null }, fact)).toMatch(/field extra/);
  });

  it('leaves other collections alone: a customer may change, be deleted, and carry a number', () => {
    const customer = { _id: 'C1', number: 'K-0001', name: 'Muster GmbH', status: 'issued' };
    expect(refusalOf('customers', { ...customer, name: 'Muster AG' }, customer)).toBeNull();
    expect(refusalOf('customers', { ...customer, _deleted: true }, customer)).toBeNull();
  });

  it('lets the design document itself be replaced, also in the facts database', () => {
    const doc = designDocFor('facts');
    expect(refusalOf('facts', { ...doc, validate_doc_update: 'function () {}' }, doc)).toBeNull();
  });

  it('gives each database a design document whose source runs alone, as the server runs it', () => {
    for (const collection of SYNCED_COLLECTIONS) {
      const doc = designDocFor(collection);
      expect(doc._id).toBe(DESIGN_DOC_ID);
      expect(doc.validate_doc_update).toContain(`{ collection: "${collection}" }`);
    }
    // pouchdb-server and CouchDB evaluate the text in a context of its own: nothing of this module is there.
    const validate = vm.runInNewContext(`(function () { "use strict"; return ${sourceFor('invoices')}; })()`) as (...args: unknown[]) => void;
    const before = issuedInvoice();
    expect(() => validate({ ...before, grossAmount: 1 }, before, { name: 'anna', roles: [] }, {})).toThrow(
      expect.objectContaining({ forbidden: 'issuedChanged: invoice RE-2026-A-000123 may not change (field grossAmount)' }),
    );
    expect(validate(draftInvoice({ note: 'x' }), draftInvoice(), { name: 'anna', roles: [] }, {})).toBeUndefined();
  });

  it('keeps the source within ES5: no arrow functions, let, const, classes or template strings', () => {
    const source = sourceFor('facts');
    expect(source).not.toMatch(/=>|\blet\b|\bconst\b|\bclass\b|`/);
  });
});
