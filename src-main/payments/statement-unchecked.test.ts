/**
 * Statements whose entries no balance vouches for (an MT940 without closing balance, a CAMT.054
 * notification): the preview warns, the import books them only when the user confirms, and never
 * silently. Entries whose dates the reader had to make out carry a note in the preview.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { team, type Team } from '../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;
const file = (name: string) => ({ fileName: name, dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements', name)).toString('base64') });

beforeEach(async () => {
  app = await startTestApp(() => new Date('2026-12-02T09:00:00Z'));
  t = await team(app);
});
afterEach(async () => app.stop());

describe('a statement that cannot be checked against its balances', () => {
  it('is previewed with a warning, refused without confirmation (nothing booked), and booked once confirmed', async () => {
    const preview = await unwrap(t.bookkeeper.invoke('payments.previewStatement', file('mt940-no-closing.sta')));
    expect(preview.unchecked).toEqual([{ statementId: '00240/001', key: 'statementImport.warning.noClosingBalance' }]);
    expect(preview.entries).toHaveLength(1);

    const refused = await t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-no-closing.sta'), autoAllocate: false });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'confirmUnchecked', problem: 'validation.statementUnchecked' }] } });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(0);

    const booked = await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-no-closing.sta'), autoAllocate: false, confirmUnchecked: true }));
    expect(booked).toMatchObject({ imported: 1 });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(1);
  });

  it('asks for a CAMT.054 notification too, which carries no balances at all', async () => {
    const preview = await unwrap(t.bookkeeper.invoke('payments.previewStatement', file('camt054-v12-notification.xml')));
    expect(preview.unchecked).toEqual([{ statementId: 'NTF-0042', key: 'statementImport.warning.noBalances' }]);
    expect(preview.entries[0]!.notes).toEqual([{ key: 'statementImport.note.bookingDateFromValueDate', params: {} }]);
    const refused = await t.bookkeeper.invoke('payments.importStatement', file('camt054-v12-notification.xml'));
    expect(refused.ok).toBe(false);
  });

  it('books a statement whose balances add up without asking, its notes shown in the preview', async () => {
    const preview = await unwrap(t.bookkeeper.invoke('payments.previewStatement', file('mt940-pages.sta')));
    expect(preview.unchecked).toEqual([]);
    expect(preview.entries.map((e) => [e.date, e.valueDate, e.amount, e.notes ?? []])).toEqual([
      ['2026-02-26', '2026-02-26', 14_764, []],
      ['2026-02-27', '2026-02-28', -125, [{ key: 'statementImport.note.valueDateNotCalendar', params: { written: '2026-02-30' } }]],
    ]);
    expect(await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-pages.sta'), autoAllocate: false }))).toMatchObject({ imported: 2 });
  });
});
