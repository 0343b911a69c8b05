/**
 * Importing a bank statement: preview (entries, duplicates, proposed matches) and commit. The
 * commit is all-or-nothing: every new entry becomes a payment fact, confident matches (and the
 * user's choices) become allocations, all in one transaction with their audit entries; a file
 * that cannot be read whole imports nothing. Entries seen before (same bank reference on the
 * same account, or same account, date, amount and text; see identity.ts) are skipped and
 * reported. The file is parsed in a worker thread (import/reader.ts); the work left on the main
 * thread pauses now and then, so that a large file never holds up everyone else.
 */
import { AppError, type PublicUser, type StatementImportResult, type StatementPreview, type StatementPreviewEntry, type StatementUnchecked } from '../../src-shared/contract/index.js';
import { addDays } from '../../src-shared/dates.js';
import { skontoOf } from '../../src-shared/invoice/skonto.js';
import { newId } from '../ids.js';
import { paymentReceivedMessage } from '../mail/events.js';
import type { Services } from '../services.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { PaymentRequestDoc } from '../store/schemas/workflow.js';
import { externalIdOf, identities, SeenEntries } from './identity.js';
import { StatementError, STATEMENT_MAX_BYTES, uncheckedReason, type CsvMapping, type ParsedStatementFile, type StatementFormat } from './import/index.js';
import { base64ByteLength } from './import/limits.js';
import { placeOfEntry, problem } from './import/problems.js';
import { statementReader, type StatementReader } from './import/reader.js';
import { settledByInvoice } from './ledger.js';
import { Matcher, type MatchResult, type OpenInvoice } from './matching.js';
import type { PaymentRequests } from './requests.js';
import type { Payments } from './service.js';

export type ImportSource = { fileName: string; dataBase64: string; format?: StatementFormat; csv?: CsvMapping };

type PreviewEntry = StatementPreviewEntry;
type ImportPreview = StatementPreview;
type ImportResult = StatementImportResult;

/** A file refused: its problem, with the key and values the screens translate, is the error's details. */
function refusal(error: StatementError): AppError {
  return new AppError('IMPORT_FAILED', error.message, error.details());
}

/**
 * The statements whose entries cannot be checked against their balances (a bank statement without
 * opening or closing balance, a notification without any). CSV exports and provider exports carry
 * no balances by their kind; the user's column mapping stands for them.
 */
export function uncheckedStatements(parsed: ParsedStatementFile): StatementUnchecked[] {
  if (parsed.format === 'csv' || parsed.format === 'stripe') return [];
  return parsed.statements.flatMap((s) => {
    const reason = uncheckedReason(s);
    return reason ? [{ statementId: s.id, key: `statementImport.warning.${reason}` }] : [];
  });
}

/** A function to await between entries: it lets the event loop take a turn every `ms` of work. */
function turns(ms = 20): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < ms) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

export class StatementImport {
  constructor(
    private readonly services: Services,
    private readonly payments: Payments,
    private readonly requests: PaymentRequests,
    private readonly reader: StatementReader = statementReader(),
  ) {}

  private async parse(source: ImportSource) {
    const parsed = await this.parseFile(source);
    // A booking cannot lie in the future; a day of slack for banks in other time zones.
    const latest = addDays(this.services.clock().toISOString().slice(0, 10), 1);
    for (const statement of parsed.statements) {
      const late = statement.entries.find((e) => e.date > latest);
      if (late) throw refusal(new StatementError(source.fileName, placeOfEntry(late.at), problem('futureBooking', { date: late.date })));
    }
    return parsed;
  }

  private async parseFile(source: ImportSource) {
    if (base64ByteLength(source.dataBase64) > STATEMENT_MAX_BYTES) {
      throw new AppError('VALIDATION_FAILED', `dataBase64: the file is larger than ${STATEMENT_MAX_BYTES / 1_000_000} MB`, { fields: [{ field: 'dataBase64', problem: 'validation.statementTooLarge' }] });
    }
    try {
      return await this.reader.read({ fileName: source.fileName, dataBase64: source.dataBase64, ...(source.format ? { format: source.format } : {}), ...(source.csv ? { csv: source.csv } : {}) });
    } catch (error) {
      if (error instanceof StatementError) throw refusal(error);
      throw error;
    }
  }

  /** The open invoices as the matcher sees them, and the IBANs customers paid from before. */
  async matcher(): Promise<{ matcher: Matcher; invoices: Map<string, OpenInvoice> }> {
    const { books } = this.services;
    const docs = await books.db.invoices.find({ selector: { status: { $in: ['issued', 'sent'] }, documentType: 'invoice' } }).exec();
    const settled = settledByInvoice(await this.payments.allocations());
    const credited = await this.payments.credited(docs.map((d) => d.id));
    const invoices = new Map<string, OpenInvoice>();
    for (const d of docs) {
      const totals = d.totals as { amountDue?: number } | undefined;
      const due = (totals?.amountDue ?? d.grossAmount) - (credited.get(d.id) ?? 0);
      const s = settled.get(d.id);
      const open = due - (s ? s.paid + s.skonto + s.writtenOff : 0);
      if (open <= 0) continue;
      const untouched = !s || s.paid + s.skonto + s.writtenOff === 0;
      const skonto = d.skonto && d.issueDate && untouched ? skontoOf(due, d.skonto.percent) : null;
      invoices.set(d.id, {
        id: d.id,
        number: d.number,
        customerId: d.customerId,
        customerName: (d.buyer as { name?: string } | undefined)?.name ?? '',
        open,
        skontoOpen: skonto ? skonto.payable : 0,
        skontoUntil: skonto ? addDays(d.issueDate!, d.skonto!.days) : '',
        currency: d.currency,
      });
    }
    const known = new Map<string, Set<string>>();
    const payments = await books.db.facts.find({ selector: { kind: 'payment' } }).exec();
    for (const p of payments) {
      const iban = p.payment?.counterpartyIban;
      const customerId = p.payment?.customerId;
      if (!iban || !customerId) continue;
      const set = known.get(iban) ?? new Set<string>();
      set.add(customerId);
      known.set(iban, set);
    }
    return { matcher: new Matcher([...invoices.values()], known), invoices };
  }

  /** The external ids of the payments booked so far. */
  private async seenEntries(): Promise<SeenEntries> {
    const docs = await this.services.books.db.facts.find({ selector: { kind: 'payment' } }).exec();
    return new SeenEntries(
      docs.flatMap((d) => (d.payment?.externalId ? [{ externalId: d.payment.externalId, date: d.payment.date, amount: d.payment.amount, reference: d.payment.reference ?? '' }] : [])),
    );
  }

  async preview(source: ImportSource): Promise<ImportPreview> {
    const parsed = await this.parse(source);
    const { matcher, invoices } = await this.matcher();
    const known = await this.seenEntries();
    const entries: PreviewEntry[] = [];
    const ids = identities(parsed);
    const turn = turns();
    for (const [si, statement] of parsed.statements.entries()) {
      for (const [ei, e] of statement.entries.entries()) {
        await turn();
        const id = ids[si]![ei]!;
        const duplicate = known.claim(id, e);
        known.add(id.identity);
        const result: MatchResult = duplicate || e.amount <= 0 ? { candidates: [], confident: null } : matcher.match(e);
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
   * Books the file: each new entry a payment; `choices` (entry index → invoice ids, or [] for
   * none) override the proposals; with `autoAllocate`, confident matches are allocated. A file
   * with statements that cannot be checked (see `uncheckedStatements`) needs `confirmUnchecked`.
   */
  async commit(source: ImportSource, options: { autoAllocate: boolean; choices: Map<number, string[]>; confirmUnchecked?: boolean }, user: PublicUser): Promise<ImportResult> {
    const parsed = await this.parse(source);
    // Entries that no balance vouches for are booked only when the user said so, having seen the warning.
    if (!options.confirmUnchecked && uncheckedStatements(parsed).length) {
      throw new AppError('VALIDATION_FAILED', 'confirmUnchecked: the statement has no balances to check its entries against', { fields: [{ field: 'confirmUnchecked', problem: 'validation.statementUnchecked' }] });
    }
    const provider = parsed.format === 'stripe';
    const { books, writes, clock } = this.services;
    const { matcher, invoices } = await this.matcher();
    const known = await this.seenEntries();
    const now = clock().toISOString();
    const facts: FactDoc[] = [];
    /** The identities of the entries booked now. */
    const bookedIdentities: string[] = [];
    const changes: { collection: string; action: string; entity: string; entityId: string; after?: unknown }[] = [];
    const received: { id: string; customerId: string; amount: number; currency: string; receivedOn: string; invoiceNumber: string }[] = [];
    const remaining = new Map([...invoices.values()].map((i) => [i.id, i.open]));
    const reviews: PaymentRequestDoc[] = [];
    let index = 0;
    let duplicates = 0;
    let allocated = 0;
    let unmatched = 0;
    const ids = identities(parsed);
    const turn = turns();
    for (const [si, statement] of parsed.statements.entries()) {
      for (const [ei, e] of statement.entries.entries()) {
        const at = index++;
        await turn();
        const { identity } = ids[si]![ei]!;
        if (known.claim(ids[si]![ei]!, e)) {
          duplicates++;
          continue;
        }
        known.add(identity);
        bookedIdentities.push(identity);
        const externalId = externalIdOf(identity);
        const paymentId = newId();
        let customerId = '';
        const allocations: FactDoc[] = [];
        if (e.amount > 0 && !e.reversal) {
          const choice = options.choices.get(at);
          let plan: { invoiceId: string; amount: number; skonto: number }[] = [];
          if (choice) {
            let left = e.amount;
            const refuse = (problem: string) => {
              throw new AppError('VALIDATION_FAILED', `Entry ${at + 1}: ${problem}`, { fields: [{ field: `choices.${at}`, problem }] });
            };
            if (new Set(choice).size !== choice.length) refuse('validation.duplicateInvoice');
            const chosen = choice.map((id) => invoices.get(id));
            if (chosen.some((i) => !i || (remaining.get(i.id) ?? 0) <= 0)) refuse('validation.invoiceNotOpen');
            if (chosen.some((i) => i!.currency !== e.currency)) refuse('validation.currencyMismatch');
            if (new Set(chosen.map((i) => i!.customerId)).size > 1) refuse('validation.otherCustomer');
            for (const invoiceId of choice) {
              const amount = Math.min(left, remaining.get(invoiceId)!);
              if (amount > 0) plan.push({ invoiceId, amount, skonto: 0 });
              left -= amount;
              remaining.set(invoiceId, remaining.get(invoiceId)! - amount);
            }
          } else if (options.autoAllocate) {
            const confident = matcher.match(e).confident;
            if (confident && confident.invoiceIds.every((id, k) => (remaining.get(id) ?? 0) >= confident.amounts[k]! + confident.skonto[k]!)) {
              plan = confident.invoiceIds.map((invoiceId, k) => ({ invoiceId, amount: confident.amounts[k]!, skonto: confident.skonto[k]! }));
            }
          }
          for (const p of plan) {
            if (!choice) remaining.set(p.invoiceId, (remaining.get(p.invoiceId) ?? 0) - p.amount - p.skonto);
            customerId ||= invoices.get(p.invoiceId)!.customerId;
            allocations.push({
              id: newId(),
              kind: 'allocation',
              subjectId: p.invoiceId,
              occurredAt: now,
              deviceId: books.deviceId,
              seq: 0,
              userId: user.id,
              allocation: { paymentId, invoiceId: p.invoiceId, amount: p.amount, ...(p.skonto ? { skontoAmount: p.skonto } : {}) },
            });
          }
          if (plan.length) allocated++;
          else unmatched++;
        }
        const payment: FactDoc = {
          id: paymentId,
          kind: 'payment',
          subjectId: customerId || paymentId,
          occurredAt: now,
          deviceId: books.deviceId,
          seq: 0,
          userId: user.id,
          payment: {
            direction: e.amount > 0 ? 'incoming' : 'outgoing',
            purpose: e.reversal ? 'reversal' : e.amount > 0 ? 'customerPayment' : provider ? 'refund' : 'supplierPayment',
            date: e.date,
            amount: Math.abs(e.amount),
            currency: e.currency,
            method: provider ? 'onlineProvider' : 'bankTransfer',
            counterpartyName: e.counterpartyName.slice(0, 200),
            counterpartyIban: e.counterpartyIban.slice(0, 34),
            reference: e.remittance.slice(0, 1000),
            source: provider ? 'providerExport' : 'bankFile',
            externalId,
            ...(customerId ? { customerId } : {}),
          },
        };
        facts.push(payment, ...allocations);
        // The provider's fee is a payment of its own, so that the customer's payment stays whole.
        if (e.fee) {
          const feeId = newId();
          facts.push({
            id: feeId,
            kind: 'payment',
            subjectId: feeId,
            occurredAt: now,
            deviceId: books.deviceId,
            seq: 0,
            userId: user.id,
            payment: { direction: 'outgoing', purpose: 'fee', date: e.date, amount: Math.abs(e.fee), currency: e.currency, method: 'onlineProvider', counterpartyName: 'Stripe', reference: `${e.bankReference} ${e.remittance}`.trim().slice(0, 1000), source: 'providerExport', externalId: externalIdOf(`${identity}|fee`) },
          });
        }
        // An incoming payment that matched nothing cleanly goes to the review queue.
        if (e.amount > 0 && !e.reversal && !allocations.length) reviews.push(await this.requests.forUnmatched(payment, user.id));
        changes.push({ collection: 'facts', action: 'payment.imported', entity: 'payment', entityId: paymentId, after: { file: source.fileName, at: e.at, amount: e.amount, date: e.date } });
        for (const a of allocations) changes.push({ collection: 'facts', action: 'payment.allocated', entity: 'invoice', entityId: a.subjectId, after: a.allocation });
        if (customerId) received.push({ id: paymentId, customerId, amount: e.amount, currency: e.currency, receivedOn: e.date, invoiceNumber: allocations.map((a) => invoices.get(a.subjectId)?.number ?? '').join(', ') });
      }
    }
    // The customers' thanks are written with their payments: a crash after the commit owes none.
    const thanks = await this.services.mail.prepare((await Promise.all(received.map((r) => paymentReceivedMessage(this.services, this.services.mail, r)))).filter((m) => m !== null), user.id);
    if (facts.length) {
      await writes.write(user.id, [...changes, ...thanks.changes], async () => {
        // The same file imported twice at once: the second finds the first's entries here.
        const present = await this.seenEntries();
        if (bookedIdentities.some((identity) => present.has(identity))) throw new AppError('CONFLICT', 'This statement was imported meanwhile');
        const result = await books.db.facts.bulkInsert(facts);
        if (result.error.length) throw new Error('The statement could not be written');
        if (reviews.length) {
          const queued = await books.db.paymentRequests.bulkInsert(reviews);
          if (queued.error.length) throw new Error('The review requests could not be written');
        }
        await thanks.insert();
      });
    }
    this.services.mail.kick();
    const booked = facts.filter((f) => f.kind === 'payment' && f.payment!.purpose !== 'fee');
    return { imported: booked.length, duplicates, allocated, unmatched, paymentIds: booked.map((f) => f.id) };
  }
}
