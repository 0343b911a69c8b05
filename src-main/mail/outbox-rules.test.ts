/**
 * What the outbox does with a message beyond sending it: an exported message is handled and not
 * sent again unless asked, a second mail of the same document is asked for first, a cancelled
 * order takes its waiting confirmation with it, every exported .eml is a whole message, and
 * credit notes are mailed with their own template. Real SMTP server on 127.0.0.1, real store.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient, InvoiceView, OutboxItem } from '../../src-shared/contract/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { FakeClock } from '../../tests/support/fake-clock.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { startSmtpServer, type TestSmtpServer } from '../../tests/support/smtp-server.js';
import { approveAndIssue, issued } from '../../tests/support/pdf.js';

let app: TestApp;
let t: Team;
let smtp: TestSmtpServer | undefined;
let clock: FakeClock;

beforeEach(async () => {
  clock = new FakeClock('2026-11-27T09:00:00.000Z');
  app = await startTestApp(clock.now, { timers: clock });
  t = await team(app);
  smtp = undefined;
});
afterEach(async () => {
  await app.stop();
  await smtp?.stop();
});

async function configure(client: ApiClient, overrides: Record<string, unknown> = {}) {
  return unwrap(
    client.invoke('mail.saveSettings', {
      host: '127.0.0.1',
      port: smtp!.port,
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

/** Time moves on by `ms` on the app's clock; what the scheduler starts meanwhile runs to its end. */
const advance = (ms: number) => clock.advance(ms, () => app.services.scheduler.idle());

/** Until `count` messages have arrived at the SMTP server. */
const arrived = (count: number) => until(() => Promise.resolve(smtp!.received.length), (n) => n >= count);

let products = 0;
async function issueFor(customerOverrides: Record<string, unknown> = {}) {
  const c = await customer(t.bookkeeper, { invoiceEmails: ['einkauf@baeckerei.example'], ...customerOverrides });
  const p = await product(t.bookkeeper, { sku: `M-${++products}` });
  return issued(t, { customerId: c.id, lines: [{ productId: p.id, quantity: '3' }] });
}

async function creditNoteOf(invoice: InvoiceView): Promise<InvoiceView> {
  const note = await unwrap(t.bookkeeper.invoke('invoices.createCreditNote', { invoiceId: invoice.id, reason: 'Retoure', lines: [{ lineId: invoice.lines[0]!.id, quantity: '1' }] }));
  return approveAndIssue(t, note.id);
}

describe('an exported message is handled', () => {
  it('is marked exported with time and user, is not sent once an account is set up, and goes out only when asked', async () => {
    await app.services.mail.start();
    await issueFor();
    const [waiting] = await until(() => outbox(), (items) => items.length === 1);
    expect(waiting!.status).toBe('queued');

    const { count } = await unwrap(t.bookkeeper.invoke('mail.exportWaiting', {}));
    expect(count).toBe(1);
    const [exported] = await outbox();
    expect(exported).toMatchObject({ status: 'exported', exportedBy: t.ids.bookkeeper, exportedByName: 'bookkeeper user' });
    expect(Date.parse(exported!.exportedAt!)).toBeGreaterThanOrEqual(Date.parse(exported!.createdAt));

    // An account is set up: the exported message stays as it is.
    smtp = await startSmtpServer();
    await configure(t.admin);
    await advance(800);
    expect(smtp.received).toHaveLength(0);
    expect((await outbox())[0]!.status).toBe('exported');
    // A second export of the waiting messages does not include it again.
    expect((await unwrap(t.bookkeeper.invoke('mail.exportWaiting', {}))).count).toBe(0);

    // "Send anyway": the user asks, the message goes out.
    expect((await unwrap(t.bookkeeper.invoke('mail.sendAnyway', { id: exported!.id }))).status).toBe('queued');
    await arrived(1);
    await until(() => outbox(), (items) => items[0]?.status === 'sent');
  });

  it('marks a single message exported when it is saved as .eml; retry does not send it', async () => {
    await issueFor();
    const [waiting] = await until(() => outbox(), (items) => items.length === 1);
    await unwrap(t.bookkeeper.invoke('mail.exportEml', { id: waiting!.id }));
    expect((await outbox())[0]).toMatchObject({ status: 'exported', exportedBy: t.ids.bookkeeper });
    // Retry is not a way around the question: an exported message is sent only through "send anyway".
    expect(await t.bookkeeper.invoke('mail.retry', { id: waiting!.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('who may export a message', () => {
  it('is whoever may send mail: a cashier cannot take a waiting message out of the queue by exporting it', async () => {
    await issueFor();
    const [waiting] = await until(() => outbox(), (items) => items.length === 1);
    const cashier = app.client();
    await unwrap(cashier.invoke('auth.login', { userId: t.ids.cashier!, password: PASSWORD }));
    expect(await cashier.invoke('mail.exportEml', { id: waiting!.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cashier.invoke('mail.exportWaiting', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await outbox())[0]).toMatchObject({ id: waiting!.id, status: 'queued' });
  });
});

describe('a second mail of the same document', () => {
  it('is refused with MAIL_REPEAT while one waits or was sent or exported, and queued when confirmed', async () => {
    // Mailed at issue: the invoice's mail waits in the outbox.
    const invoice = await issueFor();
    const [auto] = await until(() => outbox(), (items) => items.length === 1);
    const repeat = await t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: invoice.id });
    expect(repeat).toMatchObject({ ok: false, error: { code: 'MAIL_REPEAT', details: { earlier: { id: auto!.id, status: 'queued' } } } });
    expect(await outbox()).toHaveLength(1);

    // Exported counts as handled as well.
    await unwrap(t.bookkeeper.invoke('mail.exportEml', { id: auto!.id }));
    expect(await t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: invoice.id })).toMatchObject({ ok: false, error: { code: 'MAIL_REPEAT', details: { earlier: { status: 'exported' } } } });

    const again = await unwrap(t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: invoice.id, confirmRepeat: true }));
    expect(again).toMatchObject({ status: 'queued', event: 'invoiceIssued' });
    expect(await unwrap(t.bookkeeper.invoke('mail.forInvoice', { invoiceId: invoice.id }))).toHaveLength(2);
  });

  it('is not asked about when the earlier mail was cancelled', async () => {
    await unwrap(t.admin.invoke('mail.saveSettings', { autoSendInvoices: false }));
    const invoice = await issueFor();
    const first = await unwrap(t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: invoice.id }));
    await unwrap(t.bookkeeper.invoke('mail.cancel', { id: first.id }));
    expect((await unwrap(t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: invoice.id }))).status).toBe('queued');
  });
});

describe('cancelling an order', () => {
  it('cancels its waiting confirmation in the same write, so it is never sent', async () => {
    const c = await customer(t.bookkeeper, { invoiceEmails: ['einkauf@kunde.example'] });
    const p = await product(t.bookkeeper, { sku: 'ORD-1' });
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-27', lines: [{ productId: p.id, quantity: '1' }] } as never));
    await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
    const [confirmation] = await until(() => outbox(), (items) => items.some((i) => i.event === 'orderConfirmed'));
    expect(confirmation!.status).toBe('queued');

    await unwrap(t.bookkeeper.invoke('orders.cancel', { id: order.id, reason: 'Kunde hat abgesagt' }));
    expect((await outbox())[0]).toMatchObject({ id: confirmation!.id, status: 'cancelled' });
    // One audit entry for the order and one for its message.
    const audit = (await app.services.books.db.facts.find({ selector: { kind: 'audit' } }).exec()).map((f) => ({ seq: f.seq, userId: f.userId, ...f.audit! }));
    const cancelled = audit.filter((a) => a.action === 'order.cancelled');
    const mailCancelled = audit.filter((a) => a.action === 'mail.cancelled');
    expect(cancelled).toEqual([expect.objectContaining({ entity: 'order', entityId: order.id, userId: t.ids.bookkeeper })]);
    expect(mailCancelled).toEqual([
      expect.objectContaining({ entity: 'outbox', entityId: confirmation!.id, userId: t.ids.bookkeeper }),
    ]);
    expect(JSON.parse(mailCancelled[0]!.before as string)).toEqual({ status: 'queued' });
    expect(JSON.parse(mailCancelled[0]!.after as string)).toEqual({ status: 'cancelled', reason: 'order.cancelled' });
    // Written together: the two entries follow each other in the audit chain.
    expect(Math.abs(mailCancelled[0]!.seq - cancelled[0]!.seq)).toBe(1);

    smtp = await startSmtpServer();
    await configure(t.admin);
    await app.services.mail.start();
    await advance(600);
    expect(smtp.received).toHaveLength(0);
  });
});

describe('the confirmation of a cancelled order', () => {
  async function confirmedOrder() {
    const c = await customer(t.bookkeeper, { invoiceEmails: ['einkauf@kunde.example'] });
    const p = await product(t.bookkeeper, { sku: `ORD-${++products}` });
    const order = await unwrap(t.bookkeeper.invoke('orders.save', { customerId: c.id, orderDate: '2026-11-27', lines: [{ productId: p.id, quantity: '1' }] } as never));
    await unwrap(t.bookkeeper.invoke('orders.confirm', { id: order.id }));
    const [confirmation] = await until(() => outbox(), (items) => items.some((i) => i.event === 'orderConfirmed'));
    return { order, confirmation: confirmation! };
  }
  const orderCancelled = { ok: false, error: { code: 'ORDER_CANCELLED' } };

  it('cannot be put back into the queue with retry', async () => {
    const { order, confirmation } = await confirmedOrder();
    await unwrap(t.bookkeeper.invoke('orders.cancel', { id: order.id, reason: 'Kunde hat abgesagt' }));
    expect(await t.bookkeeper.invoke('mail.retry', { id: confirmation.id })).toMatchObject(orderCancelled);
    expect((await outbox())[0]).toMatchObject({ id: confirmation.id, status: 'cancelled' });
  });

  it('is cancelled with the order when it was exported and not sent, and cannot be sent anyway', async () => {
    const { order, confirmation } = await confirmedOrder();
    await unwrap(t.bookkeeper.invoke('mail.exportEml', { id: confirmation.id }));
    await unwrap(t.bookkeeper.invoke('orders.cancel', { id: order.id, reason: 'Kunde hat abgesagt' }));
    expect((await outbox())[0]).toMatchObject({ id: confirmation.id, status: 'cancelled' });
    const audit = (await app.services.books.db.facts.find({ selector: { kind: 'audit' } }).exec()).map((f) => f.audit!);
    const mailCancelled = audit.find((a) => a.action === 'mail.cancelled' && a.entityId === confirmation.id);
    expect(JSON.parse(mailCancelled!.before!)).toEqual({ status: 'exported' });
    expect(await t.bookkeeper.invoke('mail.sendAnyway', { id: confirmation.id })).toMatchObject({ ok: false });
    expect(await t.bookkeeper.invoke('mail.retry', { id: confirmation.id })).toMatchObject(orderCancelled);
  });

  it('is not sent anyway when the order was cancelled while it stayed exported (older books)', async () => {
    const { order, confirmation } = await confirmedOrder();
    await unwrap(t.bookkeeper.invoke('mail.exportEml', { id: confirmation.id }));
    // Older versions cancelled the order and left its exported confirmation as it was.
    await (await app.services.books.db.orders.findOne(order.id).exec())!.incrementalPatch({ status: 'cancelled' });
    expect(await t.bookkeeper.invoke('mail.sendAnyway', { id: confirmation.id })).toMatchObject(orderCancelled);
    expect((await outbox())[0]).toMatchObject({ id: confirmation.id, status: 'exported' });
  });
});

describe('an exported .eml', () => {
  it('is a whole message: From (the company address without mail settings), Date, Message-ID, To, Subject and the PDF', async () => {
    const invoice = await issueFor();
    const [waiting] = await until(() => outbox(), (items) => items.length === 1);
    const { folder } = await unwrap(t.bookkeeper.invoke('mail.exportWaiting', {}));
    const [file] = fs.readdirSync(folder);
    const raw = fs.readFileSync(path.join(folder, file!));
    const headers = raw.toString('latin1').split('\r\n\r\n')[0]!;
    for (const name of ['From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type']) expect(headers).toMatch(new RegExp(`^${name}: `, 'm'));
    const parsed = await simpleParser(raw);
    expect(parsed.from?.value[0]).toEqual({ name: 'Muster & Söhne GmbH', address: 'rechnung@muster.example' });
    expect(parsed.to).toMatchObject({ value: [{ address: 'einkauf@baeckerei.example' }] });
    expect(parsed.subject).toBe(`Rechnung ${invoice.number} von Muster & Söhne GmbH`);
    expect(parsed.messageId).toBe(waiting!.messageId);
    expect(parsed.date?.toISOString()).toBe(new Date(Math.floor(Date.parse(waiting!.createdAt) / 1000) * 1000).toISOString());
    expect(parsed.text).toContain(invoice.number);
    expect(parsed.html).toContain(invoice.number);
    const docs = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: invoice.id }));
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${invoice.number}.pdf`, 'application/pdf']]);
    expect(createHash('sha256').update(parsed.attachments[0]!.content).digest('hex')).toBe(docs[0]!.sha256);
  });

  it('takes the sender of the mail settings when there is one', async () => {
    await unwrap(t.admin.invoke('mail.saveSettings', { fromName: 'Buchhaltung Muster', fromAddress: 'buchhaltung@muster.example' }));
    await issueFor();
    const [waiting] = await until(() => outbox(), (items) => items.length === 1);
    const eml = await unwrap(t.bookkeeper.invoke('mail.exportEml', { id: waiting!.id }));
    const parsed = await simpleParser(Buffer.from(eml.dataBase64, 'base64'));
    expect(parsed.from?.value[0]).toEqual({ name: 'Buchhaltung Muster', address: 'buchhaltung@muster.example' });
  });
});

describe('credit notes', () => {
  it('are mailed with their own template and the credit note PDF and XML attached', async () => {
    smtp = await startSmtpServer();
    await configure(t.admin, { autoSendInvoices: false });
    await app.services.mail.start();
    const invoice = await issueFor({ eInvoiceFormat: 'xrechnung-cii', buyerReference: '04011000-1234512345-06' });
    const note = await creditNoteOf(invoice);
    const queued = await unwrap(t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: note.id }));
    expect(queued).toMatchObject({ event: 'creditNoteIssued', invoiceId: note.id });
    await arrived(1);
    const mail = await smtp.received[0]!.parse();
    expect(mail.subject).toBe(`Gutschrift ${note.number} zu Rechnung ${invoice.number} von Muster & Söhne GmbH`);
    expect(mail.text).toContain(`Gutschrift ${note.number}`);
    const docs = await unwrap(t.bookkeeper.invoke('documents.list', { invoiceId: note.id }));
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${note.number}.pdf`, `${note.number}.xrechnung-cii.xml`]);
    expect(createHash('sha256').update(mail.attachments[0]!.content).digest('hex')).toBe(docs.find((d) => d.format === 'pdf')!.sha256);
    // A second mail of the credit note asks first, as for invoices.
    expect(await t.bookkeeper.invoke('mail.sendInvoice', { invoiceId: note.id })).toMatchObject({ ok: false, error: { code: 'MAIL_REPEAT' } });
  });

  it('have a template in German and English that can be edited like the others', async () => {
    const templates = await unwrap(t.bookkeeper.invoke('mail.templates', {}));
    expect(templates.filter((x) => x.event === 'creditNoteIssued').map((x) => x.language)).toEqual(['de', 'en']);
    await unwrap(t.bookkeeper.invoke('mail.saveTemplate', { event: 'creditNoteIssued', language: 'en', subject: 'Credit {{creditNoteNumber}}', html: '<p>{{invoiceNumber}}</p>', text: '{{amountDue}}' }));
    const own = (await unwrap(t.bookkeeper.invoke('mail.templates', {}))).find((x) => x.event === 'creditNoteIssued' && x.language === 'en');
    expect(own).toMatchObject({ custom: true, subject: 'Credit {{creditNoteNumber}}' });
  });
});
