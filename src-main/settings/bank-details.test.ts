/**
 * The company's bank details: changed only by an admin and confirmed by a second person, with an
 * audit entry and a notice to every admin; an invoice approved before the change is approved
 * again before it is issued, so what is issued is what its approver saw.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, PublicUser } from '../../src-shared/contract/index.js';
import { customer, team, type Team } from '../../tests/support/books.js';
import { ADMIN, COMPANY, PASSWORD, adminSetup, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { startSmtpServer } from '../../tests/support/smtp-server.js';

const IBAN_A = 'DE89370400440532013000';
const IBAN_B = 'DE02 1203 0000 0000 2020 51';
const IBAN_C = 'DE73 5001 0517 0137 5068 57';
const NEW_BANK = { iban: IBAN_B, bic: 'BYLADEM1001', bankName: 'Deutsche Kreditbank' };

let app: TestApp;
let t: Team;
let secondAdmin: ApiClient;
let secondAdminUser: PublicUser;

const ibanOf = async (client: ApiClient) => (await unwrap(client.invoke('settings.getCompany', {})))?.iban;
const noticeKeys = async (client: ApiClient) => (await unwrap(client.invoke('notifications.list', {}))).items.map((n) => n.key);
const auditActions = async () =>
  (await app.services.books.db.facts.find({ selector: { kind: 'audit' }, sort: [{ seq: 'asc' }] }).exec()).map((e) => e.audit!.action);

async function approvedInvoice(): Promise<string> {
  const c = await customer(t.bookkeeper);
  const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Wartung', quantity: '1', netUnitPrice: '100' }] }));
  await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
  await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id }));
  return draft.id;
}

describe('changing the bank details', () => {
  beforeEach(async () => {
    app = await startTestApp();
    t = await team(app);
    secondAdminUser = await unwrap(t.admin.invoke('users.create', { name: 'Berta Admin', email: 'berta@muster.example', role: 'admin', password: PASSWORD }));
    secondAdmin = app.client();
    await unwrap(secondAdmin.invoke('auth.login', { userId: secondAdminUser.id, password: PASSWORD }));
  });
  afterEach(async () => app.stop());

  it('needs an admin and a second person; an invoice approved with the old account is approved again before it is issued', async () => {
    const invoiceId = await approvedInvoice();

    // A bookkeeper or supervisor may keep the profile, but not change the account.
    for (const client of [t.bookkeeper, t.supervisor]) {
      expect(await client.invoke('settings.saveCompany', { ...COMPANY, iban: IBAN_B })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', details: { fields: [{ field: 'iban', problem: 'validation.bankDetailsAdminOnly' }] } },
      });
    }
    expect(await ibanOf(t.admin)).toBe(IBAN_A);
    expect(await unwrap(t.bookkeeper.invoke('settings.saveCompany', { ...COMPANY, phone: '+49 211 654321' }))).toMatchObject({ iban: IBAN_A, phone: '+49 211 654321' });

    // The admin proposes the new account: the rest of the profile is saved, the account waits.
    const proposed = await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, city: 'Neuss', ...NEW_BANK }));
    expect(proposed).toMatchObject({ city: 'Neuss', iban: IBAN_A, bic: COMPANY.bic, bankName: COMPANY.bankName });
    expect(proposed.pendingBankChange).toMatchObject({ iban: 'DE02120300000000202051', bic: 'BYLADEM1001', bankName: 'Deutsche Kreditbank', proposedByName: 'Anna Admin' });
    const pending = proposed.pendingBankChange!;
    expect(await ibanOf(t.bookkeeper)).toBe(IBAN_A);

    // Not by the same admin, not by a bookkeeper.
    expect(await t.admin.invoke('settings.confirmBankChange', { id: pending.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await t.bookkeeper.invoke('settings.confirmBankChange', { id: pending.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ibanOf(t.admin)).toBe(IBAN_A);
    // Every admin hears of it, and the supervisor, who may confirm it; the bookkeeper does not.
    for (const client of [t.admin, secondAdmin, t.supervisor]) expect(await noticeKeys(client)).toContain('settings.bankChange.noticeProposed');
    expect(await noticeKeys(t.bookkeeper)).not.toContain('settings.bankChange.noticeProposed');
    expect((await unwrap(t.supervisor.invoke('settings.getCompany', {})))?.pendingBankChange).toMatchObject({ id: pending.id, mayConfirm: true });
    expect((await unwrap(t.admin.invoke('settings.getCompany', {})))?.pendingBankChange).toMatchObject({ id: pending.id, mayConfirm: false });

    // A second person confirms: from now on the new account.
    const confirmed = await unwrap(t.supervisor.invoke('settings.confirmBankChange', { id: pending.id }));
    expect(confirmed).toMatchObject({ iban: 'DE02120300000000202051', bic: 'BYLADEM1001', bankName: 'Deutsche Kreditbank', city: 'Neuss', pendingBankChange: null });
    for (const client of [t.admin, secondAdmin]) expect(await noticeKeys(client)).toContain('settings.bankChange.noticeConfirmed');
    expect(await t.supervisor.invoke('settings.confirmBankChange', { id: pending.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    // The invoice approved with the old account is not issued with the new one unseen.
    expect(await t.bookkeeper.invoke('invoices.issue', { id: invoiceId })).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_OUTDATED', details: { fields: expect.arrayContaining([{ field: 'iban', problem: 'approval.sellerChanged' }]) } },
    });
    const voided = await unwrap(t.bookkeeper.invoke('invoices.get', { id: invoiceId }));
    expect(voided).toMatchObject({ status: 'submitted', number: '', approvedBy: '' });
    await unwrap(t.supervisor.invoke('invoices.approve', { id: invoiceId }));
    const issued = await unwrap(t.bookkeeper.invoke('invoices.issue', { id: invoiceId }));
    expect(issued.seller).toMatchObject({ iban: 'DE02120300000000202051', bic: 'BYLADEM1001', address: { city: 'Neuss' } });

    const actions = await auditActions();
    expect(actions).toEqual(expect.arrayContaining(['settings.bankChangeProposed', 'settings.bankChangeConfirmed', 'invoice.approvalVoided']));
    // Each once, in this order.
    const bankChange = ['settings.bankChangeProposed', 'settings.bankChangeConfirmed', 'invoice.approvalVoided'];
    expect(actions.filter((a) => bankChange.includes(a))).toEqual(bankChange);
    expect(await unwrap(t.admin.invoke('audit.verify', {}))).toMatchObject({ firstBreak: null });
  });

  it('a change can be withdrawn or rejected and never applies; a confirmation of a replaced proposal is refused', async () => {
    const first = (await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, ...NEW_BANK }))).pendingBankChange!;
    // The proposer withdraws it.
    expect(await unwrap(t.admin.invoke('settings.rejectBankChange', { id: first.id }))).toMatchObject({ iban: IBAN_A, pendingBankChange: null });

    const second = (await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, ...NEW_BANK }))).pendingBankChange!;
    // Another admin replaces it before anyone confirmed: what the supervisor looked at is gone.
    const third = (await unwrap(secondAdmin.invoke('settings.saveCompany', { ...COMPANY, iban: IBAN_C }))).pendingBankChange!;
    expect(third.id).not.toBe(second.id);
    expect(await t.supervisor.invoke('settings.confirmBankChange', { id: second.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await unwrap(t.supervisor.invoke('settings.rejectBankChange', { id: third.id }))).toMatchObject({ iban: IBAN_A, pendingBankChange: null });
    expect(await ibanOf(t.admin)).toBe(IBAN_A);
    for (const client of [t.admin, secondAdmin]) expect(await noticeKeys(client)).toContain('settings.bankChange.noticeRejected');
    expect(await auditActions()).toEqual(expect.arrayContaining(['settings.bankChangeProposed', 'settings.bankChangeRejected']));
  });

  it('reaches whoever becomes an admin or supervisor while the change waits (created later or promoted)', async () => {
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, ...NEW_BANK }));
    const late = await unwrap(t.admin.invoke('users.create', { name: 'Spät Dazu', email: 'spaet@muster.example', role: 'supervisor', password: PASSWORD }));
    const lateClient = app.client();
    await unwrap(lateClient.invoke('auth.login', { userId: late.id, password: PASSWORD }));
    expect(await noticeKeys(lateClient)).toContain('settings.bankChange.noticeProposed');

    const bookkeeperId = (await unwrap(t.bookkeeper.invoke('auth.whoami', {})))!.id;
    await unwrap(t.admin.invoke('users.update', { id: bookkeeperId, role: 'supervisor' }));
    const promoted = app.client();
    await unwrap(promoted.invoke('auth.login', { userId: bookkeeperId, password: PASSWORD }));
    expect(await noticeKeys(promoted)).toEqual(['settings.bankChange.noticeProposed']);
    // Told once: a second change of the same user adds nothing.
    await unwrap(t.admin.invoke('users.update', { id: bookkeeperId, name: 'Bea Befördert' }));
    expect(await noticeKeys(promoted)).toEqual(['settings.bankChange.noticeProposed']);
  });

  it('mails every admin when a mail account is set', async () => {
    const smtp = await startSmtpServer();
    try {
      await unwrap(t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromAddress: 'rechnung@muster.example', autoSendInvoices: false }));
      await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, ...NEW_BANK }));
      await app.services.mail.start();
      await smtp.waitFor(2, 20_000);
      const parsed = await Promise.all(smtp.received.map((m) => m.parse()));
      const notices = parsed.filter((m) => m.subject?.includes('Bankverbindung'));
      expect(notices.map((m) => (m.to as { text: string }).text).sort()).toEqual([ADMIN.email, 'berta@muster.example']);
      expect(notices[0]!.text).toContain('DE02 1203 0000 0000 2020 51');
    } finally {
      await app.services.mail.stop();
      await smtp.stop();
    }
  });
});

describe('the first bank details', () => {
  it('are set by an admin alone; a bookkeeper may not set them', async () => {
    const fresh = await startTestApp();
    try {
      const admin = fresh.client();
      await unwrap(admin.invoke('auth.setupAdmin', adminSetup(fresh)));
      const bookkeeperUser = await unwrap(admin.invoke('users.create', { name: 'Bernd Buchhalter', email: 'bernd@muster.example', role: 'bookkeeper', password: PASSWORD }));
      const bookkeeper = fresh.client();
      await unwrap(bookkeeper.invoke('auth.login', { userId: bookkeeperUser.id, password: PASSWORD }));

      expect(await bookkeeper.invoke('settings.saveCompany', COMPANY)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await fresh.services.books.db.settings.findOne('company').exec()).toBeNull();
      await unwrap(bookkeeper.invoke('settings.saveCompany', { ...COMPANY, iban: '', bic: '', bankName: '' }));
      expect(await unwrap(admin.invoke('settings.saveCompany', COMPANY))).toMatchObject({ iban: IBAN_A, pendingBankChange: null });
      // From then on a change waits for a second person.
      expect(await unwrap(admin.invoke('settings.saveCompany', { ...COMPANY, ...NEW_BANK }))).toMatchObject({ iban: IBAN_A, pendingBankChange: { iban: 'DE02120300000000202051' } });
    } finally {
      await fresh.stop();
    }
  });
});
