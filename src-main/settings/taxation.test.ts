/**
 * Soll- or Istversteuerung in the company profile: Soll until someone chooses otherwise, the
 * choice kept across a restart of the books, anything else refused at its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { team, type Team } from '../../tests/support/books.js';
import { COMPANY, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';

let app: TestApp;
let t: Team;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(async () => app.stop());

describe('taxation of the company', () => {
  it('is Sollversteuerung when the profile was saved without a choice', async () => {
    expect(await unwrap(t.admin.invoke('settings.getCompany', {}))).toMatchObject({ taxation: 'soll' });
  });

  it('keeps Istversteuerung once chosen, and the stored profile says so', async () => {
    expect(await unwrap(t.bookkeeper.invoke('settings.saveCompany', { ...COMPANY, taxation: 'ist' }))).toMatchObject({ taxation: 'ist' });
    expect(await unwrap(t.supervisor.invoke('settings.getCompany', {}))).toMatchObject({ taxation: 'ist', name: COMPANY.name });
    const stored = await app.services.books.db.settings.findOne('company').exec();
    expect(stored?.company?.taxation).toBe('ist');
  });

  it('refuses another value at its field and changes nothing', async () => {
    const result = await t.admin.invoke('settings.saveCompany', { ...COMPANY, taxation: 'monthly' } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'taxation', problem: 'validation.taxation' }] } } });
    expect(await unwrap(t.admin.invoke('settings.getCompany', {}))).toMatchObject({ taxation: 'ist' });
  });
});
