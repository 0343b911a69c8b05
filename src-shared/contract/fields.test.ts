import { describe, expect, it } from 'vitest';
import { CONTRACT, fieldErrorsOf, type HandlerName } from './index.js';

function fieldsOf(name: HandlerName, input: unknown) {
  const parsed = CONTRACT[name].input.safeParse(input);
  if (parsed.success) throw new Error(`${name} accepted ${JSON.stringify(input)}`);
  return fieldErrorsOf(parsed.error, input);
}

describe('field errors of refused input', () => {
  it('name every unknown field by its path, also an empty name and one deep inside', () => {
    expect(fieldsOf('orders.confirm', { id: 'x', '': 1, extra: 2 })).toEqual([
      { field: '""', problem: 'validation.unknownField' },
      { field: 'extra', problem: 'validation.unknownField' },
    ]);
    expect(fieldsOf('customers.save', { name: 'A', kind: 'business', paymentTermsDays: 1, billingAddress: { street: 's', postalCode: '50667', city: 'c', floor: 3 } })).toEqual([
      { field: 'billingAddress.floor', problem: 'validation.unknownField' },
    ]);
  });

  it('say "required" only where nothing was given; a value of the wrong type or out of range says so', () => {
    expect(fieldsOf('orders.list', { page: 'zwei', pageSize: 0, search: 7 })).toEqual([
      { field: 'search', problem: 'validation.invalid' },
      { field: 'page', problem: 'validation.invalid' },
      { field: 'pageSize', problem: 'validation.outOfRange', params: { min: 1 } },
    ]);
    expect(fieldsOf('invoices.get', {})).toEqual([{ field: 'id', problem: 'validation.required' }]);
    expect(fieldsOf('invoices.get', 42)).toEqual([{ field: '(input)', problem: 'validation.invalid' }]);
  });
});
