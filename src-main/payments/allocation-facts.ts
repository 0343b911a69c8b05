/** The allocation facts: an allocation of a payment to an invoice, and the fact that takes one back. */
import { newFact } from '../store/facts.js';
import type { FactDoc } from '../store/schemas/facts.js';
import type { AllocationRequest } from './ledger/rules.js';

type Moment = { deviceId: string; userId: string; occurredAt: string };

export function allocationFact(at: Moment, paymentId: string, a: AllocationRequest): FactDoc {
  return newFact(at.deviceId, {
    kind: 'allocation',
    subjectId: a.invoiceId,
    occurredAt: at.occurredAt,
    userId: at.userId,
    allocation: { paymentId, invoiceId: a.invoiceId, amount: a.amount, ...(a.skonto ? { skontoAmount: a.skonto } : {}), ...(a.writeOff ? { writeOffAmount: a.writeOff } : {}) },
  });
}

/** The fact that takes an allocation back; the first one stays, as history. */
export function reversalFact(at: Moment, allocation: Pick<FactDoc, 'id' | 'subjectId' | 'allocation'>): FactDoc {
  const a = allocation.allocation!;
  return newFact(at.deviceId, {
    kind: 'allocation',
    subjectId: allocation.subjectId,
    occurredAt: at.occurredAt,
    userId: at.userId,
    allocation: { paymentId: a.paymentId, invoiceId: a.invoiceId, amount: a.amount, ...(a.skontoAmount ? { skontoAmount: a.skontoAmount } : {}), ...(a.writeOffAmount ? { writeOffAmount: a.writeOffAmount } : {}), reversesId: allocation.id },
  });
}
