/**
 * What must hold in the books after any crash: each function returns the problems it finds, in
 * words, so that a failure names the invoice, payment or message it is about.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { totalsOf } from '../../src-main/sales/index.js';
import type { Services } from '../../src-main/services.js';
import { COLLECTIONS } from '../../src-main/store/database.js';
import type { InvoiceDoc } from '../../src-main/store/schemas/books.js';
import type { FactDoc } from '../../src-main/store/schemas/facts.js';
import type { OutboxDoc } from '../../src-main/store/schemas/workflow.js';
import { inspectDatabaseFile } from '../../src-main/store/sqlite-storage/connection.js';

type LineOnStock = { productId?: string; orderId?: string };

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function duplicatesOf(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const k of keys) (seen.has(k) ? twice : seen).add(k);
  return [...twice];
}

/** Every number of a series is used once, from 1 up without a gap. */
export function numberProblems(invoices: readonly InvoiceDoc[]): string[] {
  const problems: string[] = [];
  const series = new Map<string, number[]>();
  for (const d of invoices) {
    const issued = d.status === 'issued' || d.status === 'sent';
    if (!issued) {
      if (d.number) problems.push(`${d.id} is ${d.status} yet has the number ${d.number}`);
      continue;
    }
    const m = /^(.*?)(\d+)$/.exec(d.number);
    if (!m) {
      problems.push(`${d.id} is issued without a number`);
      continue;
    }
    series.set(m[1]!, [...(series.get(m[1]!) ?? []), Number(m[2])]);
  }
  for (const [prefix, counters] of series) {
    counters.sort((a, b) => a - b);
    const expected = counters.map((_, i) => i + 1);
    if (!isDeepStrictEqual(counters, expected)) problems.push(`series ${prefix} has ${counters.join(',')} instead of 1…${counters.length}`);
  }
  return problems;
}

/** The frozen totals are what the one totals function gives for the frozen lines. */
export function totalsProblems(invoices: readonly InvoiceDoc[]): string[] {
  const problems: string[] = [];
  for (const d of invoices.filter((i) => i.status === 'issued' || i.status === 'sent')) {
    const computed = plain(totalsOf(d));
    if (!isDeepStrictEqual(plain(d.totals), computed)) problems.push(`${d.number}: frozen totals differ from the lines' totals`);
    if (d.grossAmount !== computed.taxInclusive) problems.push(`${d.number}: gross ${d.grossAmount} but totals say ${computed.taxInclusive}`);
  }
  return problems;
}

/** Facts of one kind, as plain objects. */
async function factsOf(services: Services, kind: FactDoc['kind']): Promise<FactDoc[]> {
  return (await services.books.db.facts.find({ selector: { kind } }).exec()).map((d) => d.toMutableJSON());
}

/** Stock moves once per issued line and reserved once per order line; never for what is not issued. */
async function stockProblems(services: Services, invoices: readonly InvoiceDoc[]): Promise<string[]> {
  const problems: string[] = [];
  const { db } = services.books;
  const tracked = new Set((await db.products.find({ selector: { stockTracked: true } }).exec()).map((p) => p.id));
  const movements = (await factsOf(services, 'stockMovement')).map((f) => f.stockMovement!);
  const count = (pred: (m: (typeof movements)[number]) => boolean) => movements.filter(pred).length;
  for (const d of invoices) {
    const lines = ((d.lines ?? []) as LineOnStock[]).filter((l) => l.productId && tracked.has(l.productId));
    const issued = d.status === 'issued' || d.status === 'sent';
    const deliveries = count((m) => m.invoiceId === d.id && m.reason === 'delivery');
    const releases = count((m) => m.invoiceId === d.id && m.reason === 'reservationRelease');
    if (deliveries !== (issued ? lines.length : 0)) problems.push(`${d.number || d.id} (${d.status}): ${deliveries} deliveries for ${lines.length} lines`);
    if (releases !== (issued ? lines.filter((l) => l.orderId).length : 0)) problems.push(`${d.number || d.id} (${d.status}): ${releases} reservation releases`);
  }
  for (const order of await db.orders.find().exec()) {
    if (order.status === 'draft') continue;
    const reserved = count((m) => m.orderId === order.id && m.reason === 'reservation');
    const expected = ((order.lines ?? []) as LineOnStock[]).filter((l) => l.productId && tracked.has(l.productId)).length;
    if (reserved !== expected) problems.push(`order ${order.number}: ${reserved} reservations for ${expected} lines`);
  }
  return problems;
}

/** An invoiced order belongs to exactly one invoice; a confirmed one to none. */
async function orderProblems(services: Services, invoices: readonly InvoiceDoc[]): Promise<string[]> {
  const problems: string[] = [];
  const holders = new Map<string, string[]>();
  for (const d of invoices) for (const o of d.orderIds ?? []) holders.set(o, [...(holders.get(o) ?? []), d.id]);
  for (const order of await services.books.db.orders.find().exec()) {
    const n = holders.get(order.id)?.length ?? 0;
    if (order.status === 'invoiced' && n !== 1) problems.push(`order ${order.number} is invoiced in ${n} invoices`);
    if (order.status === 'confirmed' && n !== 0) problems.push(`order ${order.number} is confirmed yet in ${n} invoices`);
  }
  return problems;
}

/** One issue entry in the audit log per issued document, none for the others; the chain verifies. */
async function auditProblems(services: Services, invoices: readonly InvoiceDoc[]): Promise<string[]> {
  const problems: string[] = [];
  const chain = await services.audit.verify();
  if (chain.firstBreak) problems.push(`audit chain broken: ${JSON.stringify(chain.firstBreak)}`);
  const entries = (await factsOf(services, 'audit')).map((f) => f.audit!);
  for (const d of invoices) {
    const n = entries.filter((a) => a.action === `${d.documentType}.issued` && a.entityId === d.id).length;
    const issued = d.status === 'issued' || d.status === 'sent';
    if (n !== (issued ? 1 : 0)) problems.push(`${d.number || d.id} (${d.status}) has ${n} issue entries in the audit log`);
  }
  return problems;
}

/** One payment per statement entry, allocations within the payment and the invoice. */
async function paymentProblems(services: Services, invoices: readonly InvoiceDoc[]): Promise<string[]> {
  const problems: string[] = [];
  const payments = (await factsOf(services, 'payment')).filter((p) => p.payment!.externalId);
  for (const id of duplicatesOf(payments.map((p) => p.payment!.externalId!))) problems.push(`statement entry ${id} booked more than once`);
  const allocations = (await factsOf(services, 'allocation')).map((f) => f.allocation!).filter((a) => !a.reversesId);
  for (const key of duplicatesOf(allocations.map((a) => `${a.paymentId}→${a.invoiceId}`))) problems.push(`allocation ${key} twice`);
  const amountOf = new Map((await factsOf(services, 'payment')).map((p) => [p.id, p.payment!.amount]));
  const perPayment = new Map<string, number>();
  const perInvoice = new Map<string, number>();
  for (const a of allocations) {
    perPayment.set(a.paymentId, (perPayment.get(a.paymentId) ?? 0) + a.amount);
    perInvoice.set(a.invoiceId, (perInvoice.get(a.invoiceId) ?? 0) + a.amount + (a.skontoAmount ?? 0) + (a.writeOffAmount ?? 0));
  }
  for (const [id, sum] of perPayment) if (sum > (amountOf.get(id) ?? 0)) problems.push(`payment ${id} allocated ${sum}, more than its amount`);
  for (const d of invoices) {
    const due = (d.totals as { amountDue?: number } | undefined)?.amountDue ?? d.grossAmount;
    if ((perInvoice.get(d.id) ?? 0) > due) problems.push(`${d.number} settled ${perInvoice.get(d.id)} of ${due}`);
  }
  const requests = (await services.books.db.paymentRequests.find().exec()).map((r) => r.paymentId ?? '').filter(Boolean);
  for (const id of duplicatesOf(requests)) problems.push(`payment ${id} waits for review twice`);
  return problems;
}

/** A level once per invoice, one letter per invoice and day, one message per dedupe key. */
async function reminderAndOutboxProblems(services: Services): Promise<string[]> {
  const problems: string[] = [];
  const reminders = (await factsOf(services, 'reminder')).map((f) => f.reminder!);
  for (const key of duplicatesOf(reminders.map((r) => `${r.invoiceId} level ${r.level}`))) problems.push(`reminder ${key} twice`);
  for (const key of duplicatesOf(reminders.map((r) => `${r.invoiceId} on ${r.runDate}`))) problems.push(`two reminders for ${key}`);
  const outbox = (await services.books.db.outbox.find().exec()).map((d) => d.toMutableJSON());
  for (const key of duplicatesOf(outbox.map((m) => m.dedupeKey))) problems.push(`message ${key} queued twice`);
  for (const id of duplicatesOf(outbox.map((m) => m.messageId))) problems.push(`Message-ID ${id} on two messages`);
  return problems;
}

/** Every invariant of the books at once. */
export async function bookProblems(services: Services): Promise<string[]> {
  const invoices = (await services.books.db.invoices.find().exec()).map((d) => d.toMutableJSON());
  return [
    ...numberProblems(invoices),
    ...totalsProblems(invoices),
    ...(await stockProblems(services, invoices)),
    ...(await orderProblems(services, invoices)),
    ...(await auditProblems(services, invoices)),
    ...(await paymentProblems(services, invoices)),
    ...(await reminderAndOutboxProblems(services)),
  ];
}

/** Messages a finished action owes: a thank-you per booked customer payment, a mail per mailed letter. */
export async function owedMessageProblems(services: Services): Promise<string[]> {
  const problems: string[] = [];
  const keys = new Set((await services.books.db.outbox.find().exec()).map((d) => d.dedupeKey));
  const customers = new Map((await services.books.db.customers.find().exec()).map((c) => [c.id, c.invoiceEmails?.length ?? 0]));
  for (const p of await factsOf(services, 'payment')) {
    if (p.payment!.purpose !== 'customerPayment' || !p.payment!.customerId || !customers.get(p.payment!.customerId)) continue;
    if (!keys.has(`paymentReceived:${p.id}`)) problems.push(`payment ${p.payment!.reference} from ${p.payment!.counterpartyName}: no "payment received" message`);
  }
  for (const r of await factsOf(services, 'reminder')) {
    if (r.reminder!.channel === 'mail' && !keys.has(`reminder:${r.id}`)) problems.push(`reminder ${r.reminder!.number}: its mail was never queued`);
  }
  if ((await services.mail.settingsView()).autoSendInvoices) {
    for (const d of await services.books.db.invoices.find({ selector: { status: 'issued', documentType: 'invoice' } }).exec()) {
      if (customers.get(d.customerId) && !keys.has(`invoiceIssued:${d.id}`)) problems.push(`${d.number}: issued with mail on, but its mail was never queued`);
    }
  }
  return problems;
}

/**
 * At least once, and a second copy only of a message a crash left in `sending` (docs/mail.md):
 * copies at the server ≤ (sent ? 1 : 0) + the kills that found it in `sending`, and a message
 * marked sent has arrived.
 */
export function copiesProblems(docs: readonly OutboxDoc[], received: readonly { raw: Buffer }[], inFlight: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const copies = new Map<string, number>();
  for (const r of received) {
    const id = /^Message-ID: (.+)$/im.exec(r.raw.toString('utf8'))?.[1]?.trim() ?? '';
    copies.set(id, (copies.get(id) ?? 0) + 1);
  }
  const known = new Set(docs.map((d) => d.messageId));
  for (const id of copies.keys()) if (!known.has(id)) problems.push(`a message ${id} arrived that is not in the outbox`);
  for (const d of docs) {
    const n = copies.get(d.messageId) ?? 0;
    const allowed = (d.status === 'sent' ? 1 : 0) + (inFlight.get(d.messageId) ?? 0);
    if (d.status === 'sent' && n === 0) problems.push(`${d.dedupeKey} is marked sent but never arrived`);
    if (n > allowed) problems.push(`${d.dedupeKey} arrived ${n} times (${d.status}, in flight at ${inFlight.get(d.messageId) ?? 0} crashes)`);
  }
  return problems;
}

/** Each file of a backup folder is named partial, or is a sound data file with every invoice. */
export function backupFileProblems(dir: string, invoices: number): string[] {
  const problems: string[] = [];
  const table = `rx__books__invoices__v${COLLECTIONS.invoices.schema.version}`;
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (/\.partial(-journal|-wal|-shm)?$/.test(name)) continue;
    const file = path.join(dir, name);
    const problem = inspectDatabaseFile(file);
    if (problem) {
      problems.push(`${name}: ${problem}`);
      continue;
    }
    const db = new Database(file, { readonly: true });
    try {
      const n = (db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE deleted = 0`).get() as { n: number }).n;
      if (n !== invoices) problems.push(`${name} holds ${n} of ${invoices} invoices`);
    } finally {
      db.close();
    }
  }
  return problems;
}

/** Every invoice of the older version is there, as the current migration strategy makes it; nothing old is left. */
export async function migrationProblems(services: Services, older: readonly InvoiceDoc[]): Promise<string[]> {
  const problems: string[] = [];
  const { version } = COLLECTIONS.invoices.schema;
  const strategy = COLLECTIONS.invoices.migrationStrategies[version] as (doc: InvoiceDoc) => InvoiceDoc;
  const stored = new Map((await services.books.db.invoices.find().exec()).map((d) => [d.id, plain(d.toMutableJSON())]));
  if (stored.size !== older.length) problems.push(`${stored.size} invoices after the migration, ${older.length} before`);
  for (const doc of older) {
    const expected = plain(strategy(plain(doc)));
    const actual = stored.get(doc.id) as Record<string, unknown> | undefined;
    if (!actual) continue;
    const differs = Object.keys(expected).filter((k) => !isDeepStrictEqual(actual[k], (expected as Record<string, unknown>)[k]));
    if (differs.length) problems.push(`${doc.id}: ${differs.join(', ')} not as migrated`);
  }
  const db = new Database(services.books.filename, { readonly: true });
  try {
    const left = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'rx__books__invoices__v%' OR name LIKE '%migration%')").pluck().all() as string[];
    const stale = left.filter((t) => t !== `rx__books__invoices__v${version}`);
    if (stale.length) problems.push(`left behind: ${stale.join(', ')}`);
  } finally {
    db.close();
  }
  return problems;
}

/**
 * Every reminder written is told of in exactly one run notice, and each notice is mailed to the
 * internal addresses of the mail settings when there are any.
 */
export async function runNoticeProblems(services: Services): Promise<string[]> {
  const problems: string[] = [];
  const reminders = (await factsOf(services, 'reminder')).filter((f) => f.deviceId === services.books.deviceId);
  const runs = (await factsOf(services, 'notification')).filter((f) => f.notification!.topic === 'reminder.run');
  const told = runs.reduce((sum, f) => sum + Number((JSON.parse(f.notification!.params ?? '{}') as { count?: number }).count ?? 0), 0);
  if (told !== reminders.length) problems.push(`${reminders.length} reminders written, ${told} told of in ${runs.length} run notices`);
  const settings = await services.mail.settingsView();
  if (settings.accountManagerAddress || settings.customerServiceAddress) {
    const keys = new Set((await services.books.db.outbox.find().exec()).map((d) => d.dedupeKey));
    for (const run of runs) if (!keys.has(`overdueNotice:${run.id}`)) problems.push(`run notice ${run.id} was never mailed to the internal addresses`);
  }
  return problems;
}
