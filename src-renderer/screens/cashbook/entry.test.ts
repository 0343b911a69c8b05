/** The choices the cash entry form makes on its own. */
import { describe, expect, it } from 'vitest';
import { categoryChoices, freshEntry, invoiceIdOf } from './entry.js';

describe('the cash entry form', () => {
  it('starts income and expense at 19 %, private and transit movements without VAT and with their own category', () => {
    const at = new Date(2026, 10, 27, 14, 5);
    expect(freshEntry('2026-11-27', 'income', at)).toEqual({ date: '2026-11-27', time: '14:05', type: 'income', amount: '', vatRate: '19', category: '', text: '', invoice: '' });
    expect(freshEntry('2026-11-27', 'expense', at)).toMatchObject({ vatRate: '19', category: '' });
    expect(freshEntry('2026-11-27', 'privateWithdrawal', at)).toMatchObject({ vatRate: '0', category: 'Privat' });
    expect(freshEntry('2026-11-27', 'transitOut', at)).toMatchObject({ vatRate: '0', category: 'Geldtransit' });
  });

  it('offers the categories used before first, each once, then the usual ones', () => {
    const choices = categoryChoices(['Porto', 'Tankstelle', '', 'Porto']);
    expect(choices.slice(0, 2)).toEqual(['Porto', 'Tankstelle']);
    expect(choices.filter((c) => c === 'Porto')).toHaveLength(1);
    expect(choices).toContain('Warenverkauf');
  });

  it('finds the open invoice a typed number names, in any case; an unknown number is no invoice at all', () => {
    const open = [{ invoiceId: 'inv-1', number: 'RE-2026-A-000012' }];
    expect(invoiceIdOf(' re-2026-a-000012 ', open)).toBe('inv-1');
    expect(invoiceIdOf('', open)).toBe('');
    expect(invoiceIdOf('RE-2026-A-000013', open)).toBeUndefined();
  });
});
