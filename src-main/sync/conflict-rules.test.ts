import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEqualDocs, resolveConflict, type Doc, type Resolution } from './conflict-rules.js';
import { formatStamp, HybridClock } from './hlc.js';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-12-07T09:00:00.000Z');
const DEVICE_A = '01JF0DEVICEA00000000000000';
const DEVICE_B = '01JF0DEVICEB00000000000000';

/** A change made on a device at a wall-clock time: new values, the store's stamps with it. */
function edit(doc: Doc, changes: Doc, at: number, device: string, userId: string, hlc = formatStamp(at, 0, device)): Doc {
  return { ...doc, ...changes, updatedAt: new Date(at).toISOString(), updatedBy: userId, hlc };
}

function deleted(doc: Doc, at: number, device: string): Doc {
  return { ...edit(doc, {}, at, device, 'u-anna'), _deleted: true };
}

/** Resolves as each device would: once with A's version as its own, once with B's. */
function fromBothSides(collection: string, assumed: Doc | undefined, a: Doc, b: Doc): [Resolution, Resolution] {
  const onA = resolveConflict(collection, { assumed, mine: a, master: b });
  const onB = resolveConflict(collection, { assumed, mine: b, master: a });
  expect(isEqualDocs(onA.kept, onB.kept)).toBe(true);
  expect(onA.conflict?.rule).toBe(onB.conflict?.rule);
  if (onA.conflict) expect(isEqualDocs(onA.conflict.lost, onB.conflict!.lost)).toBe(true);
  return [onA, onB];
}

const customer: Doc = {
  id: '01JF0CUSTOMER0000000000001',
  number: 'K-10023',
  name: 'Müller Haustechnik GmbH',
  billingAddress: { street: 'Hauptstraße 12', postalCode: '10115', city: 'Berlin', country: 'DE' },
  vatId: 'DE123456789',
  invoiceEmails: ['rechnung@mueller-haustechnik.de'],
  language: 'de',
  paymentTermsDays: 14,
  kind: 'business',
  vatTreatment: 'domestic',
  active: true,
  createdAt: '2026-11-02T08:00:00.000Z',
  createdBy: 'u-anna',
  updatedAt: '2026-11-02T08:00:00.000Z',
  updatedBy: 'u-anna',
  hlc: formatStamp(Date.parse('2026-11-02T08:00:00.000Z'), 0, DEVICE_A),
  _deleted: false,
};

const line = { id: 'L1', description: 'Wartung Heizungsanlage', quantity: '2', unit: 'HUR', netUnitPrice: '85.00', vatCategory: 'S', vatRate: '19' };

const draftInvoice: Doc = {
  id: '01JF0INVOICE00000000000001',
  documentType: 'invoice',
  status: 'draft',
  number: '',
  customerId: customer.id,
  dueDate: '2026-12-21',
  currency: 'EUR',
  language: 'de',
  lines: [line],
  grossAmount: 20230,
  paymentTermsDays: 14,
  note: 'Vielen Dank für Ihren Auftrag.',
  editedBy: ['u-anna'],
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'u-anna',
  updatedAt: '2026-12-01T10:00:00.000Z',
  updatedBy: 'u-anna',
  hlc: formatStamp(Date.parse('2026-12-01T10:00:00.000Z'), 0, DEVICE_A),
  _deleted: false,
};

function approved(doc: Doc, at: number, device: string): Doc {
  const submitted = edit(doc, { status: 'submitted', submittedBy: ['u-anna'] }, at, device, 'u-anna');
  return edit(submitted, { status: 'approved', approvedBy: 'u-chef', approvedAt: new Date(at + 1000).toISOString() }, at + 1000, device, 'u-chef');
}

function issued(doc: Doc, number: string, at: number, device: string): Doc {
  const when = new Date(at).toISOString();
  return edit(doc, { status: 'issued', number, issueDate: when.slice(0, 10), issuedBy: 'u-chef', issuedAt: when, grossAmount: 20230 }, at, device, 'u-chef');
}

describe('master data: three-way merge against the state both devices started from', () => {
  it('merges different fields edited offline on two devices without a conflict record', () => {
    const onA = edit(customer, { paymentTermsDays: 30 }, T0, DEVICE_A, 'u-anna');
    const onB = edit(customer, { billingAddress: { street: 'Neue Straße 1', postalCode: '10117', city: 'Berlin', country: 'DE' } }, T0 + HOUR, DEVICE_B, 'u-ben');
    const [result] = fromBothSides('customers', customer, onA, onB);
    expect(result.conflict).toBeNull();
    expect(result.kept).toMatchObject({ paymentTermsDays: 30, billingAddress: { street: 'Neue Straße 1' }, name: customer.name, hlc: onB.hlc, updatedBy: 'u-ben' });
    expect(result.kept._deleted).toBe(false);
  });

  it('takes the later change of a field both devices changed and keeps the other value as the lost version', () => {
    const onA = edit(customer, { name: 'Müller & Söhne Haustechnik GmbH', invoiceEmails: ['buchhaltung@mueller.de'] }, T0 + 2 * HOUR, DEVICE_A, 'u-anna');
    const onB = edit(customer, { name: 'Mueller Haustechnik GmbH', paymentTermsDays: 30 }, T0 + HOUR, DEVICE_B, 'u-ben');
    const [result] = fromBothSides('customers', customer, onA, onB);
    expect(result.kept).toMatchObject({ name: 'Müller & Söhne Haustechnik GmbH', invoiceEmails: ['buchhaltung@mueller.de'], paymentTermsDays: 30, hlc: onA.hlc });
    expect(result.conflict).toEqual({ rule: 'laterChange', fields: ['name'], lost: onB });
  });

  it('without a common state treats every differing field as changed on both sides', () => {
    const onA = edit(customer, { paymentTermsDays: 30 }, T0, DEVICE_A, 'u-anna');
    const onB = edit(customer, { vatId: 'DE999999999' }, T0 + HOUR, DEVICE_B, 'u-ben');
    const [result] = fromBothSides('customers', undefined, onA, onB);
    expect(result.kept).toMatchObject({ paymentTermsDays: 14, vatId: 'DE999999999' });
    expect(result.conflict).toMatchObject({ rule: 'laterChange', fields: ['paymentTermsDays', 'vatId'], lost: onA });
  });

  it('decides equal stamps by the time of the change, then by content, the same on both devices', () => {
    const stamp = formatStamp(T0, 0, DEVICE_A);
    const onA = edit(customer, { name: 'Alpha' }, T0, DEVICE_A, 'u-anna', stamp);
    const onB = edit(customer, { name: 'Beta' }, T0 + 1, DEVICE_B, 'u-ben', stamp);
    expect(fromBothSides('customers', customer, onA, onB)[0].kept.name).toBe('Beta');
    const noStamps = (d: Doc) => ({ ...d, hlc: undefined, updatedAt: customer.updatedAt });
    const [tie] = fromBothSides('customers', customer, noStamps(onA), noStamps(onB));
    expect(tie.conflict?.fields).toEqual(['name']);
  });

  it('a device whose clock is a day ahead loses to a change made later elsewhere once that device has seen its stamps', () => {
    const ahead = new HybridClock(DEVICE_B, () => T0 + DAY);
    const here = new HybridClock(DEVICE_A, () => T0);
    const onB = edit(customer, { name: 'Name von B' }, T0 + DAY, DEVICE_B, 'u-ben', ahead.now());
    // B's next change, of a product, reached A through the server: A's clock has seen B's time.
    here.receive(ahead.now());
    const onA = edit(customer, { name: 'Name von A' }, T0 + 10 * 60 * 1000, DEVICE_A, 'u-anna', here.now());
    const [result] = fromBothSides('customers', customer, onA, onB);
    expect(result.kept.name).toBe('Name von A');
    expect(result.conflict).toMatchObject({ rule: 'laterChange', fields: ['name'], lost: onB });

    // Concurrent with no contact, the clock ahead wins; the other value is still recorded.
    const unaware = new HybridClock(DEVICE_A, () => T0 + 10 * 60 * 1000);
    const onAUnaware = edit(customer, { name: 'Name von A' }, T0 + 10 * 60 * 1000, DEVICE_A, 'u-anna', unaware.now());
    const [concurrent] = fromBothSides('customers', customer, onAUnaware, onB);
    expect(concurrent.kept.name).toBe('Name von B');
    expect(concurrent.conflict?.lost).toBe(onAUnaware);
  });

  it('keeps an edit over a deletion, and records the deletion', () => {
    const onA = edit(customer, { paymentTermsDays: 30 }, T0, DEVICE_A, 'u-anna');
    const onB = deleted(customer, T0 + HOUR, DEVICE_B);
    const [result] = fromBothSides('customers', customer, onA, onB);
    expect(result.kept).toBe(onA);
    expect(result.conflict).toMatchObject({ rule: 'deleted', lost: onB });
    expect(result.conflict!.fields).toEqual(['_deleted', 'paymentTermsDays']);
  });

  it('deletes without a conflict when the other side deleted too or changed nothing', () => {
    const onA = deleted(customer, T0, DEVICE_A);
    const onB = deleted(customer, T0 + HOUR, DEVICE_B);
    expect(fromBothSides('customers', customer, onA, onB)[0].conflict).toBeNull();
    const [untouched] = fromBothSides('customers', customer, onA, { ...customer, _rev: '3-abc' });
    expect(untouched).toEqual({ kept: onA, conflict: null });
  });
});

describe('lifecycle documents: states only move forward', () => {
  it('keeps the approval of a draft that was edited elsewhere meanwhile, and records the edit', () => {
    const onA = edit(draftInvoice, { note: 'Bitte Bestellnummer 4711 angeben.', editedBy: ['u-anna', 'u-carl'] }, T0 + 2 * HOUR, DEVICE_A, 'u-carl');
    const onB = approved(draftInvoice, T0, DEVICE_B);
    const [result] = fromBothSides('invoices', draftInvoice, onA, onB);
    expect(result.kept).toBe(onB);
    expect(result.conflict).toMatchObject({ rule: 'stateForward', lost: onA });
    expect(result.conflict!.fields).toEqual(expect.arrayContaining(['note', 'status', 'editedBy', 'approvedBy']));
  });

  it('merges two drafts field by field and keeps everyone who edited them (four eyes)', () => {
    const onA = edit(draftInvoice, { note: 'Zahlbar ohne Abzug.', editedBy: ['u-anna', 'u-carl'] }, T0, DEVICE_A, 'u-carl');
    const onB = edit(draftInvoice, { lines: [line, { ...line, id: 'L2', description: 'Anfahrt', quantity: '1', netUnitPrice: '45.00' }], editedBy: ['u-anna', 'u-ben'] }, T0 + HOUR, DEVICE_B, 'u-ben');
    const [result] = fromBothSides('invoices', draftInvoice, onA, onB);
    expect(result.conflict).toBeNull();
    expect(result.kept).toMatchObject({ note: 'Zahlbar ohne Abzug.', status: 'draft', hlc: onB.hlc });
    expect(result.kept.lines).toHaveLength(2);
    expect(result.kept.editedBy).toEqual(['u-anna', 'u-ben', 'u-carl']);
  });

  it('keeps a rejection made on one device when the other made no move', () => {
    const submitted = edit(draftInvoice, { status: 'submitted', submittedBy: ['u-anna'] }, T0, DEVICE_A, 'u-anna');
    const rejected = edit(submitted, { status: 'rejected', rejectionReason: 'Falscher Stundensatz' }, T0 + HOUR, DEVICE_B, 'u-chef');
    const resubmitted = edit(submitted, { submittedBy: ['u-anna', 'u-anna'] }, T0 + 2 * HOUR, DEVICE_A, 'u-anna');
    const [result] = fromBothSides('invoices', submitted, resubmitted, rejected);
    expect(result.kept).toBe(rejected);
    expect(result.conflict).toMatchObject({ rule: 'stateForward', lost: resubmitted });
  });

  it('keeps the invoiced order over a cancellation, and a rejected payment over its approval', () => {
    const order: Doc = { id: '01JF0ORDER0000000000000001', number: 'AU-2026-0042', customerId: customer.id, status: 'confirmed', orderDate: '2026-12-01', currency: 'EUR', lines: [line], createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' };
    const cancelled = edit(order, { status: 'cancelled', cancelReason: 'Kunde storniert' }, T0 + HOUR, DEVICE_A, 'u-anna');
    const invoiced = edit(order, { status: 'invoiced' }, T0, DEVICE_B, 'u-ben');
    expect(fromBothSides('orders', order, cancelled, invoiced)[0]).toMatchObject({ kept: invoiced, conflict: { rule: 'stateForward', lost: cancelled } });

    const request: Doc = { id: '01JF0REQUEST00000000000001', status: 'requested', direction: 'outgoing', amount: 12000, currency: 'EUR', method: 'bankTransfer', purpose: 'refund', createdAt: '2026-12-01T10:00:00.000Z', createdBy: 'u-anna', updatedAt: '2026-12-01T10:00:00.000Z' };
    const yes = edit(request, { status: 'approved', reviewerId: 'u-chef' }, T0 + HOUR, DEVICE_A, 'u-chef');
    const no = edit(request, { status: 'rejected', reviewerId: 'u-dora', decisionReason: 'Doppelt erfasst' }, T0, DEVICE_B, 'u-dora');
    expect(fromBothSides('paymentRequests', request, yes, no)[0]).toMatchObject({ kept: no, conflict: { rule: 'stateForward', lost: yes } });
  });

  it('decides two different versions in the same later state by the later change', () => {
    const approvedByA = approved(draftInvoice, T0, DEVICE_A);
    const approvedByB = edit(approved(draftInvoice, T0, DEVICE_B), { approvedBy: 'u-dora' }, T0 + HOUR, DEVICE_B, 'u-dora');
    const [result] = fromBothSides('invoices', draftInvoice, approvedByA, approvedByB);
    expect(result).toMatchObject({ kept: approvedByB, conflict: { rule: 'laterChange', lost: approvedByA } });
  });
});

describe('issued invoices and credit notes never change', () => {
  const approvedInvoice = approved(draftInvoice, T0 - DAY, DEVICE_A);

  it('keeps the issue the server holds when the same approved invoice was issued offline on both devices', () => {
    const onA = issued(approvedInvoice, 'RE-2026-A-000007', T0 + HOUR, DEVICE_A);
    const onB = issued(approvedInvoice, 'RE-2026-B-000003', T0 + 2 * HOUR, DEVICE_B);
    // A pushed first: B meets A's issue on the server and keeps it, whatever the clocks say.
    for (const [mine, master] of [[onB, onA], [onA, onB]] as const) {
      const result = resolveConflict('invoices', { assumed: approvedInvoice, mine, master });
      expect(result.kept).toBe(master);
      expect(result.conflict).toMatchObject({ rule: 'issuedTwice', lost: mine });
      expect(result.conflict!.fields).toContain('number');
    }
    expect(resolveConflict('invoices', { mine: onB, master: onA }).kept).toBe(onA);
  });

  it('keeps an issued invoice against any edit or deletion from another device', () => {
    const onA = issued(approvedInvoice, 'RE-2026-A-000007', T0, DEVICE_A);
    const laterEdit = edit(onA, { note: 'Geändert nach Ausstellung', grossAmount: 1 }, T0 + DAY, DEVICE_B, 'u-ben');
    expect(resolveConflict('invoices', { assumed: onA, master: onA, mine: laterEdit })).toMatchObject({ kept: onA, conflict: { rule: 'immutable', fields: ['grossAmount', 'note'], lost: laterEdit } });
    const removal = deleted(onA, T0 + DAY, DEVICE_B);
    expect(resolveConflict('invoices', { assumed: onA, master: onA, mine: removal })).toMatchObject({ kept: onA, conflict: { rule: 'immutable', lost: removal } });

    const creditNote = issued({ ...approvedInvoice, id: '01JF0CREDIT000000000000001', documentType: 'creditNote', correctsInvoiceId: draftInvoice.id }, 'GS-2026-A-000001', T0, DEVICE_A);
    const changed = edit(creditNote, { grossAmount: -100 }, T0 + HOUR, DEVICE_B, 'u-ben');
    expect(resolveConflict('invoices', { assumed: creditNote, master: creditNote, mine: changed })).toMatchObject({ kept: creditNote, conflict: { rule: 'immutable' } });
  });

  it('keeps the issued version over a draft edit or rejection made meanwhile', () => {
    const onA = issued(approvedInvoice, 'RE-2026-A-000007', T0, DEVICE_A);
    const rejectedOnB = edit(approvedInvoice, { status: 'rejected', rejectionReason: 'Zu spät' }, T0 + HOUR, DEVICE_B, 'u-chef');
    expect(fromBothSides('invoices', approvedInvoice, onA, rejectedOnB)[0]).toMatchObject({ kept: onA, conflict: { rule: 'stateForward', lost: rejectedOnB } });
    const deletedOnB = deleted(approvedInvoice, T0 + HOUR, DEVICE_B);
    expect(fromBothSides('invoices', approvedInvoice, onA, deletedOnB)[0]).toMatchObject({ kept: onA, conflict: { rule: 'deleted', lost: deletedOnB } });
  });
});

describe('facts', () => {
  const payment: Doc = { id: '01JF0FACT00000000000000001', kind: 'payment', subjectId: customer.id, occurredAt: '2026-12-07T09:00:00.000Z', deviceId: DEVICE_A, seq: 17, payment: { direction: 'incoming', amount: 20230, currency: 'EUR', bookedOn: '2026-12-07' } };

  it('never conflict: the same fact again is no conflict, a different one keeps the server copy', () => {
    expect(resolveConflict('facts', { master: payment, mine: { ...payment, _rev: '1-x', _meta: { lwt: 1 } } })).toEqual({ kept: payment, conflict: null });
    const altered = { ...payment, payment: { ...(payment.payment as Doc), amount: 1 } };
    expect(resolveConflict('facts', { master: payment, mine: altered })).toEqual({ kept: payment, conflict: { rule: 'immutable', fields: ['payment'], lost: altered } });
  });
});

describe('isEqualDocs', () => {
  it('compares content, not storage bookkeeping or key order', () => {
    const { _deleted, ...withoutFlag } = customer;
    expect(_deleted).toBe(false);
    expect(isEqualDocs(customer, { ...withoutFlag, _rev: '7-abc', _meta: { lwt: 5 }, _attachments: {} })).toBe(true);
    expect(isEqualDocs(customer, { ...customer, billingAddress: { country: 'DE', city: 'Berlin', postalCode: '10115', street: 'Hauptstraße 12' } })).toBe(true);
    expect(isEqualDocs(customer, { ...customer, vatId: undefined })).toBe(false);
    expect(isEqualDocs({ ...customer, vatId: undefined }, withoutFlag)).toBe(false);
    expect(isEqualDocs(customer, { ...customer, _deleted: true })).toBe(false);
    expect(isEqualDocs(customer, { ...customer, invoiceEmails: [] })).toBe(false);
  });
});

describe('property: a laterChange decision is the same on both devices and loses nothing silently', () => {
  const fields = { name: ['Alpha GmbH', 'Beta AG', 'Gamma KG'], paymentTermsDays: [7, 14, 30], vatId: ['DE111111111', 'DE222222222', undefined], invoiceEmails: [['a@x.de'], ['b@x.de', 'c@x.de'], []] } as const;
  const changes = fc.record(
    Object.fromEntries(Object.entries(fields).map(([k, values]) => [k, fc.option(fc.constantFrom(...(values as readonly unknown[])), { nil: undefined, freq: 2 })])),
    { requiredKeys: [] },
  );
  const side = fc.record({ changes, at: fc.integer({ min: 0, max: 3 }).map((h) => T0 + h * HOUR), counter: fc.integer({ min: 0, max: 2 }) });

  it('holds for random edits of the same customer', () => {
    fc.assert(
      fc.property(side, side, fc.boolean(), (a, b, withBase) => {
        const onA = edit(customer, a.changes, a.at, DEVICE_A, 'u-anna', formatStamp(a.at, a.counter, DEVICE_A));
        const onB = edit(customer, b.changes, b.at, DEVICE_B, 'u-ben', formatStamp(b.at, b.counter, DEVICE_B));
        const assumed = withBase ? customer : undefined;
        const [first, second] = fromBothSides('customers', assumed, onA, onB);
        expect(resolveConflict('customers', { assumed, mine: onA, master: onB })).toEqual(first);
        expect(second.conflict?.fields).toEqual(first.conflict?.fields);
        for (const key of Object.keys(fields)) {
          const kept = first.kept[key];
          // Every value is one a device wrote; where one was dropped, the lost version holds it.
          expect([onA[key], onB[key]]).toContainEqual(kept);
          for (const version of [onA, onB]) {
            const changed = !withBase || JSON.stringify(version[key]) !== JSON.stringify(customer[key]);
            if (changed && JSON.stringify(version[key]) !== JSON.stringify(kept)) {
              expect(first.conflict?.lost).toBe(version);
              expect(first.conflict?.fields).toContain(key);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: two devices moving the same invoice through its life end with the same document', () => {
  const withoutStamps = ({ hlc: _h, updatedAt: _a, updatedBy: _b, ...content }: Doc) => content;
  const sameContent = (a: Doc, b: Doc) => isEqualDocs(withoutStamps(a), withoutStamps(b));
  const letterOf = (device: string) => (device === DEVICE_A ? 'A' : 'B');
  type Step = 'edit' | 'submit' | 'approve' | 'reject' | 'issue' | 'delete';
  const NEXT: Record<Step, { from: string[]; change: (device: string, n: number) => Doc }> = {
    edit: { from: ['draft', 'rejected'], change: (device, n) => ({ status: 'draft', note: `Notiz ${letterOf(device)}${n}` }) },
    submit: { from: ['draft', 'rejected'], change: () => ({ status: 'submitted' }) },
    approve: { from: ['submitted'], change: (device) => ({ status: 'approved', approvedBy: `u-${letterOf(device)}` }) },
    reject: { from: ['submitted', 'approved'], change: (device, n) => ({ status: 'rejected', rejectionReason: `Grund ${n}` }) },
    issue: { from: ['approved'], change: (device, n) => ({ status: 'issued', number: `RE-2026-${letterOf(device)}-00000${n}` }) },
    delete: { from: ['draft', 'submitted', 'approved', 'rejected'], change: () => ({ _deleted: true }) },
  };
  const steps = fc.array(fc.constantFrom<Step>('edit', 'submit', 'approve', 'reject', 'issue', 'delete'), { maxLength: 5 });

  function walk(start: Doc, path: Step[], clock: HybridClock, device: string, wallStart: number): Doc {
    let doc = start;
    path.forEach((step, n) => {
      if (doc._deleted || !NEXT[step].from.includes(String(doc.status))) return;
      doc = edit(doc, NEXT[step].change(device, n), wallStart + n * 1000, device, `u-${letterOf(device)}`, clock.now());
    });
    return doc;
  }

  it('holds for random paths, a clock a day ahead included', () => {
    fc.assert(
      fc.property(steps, steps, fc.boolean(), fc.constantFrom(0, DAY, -HOUR), (pathA, pathB, fromDraft, skew) => {
        const start = fromDraft ? draftInvoice : approved(draftInvoice, T0 - DAY, DEVICE_A);
        const onA = walk(start, pathA, new HybridClock(DEVICE_A, () => T0, start.hlc as string), DEVICE_A, T0);
        const onB = walk(start, pathB, new HybridClock(DEVICE_B, () => T0 + skew, start.hlc as string), DEVICE_B, T0 + skew);
        const issuedVersions = [onA, onB].filter((d) => d.status === 'issued' && !d._deleted);
        // Issued on both: the server keeps the one that reached it first (here A's), not a symmetric choice.
        const issuedTwice = issuedVersions.length === 2 && onA.number !== onB.number;
        const result = issuedTwice ? resolveConflict('invoices', { assumed: start, mine: onB, master: onA }) : fromBothSides('invoices', start, onA, onB)[0];
        if (issuedTwice) expect(result.kept).toBe(onA);
        if (issuedVersions.length) expect(issuedVersions).toContain(result.kept);
        if (issuedVersions.length === 2) expect(result.conflict?.rule).toBe('issuedTwice');
        // A version that changed something and was not kept is returned as lost (two deletions lose nothing).
        if (onA._deleted && onB._deleted) return;
        for (const version of [onA, onB]) {
          if (!sameContent(version, start) && !sameContent(version, result.kept) && result.conflict?.lost !== version) {
            expect(result.conflict?.rule).toBe('laterChange');
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
