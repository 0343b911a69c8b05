/**
 * Which invoices an incoming statement entry settles: the user's choice (invoices, or the
 * allocations themselves) or, with auto-allocation, the confident match. Every plan passes the
 * ledger's allocation checks, as a manual allocation does (open amount, Skonto and its deadline,
 * the role and limit of a write-off); a payment within the Skonto term takes the Skonto. Pure.
 */
import { AppError } from '../../src-shared/contract/index.js';
import { checkAllocations, openOf, skontoOffer, type AllocationRequest, type CheckedAllocations, type LedgerInvoice } from './ledger/rules.js';
import type { Candidate } from './matching.js';

export type EntryChoice = { invoiceIds: readonly string[]; allocations?: readonly AllocationRequest[] | undefined };
export type PlannedEntry = { date: string; amount: number; currency: string };
export type Plan = CheckedAllocations['accepted'];

function refuse(at: number, problem: string, field = `choices.${at}`): never {
  throw new AppError('VALIDATION_FAILED', `Entry ${at + 1}: ${problem}`, { fields: [{ field, problem }] });
}

/** The entry spread over the chosen invoices in their order, each with its Skonto when the payment takes it. */
function spread(invoices: ReadonlyMap<string, LedgerInvoice>, e: PlannedEntry, invoiceIds: readonly string[]): AllocationRequest[] {
  let left = e.amount;
  const plan: AllocationRequest[] = [];
  for (const invoiceId of invoiceIds) {
    const invoice = invoices.get(invoiceId)!;
    const offer = skontoOffer(invoice, e.date, left);
    const amount = offer ? offer.amount : Math.min(left, openOf(invoice));
    if (amount > 0) plan.push({ invoiceId, amount, skonto: offer?.skonto ?? 0, writeOff: 0 });
    left -= amount;
  }
  return plan;
}

function checked(invoices: ReadonlyMap<string, LedgerInvoice>, e: PlannedEntry, requests: readonly AllocationRequest[], role: string): CheckedAllocations {
  return checkAllocations(invoices, requests, { date: e.date, currency: e.currency, customerId: '', amount: e.amount, alreadyAllocated: 0 }, role);
}

/** The allocations the user chose for entry `at`; a choice the ledger refuses is refused, naming the entry. */
export function planChoice(invoices: ReadonlyMap<string, LedgerInvoice>, e: PlannedEntry, at: number, choice: EntryChoice, role: string): Plan {
  if (choice.allocations?.length) {
    const result = checked(invoices, e, choice.allocations, role);
    const first = result.problems[0];
    if (first) refuse(at, first.problem, first.index < 0 ? `choices.${at}.allocations` : `choices.${at}.allocations.${first.index}.${first.field}`);
    return result.accepted;
  }
  const ids = choice.invoiceIds;
  if (new Set(ids).size !== ids.length) refuse(at, 'validation.duplicateInvoice');
  const chosen = ids.map((id) => invoices.get(id));
  if (chosen.some((i) => !i || openOf(i) <= 0)) refuse(at, 'validation.invoiceNotOpen');
  if (chosen.some((i) => i!.currency !== e.currency)) refuse(at, 'validation.currencyMismatch');
  if (new Set(chosen.map((i) => i!.customerId)).size > 1) refuse(at, 'validation.otherCustomer');
  const result = checked(invoices, e, spread(invoices, e, ids), role);
  if (result.problems[0]) refuse(at, result.problems[0].problem);
  return result.accepted;
}

/** The confident match as allocations, when the ledger allows them as they stand; none otherwise. */
export function planMatch(invoices: ReadonlyMap<string, LedgerInvoice>, e: PlannedEntry, match: Candidate, role: string): Plan {
  const requests = match.invoiceIds.map((invoiceId, k) => ({ invoiceId, amount: match.amounts[k]!, skonto: match.skonto[k]!, writeOff: 0 }));
  const result = checked(invoices, e, requests, role);
  return result.problems.length ? [] : result.accepted;
}
