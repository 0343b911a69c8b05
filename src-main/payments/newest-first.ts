import type { FactDoc } from '../store/schemas/facts.js';

/** Payments as a bookkeeper reads them: newest payment date first; of one day, the one recorded last first. */
export function newestFirst(a: FactDoc, b: FactDoc): number {
  const byDate = (b.payment?.date ?? '').localeCompare(a.payment?.date ?? '');
  if (byDate !== 0) return byDate;
  return b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id);
}
