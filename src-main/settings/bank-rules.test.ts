import { describe, expect, it } from 'vitest';
import { bankDetailsOf, bankSaveOf, changedBankFields, mayConfirmBankChange, mayRejectBankChange } from './bank-rules.js';

const A = bankDetailsOf({ iban: 'DE89 3704 0044 0532 0130 00', bic: 'cobadeffxxx', bankName: 'Commerzbank ' });
const B = bankDetailsOf({ iban: 'DE02120300000000202051', bic: 'BYLADEM1001', bankName: 'Deutsche Kreditbank' });
const NONE = bankDetailsOf(undefined);

describe('bank details rules', () => {
  it('compare IBAN and BIC without spaces and case', () => {
    expect(A).toEqual({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', bankName: 'Commerzbank' });
    expect(changedBankFields(A, bankDetailsOf({ iban: 'de89370400440532013000', bic: 'COBADEFFXXX', bankName: 'Commerzbank' }))).toEqual([]);
    expect(changedBankFields(A, { ...A, bic: 'BYLADEM1001' })).toEqual(['bic']);
  });

  it('let an admin set the first bank details alone; any later change waits for a second person', () => {
    const save = (over: Partial<Parameters<typeof bankSaveOf>[0]>) => bankSaveOf({ stored: A, wanted: A, pending: null, everProposed: false, role: 'admin', ...over });
    expect(save({})).toBe('keep');
    expect(save({ role: 'bookkeeper' })).toBe('keep');
    expect(save({ stored: NONE, wanted: A })).toBe('set');
    expect(save({ stored: NONE, wanted: A, role: 'bookkeeper' })).toBe('refuse');
    expect(save({ wanted: B, role: 'supervisor' })).toBe('refuse');
    expect(save({ wanted: B })).toBe('propose');
    expect(save({ wanted: B, pending: B })).toBe('unchanged-proposal');
    // Once a change was proposed, emptied bank details are not "the first" again.
    expect(save({ stored: NONE, wanted: B, everProposed: true })).toBe('propose');
  });

  it('leave the confirmation to another admin or a supervisor; the proposer may withdraw', () => {
    const change = { proposedBy: 'anna' };
    expect(mayConfirmBankChange(change, { id: 'anna', role: 'admin' })).toBe(false);
    expect(mayConfirmBankChange(change, { id: 'berta', role: 'admin' })).toBe(true);
    expect(mayConfirmBankChange(change, { id: 'sabine', role: 'supervisor' })).toBe(true);
    expect(mayConfirmBankChange(change, { id: 'bernd', role: 'bookkeeper' })).toBe(false);
    expect(mayRejectBankChange(change, { id: 'anna', role: 'admin' })).toBe(true);
    expect(mayRejectBankChange(change, { id: 'carl', role: 'cashier' })).toBe(false);
  });
});
