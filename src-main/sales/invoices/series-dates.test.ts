import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customer, team, type Team } from '../../../tests/support/books.js';
import { startTestApp, unwrap, type TestApp } from '../../../tests/support/services.js';

let app: TestApp;
let t: Team;
let customerId: string;
beforeEach(async () => {
  app = await startTestApp();
  t = await team(app);
  customerId = (await customer(t.bookkeeper)).id;
});
afterEach(async () => app.stop());

async function submitted(issueDate: string) {
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId, issueDate, lines: [{ description: 'Beratung', quantity: '1', netUnitPrice: '80' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  return draft;
}
async function approved(issueDate: string) {
  const draft = await submitted(issueDate);
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  return draft;
}

describe('dates within a number series never go backwards', () => {
  it('refuses to issue or approve an invoice dated before the newest number of its series, naming both dates', async () => {
    const late = await approved('2026-11-25');
    const early = await approved('2026-11-10');
    expect((await unwrap(t.bookkeeper.invoke('invoices.issue', { id: late.id }))).number).toBe('RE-2026-A-000001');

    const refused = await t.bookkeeper.invoke('invoices.issue', { id: early.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'SERIES_DATE_BACKWARDS', details: { date: '2026-11-10', previousNumber: 'RE-2026-A-000001', previousDate: '2026-11-25', fields: [{ field: 'issueDate', problem: 'validation.issueDateBeforeSeries' }] } },
    });
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: early.id }))).status).toBe('approved');

    const another = await submitted('2026-11-24');
    expect(await t.supervisor.invoke('invoices.approve', { id: another.id })).toMatchObject({ ok: false, error: { code: 'SERIES_DATE_BACKWARDS', details: { date: '2026-11-24', previousNumber: 'RE-2026-A-000001' } } });
    expect(await t.supervisor.invoke('invoices.approveMany', { ids: [another.id] })).toMatchObject({ ok: false, error: { code: 'SERIES_DATE_BACKWARDS' } });

    // The same day as the newest number is fine, and the number after it is the next one: no gap.
    const sameDay = await approved('2026-11-25');
    expect((await unwrap(t.bookkeeper.invoke('invoices.issue', { id: sameDay.id }))).number).toBe('RE-2026-A-000002');
  });

  it('numbers a batch in date order, and issues nothing of a batch when one is dated before its series', async () => {
    const later = await approved('2026-11-20');
    const earlier = await approved('2026-11-12');
    const result = await unwrap(t.bookkeeper.invoke('invoices.issueMany', { ids: [later.id, earlier.id] }));
    expect(result.numbers).toEqual(['RE-2026-A-000001', 'RE-2026-A-000002']);
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: earlier.id }))).number).toBe('RE-2026-A-000001');
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: later.id }))).number).toBe('RE-2026-A-000002');

    const fine = await approved('2026-11-26');
    // Approved before the series reached the 20th, as a draft from the day before it would have been.
    const stale = await approved('2026-11-20');
    await (await app.services.books.db.invoices.findOne(stale.id).exec())!.incrementalPatch({ issueDate: '2026-11-19' });
    expect(await t.bookkeeper.invoke('invoices.issueMany', { ids: [fine.id, stale.id] })).toMatchObject({
      ok: false,
      error: { code: 'SERIES_DATE_BACKWARDS', details: { ids: [stale.id], date: '2026-11-19', previousNumber: 'RE-2026-A-000002', previousDate: '2026-11-20' } },
    });
    expect((await unwrap(t.bookkeeper.invoke('invoices.get', { id: fine.id }))).status).toBe('approved');
  });
});
