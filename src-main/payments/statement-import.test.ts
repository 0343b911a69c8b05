/**
 * A bank statement imported through the contract: preview with proposed matches, commit that
 * allocates confident matches (one invoice, and two invoices in one transfer), duplicates skipped
 * on a second import, and a broken file that imports nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATEMENT_MAX_BYTES } from '../../src-shared/contract/index.js';
import { translate } from '../../src-shared/i18n/index.js';
import { customer, product, team, type Team } from '../../tests/support/books.js';
import { PASSWORD, startTestApp, unwrap, type TestApp } from '../../tests/support/services.js';
import { issued } from '../../tests/support/pdf.js';
import { parseStatement } from './import/index.js';
import { camtFile, manyEntries, watchEventLoop, type CamtTestEntry } from './import/testing.js';
import { normalizeReference } from './matching.js';
import { newFact } from '../store/facts.js';

let app: TestApp;
let t: Team;
/** The books' clock, moved by a test. */
let now: Date;
const file = (name: string) => ({ fileName: name, dataBase64: fs.readFileSync(path.resolve('tests/fixtures/statements', name)).toString('base64') });
const camt = (fileName: string, entries: CamtTestEntry[], options: Parameters<typeof camtFile>[1] = {}) => ({ fileName, dataBase64: camtFile(entries, options).toString('base64') });

beforeEach(async () => {
  now = new Date('2026-12-02T09:00:00Z');
  app = await startTestApp(() => now);
  t = await team(app);
  const baeckerei = await customer(t.bookkeeper, { name: 'Bäckerei Größe KG', invoiceEmails: ['buchhaltung@baeckerei.example'] });
  const cafe = await customer(t.bookkeeper, { name: 'Café Morgenrot', invoiceEmails: ['kasse@morgenrot.example'] });
  const item = async (net: string) => (await product(t.bookkeeper, { sku: `S-${net}`, netPrice: net, vatRate: '19' })).id;
  // RE-2026-A-000001 119.00 €, -000002 95.20 €, -000003 73.60 €: the amounts of the sample statements.
  await issued(t, { customerId: baeckerei.id, lines: [{ productId: await item('100'), quantity: '1' }] });
  await issued(t, { customerId: cafe.id, lines: [{ productId: await item('80'), quantity: '1' }] });
  await issued(t, { customerId: cafe.id, lines: [{ productId: await item('61.85'), quantity: '1' }] });
});
afterEach(async () => app.stop());

describe('bank statement import', () => {
  it('previews the entries with their matches, then books and allocates the confident ones', async () => {
    const preview = await unwrap(t.bookkeeper.invoke('payments.previewStatement', file('camt053-two-statements.xml')));
    expect(preview.counts).toEqual({ entries: 4, duplicates: 0, confident: 2, incoming: 2 });
    expect(preview.entries[0]!.match.confident).toBe(true);
    expect(preview.entries[0]!.match.candidates[0]).toMatchObject({ numbers: ['RE-2026-A-000001'], reasons: ['number', 'amount', 'name'] });
    // One transfer for two invoices; each of them alone is a weaker reading.
    expect(preview.entries[2]!.match.confident).toBe(true);
    expect(preview.entries[2]!.match.candidates.map((c) => [c.numbers.join(' + '), c.score])).toEqual([
      ['RE-2026-A-000002 + RE-2026-A-000003', 100],
      ['RE-2026-A-000002', 70],
      ['RE-2026-A-000003', 70],
    ]);
    expect(preview.entries[1]).toMatchObject({ amount: -2500, match: { candidates: [], confident: false } });

    const result = await unwrap(t.bookkeeper.invoke('payments.importStatement', file('camt053-two-statements.xml')));
    expect(result).toMatchObject({ imported: 4, duplicates: 0, allocated: 2, unmatched: 0 });
    // The second statement's reversal (RvslInd, end-to-end id E2E-4711) takes the 119.00 € back:
    // that invoice is open again; the two the other transfer paid stay paid.
    expect(result.reversals).toEqual({ taken: 1, left: [] });
    expect((await unwrap(t.bookkeeper.invoke('payments.openItems', {}))).items.map((i) => [i.number, i.open])).toEqual([['RE-2026-A-000001', 11900]]);
    const mails = (await unwrap(t.bookkeeper.invoke('mail.outbox', {}))).items.filter((m) => m.event === 'paymentReceived');
    expect(mails.map((m) => m.to.join()).sort()).toEqual(['buchhaltung@baeckerei.example', 'kasse@morgenrot.example']);

    const again = await unwrap(t.bookkeeper.invoke('payments.importStatement', file('camt053-two-statements.xml')));
    expect(again).toMatchObject({ imported: 0, duplicates: 4 });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(4);
  });

  it('books without allocating when told so, and follows the user’s choice for an entry', async () => {
    const result = await unwrap(
      t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-latin1.sta'), autoAllocate: false, choices: [{ index: 0, invoiceIds: [(await firstOpen()).invoiceId] }] }),
    );
    expect(result).toMatchObject({ imported: 4, allocated: 1, unmatched: 1 });
    // The file's last entry is the bank's reversal (RC) of that 119.00 €, with its end-to-end id:
    // the allocation chosen is taken back with it, and the invoice is open again.
    expect(result.reversals).toEqual({ taken: 1, left: [] });
    const open = await unwrap(t.bookkeeper.invoke('payments.openItems', {}));
    expect(open.items.map((i) => i.number)).toEqual(['RE-2026-A-000001', 'RE-2026-A-000002', 'RE-2026-A-000003']);
    // The transfer not allocated waits, without a customer, for someone to assign it.
    const unassigned = (await unwrap(t.bookkeeper.invoke('payments.list', { direction: 'incoming' }))).items.filter((p) => p.unallocated > 0 && !p.customerId);
    expect(unassigned.map((p) => [p.amount, p.counterpartyName, p.customerId])).toEqual([[16880, 'Café Morgenrot', '']]);
  });

  it('imports nothing from a file with a booking in the future, and says which', async () => {
    now = new Date('2026-11-28T09:00:00Z');
    const result = await t.bookkeeper.invoke('payments.importStatement', file('camt053-two-statements.xml'));
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', details: { where: 'Ntry[3]', problem: 'the booking date 2026-11-30 lies in the future' } } });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(0);
  });

  it('imports nothing from a file whose entries do not add up, and says where', async () => {
    const result = await t.bookkeeper.invoke('payments.importStatement', file('camt053-unbalanced.xml'));
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', details: { file: 'camt053-unbalanced.xml', where: 'statement 2026-11-30-0001' } } });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(0);
  });
});

async function firstOpen() {
  return (await unwrap(t.bookkeeper.invoke('payments.openItems', {}))).items[0]!;
}

describe('payment requests', () => {
  it('an unmatched incoming payment waits for a reviewer, who assigns it to invoices', async () => {
    await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...file('mt940-latin1.sta'), autoAllocate: false }));
    const waiting = await unwrap(t.bookkeeper.invoke('paymentRequests.list', { status: 'requested' }));
    // The bakery's 119.00 € are reversed by the bank further down the same file: nothing to review.
    expect(waiting.map((r) => [r.direction, r.amount, r.counterpartyName]).sort()).toEqual([['incoming', 16880, 'Café Morgenrot']]);
    const cafe = waiting.find((r) => r.amount === 16880)!;
    const open = await unwrap(t.bookkeeper.invoke('payments.openItems', {}));
    const ids = open.items.filter((i) => i.customerName === 'Café Morgenrot').map((i) => i.invoiceId);
    expect(await t.bookkeeper.invoke('paymentRequests.approve', { id: cafe.id, invoiceIds: ids })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await unwrap(t.supervisor.invoke('paymentRequests.approve', { id: cafe.id, invoiceIds: ids }))).toMatchObject({ status: 'executed', invoiceIds: ids });
    expect((await unwrap(t.bookkeeper.invoke('payments.openItems', {}))).items.map((i) => i.number)).toEqual(['RE-2026-A-000001']);
  });

  it('an outgoing refund: requested, approved by someone else, executed by the cashier and booked', async () => {
    // The customer paid 25.50 € more than any invoice asked: their credit, to be refunded.
    const customerId = (await unwrap(t.bookkeeper.invoke('customers.list', { search: 'Morgenrot' }))).items[0]!.id;
    await unwrap(t.bookkeeper.invoke('payments.record', { date: '2026-12-01', amount: '25.50', customerId }));
    const request = await unwrap(t.supervisor.invoke('paymentRequests.create', { purpose: 'refund', amount: '25.50', counterpartyName: 'Café Morgenrot', counterpartyIban: 'DE44 5001 0517 5407 3249 31', reference: 'Erstattung Guthaben', customerId }));
    expect(request).toMatchObject({ status: 'requested', direction: 'outgoing', amount: 2550, counterpartyIban: 'DE44500105175407324931' });
    expect(await t.supervisor.invoke('paymentRequests.approve', { id: request.id })).toMatchObject({ ok: false, error: { code: 'FOUR_EYES' } });
    expect(await t.admin.invoke('paymentRequests.reject', { id: request.id, reason: ' ' })).toMatchObject({ ok: false, error: { details: { fields: [{ field: 'reason', problem: 'validation.reasonRequired' }] } } });
    expect((await unwrap(t.admin.invoke('paymentRequests.approve', { id: request.id }))).status).toBe('approved');

    const cashier = app.client();
    await unwrap(cashier.invoke('auth.login', { userId: t.ids.cashier!, password: PASSWORD }));
    const done = await unwrap(cashier.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' }));
    expect(done).toMatchObject({ status: 'executed', executedOn: '2026-12-02' });
    const booked = await unwrap(t.bookkeeper.invoke('payments.get', { id: done.paymentId }));
    expect(booked).toMatchObject({ direction: 'outgoing', purpose: 'refund', amount: 2550, date: '2026-12-02' });
    expect(await cashier.invoke('paymentRequests.execute', { id: request.id, executedOn: '2026-12-02' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('online provider export', () => {
  it('books Stripe charges with their fees separately, refunds outgoing, and leaves payouts to the bank statement', async () => {
    const result = await unwrap(t.bookkeeper.invoke('payments.importStatement', file('stripe-balance.csv')));
    expect(result).toMatchObject({ imported: 3, allocated: 1, unmatched: 1, duplicates: 0 });
    const payments = (await unwrap(t.bookkeeper.invoke('payments.list', { pageSize: 50 }))).items;
    const summary = payments.map((p) => [p.direction, p.purpose, p.amount, p.method, p.source]).sort();
    expect(summary).toEqual(
      [
        ['incoming', 'customerPayment', 11900, 'onlineProvider', 'providerExport'],
        ['incoming', 'customerPayment', 4000, 'onlineProvider', 'providerExport'],
        ['outgoing', 'fee', 192, 'onlineProvider', 'providerExport'],
        ['outgoing', 'fee', 81, 'onlineProvider', 'providerExport'],
        ['outgoing', 'refund', 4000, 'onlineProvider', 'providerExport'],
      ].sort(),
    );
    expect((await unwrap(t.bookkeeper.invoke('payments.openItems', {}))).items.map((i) => i.number)).toEqual(['RE-2026-A-000002', 'RE-2026-A-000003']);
  });
});

describe('CSV statements with a saved column mapping', () => {
  it('saves the bank’s mapping, reads the header to map, and imports with it', async () => {
    const csv = file('bank-sparkasse.csv');
    expect((await unwrap(t.bookkeeper.invoke('payments.csvHeader', { dataBase64: csv.dataBase64 }))).columns).toEqual(['Buchungstag', 'Valuta', 'Auftraggeber/Empfänger', 'IBAN', 'Verwendungszweck', 'Betrag', 'Währung']);
    const mapping = { columns: { date: 'Buchungstag', valueDate: 'Valuta', amount: 'Betrag', name: 'Auftraggeber/Empfänger', iban: 'IBAN', remittance: 'Verwendungszweck', currency: 'Währung' } };
    expect(await t.bookkeeper.invoke('payments.saveCsvMapping', { name: 'Sparkasse', mapping: { columns: { date: 'Buchungstag' } } })).toMatchObject({
      ok: false,
      error: { details: { fields: [{ field: 'mapping.columns.amount', problem: 'validation.amountColumn' }] } },
    });
    await unwrap(t.bookkeeper.invoke('payments.saveCsvMapping', { name: 'Sparkasse', mapping }));
    const [saved] = await unwrap(t.bookkeeper.invoke('payments.csvMappings', {}));
    expect(saved).toMatchObject({ name: 'Sparkasse', mapping: { delimiter: ';', decimal: ',', dateFormat: 'dd.MM.yyyy', columns: { amount: 'Betrag' } } });
    const result = await unwrap(t.bookkeeper.invoke('payments.importStatement', { ...csv, csv: saved!.mapping }));
    expect(result).toMatchObject({ imported: 2, duplicates: 0 });
    // 1,190.00 is not the 119.00 of RE-2026-A-000001: named, but not confident; it waits for review.
    expect(result.allocated).toBe(0);
    expect((await unwrap(t.bookkeeper.invoke('paymentRequests.list', { status: 'requested' }))).map((r) => r.amount)).toEqual([119000]);
  });
});

describe('entries with long identities', () => {
  const ACCOUNT = 'DE89370400440532013000';
  // A bank reference far longer than ISO 20022's 35 characters, and one that differs from it only at the end.
  const longRef = `AUSZUG-2026-11-28-${'A'.repeat(282)}`;
  const otherLongRef = `${longRef.slice(0, -1)}B`;
  // No bank reference: the identity is built from ISO 20022 fields of their greatest length.
  const member = {
    amount: 5000,
    date: '2026-11-28',
    endToEndId: `E2E-${'7'.repeat(31)}`,
    name: `Förderverein der Freunde und Gönner ${'e'.repeat(104)}`,
    remittance: [`Mitgliedsbeitrag November ${'x'.repeat(114)}`],
  };
  const byReference = { amount: 11900, date: '2026-11-28', bankReference: longRef, name: 'Café Morgenrot', remittance: ['Danke'] };
  const later = { amount: 7000, date: '2026-11-29', bankReference: otherLongRef, name: 'Café Morgenrot', remittance: ['Anzahlung'] };

  it('skips the entries imported before when an overlapping statement comes, and books the new ones', async () => {
    expect(member.endToEndId).toHaveLength(35);
    expect(member.name).toHaveLength(140);
    expect(member.remittance[0]).toHaveLength(140);
    expect(await unwrap(t.bookkeeper.invoke('payments.importStatement', camt('teil-1.xml', [byReference, member])))).toMatchObject({ imported: 2, duplicates: 0 });

    const overlapping = camt('teil-2.xml', [byReference, member, later]);
    expect(await unwrap(t.bookkeeper.invoke('payments.importStatement', overlapping))).toMatchObject({ imported: 1, duplicates: 2 });
    expect((await unwrap(t.bookkeeper.invoke('payments.previewStatement', overlapping))).entries.map((e) => e.duplicate)).toEqual([true, true, true]);
    expect(await unwrap(t.bookkeeper.invoke('payments.importStatement', overlapping))).toMatchObject({ imported: 0, duplicates: 3 });
    const booked = (await unwrap(t.bookkeeper.invoke('payments.list', { pageSize: 50 }))).items;
    expect(booked.map((p) => p.amount).sort()).toEqual([11900, 5000, 7000]);
  });

  it('knows the payments an earlier version imported, which kept the identity cut to 200 characters', async () => {
    const short = { amount: -2500, date: '2026-11-28', bankReference: 'BANKREF-0001', name: 'Büro & Co.', remittance: ['Porto'] };
    // What the earlier version stored: the identity as text, cut to 200 characters, beside the entry's date, amount and text.
    const earlier = [
      { entry: byReference, identity: `${ACCOUNT}|ref|${longRef}` },
      { entry: member, identity: `${ACCOUNT}|${member.date}|${member.amount}|${member.name.toLowerCase()}|${member.endToEndId}|${normalizeReference(member.remittance[0]!).slice(0, 80)}|0` },
      { entry: short, identity: `${ACCOUNT}|ref|BANKREF-0001` },
    ];
    expect(earlier.map(({ identity }) => Math.min(identity.length, 200))).toEqual([200, 200, 39]);
    await app.services.books.db.facts.bulkInsert(
      earlier.map(({ entry, identity }, i) => newFact(app.services.books.deviceId, {
        id: `01JEARLIER00000000000000${i}`,
        kind: 'payment' as const,
        subjectId: `01JEARLIER00000000000000${i}`,
        occurredAt: '2026-11-30T10:00:00.000Z',
        userId: t.ids.bookkeeper!,
        payment: {
          direction: entry.amount > 0 ? ('incoming' as const) : ('outgoing' as const),
          purpose: entry.amount > 0 ? ('customerPayment' as const) : ('supplierPayment' as const),
          date: entry.date,
          amount: Math.abs(entry.amount),
          currency: 'EUR',
          method: 'bankTransfer' as const,
          counterpartyName: entry.name,
          reference: entry.remittance.join(' '),
          source: 'bankFile' as const,
          externalId: identity.slice(0, 200),
        },
      }),
      ),
    );
    // `later` shares its first 200 characters with the cut identity of `byReference`, but is another payment.
    const result = await unwrap(t.bookkeeper.invoke('payments.importStatement', camt('wieder.xml', [byReference, member, short, later])));
    expect(result).toMatchObject({ imported: 1, duplicates: 3 });
    expect((await unwrap(t.bookkeeper.invoke('payments.list', { pageSize: 50 }))).items.filter((p) => p.amount === 7000)).toHaveLength(1);
  });
});

describe('large statement files', () => {
  it('previews a large statement while the app keeps answering, every entry shown', async () => {
    const bytes = camtFile(manyEntries(3000));
    const started = performance.now();
    parseStatement(bytes, { fileName: 'gross.xml' });
    const parseHere = performance.now() - started;
    await unwrap(t.bookkeeper.invoke('payments.previewStatement', camt('klein.xml', manyEntries(2))));

    const loop = watchEventLoop();
    const preview = await unwrap(t.bookkeeper.invoke('payments.previewStatement', { fileName: 'gross.xml', dataBase64: bytes.toString('base64') }));
    const longest = loop.stop();
    expect(preview.counts.entries).toBe(3000);
    // Parsing holds this thread for its whole time; the preview's own work here comes in short turns.
    // Compared with the parse on the same machine at the same moment, so that a busy machine slows both alike.
    expect(longest.busy, `busy for ${Math.round(longest.busy)} ms at most (longest gap ${Math.round(longest.gap)} ms); parsing here takes ${Math.round(parseHere)} ms`).toBeLessThan(
      Math.max(200, parseHere / 4),
    );
  });

  it('refuses a file over 20 MB, saying so in German and English, and books nothing', async () => {
    const huge = camt('riesig.xml', manyEntries(2), { comment: ' '.repeat(STATEMENT_MAX_BYTES) });
    expect(Buffer.from(huge.dataBase64, 'base64').length).toBeGreaterThan(STATEMENT_MAX_BYTES);
    for (const name of ['payments.previewStatement', 'payments.importStatement'] as const) {
      expect(await t.bookkeeper.invoke(name, huge)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ field: 'dataBase64', problem: 'validation.statementTooLarge' }] } } });
    }
    expect(translate('de', 'validation.statementTooLarge')).toContain(`${STATEMENT_MAX_BYTES / 1_000_000} MB`);
    expect(translate('en', 'validation.statementTooLarge')).toContain(`${STATEMENT_MAX_BYTES / 1_000_000} MB`);
    expect((await unwrap(t.bookkeeper.invoke('payments.list', {}))).total).toBe(0);
    // The same statement without the padding is read.
    expect(await unwrap(t.bookkeeper.invoke('payments.importStatement', camt('riesig.xml', manyEntries(2))))).toMatchObject({ imported: 2 });
  });
});
