import { describe, expect, it } from 'vitest';
import { EInvoiceDataError } from '../documents/index.js';
import { toErrorValue } from './dispatcher.js';

describe('errors reaching the screen', () => {
  it('name the missing detail of an e-invoice with its own code, without logging an unexpected error', () => {
    const logged: string[] = [];
    const value = toErrorValue(new EInvoiceDataError('seller.phone', 'XRechnung for RE-1: seller.phone is required'), { error: (message) => logged.push(message) });
    expect(value).toEqual({ code: 'EINVOICE_INCOMPLETE', message: 'XRechnung for RE-1: seller.phone is required', details: { field: 'seller.phone' } });
    expect(logged).toEqual([]);
  });

  it('turn anything unexpected into INTERNAL and log it', () => {
    const logged: string[] = [];
    expect(toErrorValue(new TypeError('x is undefined'), { error: (message) => logged.push(message) })).toEqual({ code: 'INTERNAL', message: 'An unexpected error occurred; it has been logged.' });
    expect(logged).toEqual(['Handler failed']);
  });
});
