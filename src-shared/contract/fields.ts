import { z } from 'zod';
import { ibanProblem, normalizeIban } from '../validation/iban.js';
import { normalizeVatId, vatIdProblem } from '../validation/vat-id.js';
import type { FieldError } from './errors.js';

/**
 * Field schemas whose messages are i18n keys (`validation.*`), so the renderer shows each
 * field's problem in the user's language.
 */
export const requiredText = (max: number) =>
  z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');
export const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong').default('');

export const iban = z
  .string()
  .trim()
  .transform((v) => normalizeIban(v))
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = ibanProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `validation.iban.${problem}` });
  });

export const vatId = z
  .string()
  .trim()
  .transform((v) => normalizeVatId(v))
  .superRefine((value, ctx) => {
    if (value === '') return;
    const problem = vatIdProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `validation.vatId.${problem}` });
  });

export const bic = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .refine((v) => v === '' || /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), 'validation.bic');

export const email = z
  .string()
  .trim()
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'validation.email');

export const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'validation.country');
export const currencyCode = z.enum(['EUR', 'CHF', 'USD', 'GBP', 'PLN', 'CZK', 'DKK', 'SEK', 'NOK'], { message: 'validation.currency' });
export const language = z.enum(['de', 'en'], { message: 'validation.language' });
export const password = z.string().min(10, 'validation.passwordTooShort').max(200, 'validation.tooLong');

/** zod issues as field errors; problems that are not i18n keys get a generic key. */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(input)';
    if (issue.message.startsWith('validation.')) return { field, problem: issue.message };
    if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) return { field, problem: 'validation.required' };
    if (issue.code === 'too_big') return { field, problem: 'validation.tooLong' };
    if (issue.code === 'too_small') return { field, problem: 'validation.required' };
    if (issue.code === 'unrecognized_keys') return { field: field === '(input)' ? String(issue.keys[0]) : field, problem: 'validation.unknownField' };
    return { field, problem: 'validation.invalid' };
  });
}
