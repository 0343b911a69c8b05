import { describe, expect, it } from 'vitest';
import { skontoOf } from './skonto.js';

describe('Skonto', () => {
  it('computes Skonto exactly from the amount due, rounding half up', () => {
    // 468.37 € x 2 % = 9.3674 € -> 9.37 €, leaving 459.00 €.
    expect(skontoOf(46837, '2')).toEqual({ discount: 937, payable: 45900 });
    // 100.50 € x 2.5 % = 2.5125 € -> 2.51 €.
    expect(skontoOf(10050, '2.5')).toEqual({ discount: 251, payable: 9799 });
    // 0.50 € x 3 % = 0.015 € -> 0.02 € (half up, where 0.015 in binary floating point is 0.01499…).
    expect(skontoOf(50, '3')).toEqual({ discount: 2, payable: 48 });
    expect(skontoOf(1, '0.1')).toEqual({ discount: 0, payable: 1 });
  });
});
