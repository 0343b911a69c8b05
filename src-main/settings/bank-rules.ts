/**
 * Pure rules for the company's bank details (IBAN, BIC, bank): who may change them and when a
 * change waits for a second person. No database or clock inside.
 */
import type { Role } from '../../src-shared/contract/index.js';
import { normalizeIban } from '../../src-shared/validation/iban.js';

export type BankDetails = { iban: string; bic: string; bankName: string };

export const BANK_FIELDS = ['iban', 'bic', 'bankName'] as const satisfies readonly (keyof BankDetails)[];

/** Bank details as they are stored and compared: IBAN and BIC without spaces, in capitals. */
export function bankDetailsOf(source: { iban?: string | undefined; bic?: string | undefined; bankName?: string | undefined } | undefined): BankDetails {
  return {
    iban: normalizeIban(source?.iban ?? ''),
    bic: (source?.bic ?? '').replace(/\s+/g, '').toUpperCase(),
    bankName: (source?.bankName ?? '').trim(),
  };
}

/** The bank fields that differ between two sets of bank details. */
export function changedBankFields(from: BankDetails, to: BankDetails): (keyof BankDetails)[] {
  return BANK_FIELDS.filter((field) => from[field] !== to[field]);
}

export function hasBankDetails(details: BankDetails): boolean {
  return BANK_FIELDS.some((field) => details[field] !== '');
}

/**
 * How a save of the company profile treats its bank details:
 * `keep` nothing changes; `refuse` only an admin changes them; `set` the first bank details,
 * which the admin sets alone (no bank details were ever stored); `propose` a change that waits
 * for a second person.
 */
export function bankSaveOf(input: { stored: BankDetails; wanted: BankDetails; pending: BankDetails | null; everProposed: boolean; role: Role }): 'keep' | 'refuse' | 'set' | 'propose' | 'unchanged-proposal' {
  const { stored, wanted, pending, everProposed, role } = input;
  if (!changedBankFields(stored, wanted).length) return 'keep';
  if (role !== 'admin') return 'refuse';
  if (!hasBankDetails(stored) && !everProposed) return 'set';
  if (pending && !changedBankFields(pending, wanted).length) return 'unchanged-proposal';
  return 'propose';
}

/** The second person: an admin or a supervisor, never whoever proposed the change. */
export function mayConfirmBankChange(change: { proposedBy: string }, user: { id: string; role: Role }): boolean {
  return (user.role === 'admin' || user.role === 'supervisor') && user.id !== change.proposedBy;
}

/** The proposer withdraws, or a possible second person rejects. */
export function mayRejectBankChange(change: { proposedBy: string }, user: { id: string; role: Role }): boolean {
  return user.id === change.proposedBy || mayConfirmBankChange(change, user);
}
