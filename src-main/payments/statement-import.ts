/**
 * Importing a bank statement: preview (entries, duplicates, proposed matches) and commit. The
 * commit is all-or-nothing: every new entry becomes a payment fact, confident matches (and the
 * user's choices) become allocations, all in one transaction with their audit entries; a file
 * that cannot be read whole imports nothing. Entries seen before (same bank reference on the
 * same account, or same account, date, amount and text; see identity.ts) are skipped and
 * reported. The file is parsed in a worker thread (import/reader.ts); the work left on the main
 * thread pauses now and then, so that a large file never holds up everyone else.
 */
import { AppError, type PublicUser, type StatementImportResult, type StatementPreview, type StatementPreviewEntry } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import { identities, SeenEntries } from './identity.js';
import type { ParsedStatementFile } from './import/index.js';
import { statementReader, type StatementReader } from './import/reader.js';
import type { Ledger } from './ledger/ledger.js';
import { openOf, skontoTermOf, type LedgerInvoice } from './ledger/rules.js';
import { Matcher, type MatchResult, type OpenInvoice } from './matching.js';
import type { PaymentsPorts } from './ports.js';
import type { PaymentRequests } from './requests.js';
import { StatementBooking, type CommitOptions } from './statement-commit.js';
import { readStatement, turns, uncheckedStatements, type ImportSource } from './statement-read.js';
import { reversibleBookings } from './statement-reversal.js';
import { previewReversals } from './statement-preview-reversal.js';

export type { ImportSource } from './statement-read.js';
export { uncheckedStatements } from './statement-read.js';

/** An open invoice as the matcher sees it: its open amount, and what is left to pay with Skonto while nothing settled it. */
export function openInvoiceOf(invoice: LedgerInvoice): OpenInvoice {
  const open = openOf(invoice);
  const skonto = open === invoice.amountDue ? skontoTermOf(invoice) : null;
  return {
    id: invoice.id,
    number: invoice.number,
    customerId: invoice.customerId,
    customerName: invoice.customerName,
    open,
    skontoOpen: skonto ? skonto.payable : 0,
    skontoUntil: skonto ? skonto.lastDay : '',
    currency: invoice.currency,
  };
}

export class StatementImport {
  constructor(
    private readonly core: Core,
    private readonly ledger: Ledger,
    private readonly requests: PaymentRequests,
    private readonly ports: PaymentsPorts,
    private readonly reader: StatementReader = statementReader(),
  ) {}

  private parse(source: ImportSource): Promise<ParsedStatementFile> {
    return readStatement(this.reader, source, this.core.clock().toISOString().slice(0, 10));
  }

  /** The open invoices as the matcher sees them, and the IBANs customers paid from before. */
  async matcher(): Promise<{ matcher: Matcher; invoices: Map<string, OpenInvoice>; ledger: Map<string, LedgerInvoice> }> {
    const ledger = await this.ledger.issuedInvoices();
    const invoices = new Map<string, OpenInvoice>();
    for (const invoice of ledger.values()) if (openOf(invoice) > 0) invoices.set(invoice.id, openInvoiceOf(invoice));
    const known = new Map<string, Set<string>>();
    const payments = await this.core.books.db.facts.find({ selector: { kind: 'payment' } }).exec();
    for (const p of payments) {
      const iban = p.payment?.counterpartyIban;
      const customerId = p.payment?.customerId;
      if (!iban || !customerId) continue;
      const set = known.get(iban) ?? new Set<string>();
      set.add(customerId);
      known.set(iban, set);
    }
    return { matcher: new Matcher([...invoices.values()], known), invoices, ledger };
  }

  /** The external ids of the payments booked so far. */
  private async seenEntries(): Promise<SeenEntries> {
    const docs = await this.core.books.db.facts.find({ selector: { kind: 'payment' } }).exec();
    return new SeenEntries(
      docs.flatMap((d) => (d.payment?.externalId ? [{ externalId: d.payment.externalId, date: d.payment.date, amount: d.payment.amount, reference: d.payment.reference ?? '' }] : [])),
    );
  }

  async preview(source: ImportSource): Promise<StatementPreview> {
    const parsed = await this.parse(source);
    const { matcher, invoices } = await this.matcher();
    const known = await this.seenEntries();
    const entries: StatementPreviewEntry[] = [];
    const ids = identities(parsed);
    const turn = turns();
    // An invoice a confident match of an earlier entry settles is no safe match for a later one.
    const settled = new Set<string>();
    for (const [si, statement] of parsed.statements.entries()) {
      for (const [ei, e] of statement.entries.entries()) {
        await turn();
        const id = ids[si]![ei]!;
        const duplicate = known.claim(id, e);
        known.add(id.identity);
        const result: MatchResult = duplicate || e.amount <= 0 ? { candidates: [], confident: null } : matcher.match(e);
        if (result.confident?.invoiceIds.some((invoiceId) => settled.has(invoiceId))) result.confident = null;
        for (const invoiceId of result.confident?.invoiceIds ?? []) settled.add(invoiceId);
        entries.push({
          ...e,
          index: entries.length,
          statementId: statement.id,
          duplicate,
          match: {
            candidates: result.candidates.map((c) => ({
              invoiceIds: c.invoiceIds,
              numbers: c.invoiceIds.map((i) => invoices.get(i)?.number ?? ''),
              customerName: invoices.get(c.invoiceIds[0]!)?.customerName ?? '',
              score: c.score,
              reasons: c.reasons,
            })),
            confident: result.confident !== null,
          },
        });
      }
    }
    if (entries.some((e) => e.reversal && !e.duplicate)) {
      const booked = (await this.core.books.db.facts.find({ selector: { kind: 'payment' } }).exec()).map((d) => d.toMutableJSON());
      for (const [index, reverses] of previewReversals(entries, booked)) entries[index]!.reverses = reverses;
    }
    return {
      format: parsed.format,
      accounts: [...new Set(parsed.statements.map((s) => s.account.iban || s.account.number))],
      entries,
      counts: {
        entries: entries.length,
        duplicates: entries.filter((e) => e.duplicate).length,
        confident: entries.filter((e) => e.match.confident).length,
        incoming: entries.filter((e) => e.amount > 0 && !e.duplicate).length,
      },
      unchecked: uncheckedStatements(parsed),
    };
  }

  /**
   * Books the file: each new entry a payment; `choices` (entry index → invoice ids or
   * allocations, or none) override the proposals; with `autoAllocate`, confident matches are
   * allocated. A file with statements that cannot be checked (see `uncheckedStatements`) needs
   * `confirmUnchecked`.
   */
  async commit(source: ImportSource, options: CommitOptions, user: PublicUser): Promise<StatementImportResult> {
    const parsed = await this.parse(source);
    // Entries that no balance vouches for are booked only when the user said so, having seen the warning.
    if (!options.confirmUnchecked && uncheckedStatements(parsed).length) {
      throw new AppError('VALIDATION_FAILED', 'confirmUnchecked: the statement has no balances to check its entries against', { fields: [{ field: 'confirmUnchecked', problem: 'validation.statementUnchecked' }] });
    }
    const booking = await this.booking(source, parsed, options, user);
    const known = await this.seenEntries();
    /** The identities of the entries booked now. */
    const bookedIdentities: string[] = [];
    let index = 0;
    let duplicates = 0;
    const ids = identities(parsed);
    const turn = turns();
    for (const [si, statement] of parsed.statements.entries()) {
      for (const [ei, e] of statement.entries.entries()) {
        const at = index++;
        await turn();
        const id = ids[si]![ei]!;
        if (known.claim(id, e)) {
          duplicates++;
          continue;
        }
        known.add(id.identity);
        bookedIdentities.push(id.identity);
        await booking.book(e, at, id.identity);
      }
    }
    await this.write(booking, bookedIdentities, user);
    return booking.result(duplicates);
  }

  private async booking(source: ImportSource, parsed: ParsedStatementFile, options: CommitOptions, user: PublicUser): Promise<StatementBooking> {
    const { books, clock } = this.core;
    const { matcher, ledger } = await this.matcher();
    const reversals = parsed.statements.some((s) => s.entries.some((e) => e.reversal));
    const reversible = reversals ? reversibleBookings((await books.db.facts.find({ selector: { kind: 'payment' } }).exec()).map((d) => d.toMutableJSON())) : [];
    return new StatementBooking({
      user,
      deviceId: books.deviceId,
      now: clock().toISOString(),
      fileName: source.fileName,
      provider: parsed.format === 'stripe',
      options,
      matcher,
      invoices: ledger,
      reversible,
      allocationsOf: async (paymentId) => (await books.db.facts.find({ selector: { kind: 'allocation', 'allocation.paymentId': paymentId } }).exec()).map((d) => d.toMutableJSON()),
      review: (payment) => this.requests.forUnmatched(payment, user.id),
      openReviewOf: async (paymentId) => (await books.db.paymentRequests.findOne({ selector: { paymentId, status: 'requested' } }).exec())?.toMutableJSON() ?? null,
    });
  }

  /** Writes the booking in one transaction, with the customers' thanks: a crash after the commit owes none. */
  private async write(booking: StatementBooking, bookedIdentities: readonly string[], user: PublicUser): Promise<void> {
    const { books, writes } = this.core;
    const thanks = await this.ports.paymentNotices(booking.notices, user.id);
    if (booking.facts.length) {
      await writes.write(user.id, [...booking.changes, ...thanks.changes], async () => {
        // The same file imported twice at once: the second finds the first's entries here.
        const present = await this.seenEntries();
        if (bookedIdentities.some((identity) => present.has(identity))) throw new AppError('CONFLICT', 'This statement was imported meanwhile');
        const result = await books.db.facts.bulkInsert(booking.facts);
        if (result.error.length) throw new Error('The statement could not be written');
        if (booking.reviews.length) {
          const queued = await books.db.paymentRequests.bulkInsert(booking.reviews);
          if (queued.error.length) throw new Error('The review requests could not be written');
        }
        if (booking.closedReviews.length) await books.db.paymentRequests.bulkUpsert(booking.closedReviews);
        await thanks.insert();
      });
    }
    this.ports.mailQueued();
  }
}
