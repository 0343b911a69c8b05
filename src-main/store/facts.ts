import { newId } from '../ids.js';
import type { FactDoc } from './schemas/facts.js';

/** What a caller says about a new fact: its kind, subject, moment, author and its kind's own fields. */
export type NewFact = Omit<FactDoc, 'id' | 'deviceId' | 'seq'> & { id?: string };

/**
 * The one constructor of a fact: a fresh id (unless given), the writing device, and `seq` 0
 * (only audit entries carry the device's gapless sequence; the audit log numbers those itself).
 */
export function newFact(deviceId: string, fact: NewFact): FactDoc {
  const { id, ...rest } = fact;
  return { ...rest, id: id ?? newId(), deviceId, seq: 0 } as FactDoc;
}
