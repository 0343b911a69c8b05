/** Payments as the screens see them: each with its allocations, its customer and what is left unallocated. */
import { AppError, type Page, type ParsedInputOf, type PaymentView } from '../../src-shared/contract/index.js';
import type { Core } from '../server/core.js';
import type { FactDoc } from '../store/schemas/facts.js';
import { standing } from './ledger/open-items.js';
import { newestFirst } from './newest-first.js';
import { reversalLinks, type ReversalLinks } from './reversal-links.js';

export class PaymentViews {
  constructor(private readonly core: Pick<Core, 'books'>) {}

  private get db() {
    return this.core.books.db;
  }

  async get(id: string): Promise<PaymentView> {
    const doc = await this.db.facts.findOne(id).exec();
    if (!doc?.payment) throw new AppError('NOT_FOUND', `Payment ${id} not found`);
    return (await this.views([doc.toMutableJSON()]))[0]!;
  }

  async list(input: ParsedInputOf<'payments.list'>): Promise<Page<PaymentView>> {
    const selector: Record<string, unknown> = { kind: 'payment' };
    if (input.customerId) selector.subjectId = input.customerId;
    const all = (await this.db.facts.find({ selector }).exec())
      .map((d) => d.toMutableJSON())
      .filter((d) => !input.direction || d.payment!.direction === input.direction)
      .sort(newestFirst);
    const page = all.slice(input.page * input.pageSize, (input.page + 1) * input.pageSize);
    return { items: await this.views(page), total: all.length, page: input.page, pageSize: input.pageSize };
  }

  /** The reversals on statements and the payments they took back. */
  private async reversalLinks(): Promise<ReversalLinks> {
    const reversals = (await this.db.facts.find({ selector: { kind: 'payment', 'payment.purpose': 'reversal' } }).exec()).map((d) => d.toMutableJSON());
    const ids = [...new Set(reversals.map((r) => r.payment!.reversesPaymentId ?? '').filter(Boolean))];
    const reversed = ids.length ? await this.db.facts.findByIds(ids).exec() : new Map();
    return reversalLinks(reversals, new Map([...reversed].map(([id, d]) => [id, d.toMutableJSON()])));
  }

  async views(docs: FactDoc[]): Promise<PaymentView[]> {
    const ids = docs.map((d) => d.id);
    const allocationDocs = ids.length ? (await this.db.facts.find({ selector: { kind: 'allocation', 'allocation.paymentId': { $in: ids } } }).exec()).map((d) => d.toMutableJSON()) : [];
    const invoiceIds = [...new Set(allocationDocs.map((a) => a.allocation!.invoiceId))];
    const invoices = await this.db.invoices.findByIds(invoiceIds).exec();
    const links = await this.reversalLinks();
    const customers = await this.db.customers.findByIds([...new Set([...docs.map((d) => d.payment!.customerId ?? ''), ...[...invoices.values()].map((i) => i.customerId)].filter(Boolean))]).exec();
    return docs.map((d) => {
      const p = d.payment!;
      const mine = allocationDocs.filter((a) => a.allocation!.paymentId === d.id).map((a) => ({ id: a.id, ...a.allocation!, occurredAt: a.occurredAt }));
      const live = new Set(standing(mine).map((a) => a.id));
      const allocations = mine
        .filter((a) => !a.reversesId)
        .map((a) => ({
          id: a.id,
          invoiceId: a.invoiceId,
          invoiceNumber: invoices.get(a.invoiceId)?.number ?? '',
          amount: a.amount,
          skonto: a.skontoAmount ?? 0,
          writeOff: a.writeOffAmount ?? 0,
          reversed: !live.has(a.id),
          occurredAt: a.occurredAt,
        }));
      const allocatedAmount = allocations.filter((a) => !a.reversed).reduce((sum, a) => sum + a.amount, 0);
      // A payment booked without a customer belongs to the customer of the invoices it settles.
      const reversedBy = links.reversedBy.get(d.id) ?? null;
      const reverses = links.reverses.get(d.id) ?? null;
      const customerId = p.customerId || invoices.get(allocations.find((a) => !a.reversed)?.invoiceId ?? '')?.customerId || '';
      return {
        id: d.id,
        direction: p.direction,
        purpose: p.purpose ?? 'customerPayment',
        date: p.date,
        amount: p.amount,
        currency: p.currency,
        method: p.method,
        counterpartyName: p.counterpartyName ?? '',
        counterpartyIban: p.counterpartyIban ?? '',
        reference: p.reference ?? '',
        source: p.source,
        customerId,
        customerName: customers.get(customerId)?.name ?? '',
        allocations,
        // Money a reversal took back is not there to allocate.
        unallocated: p.direction === 'incoming' && !reversedBy ? p.amount - allocatedAmount : 0,
        recordedAt: d.occurredAt,
        reversedBy,
        reverses,
      };
    });
  }
}
