/**
 * Reminders and dunning through the contract, on real books with a frozen clock that the tests
 * move: level progression over 120 days, the run twice on one day, dunning stops, interest with a
 * partial payment (computed by hand here), the letters read back, the mails at a real SMTP server,
 * notifications, credit risk with supervisor confirmation, blocked orders, the base-rate update.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, InvoiceView } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { COMPANY, PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../../tests/support/smtp-server.js';
import { issued, pdfPages } from '../../tests/support/pdf.js';

let now: Date;
let app: TestApp;
let t: Team;
let manager: ApiClient;
let managerId: string;

const setDay = (iso: string) => {
  now = new Date(`${iso}T08:00:00.000Z`);
};

beforeEach(async () => {
  setDay('2026-01-05');
  app = await startTestApp(() => now);
  t = await team(app);
  managerId = (await unwrap(t.admin.invoke('users.create', { name: 'Moritz Manager', email: 'moritz@muster.example', role: 'accountManager', password: PASSWORD }))).id;
  manager = app.client();
  await unwrap(manager.invoke('auth.login', { userId: managerId, password: PASSWORD }));
});
afterEach(async () => app.stop());

let products = 0;
/** An invoice of `net` + 19 % VAT, issued today, due in 14 days. */
async function invoiceFor(customerId: string, net: string): Promise<InvoiceView> {
  const p = await product(t.bookkeeper, { sku: `D-${++products}`, netPrice: net, vatRate: '19' });
  return issued(t, { customerId, lines: [{ productId: p.id, quantity: '1' }] });
}

/** Cents as the decimal text the forms send, without floating point. */
const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const facts = async (kind: 'reminder' | 'maintenanceRun') => (await app.services.books.db.facts.find({ selector: { kind } }).exec()).map((d) => d.toMutableJSON());
const reminderMails = async () => (await app.services.books.db.outbox.find({}).exec()).filter((m) => m.event.startsWith('reminder'));

async function automatic(mode: 'send' | 'propose' = 'send') {
  const settings = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
  const levels = settings.levels.map((l) => ({ ...l, feeConsumer: euros(l.feeConsumer), feeBusiness: euros(l.feeBusiness) }));
  return unwrap(t.bookkeeper.invoke('reminders.saveSettings', { levels, chargeInterest: true, flatFeeBusiness: false, minimumOpen: '5.00', autoRun: mode, blockOrdersAtFinalNotice: true }));
}

describe('the reminder run', () => {
  it('walks an unpaid invoice through the levels over 120 days, once each, with interest from default on', async () => {
    const business = await customer(t.bookkeeper, { name: 'Bäckerei Schmidt GmbH', accountManagerId: managerId });
    const consumer = await customer(t.bookkeeper, { name: 'Erika Mustermann', kind: 'consumer', invoiceEmails: ['erika@privat.example'] });
    const b = await invoiceFor(business.id, '1000'); // 1,190.00 €, due 2026-01-19
    const c = await invoiceFor(consumer.id, '100'); // 119.00 €
    expect(b.dueDate).toBe('2026-01-19');
    await automatic('send');

    for (let day = 0; day <= 120; day++) {
      setDay(new Date(Date.UTC(2026, 0, 5 + day)).toISOString().slice(0, 10));
      await app.services.reminders.daily();
    }
    const sent = (await facts('reminder')).map((f) => f.reminder!).sort((x, y) => x.runDate.localeCompare(y.runDate));
    const of = (id: string) => sent.filter((r) => r.invoiceId === id).map((r) => [r.level, r.runDate, r.deadline]);
    // Level 0 seven days after the due date; each next level 14 days after the one before.
    expect(of(b.id)).toEqual([
      [0, '2026-01-26', '2026-02-02'],
      [1, '2026-02-09', '2026-02-19'],
      [2, '2026-02-23', '2026-03-05'],
      [3, '2026-03-09', '2026-03-16'],
    ]);
    expect(of(c.id).map(([level]) => level)).toEqual([0, 1, 2, 3]);

    const bLevels = sent.filter((r) => r.invoiceId === b.id);
    // Business: in default 30 days after the due date, from 19 February (§ 286 Abs. 3 BGB; the
    // deadline of the first dunning letter, 19 February, would put it in default a day later).
    // Level 2 on 23 February: 5 days × 119,000 × 10.27 % / 365 = 167.42 → 167 cents;
    // level 3 on 9 March: 19 days → 636.18 → 636 cents. Fees only for letters in default.
    expect(bLevels.map((r) => [r.interest, r.fee, r.earlierFees, r.interestFrom ?? ''])).toEqual([
      [0, 0, 0, ''],
      [0, 0, 0, ''],
      [167, 500, 0, '2026-02-19'],
      [636, 1000, 500, '2026-02-19'],
    ]);
    // Consumer: in default after the deadline of the first dunning letter (19 February), at 1.27 + 5 = 6.27 %.
    // Level 2 on 23 February: 4 days × 11,900 × 6.27 % / 365 = 8.18 → 8 cents;
    // level 3 on 9 March: 18 days (20 February … 9 March) → 36.80 → 37 cents.
    const cLevels = sent.filter((r) => r.invoiceId === c.id);
    expect(cLevels.map((r) => [r.interest, r.fee, r.interestFrom ?? ''])).toEqual([
      [0, 0, ''],
      [0, 0, ''],
      [8, 250, '2026-02-20'],
      [37, 500, '2026-02-20'],
    ]);
    // Each letter went out by mail with its PDF; the account manager was told in the app.
    const mails = await reminderMails();
    expect(mails.map((m) => `${m.event}:${m.invoiceId === b.id ? 'b' : 'c'}`).sort()).toEqual(['reminder0:b', 'reminder0:c', 'reminder1:b', 'reminder1:c', 'reminder2:b', 'reminder2:c', 'reminder3:b', 'reminder3:c']);
    expect(mails.every((m) => m.attachments?.length === 1 && m.attachments[0]!.contentType === 'application/pdf')).toBe(true);
    const notes = await unwrap(manager.invoke('notifications.list', {}));
    expect(notes.items.filter((n) => n.topic === 'reminder.sent').map((n) => n.values.invoice)).toEqual([b.number, b.number, b.number, b.number]);
    // On day 120 the notices of January are older than 90 days and count as read.
    expect(notes.items.map((n) => n.read)).toEqual([false, false, false, false, false, false, true, true]);
    expect(notes.unread).toBe(6);
    expect((await unwrap(manager.invoke('notifications.markRead', { all: true }))).unread).toBe(0);
  }, 120_000);

  it('a second run on the same day does nothing; a stop skips the invoice or customer until it is lifted', async () => {
    const a = await customer(t.bookkeeper, { name: 'Alpha GmbH' });
    const z = await customer(t.bookkeeper, { name: 'Zeta GmbH' });
    const ia = await invoiceFor(a.id, '200');
    const iz = await invoiceFor(z.id, '300');
    setDay('2026-01-27');

    await unwrap(t.bookkeeper.invoke('reminders.setInvoiceStop', { invoiceId: ia.id, active: true, reason: 'Reklamation: Lieferung unvollständig' }));
    expect(await t.bookkeeper.invoke('reminders.setInvoiceStop', { invoiceId: iz.id, active: true, reason: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'reason', problem: 'validation.required' }] } },
    });
    await unwrap(t.bookkeeper.invoke('customers.save', { ...(await import('../../src-shared/contract/index.js')).customerInputOf(z), dunningStop: 'Ratenzahlung vereinbart' }));
    const preview = await unwrap(t.bookkeeper.invoke('reminders.preview', {}));
    expect(preview.proposals).toEqual([]);
    expect(preview.skipped.map((s) => [s.invoiceNumber, s.reason, s.detail])).toEqual(
      expect.arrayContaining([
        [ia.number, 'invoiceStop', 'Reklamation: Lieferung unvollständig'],
        [iz.number, 'customerStop', 'Ratenzahlung vereinbart'],
      ]),
    );
    expect((await app.services.reminders.run([], t.ids.bookkeeper!)).created).toBe(0);

    await unwrap(t.bookkeeper.invoke('reminders.setInvoiceStop', { invoiceId: ia.id, active: false, reason: '' }));
    expect((await unwrap(t.bookkeeper.invoke('reminders.preview', {}))).proposals.map((p) => p.invoiceNumber)).toEqual([ia.number]);
    const first = await app.services.reminders.run([], t.ids.bookkeeper!);
    expect(first).toMatchObject({ created: 1, mailed: 1 });
    const second = await app.services.reminders.run([], t.ids.bookkeeper!);
    expect(second.created).toBe(0);
    expect(await facts('reminder')).toHaveLength(1);
    expect(await reminderMails()).toHaveLength(1);
    // Started as a job from the screen, the same: nothing new.
    const job = await unwrap(t.bookkeeper.invoke('reminders.run', { invoiceIds: [] }));
    expect(job.total).toBe(100);
    await app.services.jobs.idle();
    expect(await facts('reminder')).toHaveLength(1);
  });

  it('a partial payment during default lowers the interest from its day on', async () => {
    const c = await customer(t.bookkeeper, { name: 'Gamma KG' });
    // Gamma's contract fixes the payment date: the due date alone puts it in default (§ 286 Abs. 2 Nr. 1 BGB).
    const company = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
    const levels = company.levels.map((l) => ({ ...l, feeConsumer: euros(l.feeConsumer), feeBusiness: euros(l.feeBusiness) }));
    await unwrap(t.bookkeeper.invoke('reminders.saveSettings', { customerId: c.id, levels, chargeInterest: true, flatFeeBusiness: false, minimumOpen: '5.00', dueDateAgreed: true }));
    const invoice = await invoiceFor(c.id, '1000'); // 1,190.00 €, due 19 January, default from 20 January
    setDay('2026-01-26');
    await app.services.reminders.run([], t.ids.bookkeeper!);
    setDay('2026-02-09');
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-02-01', amount: '500.00', allocations: [{ invoiceId: invoice.id, amount: '500.00' }] }));
    const [p] = (await unwrap(t.bookkeeper.invoke('reminders.preview', {}))).proposals;
    // 20 Jan … 31 Jan: 12 days × 119,000 × 10.27 % / 365 = 401.80 → 402
    //  1 Feb …  9 Feb:  9 days ×  69,000 × 10.27 % / 365 = 174.73 → 175
    expect(p!.interestPeriods.map((x) => [x.from, x.to, x.days, x.principal, x.rate, x.amount])).toEqual([
      ['2026-01-20', '2026-01-31', 12, 119000, '10.27', 402],
      ['2026-02-01', '2026-02-09', 9, 69000, '10.27', 175],
    ]);
    expect(p).toMatchObject({ level: 1, openAmount: 69000, interest: 577, fee: 500, total: 69000 + 577 + 500 });

    // The letter says so, read back from the PDF.
    const preview = await unwrap(t.bookkeeper.invoke('reminders.letter', { invoiceId: invoice.id }));
    const text = pdfPages(Buffer.from(preview.dataBase64, 'base64')).join('\n');
    expect(text).toContain('1. Mahnung');
    expect(text).toContain(invoice.number);
    expect(text).toContain('5,77 €');
    expect(text).toContain('700,77 €');
    expect(preview.mail.subject).toBe(`1. Mahnung zu Rechnung ${invoice.number}`);
    expect(preview.mail.text).toContain('Verzugszinsen (§ 288 BGB): 5,77 €');
    // Below the threshold: no reminder.
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-02-09', amount: '686.00', allocations: [{ invoiceId: invoice.id, amount: '686.00' }] }));
    expect((await unwrap(t.bookkeeper.invoke('reminders.preview', {}))).skipped).toMatchObject([{ invoiceNumber: invoice.number, reason: 'belowMinimum', openAmount: 400 }]);
  });

  it('mails the letter with its PDF to the customer and the notice to the account manager, at a real SMTP server', async () => {
    const smtp: TestSmtpServer = await startSmtpServer();
    try {
      await unwrap(
        t.admin.invoke('mail.saveSettings', { host: '127.0.0.1', port: smtp.port, security: 'none', fromAddress: 'rechnung@muster.example', customerServiceAddress: 'service@muster.example', autoSendInvoices: false }),
      );
      const c = await customer(t.bookkeeper, { name: 'Delta AG', accountManagerId: managerId, invoiceEmails: ['ap@delta.example'], language: 'en' });
      const invoice = await invoiceFor(c.id, '100');
      setDay('2026-01-27');
      await app.services.reminders.run([], t.ids.bookkeeper!);
      await app.services.mail.start();
      await smtp.waitFor(3, 20_000);
      const parsed = await Promise.all(smtp.received.map((m) => m.parse()));
      const letter = parsed.find((m) => m.subject === `Payment reminder for invoice ${invoice.number}`)!;
      expect(letter.to).toMatchObject({ text: 'ap@delta.example' });
      expect(letter.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${invoice.number}-M0.pdf`, 'application/pdf']]);
      expect(pdfPages(letter.attachments[0]!.content).join('\n')).toContain('Payment reminder');
      const notices = parsed.filter((m) => m.subject === 'Mahnlauf: 1 Schreiben erstellt');
      expect(notices.map((m) => (m.to as { text: string }).text).sort()).toEqual(['moritz@muster.example', 'service@muster.example']);
      expect(notices[0]!.text).toContain(`${invoice.number} · Delta AG`);
    } finally {
      await app.services.mail.stop();
      await smtp.stop();
    }
  });
});

describe('interrupted and automatic runs', () => {
  it('a run cancelled after writing its records sends their letters on the next run, once', async () => {
    const c = await customer(t.bookkeeper, { name: 'Theta GmbH' });
    const invoice = await invoiceFor(c.id, '100');
    setDay('2026-01-27');
    let cancelled = false;
    const first = await app.services.reminders.run([], t.ids.bookkeeper!, {
      progress: (percent) => {
        if (percent >= 50) cancelled = true;
      },
      cancelled: () => cancelled,
    });
    expect(first).toMatchObject({ created: 1, mailed: 0 });
    expect(await reminderMails()).toHaveLength(0);
    const second = await app.services.reminders.run([], t.ids.bookkeeper!);
    expect(second.created).toBe(0);
    const mails = await reminderMails();
    expect(mails.map((m) => [m.event, m.invoiceId])).toEqual([['reminder0', invoice.id]]);
    await app.services.reminders.run([], t.ids.bookkeeper!);
    expect(await reminderMails()).toHaveLength(1);
    // The run's notice did not call the held-back mail a letter to print.
    const notes = await unwrap(t.supervisor.invoke('notifications.list', {}));
    expect(notes.items.filter((n) => n.topic === 'reminder.run').map((n) => n.values)).toEqual([{ count: 1, toPrint: 0 }]);
    // A reprint is the letter as sent, even after the company moved.
    await unwrap(t.admin.invoke('settings.saveCompany', { ...COMPANY, name: 'Muster & Töchter AG' }));
    const [record] = await unwrap(t.bookkeeper.invoke('reminders.history', { invoiceId: invoice.id }));
    const reprint = pdfPages(Buffer.from((await unwrap(t.bookkeeper.invoke('reminders.print', { id: record!.id }))).dataBase64, 'base64')).join('\n');
    expect(reprint).toContain(COMPANY.name);
    expect(reprint).not.toContain('Muster & Töchter AG');
  });

  it('a letter another device wrote is that device\'s to mail; this device never sends it', async () => {
    const c = await customer(t.bookkeeper, { name: 'Lambda GmbH' });
    const invoice = await invoiceFor(c.id, '100');
    setDay('2026-01-27');
    // A record as it arrives by sync from device B before B's outbox entry does.
    await app.services.books.db.facts.insert({
      id: '01KREMINDERFROMOTHERDEVICE',
      kind: 'reminder',
      subjectId: invoice.id,
      occurredAt: now.toISOString(),
      deviceId: 'device-b',
      seq: 0,
      reminder: { invoiceId: invoice.id, level: 0, runDate: '2026-01-27', fee: 0, interest: 0, deadline: '2026-02-03', customerId: c.id, number: `${invoice.number}-M0`, openAmount: 11900, currency: 'EUR', earlierFees: 0, flatFee: 0, interestRate: '0', language: 'de', channel: 'mail' },
    });
    expect(await app.services.reminders.deliverPending(t.ids.bookkeeper!)).toBe(0);
    // Nor does this device write the same level again: the letter stands.
    expect((await app.services.reminders.run([], t.ids.bookkeeper!)).created).toBe(0);
    expect(await reminderMails()).toHaveLength(0);
  });

  it('"propose" tells everyone once a day that reminders wait, and sends nothing; another device does not run', async () => {
    const c = await customer(t.bookkeeper, { name: 'Iota GmbH' });
    await invoiceFor(c.id, '100');
    await automatic('propose');
    setDay('2026-01-27');
    await app.services.reminders.daily();
    await app.services.reminders.daily();
    const notes = await unwrap(t.supervisor.invoke('notifications.list', {}));
    expect(notes.items.map((n) => [n.key, n.values.count])).toEqual([['reminders.notification.ready', 1]]);
    expect(await facts('reminder')).toHaveLength(0);
    const settings = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
    expect(settings).toMatchObject({ autoRun: 'propose', runsOnThisDevice: true });
    // The rules as another device wrote them: that device runs, this one stays quiet.
    const doc = await app.services.books.db.settings.findOne('dunning').exec();
    await doc!.incrementalPatch({ dunning: { ...doc!.toMutableJSON().dunning!, autoRun: 'send', runDeviceId: 'other-device' } });
    setDay('2026-01-28');
    await app.services.reminders.daily();
    expect(await facts('reminder')).toHaveLength(0);
  });
});

describe('credit risk', () => {
  it('over the limit or at the final notice: the supervisor confirms the reasons; new orders are blocked', async () => {
    const c = await customer(t.bookkeeper, { name: 'Epsilon GmbH', creditLimit: '1500' });
    await invoiceFor(c.id, '1000'); // 1,190.00 € open
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '4', unit: 'HUR', netUnitPrice: '100', vatCategory: 'S', vatRate: '19' }] } as never));
    await unwrap(t.bookkeeper.invoke('invoices.submit', { id: draft.id }));
    const [item] = (await unwrap(t.supervisor.invoke('approval.queue', {}))).filter((i) => i.id === draft.id);
    expect(item).toMatchObject({ exposure: 119000, creditLimit: 150000, approvalReasons: [{ key: 'risk.reason.invoiceOverLimit', values: { over: 119000 + 47600 - 150000 } }] });
    expect(await t.supervisor.invoke('invoices.approve', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'RISK_APPROVAL_REQUIRED' } });
    expect(await t.supervisor.invoke('invoices.approveMany', { ids: [draft.id] })).toMatchObject({ ok: false, error: { code: 'RISK_APPROVAL_REQUIRED' } });
    // Confirming a reason that was not the one shown is no confirmation.
    expect(await t.supervisor.invoke('invoices.approve', { id: draft.id, acknowledgedRisks: ['risk.reason.paysLate'] })).toMatchObject({ ok: false, error: { code: 'RISK_APPROVAL_REQUIRED' } });
    expect((await unwrap(t.supervisor.invoke('invoices.approve', { id: draft.id, acknowledgedRisks: ['risk.reason.invoiceOverLimit'] }))).status).toBe('approved');

    const risk = await unwrap(t.bookkeeper.invoke('customers.risk', { customerId: c.id }));
    expect(risk).toMatchObject({ openAmount: 119000, approvedNotIssued: 47600, exposure: 166600, riskClass: 'high', blocked: false });
    expect(risk.reasons[0]).toMatchObject({ key: 'risk.reason.overLimit' });

    // Walk to the final notice: orders for the customer are refused.
    for (const day of ['2026-01-26', '2026-02-09', '2026-02-23', '2026-03-09']) {
      setDay(day);
      await app.services.reminders.run([], t.ids.bookkeeper!);
    }
    expect(await unwrap(t.bookkeeper.invoke('customers.risk', { customerId: c.id }))).toMatchObject({ highestLevel: 3, blocked: true, oldestOverdueDays: 49 });
    const order = await t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-03-09', lines: [{ description: 'Mehl', quantity: '1', unit: 'C62', netUnitPrice: '10', vatCategory: 'S', vatRate: '7' }] } as never);
    expect(order).toMatchObject({ ok: false, error: { code: 'CUSTOMER_BLOCKED' } });
  });
});

describe('credit risk in bulk approval', () => {
  it('several invoices of one customer count together against the limit', async () => {
    const c = await customer(t.bookkeeper, { name: 'Kappa GmbH', creditLimit: '1000' });
    const draft = async () => {
      const d = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ description: 'Beratung', quantity: '5', unit: 'HUR', netUnitPrice: '100', vatCategory: 'S', vatRate: '19' }] } as never));
      await unwrap(t.bookkeeper.invoke('invoices.submit', { id: d.id }));
      return d.id;
    };
    const [first, second] = [await draft(), await draft()]; // 595.00 € each, 1,190.00 € together
    const queue = await unwrap(t.supervisor.invoke('approval.queue', {}));
    expect(queue.map((i) => i.approvalReasons)).toEqual([[], []]);
    expect(await t.supervisor.invoke('invoices.approveMany', { ids: [first, second] })).toMatchObject({ ok: false, error: { code: 'RISK_APPROVAL_REQUIRED', details: { ids: [second] } } });
    expect(await unwrap(t.supervisor.invoke('invoices.approveMany', { ids: [first] }))).toEqual({ approved: 1 });
    // Now the first counts as exposure: the second shows its reason in the queue.
    expect((await unwrap(t.supervisor.invoke('approval.queue', {}))).map((i) => i.approvalReasons.map((r) => r.key))).toEqual([['risk.reason.invoiceOverLimit']]);
  });
});

describe('dunning settings and the base-rate table', () => {
  it('checks the rules field by field; a customer may have their own', async () => {
    const settings = await unwrap(t.bookkeeper.invoke('reminders.settings', {}));
    const levels = settings.levels.map((l) => ({ ...l, feeConsumer: '0', feeBusiness: '0' }));
    const bad = await t.bookkeeper.invoke('reminders.saveSettings', { levels: levels.map((l, i) => (i === 1 ? { ...l, feeBusiness: '1500.00', days: -1 } : l)), chargeInterest: true, flatFeeBusiness: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const fields = (bad as { error: { details: { fields: { field: string }[] } } }).error.details.fields.map((f) => f.field).sort();
    expect(fields).toEqual(['levels.1.days', 'levels.1.feeBusiness']);

    const c = await customer(t.bookkeeper, { name: 'Sonderkunde GmbH' });
    const own = await unwrap(t.bookkeeper.invoke('reminders.saveSettings', { customerId: c.id, levels: levels.map((l) => ({ ...l, days: l.level === 0 ? 30 : l.days })), chargeInterest: false, flatFeeBusiness: true }));
    expect(own).toMatchObject({ customerId: c.id, overridden: true, chargeInterest: false, flatFeeBusiness: true });
    expect((await unwrap(t.bookkeeper.invoke('reminders.settings', {}))).levels[0]!.days).toBe(7);
    const invoice = await invoiceFor(c.id, '100');
    setDay('2026-01-27');
    expect((await unwrap(t.bookkeeper.invoke('reminders.preview', {}))).proposals).toEqual([]);
    setDay('2026-02-18');
    expect((await unwrap(t.bookkeeper.invoke('reminders.preview', {}))).proposals.map((p) => p.invoiceId)).toEqual([invoice.id]);
    expect((await unwrap(t.bookkeeper.invoke('reminders.removeOverride', { customerId: c.id }))).overridden).toBe(false);
  });

  it('a maintenance update brings newer base rates; a changed published rate is refused and nothing is kept', async () => {
    const before = await unwrap(t.bookkeeper.invoke('reminders.baseRates', {}));
    expect(before).toMatchObject({ validThrough: '2026-06-30', current: { from: '2026-01-01', rate: '1.27' } });
    const changed = await t.admin.invoke('reminders.updateBaseRates', { content: 'Datum;Basiszinssatz\n2025-07;1,50\n2026-07;1,27\n' });
    expect(changed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'content', problem: 'validation.baseRateChanged' }] } } });
    expect(await unwrap(t.bookkeeper.invoke('reminders.baseRates', {}))).toMatchObject({ validThrough: '2026-06-30' });

    // A series export: monthly rows, German decimals; only 1 January and 1 July count.
    const csv = ['"Basiszinssatz gemäß § 247 BGB";', '2026-01;1,27;', '2026-02;1,27;', '2026-07;1,02;', '2026-08;1,02;'].join('\n');
    const after = await unwrap(t.admin.invoke('reminders.updateBaseRates', { content: csv }));
    expect(after).toMatchObject({ validThrough: '2026-12-31', rates: expect.arrayContaining([{ from: '2026-07-01', rate: '1.02' }]) });
    expect(await t.bookkeeper.invoke('reminders.updateBaseRates', { content: csv })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const gap = await t.admin.invoke('reminders.updateBaseRates', { content: '2027-07;1,02' });
    expect(gap).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'content', problem: 'validation.baseRatesGap' }] } } });
    expect(await t.admin.invoke('reminders.updateBaseRates', { content: 'nichts Brauchbares' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'content', problem: 'validation.baseRatesEmpty' }] } } });
    const runs = (await facts('maintenanceRun')).map((f) => f.maintenanceRun!.outcome);
    expect(runs.sort()).toEqual(['failed', 'failed', 'failed', 'ok']);
    // From 1 July 2026 on, the new rate is the one in force.
    setDay('2026-11-27');
    expect((await unwrap(t.bookkeeper.invoke('reminders.baseRates', {}))).current).toEqual({ from: '2026-07-01', rate: '1.02' });
  });
});
