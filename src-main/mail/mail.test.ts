/**
 * Mail against a real SMTP server on 127.0.0.1 (tests/support/smtp-server.ts): what arrives is
 * parsed with mailparser; the outbox's states, retries and failures are read back through the
 * contract, as the mail screen reads them. The app runs on a fake clock: retries and waits are
 * time moved on, not slept.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, OutboxItem } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { FakeClock } from '../../tests/support/fake-clock.js';
import { startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../../tests/support/smtp-server.js';
import { approveAndIssue, issued } from '../../tests/support/pdf.js';

let app: TestApp;
let t: Team;
let smtp: TestSmtpServer;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock('2026-11-27T09:00:00.000Z');
  app = await startTestApp(clock.now, { timers: clock });
  t = await team(app);
});

/** Time moves on by `ms` on the app's clock; what the scheduler starts meanwhile runs to its end. */
const advance = (ms: number) => clock.advance(ms, () => app.services.scheduler.idle());

/** Until `count` messages have arrived at the SMTP server. */
const arrived = (count: number) => until(() => Promise.resolve(smtp.received.length), (n) => n >= count);
afterEach(async () => {
  await app.stop();
  await smtp?.stop();
});

async function configure(client: ApiClient, overrides: Record<string, unknown> = {}) {
  return unwrap(
    client.invoke('mail.saveSettings', {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      fromName: 'Muster & Söhne GmbH',
      fromAddress: 'rechnung@muster.example',
      ...overrides,
    } as never),
  );
}

async function outbox(status: '' | OutboxItem['status'] = ''): Promise<OutboxItem[]> {
  return (await unwrap(t.bookkeeper.invoke('mail.outbox', { status }))).items;
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`Timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    // Background work (a job queueing mail, the SMTP server) gets a moment; the app's time moves on.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await advance(25);
  }
}

let products = 0;
async function issueFor(customerOverrides: Record<string, unknown> = {}) {
  const c = await customer(t.bookkeeper, { invoiceEmails: ['einkauf@baeckerei.example'], ...customerOverrides });
  const p = await product(t.bookkeeper, { sku: `M-${++products}` });
  return issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '3' }] });
}

describe('mail through a real SMTP server', () => {
  it('mails an issued invoice with its frozen PDF byte for byte, umlauts and € intact, and the Message-ID of the outbox', async () => {
    smtp = await startSmtpServer();
    await configure(t.admin);
    await unwrap(
      t.bookkeeper.invoke('mail.saveTemplate', {
        event: 'invoiceIssued',
        language: 'de',
        subject: 'Rechnung {{invoiceNumber}} über {{amountDue}} – Grüße von {{companyName}}',
        html: '<p>Guten Tag {{customerName}},</p><p>anbei Rechnung {{invoiceNumber}}.</p>',
        text: 'Guten Tag {{customerName}},\nanbei Rechnung {{invoiceNumber}}.',
      }),
    );
    await app.services.mail.start();
    const invoice = await issueFor({ name: 'Bäckerei „Größe“ & Co. KG' });
    await arrived(1);
    const mail = await smtp.received[0]!.parse();
    expect(mail.subject).toBe(`Rechnung ${invoice.number} über 60,67 € – Grüße von Muster & Söhne GmbH`);
    expect(mail.from?.value[0]).toEqual({ name: 'Muster & Söhne GmbH', address: 'rechnung@muster.example' });
    expect(smtp.received[0]!.to).toEqual(['einkauf@baeckerei.example']);
    // The customer's name is escaped in the HTML part and verbatim in the text part.
    expect(mail.html).toContain('Guten Tag Bäckerei „Größe“ &amp; Co. KG,');
    expect(mail.text).toContain('Guten Tag Bäckerei „Größe“ & Co. KG,');

    const docs = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: invoice.id }));
    const pdf = docs.find((d) => d.format === 'pdf')!;
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${invoice.number}.pdf`]);
    expect(createHash('sha256').update(mail.attachments[0]!.content).digest('hex')).toBe(pdf.sha256);

    const [sent] = await until(() => outbox(), (items) => items[0]?.status === 'sent');
    expect(sent).toMatchObject({ status: 'sent', event: 'invoiceIssued', invoiceId: invoice.id, attempts: 1, lastErrorCode: '' });
    expect(sent!.serverReply).toMatch(/^250 /);
    expect(mail.messageId).toBe(sent!.messageId);
  });

  it('attaches the XRechnung XML for a customer who takes it', async () => {
    smtp = await startSmtpServer();
    await configure(t.admin);
    await app.services.mail.start();
    const invoice = await issueFor({ eInvoiceFormat: 'xrechnung-cii', buyerReference: '04011000-1234512345-06' });
    await arrived(1);
    const mail = await smtp.received[0]!.parse();
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`${invoice.number}.pdf`, 'application/pdf'],
      [`${invoice.number}.xrechnung-cii.xml`, 'application/xml'],
    ]);
    const docs = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: invoice.id }));
    const xml = docs.find((d) => d.format === 'xrechnung-cii')!;
    expect(createHash('sha256').update(mail.attachments[1]!.content).digest('hex')).toBe(xml.sha256);
  });

  it('keeps messages queued while the server is down and sends them once it is back', async () => {
    smtp = await startSmtpServer();
    await configure(t.admin);
    await smtp.down();
    await app.services.mail.start();
    await issueFor();
    const [waiting] = await until(() => outbox(), (items) => items[0]?.status === 'queued' && items[0].attempts >= 2);
    // The app's time moves only in small steps, far shorter than the wait before a retry: it stops at the second attempt.
    expect(waiting).toMatchObject({ status: 'queued', attempts: 2 });
    expect(waiting!.lastErrorCode).toMatch(/^E(CONNECTION|SOCKET|CONNREFUSED)$/);
    expect(smtp.received).toHaveLength(0);

    await smtp.up();
    await arrived(1);
    const [sent] = await until(() => outbox(), (items) => items[0]?.status === 'sent');
    // Two attempts while the server was down, the third one (the next retry) delivered it.
    expect(sent!.attempts).toBe(3);
  });

  it('fails a message when the server refuses one of its recipients, with the reply shown', async () => {
    smtp = await startSmtpServer({ reject: ['gibtsnicht@baeckerei.example'] });
    await configure(t.admin);
    await app.services.mail.start();
    await issueFor({ invoiceEmails: ['einkauf@baeckerei.example', 'gibtsnicht@baeckerei.example'] });
    const [failed] = await until(() => outbox(), (items) => items[0]?.status === 'failed');
    expect(failed).toMatchObject({ lastErrorCode: 'EREJECTED', attempts: 1 });
    expect(failed!.serverReply).toContain('550');
    expect(failed!.serverReply).toContain('gibtsnicht@baeckerei.example');
    // The accepted recipient got it; the message still counts as failed until it is dealt with.
    expect(smtp.received.map((r) => r.to)).toEqual([['einkauf@baeckerei.example']]);
  });

  it('stops at a wrong password with EAUTH shown, without a storm of logins, and goes on once it is fixed', async () => {
    smtp = await startSmtpServer({ auth: { user: 'rechnung', pass: 'richtig-123' } });
    await configure(t.admin, { user: 'rechnung', password: 'falsch-456' });
    for (let i = 0; i < 5; i++) await issueFor();
    await until(() => outbox(), (items) => items.length === 5, 60_000);
    await app.services.mail.start();
    const items = await until(() => outbox('failed'), (failed) => failed.length === 1);
    expect(items[0]).toMatchObject({ lastErrorCode: 'EAUTH' });
    expect(items[0]!.serverReply).toContain('535');
    await advance(1500);
    expect(smtp.logins).toBe(1);
    expect(await outbox('queued')).toHaveLength(4);
    expect((await unwrap(t.bookkeeper.invoke('mail.state', {}))).paused).toMatchObject({ code: 'EAUTH' });

    // The right password: the refused message goes out with the others, without a retry by hand.
    await configure(t.admin, { user: 'rechnung', password: 'richtig-123' });
    await arrived(5);
    await until(() => outbox('sent'), (sent) => sent.length === 5);
  });

  it('never gives the password back, and seals it at rest', async () => {
    smtp = await startSmtpServer();
    const view = await configure(t.admin, { user: 'rechnung', password: 'Streng-Geheim-42' });
    expect(view.passwordSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('Streng-Geheim-42');
    const stored = JSON.stringify((await app.services.books.db.settings.find().exec()).map((d) => d.toJSON()));
    expect(stored).not.toContain('Streng-Geheim-42');
    const audit = JSON.stringify((await app.services.books.db.facts.find({ selector: { kind: 'audit' } }).exec()).map((d) => d.toJSON()));
    expect(audit).toContain('mail.settingsSaved');
    expect(audit).not.toContain('Streng-Geheim-42');
    // Saved again without a password: the stored one stays, for the same server and user only.
    expect((await configure(t.admin, { user: 'rechnung' })).passwordSet).toBe(true);
    expect((await configure(t.admin, { user: 'jemand-anders' })).passwordSet).toBe(false);
    // No encryption is for a server on this machine only.
    expect(await t.admin.invoke('mail.saveSettings', { host: 'smtp.muster.example', security: 'none', fromAddress: 'rechnung@muster.example' })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'security', problem: 'validation.noneLocalOnly' }] } },
    });
  });

  it('answers the test message with the server’s exact reply', async () => {
    smtp = await startSmtpServer({ reject: ['niemand@muster.example'] });
    await configure(t.admin);
    const ok = await unwrap(t.bookkeeper.invoke('mail.sendTest', { to: 'anna@muster.example' }));
    expect(ok.ok).toBe(true);
    expect(ok.reply).toMatch(/^250 2\.0\.0 Ok: queued as M1$/);
    const refused = await unwrap(t.bookkeeper.invoke('mail.sendTest', { to: 'niemand@muster.example' }));
    expect(refused).toMatchObject({ ok: false, code: 'EENVELOPE' });
    expect(refused.reply).toContain('550 5.1.1 <niemand@muster.example>: Recipient address rejected');
  });
});

describe('outbox without SMTP', () => {
  it('keeps messages waiting and exports them as .eml with the same attachment', async () => {
    await app.services.mail.start();
    const invoice = await issueFor();
    const [waiting] = await until(() => outbox(), (items) => items.length === 1);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await unwrap(t.bookkeeper.invoke('mail.state', {}))).configured).toBe(false);

    const { folder, count } = await unwrap(t.bookkeeper.invoke('mail.exportWaiting', {}));
    expect(count).toBe(1);
    expect(fs.readdirSync(folder).map((f) => path.extname(f))).toEqual(['.eml']);

    const eml = await unwrap(t.bookkeeper.invoke('mail.exportEml', { id: waiting!.id }));
    expect(eml.mimeType).toBe('message/rfc822');
    const parsed = await simpleParser(Buffer.from(eml.dataBase64, 'base64'));
    expect(parsed.subject).toBe(`Rechnung ${invoice.number} von Muster & Söhne GmbH`);
    expect(parsed.messageId).toBe(waiting!.messageId);
    const docs = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: invoice.id }));
    expect(createHash('sha256').update(parsed.attachments[0]!.content).digest('hex')).toBe(docs[0]!.sha256);
  });

  it('queues each event once, however often it fires', async () => {
    const invoice = await issueFor();
    await until(() => outbox(), (items) => items.length === 1);
    // The event told again: the job that queues its mail runs to its end and queues nothing new.
    const jobDone = new Promise<void>((resolve) => {
      const stop = app.services.bus.subscribe((event, payload) => {
        const job = payload as { label?: string; state?: string };
        if (event !== 'job.progress' || job.label !== 'jobs.mailInvoices' || job.state === 'running') return;
        stop();
        resolve();
      });
    });
    app.services.bus.publish('invoices.issued', { ids: [invoice.id], userId: t.ids.bookkeeper! });
    await jobDone;
    await app.services.jobs.idle();
    expect(await outbox()).toHaveLength(1);
  });

  it('mails an invoice on request, again as a new message, and names a missing address', async () => {
    await unwrap(t.admin.invoke('mail.saveSettings', { autoSendInvoices: false }));
    const invoice = await issueFor();
    const quiet = await issueFor({ invoiceEmails: [] });
    expect(await outbox()).toHaveLength(0);

    const first = await unwrap(t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: invoice.id }));
    expect(first).toMatchObject({ status: 'queued', event: 'invoiceIssued', to: ['einkauf@baeckerei.example'], attachments: [{ filename: `${invoice.number}.pdf` }] });
    await unwrap(t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: invoice.id, confirmRepeat: true }));
    expect(await unwrap(t.bookkeeper.invoke('mail.forInvoice', { invoiceId: invoice.id }))).toHaveLength(2);
    expect(await t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: quiet.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'invoiceEmails', problem: 'validation.noInvoiceEmail' }] } },
    });
  });

  it('a cancelled message is not sent; a failed one can be retried', async () => {
    await issueFor();
    const [message] = await until(() => outbox(), (items) => items.length === 1);
    expect((await unwrap(t.bookkeeper.invoke('mail.cancel', { id: message!.id }))).status).toBe('cancelled');
    expect(await t.bookkeeper.invoke('mail.cancel', { id: message!.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect((await unwrap(t.bookkeeper.invoke('mail.retry', { id: message!.id }))).status).toBe('queued');
  });

  it('writes to the old and the new address when customer data change', async () => {
    const c = await customer(t.bookkeeper, { invoiceEmails: ['alt@kunde.example'] });
    const { customerInputOf } = await import('../../src-shared/contract/index.js');
    await unwrap(
      t.bookkeeper.invoke('customers.save', {
        ...customerInputOf(c),
        invoiceEmails: ['neu@kunde.example'],
        billingAddress: { ...c.billingAddress, street: 'Ringstraße 9' },
      }),
    );
    const [message] = await until(() => outbox(), (items) => items.length === 1);
    expect(message).toMatchObject({ event: 'customerDataChanged', to: ['alt@kunde.example', 'neu@kunde.example'] });
    const full = await unwrap(t.bookkeeper.invoke('mail.message', { id: message!.id }));
    expect(full.text).toContain('Rechnungsanschrift: Hauptstraße 5, 50667 Köln, DE → Ringstraße 9, 50667 Köln, DE');
    expect(full.text).toContain('Rechnungs-E-Mails: alt@kunde.example → neu@kunde.example');
  });

  it('confirms an order, thanks for a payment, and announces a payment due in N days once', async () => {
    // The due-soon notice is off until a number of days is set.
    await unwrap(t.admin.invoke('mail.saveSettings', { dueSoonDays: 3 }));
    const c = await customer(t.bookkeeper, { invoiceEmails: ['einkauf@kunde.example'], language: 'en', paymentTermsDays: 3 });
    const p = await product(t.bookkeeper, { sku: 'DUE-1' });
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-27', lines: [{ productId: p.id, quantity: '1' }] } as never));
    await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
    await until(() => outbox(), (items) => items.some((i) => i.event === 'orderConfirmed'));

    const thanks = await app.services.mail.paymentReceivedMessage({ id: 'payment-1', customerId: c.id, amount: 12345, currency: 'EUR', receivedOn: '2026-11-26', invoiceNumber: 'RE-1' });
    await app.services.mail.enqueue([thanks!], t.ids.bookkeeper!);
    const draft = await unwrap(t.bookkeeper.invoke('invoices.saveDraft', { customerId: c.id, lines: [{ productId: p.id, quantity: '2' }] }));
    const invoice = await approveAndIssue(t, draft.id);
    expect(invoice.dueDate).toBe('2026-11-30');
    await until(() => outbox(), (items) => items.some((i) => i.event === 'invoiceIssued'));

    await app.services.mail.start();
    const items = await until(() => outbox(), (all) => all.some((i) => i.event === 'paymentDueSoon'));
    await app.services.mail.stop();
    await app.services.mail.start();
    await advance(300);
    const all = await outbox();
    expect(all.filter((i) => i.event === 'paymentDueSoon')).toHaveLength(1);
    const subjects = Object.fromEntries(all.map((i) => [i.event, i.subject]));
    expect(subjects).toMatchObject({
      orderConfirmed: `Order confirmation ${order.number}`,
      paymentReceived: 'Payment of €123.45 received – thank you',
      paymentDueSoon: `Invoice ${invoice.number} is due on 30 November 2026`,
    });
    const due = await unwrap(t.bookkeeper.invoke('mail.message', { id: items.find((i) => i.event === 'paymentDueSoon')!.id }));
    expect(due.text).toContain('falls due in 3 days, on 30 November 2026');
  });
});

describe('templates', () => {
  it('refuses unknown placeholders and unescaped output at save time, naming them', async () => {
    const bad = await t.bookkeeper.invoke('mail.saveTemplate', {
      event: 'invoiceIssued',
      language: 'de',
      subject: 'Rechnung {{invoiceNumber}}',
      html: '<p>{{kundenName}} {{{customerName}}}</p>',
      text: '{{#zahlLink}}x{{/zahlLink}}',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        details: {
          fields: [
            { field: 'html', problem: 'validation.unknownPlaceholder' },
            { field: 'html', problem: 'validation.templateUnescaped' },
            { field: 'text', problem: 'validation.unknownPlaceholder' },
          ],
          unknown: ['kundenName', 'zahlLink'],
        },
      },
    });
    expect(await t.bookkeeper.invoke('mail.saveTemplate', { event: 'invoiceIssued', language: 'de', subject: '{{#a}}', html: 'x', text: 'x' })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'subject', problem: 'validation.templateSyntax' }] } },
    });
    const templates = await unwrap(t.bookkeeper.invoke('mail.templates', {}));
    // Twelve events (five of them the reminder levels and the internal notice, one the account statement), in German and English.
    expect(templates).toHaveLength(24);
    expect(templates.every((x) => !x.custom)).toBe(true);
  });

  it('previews with sample data, escaped in HTML, and resets to the shipped text', async () => {
    const preview = await unwrap(
      t.bookkeeper.invoke('mail.preview', { event: 'invoiceIssued', language: 'en', subject: 'Invoice {{invoiceNumber}} for {{amountDue}}', html: '<b>{{companyName}}</b>', text: '{{companyName}}' }),
    );
    expect(preview).toEqual({ subject: 'Invoice RE-2026-A-000042 for €1,234.56', html: '<b>Muster &amp; Söhne GmbH</b>', text: 'Muster & Söhne GmbH' });
    await unwrap(t.bookkeeper.invoke('mail.saveTemplate', { event: 'orderConfirmed', language: 'en', subject: 'Thanks {{orderNumber}}', html: '<p>x</p>', text: 'x' }));
    expect((await unwrap(t.bookkeeper.invoke('mail.templates', {}))).find((x) => x.event === 'orderConfirmed' && x.language === 'en')).toMatchObject({ custom: true, subject: 'Thanks {{orderNumber}}' });
    const reset = await unwrap(t.bookkeeper.invoke('mail.resetTemplate', { event: 'orderConfirmed', language: 'en' }));
    expect(reset).toMatchObject({ custom: false, subject: 'Order confirmation {{orderNumber}}' });
  });
});
