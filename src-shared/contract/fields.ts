import { z } from 'zod';
import { bicProblem, ibanProblem, normalizeBic, normalizeIban } from '../validation/iban.js';
import { normalizeVatId, vatIdProblem } from '../validation/vat-id.js';
import type { FieldError } from './errors.js';

/**
 * What no document can carry (XML refuses it, UTF-8 turns it into U+FFFD): control characters
 * other than tab and line breaks, the noncharacters U+FFFE/U+FFFF, half a surrogate pair.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const printable = (text: string) => !UNPRINTABLE.test(text);

/**
 * Field schemas whose messages are i18n keys (`validation.*`), so the renderer shows each
 * field's problem in the user's language.
 */
export const requiredText = (max: number) =>
  z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong').refine(printable, 'validation.controlCharacters');
export const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong').refine(printable, 'validation.controlCharacters').default('');

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
  .transform((v) => normalizeBic(v))
  .refine((v) => v === '' || !bicProblem(v), 'validation.bic');

/** An e-mail address; a wrong one is named in the problem (in a list the user sees which one). */
export const email = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (v !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) ctx.addIssue({ code: 'custom', message: 'validation.emailAddress', params: { address: v.slice(0, 80) } });
  })
  .refine(printable, 'validation.controlCharacters');

export const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'validation.country');
export const currencyCode = z.enum(['EUR', 'CHF', 'USD', 'GBP', 'PLN', 'CZK', 'DKK', 'SEK', 'NOK'], { message: 'validation.currency' });
export const language = z.enum(['de', 'en'], { message: 'validation.language' });
/** At least 10 characters besides spaces at the start and end (so never only spaces); kept as typed. */
export const password = z
  .string()
  .max(200, 'validation.tooLong')
  .refine((v) => [...v.trim()].length >= 10, 'validation.passwordTooShort');

/**
 * False only for a plain decimal ("-0012.50") with more digits before or after its point than
 * allowed (leading zeros aside): what the books store and compute exactly has bounds.
 */
export function withinDigits(text: string, integer: number, fraction = Infinity): boolean {
  const match = /^-?0*(\d*)(?:\.(\d+))?$/.exec(text);
  return !match || (match[1]!.length <= integer && (match[2] ?? '').length <= fraction);
}

/**
 * zod issues as field errors; problems that are not i18n keys get a generic key. `input`, the
 * value that was parsed, tells a missing value ("required") from one of the wrong type.
 */
export function fieldErrorsOf(error: z.ZodError, input?: unknown): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const field = pathText(issue.path) || '(input)';
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: pathText([...issue.path, key]), problem: 'validation.unknownField' }));
    if (issue.message.startsWith('validation.')) return [{ field, problem: issue.message, ...limitsOf(issue) }];
    if (issue.code === 'invalid_type') return [{ field, problem: valueAt(input, issue.path) === undefined ? 'validation.required' : 'validation.invalid' }];
    const sized = issue.code === 'too_big' || issue.code === 'too_small' ? issue.origin : undefined;
    if (sized === 'number' || sized === 'bigint' || sized === 'date') return [{ field, problem: 'validation.outOfRange', ...limitsOf(issue) }];
    if (issue.code === 'too_big') return [{ field, problem: 'validation.tooLong', ...limitsOf(issue) }];
    if (issue.code === 'too_small') return [{ field, problem: 'validation.required' }];
    return [{ field, problem: 'validation.invalid' }];
  });
}

/**
 * The limit a problem names: a custom issue's `params`, the most characters of a text that is
 * too long, the largest or smallest number allowed.
 */
function limitsOf(issue: z.core.$ZodIssue): { params?: Record<string, string | number> } {
  if (issue.code === 'custom' && issue.params) return { params: issue.params as Record<string, string | number> };
  if (issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === 'number')) return { params: { max: Number(issue.maximum) } };
  if (issue.code === 'too_small' && issue.origin === 'number') return { params: { min: Number(issue.minimum) } };
  return {};
}

/** A field's dotted path; a key without a name shows as "". */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((key) => (key === '' ? '""' : String(key))).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
