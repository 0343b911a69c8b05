/**
 * The largest amounts and quantities the books accept, and the decimal fields bounded by them.
 * A value beyond a bound is refused with the bound in the problem's `params`, so the screen
 * says what the limit is ("at most 99,999,999.99"), never a generic error.
 */
import { z } from 'zod';
import { Decimal } from '../money/decimal.js';

/** Money typed by people: prices, credit limits, payments, allowances (99,999,999.99). */
export const MAX_AMOUNT = '99999999.99';
/** A quantity on one line, received at once or credited (1,000,000 units). */
export const MAX_QUANTITY = '1000000';
/** A dunning fee (1,000.00). */
export const MAX_FEE = '1000.00';
/** Decimals a quantity or unit price may carry (what the books compute exactly). */
export const MAX_DECIMALS = 10;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export type Sign = 'positive' | 'notNegative' | 'nonZero';
type Bound = { max: string; decimals: number; sign: Sign; decimalsProblem?: string };
export type BoundProblem = { problem: string; params?: Record<string, string | number> };

/** What is wrong with a plain decimal text under `bound`, or undefined; compared exactly, never as a float. */
export function boundProblem(text: string, bound: Bound): BoundProblem | undefined {
  if (!PLAIN_DECIMAL.test(text)) return { problem: 'validation.decimal' };
  const value = new Decimal(text);
  if (bound.sign === 'positive' && !value.gt(0)) return { problem: 'validation.positive' };
  if (bound.sign === 'notNegative' && value.isNegative() && !value.isZero()) return { problem: 'validation.notNegative' };
  if (bound.sign === 'nonZero' && value.isZero()) return { problem: 'validation.nonZero' };
  if (value.abs().gt(bound.max)) return { problem: bound.sign === 'nonZero' ? 'validation.beyondLimit' : 'validation.tooLarge', params: { max: bound.max } };
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > bound.decimals) return { problem: bound.decimalsProblem ?? 'validation.tooManyDecimals', params: { max: bound.decimals } };
  return undefined;
}

/** A decimal typed with a point or a comma ("18,90"), checked against `bound`; the output is plain ("18.90"). */
export function boundedDecimal(bound: Bound) {
  return z
    .string()
    .trim()
    .transform((v) => v.replace(',', '.'))
    .superRefine((value, ctx) => {
      const found = boundProblem(value, bound);
      if (found) ctx.addIssue({ code: 'custom', message: found.problem, ...(found.params ? { params: found.params } : {}) });
    });
}

/** A line's quantity: above 0, at most 1,000,000. */
export const quantityText = boundedDecimal({ max: MAX_QUANTITY, decimals: MAX_DECIMALS, sign: 'positive' });
/** Goods received (positive) or a correction (negative): not 0, within ±1,000,000. */
export const stockQuantityText = boundedDecimal({ max: MAX_QUANTITY, decimals: MAX_DECIMALS, sign: 'nonZero' });
/** A unit price: 0 or more, at most 99,999,999.99, with as many decimals as the books keep. */
export const priceText = boundedDecimal({ max: MAX_AMOUNT, decimals: MAX_DECIMALS, sign: 'notNegative' });
/** An amount of money: 0 or more, at most 99,999,999.99, two decimals at most. */
export const amountText = boundedDecimal({ max: MAX_AMOUNT, decimals: 2, sign: 'notNegative', decimalsProblem: 'validation.amount' });
/** A payment: above 0, at most 99,999,999.99, two decimals at most. */
export const paymentAmountText = boundedDecimal({ max: MAX_AMOUNT, decimals: 2, sign: 'positive', decimalsProblem: 'validation.amount' });
/** A dunning fee: 0 or more, at most 1,000.00. */
export const feeText = boundedDecimal({ max: MAX_FEE, decimals: 2, sign: 'notNegative', decimalsProblem: 'validation.amount' });
