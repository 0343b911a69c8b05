/**
 * A customer's credit risk from the books (rules in `src-shared/dunning/risk.ts`): what the risk
 * panel shows, why approving an invoice needs a supervisor's confirmation, and the order block
 * at the final notice.
 */
import { AppError, type CustomerRiskView } from '../../src-shared/contract/index.js';
import { addDays, daysBetween, FINAL_LEVEL } from '../../src-shared/dunning/levels.js';
import { approvalReasonsOf, approvedNotIssuedOf, exposureOf, riskOf, type RiskFacts, type RiskReason } from '../../src-shared/dunning/risk.js';
import { casesOf, todayOf, type ReminderContext } from './context.js';

type RiskContext = Pick<ReminderContext, 'core' | 'rules'>;

export async function riskFactsOf({ core, rules }: RiskContext, customerId: string): Promise<{ facts: RiskFacts; view: Omit<CustomerRiskView, 'riskClass' | 'reasons'> }> {
  const { db } = core.books;
  const today = todayOf(core);
  const customer = await db.customers.findOne(customerId).exec();
  if (!customer) throw new AppError('NOT_FOUND', `Customer ${customerId} not found`);
  const found = await db.invoices.find({ selector: { customerId, status: { $in: ['approved', 'issued', 'sent'] } } as never }).exec();
  const docs = found.filter((d) => d.documentType === 'invoice');
  // Approved credit notes lower the exposure as approved invoices raise it; issued ones are taken off their invoice's open amount.
  const approvedNotIssued = approvedNotIssuedOf(found.filter((d) => d.status === 'approved').map((d) => ({ documentType: d.documentType, grossAmount: d.grossAmount })));
  const issued = docs.filter((d) => d.status !== 'approved').map((d) => d.id);
  const cases = await casesOf(core, '9999-12-31', issued);
  let openAmount = 0;
  let overdueAmount = 0;
  let oldestOverdueDays = 0;
  let lateSum = 0;
  let paidInvoices = 0;
  let blocked = false;
  const yearAgo = addDays(today, -365);
  let highestLevel = -1;
  for (const c of cases) {
    const levels = c.sent.filter((s) => s.runDate >= yearAgo).map((s) => s.level);
    highestLevel = Math.max(highestLevel, ...levels);
    if (c.open > 0) {
      openAmount += c.open;
      if (c.invoice.dueDate < today) {
        overdueAmount += c.open;
        oldestOverdueDays = Math.max(oldestOverdueDays, daysBetween(c.invoice.dueDate, today));
      }
      if (c.sent.some((s) => s.level >= FINAL_LEVEL)) blocked = true;
    } else if (c.settlements.length) {
      const last = c.settlements.reduce((max, s) => (s.date > max ? s.date : max), '');
      lateSum += Math.max(0, daysBetween(c.invoice.dueDate, last));
      paidInvoices++;
    }
  }
  const company = await rules.company();
  const facts: RiskFacts = {
    creditLimit: customer.creditLimit ?? 0,
    exposure: exposureOf(openAmount, approvedNotIssued),
    overdueAmount,
    oldestOverdueDays,
    averageDaysLate: paidInvoices ? Math.round(lateSum / paidInvoices) : null,
    highestLevel,
  };
  return {
    facts,
    view: {
      customerId,
      currency: docs[0]?.currency ?? 'EUR',
      ...facts,
      openAmount,
      approvedNotIssued,
      paidInvoices,
      blocked: blocked && company.blockOrdersAtFinalNotice,
      dunningStop: customer.dunningStop ?? '',
    },
  };
}

export async function riskOfCustomer(ctx: RiskContext, customerId: string): Promise<CustomerRiskView> {
  const { facts, view } = await riskFactsOf(ctx, customerId);
  return { ...view, ...riskOf(facts) };
}

/** Why approving an invoice of `amount` for this customer needs the supervisor to confirm the risk. */
export async function approvalReasonsFor(ctx: RiskContext, customerId: string, amount: number): Promise<{ riskClass: CustomerRiskView['riskClass']; reasons: RiskReason[] }> {
  const { facts } = await riskFactsOf(ctx, customerId);
  const { riskClass, reasons } = riskOf(facts);
  return { riskClass, reasons: approvalReasonsOf(facts, amount, riskClass, reasons) };
}

/** New orders are refused for a customer whose open invoice reached the final notice. */
export async function assertNotBlocked(ctx: RiskContext, customerId: string): Promise<void> {
  const company = await ctx.rules.company();
  if (!company.blockOrdersAtFinalNotice) return;
  const { view } = await riskFactsOf(ctx, customerId);
  if (view.blocked) throw new AppError('CUSTOMER_BLOCKED', 'An open invoice of this customer has reached the final notice', { customerId });
}
