import type { AppErrorValue } from '../../src-shared/contract/index.js';

/** Field errors of a failed call, by field name, as i18n keys. */
export function fieldErrors(error: AppErrorValue | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error?.details?.fields ?? []) out[f.field] ??= f.problem;
  return out;
}
