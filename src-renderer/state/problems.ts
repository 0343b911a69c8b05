/**
 * A field's problem as one string: the i18n key, and after a "?" the values its text names
 * (`validation.tooLarge?max=99999999.99`). Field error maps stay `Record<string, string>`, and
 * the limit travels with the key to wherever the field shows it.
 */
import { formatDate, formatDecimalText } from '../format.js';
import { textOfKey, type Translate } from '../translate.js';

export function encodeProblem(key: string, params?: Record<string, string | number>): string {
  if (!params || Object.keys(params).length === 0) return key;
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
}

/**
 * The problem in the user's language; a limit (`max`, `min`) is written as the language writes
 * numbers. A number out of range names the side it left: `validation.outOfRange_max` ("at most
 * 365") or `_min` (i18next's context), else the general text.
 */
export function problemText(t: Translate, problem: string, language: string): string {
  const at = problem.indexOf('?');
  if (at < 0) return textOfKey(t, problem);
  const params: Record<string, string> = Object.fromEntries(new URLSearchParams(problem.slice(at + 1)));
  for (const name of ['max', 'min', 'terms']) if (params[name] !== undefined) params[name] = formatDecimalText(params[name]!, language);
  // A day the problem names (an ISO date) is written as the language writes dates.
  if (params.date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(params.date)) params.date = formatDate(params.date, language);
  // A unit code is named as the language names it ("C62" → "Stück").
  if (params.unit !== undefined) params.unit = textOfKey(t, `units.${params.unit}`, { defaultValue: params.unit });
  const context = params.max !== undefined ? 'max' : params.min !== undefined ? 'min' : undefined;
  return textOfKey(t, problem.slice(0, at), { ...params, ...(context ? { context } : {}) });
}

/** The i18n key of a problem, without the values it names. */
export function problemKey(problem: string): string {
  const at = problem.indexOf('?');
  return at < 0 ? problem : problem.slice(0, at);
}
